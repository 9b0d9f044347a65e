"""The postal page's import button on a file out of bounds: refused at once, the message naming
the file, line and column once, nothing written."""

from __future__ import annotations

from openpyxl import Workbook

from tests.gui.test_postal_page import wait
from tests.helpers import dump_ctx


def test_a_status_file_out_of_bounds_is_refused_naming_file_line_and_column(ctx, qtbot, tmp_path):
    from onestop.ui.postal import PostalPage

    path = tmp_path / "far.xlsx"
    workbook = Workbook()
    workbook.active.append(["consignment", "outcome", "at"])
    workbook.active["XFD1048576"] = "x"
    workbook.save(path)
    ctx.role = "postal"
    w = PostalPage(ctx)
    qtbot.addWidget(w)
    w.show()
    wait(qtbot)
    before = dump_ctx(ctx)
    w.files.import_from(path)
    wait(qtbot)
    text = w.message.text()
    assert text.startswith("XFD: tệp far.xlsx, dòng 1048576: ô XFD1048576"), text
    assert text.count("far.xlsx") == 1
    assert dump_ctx(ctx) == before
