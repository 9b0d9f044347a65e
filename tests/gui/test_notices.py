"""Messages are shown whole (issue 15): the main window's notification area carries the full
text of a long message (a saved file's path no longer ends in "…"), and for a file written
"Mở thư mục" opens the folder that holds it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from onestop.services import forms
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.ui import notices
from tests.gui.conftest import sign_in, wait_ops


def test_a_printed_file_is_named_whole_and_its_folder_opens(qtbot, shell, ctx, monkeypatch):
    counter = Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")
    code = receive(counter, ReceiveRequest("1.001193", "Lê Văn An")).code
    main = sign_in(qtbot, shell, "can.bo")
    main.resize(900, 600)  # narrower than the path: the status bar used to cut it
    preview = main.preview_pdf(forms.receipt_pdf(ctx, code), "Giấy tiếp nhận", f"receipt-{code}")
    qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: main.notice.isVisible(), timeout=10000)
    written = sorted(shell.printed.glob("*.pdf"))
    assert len(written) == 1
    text = main.notice.label.text()
    assert str(written[0]) in text and "…" not in text
    assert main.notice.label.wordWrap()
    assert main.notice.open_button.isVisible()
    opened = []

    class Desktop:
        @staticmethod
        def openUrl(url) -> bool:
            opened.append(url.toLocalFile())
            return True

    monkeypatch.setattr(notices, "QDesktopServices", Desktop)
    qtbot.mouseClick(main.notice.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(written[0].parent)]


def test_an_error_stays_whole_without_a_folder_button(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    long = "Không kết nối được máy chủ trung tâm " + "rất " * 60 + "lâu"
    main.report(long, False)
    assert main.notice.isVisible() and main.notice.label.text() == long
    assert not main.notice.open_button.isVisible()
    assert main.notice.timer.interval() == notices.ERROR_MS  # an error stays longer
    qtbot.mouseClick(main.notice.close_button, Qt.MouseButton.LeftButton)
    assert not main.notice.isVisible()
    main.report("Đã đổi mật khẩu", True)
    assert main.notice.timer.interval() == notices.OK_MS
    assert not main.notice.open_button.isVisible()
