"""Issue 14 in the window: the case is asked right after the procedure (a combo shown only for a
procedure with cases, focused once the procedure is picked, its time and fee used for the due
date), and Ctrl+D ticks the required documents only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from onestop.services import dossiers
from tests.gui.conftest import ctrl_enter, sign_in, type_text, wait_ops
from tests.helpers import dump_ctx

PERMIT = "1.013225"
WORKS = "Công trình cấp III, cấp IV"


def pick(qtbot, picker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.key == text


def reception(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    return main, page


def ticked(page) -> list[str]:
    items = [page.documents.item(i) for i in range(page.documents.count())]
    return [
        i.data(Qt.ItemDataRole.UserRole)["name"]
        for i in items
        if i.checkState() == Qt.CheckState.Checked
    ]


def test_the_case_is_asked_after_the_procedure_and_sets_the_due_date(qtbot, shell, ctx):
    main, page = reception(qtbot, shell)
    pick(qtbot, page.procedure, "1.012812")  # land mediation: 30 calendar days, no cases
    assert page.case.isHidden()  # no cases: nothing to ask
    assert "30 ngày ·" in page.fee.text()
    expected = ctx.calendar.due(ctx.clock(), days=30, calendar_days=True).due_at
    assert expected.strftime("%d/%m/%Y") in page.due.text()
    page.procedure.clear_pick()
    pick(qtbot, page.procedure, PERMIT)
    assert page.case.isVisible()
    # Focus went to the case, which the clerk chooses from the keyboard.
    assert QApplication.focusWidget() is page.case
    assert page.case.currentData() is None
    qtbot.keyClick(page.case, Qt.Key.Key_Down)
    qtbot.keyClick(page.case, Qt.Key.Key_Down)
    assert page.case.currentData() == WORKS
    expected = ctx.calendar.due(ctx.clock(), days=20).due_at
    assert expected.strftime("%d/%m/%Y") in page.due.text()
    assert "20 ngày làm việc" in page.fee.text() and "150.000" in page.fee.text()

    # Ctrl+D ticks the required documents only: the conditional ones stay unticked.
    qtbot.keyClick(page.case, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    proc = page.procedures[PERMIT]
    required = [d["name"] for d in proc.documents if d.get("required", True)]
    assert ticked(page) == required
    assert "Văn bản ủy quyền" not in ticked(page)
    assert page.missing() == []
    type_text(page.name, "Trần Thị Xưởng")
    ctrl_enter(qtbot, page.name)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=15000)
    stored = dossiers.show(ctx, page.last_code)
    assert stored.case_name == WORKS
    assert stored.processing_days == 20 and stored.fee == 150000
    assert [d.name for d in stored.documents] == required
    assert all(set(d.stored) == {"name", "kind", "count"} for d in stored.documents)
    # The next applicant: the combo goes with the procedure.
    assert page.case.isHidden()


def test_no_case_chosen_is_shown_at_the_combo_and_nothing_is_stored(qtbot, shell, ctx):
    main, page = reception(qtbot, shell)
    pick(qtbot, page.procedure, PERMIT)
    page.tick_all()
    type_text(page.name, "Lê Văn Tám")
    before = dump_ctx(ctx)
    ctrl_enter(qtbot, page.name)
    wait_ops(qtbot)
    assert page.case_error.isVisible()
    assert "trường hợp" in page.case_error.text()
    assert QApplication.focusWidget() is page.case
    assert main.last_preview is None
    assert dump_ctx(ctx) == before
    # Choosing one clears the message.
    page.case.setCurrentIndex(1)
    assert not page.case_error.isVisible()
