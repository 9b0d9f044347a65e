"""The main window's sync with the central database: the status bar's sync field refreshed from
the local store every 30 s, and, when a central database is configured, a sync round in the
background every 5 minutes and on F9 (the counter never waits for it). Everything it runs goes
through onestop.ui.operations.sync on a worker thread; a round that pulled changes broadcasts
them there, so open pages refresh themselves.

Its texts keep the main window's translation context ("MainWindow"), where they were written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit

from .common import error_text, translate, when
from .operations import sync as sync_ops

if TYPE_CHECKING:
    from onestop.services.sync import SyncReport

    from .main_window import MainWindow


class SyncController(QObject):
    STATUS_MS = 30_000
    EVERY_MS = 300_000

    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.status: dict[str, Any] | None = None
        self.syncing = False
        # Without a keyring the password typed once lives in this process's memory only, so
        # the background rounds do not ask every five minutes; it is never written anywhere.
        self._central_password: str | None = None
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh)
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(lambda: self.sync_now(quiet=True))

    def start(self) -> None:
        self._status_timer.start(self.STATUS_MS)
        self._sync_timer.start(self.EVERY_MS)
        self.refresh()

    def refresh(self) -> None:
        """Read the sync status on a worker and show it in the status bar."""
        sync_ops.status(self.host, self.host.ctx).on_done(self._show_status).on_error(
            lambda e: self.host.set_sync_state(
                translate("MainWindow", "không đọc được trạng thái ({0})").format(e)
            )
        ).start()

    def _show_status(self, st: dict[str, Any]) -> None:
        self.status = st
        if not st.get("configured"):
            self.host.set_sync_state(translate("MainWindow", "chưa cấu hình máy chủ trung tâm"))
            return
        parts = []
        if self.syncing:
            parts.append(translate("MainWindow", "đang đồng bộ…"))
        elif st.get("last_error"):
            parts.append(translate("MainWindow", "lỗi, sẽ thử lại"))
        if st.get("last_sync_at"):
            parts.append(translate("MainWindow", "lần cuối {0}").format(when(st["last_sync_at"])))
        else:
            parts.append(translate("MainWindow", "chưa đồng bộ lần nào"))
        parts.append(translate("MainWindow", "{0} sự kiện chờ gửi").format(st.get("pending", 0)))
        self.host.set_sync_state(" · ".join(parts))
        if st.get("last_error"):
            self.host.sync_label.setToolTip(str(st["last_error"]))

    def sync_now(self, quiet: bool = False, password: str | None = None) -> None:
        """One sync round on a worker (F9, and every 5 minutes when configured)."""
        if self.syncing:
            return
        if quiet and not (self.status or {}).get("configured"):
            return
        self.syncing = True
        if self.status is not None:
            self._show_status(self.status)
        typed = password or self._central_password

        def done(report: SyncReport) -> None:
            self.syncing = False
            if not report.ok and report.error_kind == "credentials" and not quiet:
                entered = self._ask_central_password(report.error or "")
                if entered:
                    self._central_password = entered
                    self.sync_now(password=entered)
                    return
            if not quiet or not report.ok:
                if report.ok:
                    self.host.report(
                        translate("MainWindow", "Đã đồng bộ: gửi {0}, nhận {1} sự kiện").format(
                            report.pushed, report.pulled
                        ),
                        True,
                    )
                else:
                    self.host.report(
                        translate("MainWindow", "Chưa đồng bộ được: {0}").format(report.error),
                        False,
                    )
            self.refresh()

        def failed(error: BaseException) -> None:
            self.syncing = False
            self.host.report(error_text(error), False)
            self.refresh()

        sync_ops.run(self.host, self.host.ctx, typed).on_done(done).on_error(failed).start()

    def _ask_central_password(self, why: str) -> str | None:
        """Ask for the central database's password (the sync worker cannot show a dialog)."""
        text = why + "\n\n"
        if not sync_ops.keyring_available():
            text += sync_ops.no_keyring_text() + "\n\n"
        text += translate("MainWindow", "Mật khẩu máy chủ trung tâm:")
        value, ok = QInputDialog.getText(
            self.host, translate("MainWindow", "Đồng bộ"), text, QLineEdit.EchoMode.Password
        )
        return value if ok and value else None
