"""GUI test fixtures: the real application shell on the test's real store, printing to PDF files,
typing helpers (QTest cannot type Vietnamese letters: they are sent as key events with text, as an
input method does)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from onestop.ui import ops
from onestop.ui.common import install_language


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, Vietnamese letters included."""
    app = QApplication.instance()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def ctrl_enter(qtbot: Any, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def wait_ops(qtbot: Any, timeout: int = 15000) -> None:
    qtbot.waitUntil(lambda: ops.tracker().count == 0, timeout=timeout)


@pytest.fixture
def shell(qtbot, ctx, tmp_path: Path) -> Iterator[Any]:
    """The application on the test's store (demo office, demo accounts, fixed clock)."""
    from onestop.ui.app import Shell
    from onestop.ui.signin import prepare

    prepare(ctx, warm=False)
    app = QApplication.instance()
    s = Shell(app, tmp_path / "ui", ctx=ctx)
    s.settings.setValue("printing/pdf_folder", str(tmp_path / "printed"))
    s.printed = tmp_path / "printed"
    s.start()
    qtbot.waitExposed(s.signin)
    yield s
    wait_ops(qtbot)
    for w in QApplication.topLevelWidgets():
        w.close()
    wait_ops(qtbot)
    ops.set_default_error_handler(None)
    install_language(app, "vi")


def sign_in(qtbot: Any, shell: Any, username: str, password: str = "demo1234") -> Any:
    signin = shell.signin
    signin.username.clear()
    signin.password.clear()
    qtbot.keyClicks(signin.username, username)
    qtbot.keyClick(signin.username, Qt.Key.Key_Return)
    qtbot.keyClicks(signin.password, password)
    qtbot.keyClick(signin.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.main is not None and shell.main.isVisible(), timeout=15000)
    wait_ops(qtbot)
    return shell.main
