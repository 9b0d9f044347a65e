"""The main window after sign-in: the pages the signed-in role may use (and no others), menus with
a key for every action, and the status bar (person, workstation, store, sync)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from . import ops
from .common import LANGUAGES, error_text, later, role_label, when

STATUS_STYLE = "QStatusBar QLabel { padding: 0 6px; border-left: 1px solid #c8c8c8; }"


def _pages() -> list[tuple[str, str, str, str]]:
    """(key, action the role needs, tab title, key to open it)."""
    return [
        ("reception", "receive", QCoreApplication.translate("MainWindow", "Tiếp nhận"), "F2"),
        ("return", "return", QCoreApplication.translate("MainWindow", "Trả kết quả"), "F3"),
        ("search", "search", QCoreApplication.translate("MainWindow", "Tra cứu"), "F4"),
        ("log", "daily_log", QCoreApplication.translate("MainWindow", "Sổ theo dõi"), "F6"),
        ("postal", "postal", QCoreApplication.translate("MainWindow", "Bưu chính"), "F7"),
        ("users", "users", QCoreApplication.translate("MainWindow", "Tài khoản"), "F8"),
    ]


class MissingPage(QWidget):
    """Stands in for a page whose module is not part of this build yet."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)


class MainWindow(QMainWindow):
    signed_out = Signal()
    language_changed = Signal(str)

    def __init__(
        self,
        ctx: Any,
        person: dict[str, Any],
        settings: QSettings,
        data_dir: Path,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.person = person
        self.settings = settings
        self.data_dir = data_dir
        self.messages: list[tuple[str, bool]] = []
        self.dossier_windows: list[QWidget] = []
        self.last_preview: QWidget | None = None
        office = ctx.settings
        self.setWindowTitle(
            self.tr("onestop · {0} · {1}").format(
                office.agency_name.title(), office.workstation_name
            )
        )
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.pages: dict[str, QWidget] = {}
        self._build_pages()
        self._build_menus()
        self._build_status_bar()
        ops.set_default_error_handler(lambda e: self.report(error_text(e), False))
        self._start_sync_watch()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        last = settings.value("main/page", "")
        if last in self.page_keys:
            self.tabs.setCurrentWidget(self._holders[str(last)])
        # The window first shows with its frame, menus and status bar; the current page is built
        # on the next turn of the event loop: two short stretches on the GUI thread, not one long.
        self._building = True
        later(0, self._build_current, self)

    def _build_current(self) -> None:
        self._building = False
        self._tab_changed(self.tabs.currentIndex())

    # --- pages -------------------------------------------------------------------------------

    def _may(self, action: str) -> bool:
        from onestop.services.users import may

        return may(self.ctx.role, action)

    def _make_page(self, key: str) -> QWidget:
        if key == "reception":
            from .reception_page import ReceptionPage

            return ReceptionPage(self)
        if key == "return":
            from .return_page import ReturnPage

            return ReturnPage(self)
        if key == "search":
            from .search_page import SearchPage

            return SearchPage(self)
        if key == "log":
            from .daily_log_page import DailyLogPage

            return DailyLogPage(self)
        if key == "users":
            from .users_page import UsersPage

            return UsersPage(self)
        if key == "postal":
            try:
                from .postal_page import PostalPage
            except ImportError:
                return MissingPage(self.tr("Trang bưu chính chưa có trong phiên bản này."), self)
            return PostalPage(self.ctx, self)
        raise KeyError(key)

    def _build_pages(self) -> None:
        """A tab per page the role may use; each page is built the first time it shows, so that
        signing in does not hold the GUI thread building pages nobody looked at yet."""
        self.page_actions: dict[str, QAction] = {}
        self.page_keys: list[str] = []
        self._holders: dict[str, QWidget] = {}
        for key, action, title, shortcut in _pages():
            if key == "return":
                allowed = self._may("return") or self._may("result_ready")
            else:
                allowed = self._may(action)
            if not allowed:
                continue
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            self._holders[key] = holder
            self.page_keys.append(key)
            self.tabs.addTab(holder, f"{title} ({shortcut})")
            act = QAction(title, self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _c=False, k=key: self.show_page(k))
            self.page_actions[key] = act
        self.tabs.currentChanged.connect(self._tab_changed)

    def _tab_changed(self, index: int) -> None:
        if getattr(self, "_building", True):
            return
        if 0 <= index < len(self.page_keys):
            self.page(self.page_keys[index])

    def page(self, key: str) -> QWidget:
        """The page, built now if it was not yet."""
        page = self.pages.get(key)
        if page is None:
            page = self._make_page(key)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self._holders[key].layout().addWidget(page)
        return page

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.tabs.setCurrentWidget(self._holders[key])
        return page

    def current_page_key(self) -> str | None:
        index = self.tabs.currentIndex()
        return self.page_keys[index] if 0 <= index < len(self.page_keys) else None

    # --- menus -------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        system = bar.addMenu(self.tr("&Hệ thống"))
        self._action(system, self.tr("Đổi &mật khẩu…"), None, self.change_password)
        self._action(system, self.tr("&Máy in…"), None, self.printer_settings)
        if self._may("users"):
            self._action(system, self.tr("&Cài đặt cơ quan…"), None, self.office_settings)
        language = system.addMenu(self.tr("&Ngôn ngữ / Language"))
        group = QActionGroup(self)
        current = str(self.settings.value("ui/language", "vi"))
        for code, name in LANGUAGES.items():
            act = language.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == current)
            group.addAction(act)
            act.triggered.connect(lambda _c=False, c=code: self.language_changed.emit(c))
        self.sync_action = self._action(system, self.tr("Đồng bộ &ngay"), "F9", self.sync_now)
        system.addSeparator()
        self._action(system, self.tr("Đăng &xuất"), "Ctrl+Shift+L", self.sign_out)
        self._action(system, self.tr("&Thoát"), "Ctrl+Q", self.close)
        pages = bar.addMenu(self.tr("&Trang"))
        for act in self.page_actions.values():
            pages.addAction(act)
        help_menu = bar.addMenu(self.tr("Trợ &giúp"))
        self._action(help_menu, self.tr("&Phím tắt"), "F1", self.show_keys)
        self._action(help_menu, self.tr("&Giới thiệu"), None, self.about)

    def _action(
        self, menu: Any, text: str, shortcut: str | None, slot: Callable[[], Any]
    ) -> QAction:
        act = menu.addAction(text)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _c=False: slot())
        return act

    # --- status bar --------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        office = self.ctx.settings
        self.person_label = QLabel(
            self.tr("{0} · {1}").format(self.person["full_name"], role_label(self.person["role"])),
            self,
        )
        self.workstation_label = QLabel(
            self.tr("{0} · {1}").format(office.workstation_name, office.agency_code), self
        )
        dialect = getattr(self.ctx.store, "dialect", "sqlite")
        self.store_label = QLabel(
            self.tr("Kho dữ liệu: {0} · sẵn sàng").format(
                self.tr("cục bộ") if dialect == "sqlite" else dialect
            ),
            self,
        )
        self.sync_label = QLabel(self.tr("Đồng bộ: chưa cấu hình"), self)
        self.busy_label = QLabel(self.tr("Đang xử lý…"), self)
        self.busy_label.setVisible(False)
        if office.demo:
            demo = QLabel(self.tr("CHẾ ĐỘ TRÌNH DIỄN"), self)
            demo.setStyleSheet("color: #b36b00; font-weight: bold;")
            bar.addPermanentWidget(demo)
        for w in (
            self.busy_label,
            self.person_label,
            self.workstation_label,
            self.store_label,
            self.sync_label,
        ):
            # May shrink on a small screen (the full text is in the tooltip) instead of setting
            # the window's minimum width.
            w.setMinimumWidth(40)
            w.setToolTip(w.text())
            bar.addPermanentWidget(w)
        # Thin separators between the status bar's fields.
        bar.setStyleSheet(STATUS_STYLE)
        ops.tracker().busy_changed.connect(self._busy)

    def _busy(self, count: int) -> None:
        self.busy_label.setVisible(count > 0)

    def set_sync_state(self, text: str) -> None:
        """For the sync engine: what the status bar says about replication (GUI thread)."""
        self.sync_label.setText(self.tr("Đồng bộ: {0}").format(text))
        self.sync_label.setToolTip(self.sync_label.text())

    # --- sync with the central database (onestop.sync) ---------------------------------------

    SYNC_STATUS_MS = 30_000
    SYNC_EVERY_MS = 300_000

    def _start_sync_watch(self) -> None:
        """The status bar's sync field is refreshed from the local store every 30 s; when a
        central database is configured, the workstation syncs every 5 minutes in the
        background (the counter never waits for it) and on F9."""
        self.sync_status: dict[str, Any] | None = None
        self.syncing = False
        self._central_password: str | None = None
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_sync_state)
        self._status_timer.start(self.SYNC_STATUS_MS)
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(lambda: self.sync_now(quiet=True))
        self._sync_timer.start(self.SYNC_EVERY_MS)
        self.refresh_sync_state()

    def refresh_sync_state(self) -> None:
        def status(c: Any) -> dict[str, Any]:
            from onestop import sync

            return sync.status(c)

        ops.Op(status, ctx=self.ctx, parent=self).on_done(self._show_sync_status).on_error(
            lambda e: self.set_sync_state(self.tr("không đọc được trạng thái ({0})").format(e))
        ).start()

    def _show_sync_status(self, st: dict[str, Any]) -> None:
        self.sync_status = st
        if not st.get("configured"):
            self.set_sync_state(self.tr("chưa cấu hình máy chủ trung tâm"))
            return
        parts = []
        if self.syncing:
            parts.append(self.tr("đang đồng bộ…"))
        elif st.get("last_error"):
            parts.append(self.tr("lỗi, sẽ thử lại"))
        if st.get("last_sync_at"):
            parts.append(self.tr("lần cuối {0}").format(when(st["last_sync_at"])))
        else:
            parts.append(self.tr("chưa đồng bộ lần nào"))
        parts.append(self.tr("{0} sự kiện chờ gửi").format(st.get("pending", 0)))
        self.set_sync_state(" · ".join(parts))
        if st.get("last_error"):
            self.sync_label.setToolTip(str(st["last_error"]))

    def sync_now(self, quiet: bool = False, password: str | None = None) -> None:
        """One sync round on a worker (F9, and every 5 minutes when configured)."""
        if self.syncing:
            return
        if quiet and not (self.sync_status or {}).get("configured"):
            return
        self.syncing = True
        if self.sync_status is not None:
            self._show_sync_status(self.sync_status)
        # Without a keyring the password typed once lives in this process's memory only, so
        # the background rounds do not ask every five minutes; it is never written anywhere.
        typed = password or self._central_password

        def work(c: Any) -> Any:
            from onestop import sync

            return sync.run_sync(c, password=typed)

        def done(report: Any) -> None:
            self.syncing = False
            if not report.ok and report.error_kind == "credentials" and not quiet:
                entered = self._ask_central_password(report.error)
                if entered:
                    self._central_password = entered
                    self.sync_now(password=entered)
                    return
            if not quiet or not report.ok:
                if report.ok:
                    self.report(
                        self.tr("Đã đồng bộ: gửi {0}, nhận {1} sự kiện").format(
                            report.pushed, report.pulled
                        ),
                        True,
                    )
                else:
                    self.report(self.tr("Chưa đồng bộ được: {0}").format(report.error), False)
            self.refresh_sync_state()

        def failed(error: BaseException) -> None:
            self.syncing = False
            self.report(error_text(error), False)
            self.refresh_sync_state()

        ops.Op(work, ctx=self.ctx, parent=self, label="sync").on_done(done).on_error(failed).start()

    def _ask_central_password(self, why: str) -> str | None:
        """Ask for the central database's password (the sync worker cannot show a dialog)."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from onestop.sync import credentials

        text = why + "\n\n"
        if not credentials.keyring_available():
            text += credentials.NO_KEYRING_VI + "\n\n"
        text += self.tr("Mật khẩu máy chủ trung tâm:")
        value, ok = QInputDialog.getText(
            self, self.tr("Đồng bộ"), text, QLineEdit.EchoMode.Password
        )
        return value if ok and value else None

    def set_store_state(self, text: str) -> None:
        self.store_label.setText(self.tr("Kho dữ liệu: {0}").format(text))

    def report(self, text: str, ok: bool = True) -> None:
        """A message for the person at the counter, in the status bar (errors in red)."""
        self.messages.append((text, ok))
        bar = self.statusBar()
        bar.setStyleSheet(STATUS_STYLE + ("" if ok else " QStatusBar { color: #b3261e; }"))
        bar.showMessage(text, 15000 if ok else 30000)

    # --- shared services for the pages -------------------------------------------------------

    def open_dossier(self, code: str) -> QWidget:
        from .dossier_view import DossierWindow

        window = DossierWindow(self, code)
        self.dossier_windows = [w for w in self.dossier_windows if _alive(w)] + [window]
        window.show()
        return window

    def preview_pdf(self, data: bytes, title: str, name: str) -> QWidget:
        from .printing import PdfPreview

        preview = PdfPreview(data, title, name, self.settings, self.data_dir, self.report, self)
        self.last_preview = preview
        preview.show()
        preview.raise_()
        preview.activateWindow()
        preview.print_button.setFocus()
        return preview

    # --- dialogs -----------------------------------------------------------------------------

    def change_password(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Đổi mật khẩu"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        current, new1, new2 = QLineEdit(dialog), QLineEdit(dialog), QLineEdit(dialog)
        for e in (current, new1, new2):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        message = QLabel(dialog)
        message.setStyleSheet("color: #b3261e;")
        message.setWordWrap(True)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Mật khẩu hiện tại"), current)
        form.addRow(self.tr("Mật khẩu mới (ít nhất 8 ký tự)"), new1)
        form.addRow(self.tr("Nhập lại mật khẩu mới"), new2)
        form.addRow(message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        form.addRow(buttons)
        buttons.rejected.connect(dialog.reject)

        def accept() -> None:
            from onestop.services import users

            if new1.text() != new2.text():
                message.setText(self.tr("Hai lần nhập mật khẩu mới không khớp"))
                return
            me, old, new = self.ctx.actor, current.text(), new1.text()

            def work(c: Any) -> None:
                users.authenticate(c, me, old)
                users.set_password(c, me, new)

            def done(_r: Any) -> None:
                self.report(self.tr("Đã đổi mật khẩu"), True)
                dialog.accept()

            ops.Op(work, ctx=self.ctx, parent=dialog).on_done(done).on_error(
                lambda e: message.setText(error_text(e))
            ).start()

        buttons.accepted.connect(accept)
        dialog.open()

    def printer_settings(self) -> None:
        from PySide6.QtPrintSupport import QPrinterInfo

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Máy in"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        printers = QComboBox(dialog)
        printers.addItem(self.tr("Máy in mặc định của hệ thống"), "")
        for info in QPrinterInfo.availablePrinters():
            printers.addItem(info.printerName(), info.printerName())
        printers.setCurrentIndex(
            max(printers.findData(self.settings.value("printing/printer", "")), 0)
        )
        ask = QCheckBox(self.tr("Hỏi trước mỗi lần in"), dialog)
        ask.setChecked(str(self.settings.value("printing/dialog", "false")).lower() == "true")
        folder = QLineEdit(str(self.settings.value("printing/pdf_folder", "") or ""), dialog)
        folder.setPlaceholderText(self.tr("để trống: in ra máy in"))
        form = QFormLayout(dialog)
        form.addRow(self.tr("Máy in"), printers)
        form.addRow("", ask)
        form.addRow(self.tr("In ra tệp PDF trong thư mục"), folder)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        form.addRow(buttons)
        buttons.rejected.connect(dialog.reject)

        def save() -> None:
            self.settings.setValue("printing/printer", printers.currentData())
            self.settings.setValue("printing/dialog", "true" if ask.isChecked() else "false")
            self.settings.setValue("printing/pdf_folder", folder.text().strip())
            dialog.accept()

        buttons.accepted.connect(save)
        dialog.open()

    def office_settings(self) -> QDialog:
        """The office's settings an administrator changes here: the back-entry window."""
        from onestop.domain.clock import MAX_BACK_ENTRY_DAYS

        dialog = QDialog(self)
        dialog.setObjectName("office_settings")
        dialog.setWindowTitle(self.tr("Cài đặt cơ quan"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        days = QSpinBox(dialog)
        days.setObjectName("back_entry_days")
        days.setRange(0, MAX_BACK_ENTRY_DAYS)
        days.setSuffix(self.tr(" ngày"))
        days.setValue(self.ctx.settings.back_entry_days)
        note = QLabel(
            self.tr(
                "Thời điểm ghi nhận (tiếp nhận, trả kết quả, ...) được ghi lùi tối đa chừng ấy "
                "ngày; nới rộng khi nhập hồ sơ của đợt mất điện dài hoặc chuyển dữ liệu cũ."
            ),
            dialog,
        )
        note.setWordWrap(True)
        message = QLabel(dialog)
        message.setStyleSheet("color: #b00020;")
        form = QFormLayout(dialog)
        form.addRow(self.tr("Số ngày được ghi lùi"), days)
        form.addRow(note)
        form.addRow(message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        form.addRow(buttons)
        buttons.rejected.connect(dialog.reject)

        def save() -> None:
            from onestop.services.setup import set_back_entry_days

            value = days.value()

            def done(saved: int) -> None:
                self.ctx.refresh()
                self.report(self.tr("Đã lưu: ghi lùi tối đa {0} ngày").format(saved), True)
                dialog.accept()

            ops.Op(lambda c: set_back_entry_days(c, value), ctx=self.ctx, parent=dialog).on_done(
                done
            ).on_error(lambda e: message.setText(error_text(e))).start()

        buttons.accepted.connect(save)
        dialog.open()
        return dialog

    def show_keys(self) -> None:
        rows = [
            f"{shortcut}: {title}" for key, _a, title, shortcut in _pages() if key in self.page_keys
        ]
        rows += [
            self.tr("Ctrl+Enter: lưu và in (tiếp nhận), xác nhận (các thao tác)"),
            self.tr("Ctrl+N: hồ sơ mới · Ctrl+D: đủ tất cả giấy tờ"),
            self.tr(
                "Enter trong ô quét mã: mở hồ sơ · Ctrl+T: trả kết quả · Ctrl+K: đã có kết quả"
            ),
            self.tr("Trong sổ theo dõi: F5 làm mới, Ctrl+P in sổ"),
            self.tr("F9: đồng bộ với máy chủ trung tâm"),
            self.tr("Ctrl+Shift+L: đăng xuất · Ctrl+Q: thoát"),
        ]
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Phím tắt"),
            "\n".join(rows),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def about(self) -> None:
        from onestop import __version__

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Giới thiệu"),
            self.tr(
                "onestop {0}\nPhần mềm cho Bộ phận Tiếp nhận và Trả kết quả (Bộ phận Một cửa)."
            ).format(__version__),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- leaving -----------------------------------------------------------------------------

    def save_layout(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        current = self.current_page_key()
        if current is not None:
            self.settings.setValue("main/page", current)
        for page in self.pages.values():
            if hasattr(page, "save_layout"):
                page.save_layout()
        self.settings.sync()

    def sign_out(self) -> None:
        self.save_layout()
        self._leaving = True
        # The sign-in window shows before this one closes: the application never has no window.
        self.signed_out.emit()
        self.close()

    def closeEvent(self, event) -> None:
        if not getattr(self, "_leaving", False):
            self.save_layout()
        for w in self.dossier_windows:
            if _alive(w):
                w.close()
        super().closeEvent(event)


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
