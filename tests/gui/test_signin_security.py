"""The sign-in window and security: it says when the data folder's rights were tightened, and
it refuses an account locked after repeated wrong passwords, saying until when, while the
administrator can lift the lock from the accounts page."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from onestop.ui import ops
from tests.gui.conftest import sign_in, wait_ops


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_sign_in_window_says_the_data_folders_rights_were_tightened(qtbot, tmp_path):
    from onestop.store.db import STORE_FILE
    from onestop.ui.app import Shell

    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    (folder / STORE_FILE).touch()
    os.chmod(folder / STORE_FILE, 0o644)
    shell = Shell(QApplication.instance(), folder)
    try:
        shell.start()
        qtbot.waitExposed(shell.signin)
        notice = shell.signin.notice
        assert notice.isVisible() and "quyền" in notice.text() and str(folder) in notice.text()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / STORE_FILE).stat().st_mode) == 0o600
        qtbot.waitUntil(lambda: shell.signin.ctx is not None, timeout=60000)
    finally:
        wait_ops(qtbot, 60000)
        for w in QApplication.topLevelWidgets():
            w.close()
        if shell.signin.ctx is not None:
            shell.signin.ctx.store.close()
        ops.set_default_error_handler(None)


def _type_and_submit(qtbot, signin, username: str, password: str) -> None:
    signin.username.clear()
    signin.password.clear()
    qtbot.keyClicks(signin.username, username)
    qtbot.keyClicks(signin.password, password)
    signin.message.setText("")
    qtbot.keyClick(signin.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not signin.busy and signin.message.text() != "", timeout=15000)


def test_five_wrong_passwords_lock_the_account_and_the_window_says_until_when(qtbot, shell):
    signin = shell.signin
    for _ in range(4):
        _type_and_submit(qtbot, signin, "can.bo", "sai-mat-khau")
        assert "Sai tên đăng nhập hoặc mật khẩu" in signin.message.text()
    _type_and_submit(qtbot, signin, "can.bo", "sai-mat-khau")
    # The test's clock stands at 16/11/2026 09:05:00: locked for 30 s.
    assert "tạm khóa" in signin.message.text() and "09:05:30" in signin.message.text()
    # The right password is refused too while the lock lasts.
    _type_and_submit(qtbot, signin, "can.bo", "demo1234")
    assert "tạm khóa" in signin.message.text() and "16/11/2026" in signin.message.text()
    assert shell.main is None and signin.isVisible()


def test_the_administrator_lifts_the_lock_from_the_accounts_page(qtbot, shell, ctx):
    from onestop.services import users

    for _ in range(5):
        with pytest.raises(users.InputError):
            users.authenticate(ctx, "lanh.dao", "sai-mat-khau")
    main = sign_in(qtbot, shell, "quan.tri")
    page = main.show_page("users")
    qtbot.waitUntil(lambda: page.list.topLevelItemCount() == 4, timeout=10000)
    rows = {
        page.list.topLevelItem(i).text(0): page.list.topLevelItem(i)
        for i in range(page.list.topLevelItemCount())
    }
    assert "Tạm khóa đăng nhập đến 09:05:30" in rows["lanh.dao"].text(3)
    page.list.setCurrentItem(rows["lanh.dao"])
    qtbot.mouseClick(page.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã gỡ tạm khóa" in page.message.text(), timeout=10000)
    qtbot.waitUntil(
        lambda: any(
            page.list.topLevelItem(i).text(0) == "lanh.dao"
            and page.list.topLevelItem(i).text(3) == "Hoạt động"
            for i in range(page.list.topLevelItemCount())
        ),
        timeout=10000,
    )
    main.sign_out()
    main = sign_in(qtbot, shell, "lanh.dao")
    assert main.ctx.role == "supervisor"
