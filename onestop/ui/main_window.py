"""The main window after sign-in: the pages the signed-in role may use (and no others), menus with
a key for every action, and the status bar (person, workstation, store, sync). The pages are a
table (onestop.ui.pages), the sync runs in onestop.ui.sync_controller, the window's own dialogs
are in onestop.ui.dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from . import dialogs, ops
from .common import LANGUAGES, error_text, later, role_label
from .operations.dossiers import may
from .pages import BY_KEY, LANDING, PAGES
from .sync_controller import SyncController

if TYPE_CHECKING:
    from onestop.services.accounts import Account

STATUS_STYLE = "QStatusBar QLabel { padding: 0 6px; border-left: 1px solid #c8c8c8; }"


class MainWindow(QMainWindow):
    signed_out = Signal()
    language_changed = Signal(str)

    def __init__(
        self,
        ctx: Any,
        person: Account,
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
        self.sync = SyncController(self)
        self.sync.start()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        last = LANDING.get(person.role) or settings.value("main/page", "")
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
        return may(self.ctx, action)

    def _build_pages(self) -> None:
        """A tab per page the role may use; each page is built the first time it shows, so that
        signing in does not hold the GUI thread building pages nobody looked at yet."""
        self.page_actions: dict[str, QAction] = {}
        self.page_keys: list[str] = []
        self._holders: dict[str, QWidget] = {}
        for spec in PAGES:
            if not any(self._may(action) for action in spec.needs):
                continue
            key, title, shortcut = spec.key, spec.title(), spec.shortcut
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
            page = BY_KEY[key].build(self)
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
            self.tr("{0} · {1}").format(self.person.full_name, role_label(self.person.role)),
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

    # --- sync with the central database (onestop.ui.sync_controller) --------------------------

    @property
    def syncing(self) -> bool:
        return self.sync.syncing

    @property
    def sync_status(self) -> dict[str, Any] | None:
        return self.sync.status

    def refresh_sync_state(self) -> None:
        self.sync.refresh()

    def sync_now(self, quiet: bool = False, password: str | None = None) -> None:
        """One sync round on a worker (F9, and every 5 minutes when configured)."""
        self.sync.sync_now(quiet, password)

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

    # --- dialogs (onestop.ui.dialogs) --------------------------------------------------------

    def change_password(self) -> QDialog:
        return dialogs.change_password(self)

    def printer_settings(self) -> QDialog:
        return dialogs.printer_settings(self)

    def office_settings(self) -> QDialog:
        """The office's settings an administrator changes here: the back-entry window."""
        return dialogs.office_settings(self)

    def show_keys(self) -> QWidget:
        pages = [f"{spec.shortcut}: {spec.title()}" for spec in PAGES if spec.key in self.page_keys]
        return dialogs.show_keys(self, pages)

    def about(self) -> QWidget:
        return dialogs.about(self)

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
