"""``onestop --smoke``: the real window starts, the first demo account is chosen on the sign-in
window as a person would choose it, the main window shows, and the program quits with 0; or with
1 and the reason on stderr. It tells an installed program that cannot sign anyone in (a module
missing from the bundle, a store it cannot open) from one that works, without a person at it.
Needs a demo store (``onestop init --demo``)."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from . import ops
from .common import ERROR_STYLE

TIMEOUT_S = 90.0
TICK_MS = 100


class Smoke(QObject):
    """Watches the shell (onestop.ui.app.Shell) on a timer and moves it on, one step a tick."""

    def __init__(self, shell: Any, timeout_s: float = TIMEOUT_S) -> None:
        super().__init__(shell)
        self.shell = shell
        self.started = time.monotonic()
        self.deadline = self.started + timeout_s
        self.chosen: str | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(TICK_MS)

    def _tick(self) -> None:
        signin = self.shell.signin
        main = self.shell.main
        failed = signin.message.styleSheet() == ERROR_STYLE and signin.message.text()
        if main is not None and main.isVisible():
            if ops.tracker().count == 0:  # the first page has loaded
                self._finish(0, {"ok": True, "user": self.chosen, "window": main.windowTitle()})
        elif failed:
            self._finish(1, {"ok": False, "error": signin.message.text()})
        elif time.monotonic() > self.deadline:
            self._finish(1, {"ok": False, "error": "hết thời gian chờ / timed out"})
        elif self.chosen is None and signin.ctx is not None:
            self._choose(signin)

    def _choose(self, signin: Any) -> None:
        if not signin.ctx.settings.demo:
            error = "--smoke cần kho trình diễn (onestop init --demo) / needs a demo store"
            self._finish(1, {"ok": False, "error": error})
            return
        if signin.demo_list.count() == 0:
            return  # the demo accounts are being listed
        item = signin.demo_list.item(0)
        self.chosen = item.text().split()[0]
        signin.demo_list.setCurrentItem(item)
        signin.demo_list.itemActivated.emit(item)

    def _finish(self, code: int, result: dict[str, Any]) -> None:
        self.timer.stop()
        result["seconds"] = round(time.monotonic() - self.started, 2)
        stream = sys.stdout if code == 0 else sys.stderr
        if stream is not None:  # a windowed executable on Windows has no console
            stream.write(json.dumps(result, ensure_ascii=False) + "\n")
            stream.flush()
        QApplication.instance().exit(code)
