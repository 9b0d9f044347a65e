"""The sign-in window and security: it says when the data folder's rights were tightened, and
it refuses an account locked after repeated wrong passwords, saying until when, while the
administrator can lift the lock from the accounts page."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QApplication

from onestop.ui import ops
from tests.gui.conftest import wait_ops


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
