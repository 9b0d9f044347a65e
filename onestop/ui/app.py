"""Starts the desktop client: the Qt application, the sign-in window (shown before the store and
the heavy libraries load), then the main window for the signed-in person.

Start-up order matters (see tests/benchmarks/bench_gui_startup.py): only PySide6's core modules
are imported before the sign-in window shows; SQLAlchemy, Alembic, reportlab and QtPdf load on a
worker thread while the person types their name.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from onestop.resources import resource

from . import ops
from .common import data_dir as resolve_data_dir
from .common import ensure_vietnamese_font, install_language, later, ui_settings
from .operations.files import secure_folder
from .signin import SignInWindow

if TYPE_CHECKING:
    from onestop.services.accounts import Account

# Set by the start-up benchmark: print the time the sign-in window first painted, then quit.
PROBE_ENV = "ONESTOP_STARTUP_PROBE"


class Shell(QObject):
    """Switches between the sign-in window and the main window; owns the UI settings."""

    def __init__(self, app: QApplication, data_dir: Path, ctx: Any = None) -> None:
        super().__init__()

        self.app = app
        self.data_dir = data_dir
        # Before anything is written there: a folder found readable by others is tightened,
        # and the sign-in window says so.
        self.notice = secure_folder(data_dir)
        self.settings = ui_settings(data_dir)
        self.language = install_language(app, str(self.settings.value("ui/language", "vi")))
        self.main: Any = None
        self.person: Account | None = None
        self.signin = self._make_signin(ctx)

    def _make_signin(self, ctx: Any = None) -> SignInWindow:
        window = SignInWindow(self.data_dir, self.settings, ctx)
        if self.notice:
            window.show_notice(self.notice)
        window.signed_in.connect(self._signed_in)
        window.language_changed.connect(self._language_at_signin)
        return window

    def start(self) -> None:
        # The store and the heavy imports load once the window has painted, while the person
        # types: a worker importing SQLAlchemy before that would hold the GIL the first paint
        # needs. The timer covers a window that never paints (minimised, no compositor).
        self._after_paint = _AfterFirstPaint(self.signin, self.signin.start_loading)
        later(1000, self.signin.start_loading, self.signin)
        self.signin.show()

    def _signed_in(self, ctx: Any, person: Account) -> None:
        from .main_window import MainWindow

        self.person = person
        self.main = MainWindow(ctx, person, self.settings, self.data_dir)
        self.main.signed_out.connect(self._signed_out)
        self.main.language_changed.connect(self._language_in_main)
        self.main.show()
        self.signin.hide()

    def _signed_out(self) -> None:
        self.signin.reset()
        self.signin.show()
        self.main = None

    def _set_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        self.language = install_language(self.app, code)

    def _language_at_signin(self, code: str) -> None:
        if code == self.language:
            return
        self._set_language(code)
        old = self.signin
        self.signin = self._make_signin(old.ctx)
        self.signin.username.setText(old.username.text())
        self.signin.move(old.pos())
        if old.ctx is None:
            self.signin.start_loading()
        self.signin.show()
        old.hide()
        old.deleteLater()

    def _language_in_main(self, code: str) -> None:
        from .main_window import MainWindow

        if code == self.language or self.main is None:
            return
        self._set_language(code)
        old = self.main
        old.save_layout()
        self.main = MainWindow(old.ctx, self.person, self.settings, self.data_dir)
        self.main.signed_out.connect(self._signed_out)
        self.main.language_changed.connect(self._language_in_main)
        self.main.show()
        old._leaving = True
        old.close()
        old.deleteLater()


class _AfterFirstPaint(QObject):
    """Calls ``then`` on the event loop's next turn after ``widget`` first painted."""

    def __init__(self, widget: QObject, then: Any) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            later(0, self.then, self)
        return False


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            sys.stdout.write(f"shown {time.monotonic():.6f}\n")
            sys.stdout.flush()
            later(0, QApplication.instance().quit, self)
            watched.removeEventFilter(self)
        return False


def run(data_dir: Path | None = None, smoke: bool = False) -> int:
    """Entry point of ``onestop`` without a command (``smoke``: onestop.ui.smoke)."""
    folder = resolve_data_dir(data_dir)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("onestop")
    app.setApplicationDisplayName("onestop")
    app.setOrganizationName("onestop")
    ensure_vietnamese_font(app)
    app.setWindowIcon(QIcon(str(resource("icons", "onestop.png"))))
    shell = Shell(app, folder)
    probe = _FirstPaint() if os.environ.get(PROBE_ENV) else None
    if probe is not None:
        shell.signin.installEventFilter(probe)
    shell.start()
    if smoke:
        from .smoke import Smoke

        shell.smoke = Smoke(shell)
    code = app.exec()
    ops.wait_all(15000)
    ctx = shell.signin.ctx
    if ctx is not None:
        ctx.store.close()
    return code
