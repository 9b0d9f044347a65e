"""The sign-in window: shown at once while the store opens in the background; lists the demo
accounts in demo mode only; checks the password (Argon2id, slow by design) off the GUI thread."""

from __future__ import annotations

import gc
import importlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .common import ERROR_STYLE, LANGUAGES, role_label
from .ops import Op

if TYPE_CHECKING:
    from onestop.services.users import Account


def open_context(data_dir: Path, warm: bool = True) -> Any:
    """Open (and on first start, set up) the workstation's store; load what the first screens
    need, so that the GUI thread never waits for the store or a cold import. Worker thread."""
    _breathe()
    from onestop.services.context import Context

    _breathe()
    from onestop.services.setup import open_workstation

    _breathe()
    ctx = Context(store=open_workstation(data_dir))
    prepare(ctx, warm)
    return ctx


# Modules the first screens use, imported on the loading worker: importing them is most of what
# signing in and the first receipt would otherwise cost on the GUI thread.
WARM_MODULES = (
    "onestop.services.catalog",
    "onestop.services.dossiers",
    "onestop.services.reception",
    "onestop.services.users",
    "onestop.ui.operations.accounts",
    "onestop.domain.addresses",
    "onestop.services.forms",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "onestop.ui.widgets",
    "onestop.ui.dossier_view",
    "onestop.ui.reception_page",
    "onestop.ui.return_page",
    "onestop.ui.search_page",
    "onestop.ui.daily_log_page",
    # The status bar's sync state (read at once after sign-in) and the supervisor's first page.
    "onestop.services.sync.state",
    "onestop.ui.sync_controller",
    "PySide6.QtCharts",
    "onestop.services.dashboard",
    "onestop.ui.dashboard_charts",
    "onestop.ui.dashboard_page",
    "onestop.ui.main_window",
)


def _breathe() -> None:
    """Between two loading steps. What was loaded stays for the life of the process: frozen out
    of the cyclic garbage collector, whose full passes over everything imported so far (SQLAlchemy,
    reportlab, PySide6...) otherwise take 50-100 ms with the GIL held, a pause the GUI thread
    shares whichever thread triggered it. Then a moment for the GUI thread."""
    gc.freeze()
    time.sleep(0.002)


def prepare(ctx: Any, warm: bool = True) -> None:
    """Load the context's cached settings and calendar, and (``warm``) the modules, address
    tables and fonts of the first screens."""
    ctx.settings  # noqa: B018 - cached_property: loaded here, not on the GUI thread
    _breathe()
    ctx.calendar.due(ctx.clock(), days=1)
    if not warm:
        return
    for name in WARM_MODULES:
        _breathe()
        importlib.import_module(name)
    from onestop.domain import addresses
    from onestop.services.printing import prepare_fonts

    for province in addresses.provinces():
        addresses.wards(province.code)
    importlib.import_module("onestop.domain.address_resolver").warm()
    _breathe()
    # Parsing the TrueType fonts is the slow part of the first receipt, and holds the GIL
    # long enough to stall the GUI thread: done here, before anyone waits for a receipt.
    prepare_fonts()
    _breathe()


def _accounts() -> Any:
    """The account operations (onestop.ui.operations.accounts), imported once the store is open:
    they load the services and SQLAlchemy, which must not delay the window's first paint."""
    from .operations import accounts

    return accounts


class SignInWindow(QWidget):
    """``signed_in(ctx, person)`` carries a Context for the person (actor = their user name,
    role = their role) sharing the store with this window's, and their Account."""

    signed_in = Signal(object, object)
    language_changed = Signal(str)

    def __init__(self, data_dir: Path, settings: QSettings, ctx: Any = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings
        self.ctx = ctx
        self.pending: tuple[str, str] | None = None
        self.busy = False
        self.loading = False
        self.setObjectName("signin")
        self.setWindowTitle(self.tr("onestop · Đăng nhập"))
        self.heading = QLabel(self.tr("Bộ phận Tiếp nhận và Trả kết quả"), self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.agency = QLabel(self)
        self.agency.setWordWrap(True)
        self.agency.setStyleSheet("font-size: 11pt; color: #444444;")
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        current = str(settings.value("ui/language", "vi"))
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.submit = QPushButton(self.tr("Đăng nhập (Enter)"), self)
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        # What opening the data folder had to say (rights tightened): kept apart from the
        # sign-in messages, which replace each other.
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5300;")
        self.notice.setVisible(False)
        self.state = QLabel(self.tr("Đang mở kho dữ liệu…"), self)
        self.state.setStyleSheet("color: #777777;")
        self.demo_box = QFrame(self)
        self.demo_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.demo_box.setStyleSheet("QFrame { background: #fff8e1; }")
        self.demo_title = QLabel(self.demo_box)
        self.demo_title.setWordWrap(True)
        self.demo_list = QListWidget(self.demo_box)
        self.demo_list.setSpacing(1)
        self.demo_list.setStyleSheet("QListWidget { background: white; }")
        self.demo_list.setObjectName("demo_accounts")
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.addWidget(self.demo_title)
        demo_layout.addWidget(self.demo_list)
        self.demo_box.setVisible(False)

        form = QFormLayout()
        user_label = QLabel(self.tr("&Tên đăng nhập"), self)
        user_label.setBuddy(self.username)
        pass_label = QLabel(self.tr("&Mật khẩu"), self)
        pass_label.setBuddy(self.password)
        lang_label = QLabel(self.tr("&Ngôn ngữ"), self)
        lang_label.setBuddy(self.language)
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.password)
        form.addRow(lang_label, self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.agency)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(self.demo_box)
        layout.addStretch(1)
        self.setMinimumWidth(460)
        QWidget.setTabOrder(self.username, self.password)
        QWidget.setTabOrder(self.password, self.submit)
        QWidget.setTabOrder(self.submit, self.language)
        QWidget.setTabOrder(self.language, self.demo_list)

        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)
        self.submit.clicked.connect(self.attempt)
        self.demo_list.itemActivated.connect(self._demo_chosen)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_changed.emit(self.language.currentData())
        )
        self.username.setFocus()
        if ctx is not None:
            self._ready(ctx)

    # --- the store ------------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Open the store on a worker; the window is usable (typing) meanwhile."""
        if self.ctx is not None or self.loading:
            return
        self.loading = True
        data_dir = self.data_dir
        Op(lambda: open_context(data_dir), parent=self).on_done(self._ready).on_error(
            self._broken
        ).start()

    def _ready(self, ctx: Any) -> None:
        self.ctx = ctx
        office = ctx.settings
        self.agency.setText(
            f"{office.agency_name}\n{office.workstation_name} · {office.agency_code}"
        )
        self.state.setText("")
        for notice in ctx.store.notices:
            self.show_notice(notice)
        if office.demo:
            self._show_demo_accounts()
        else:
            self._check_accounts()
        if self.pending is not None:
            self.pending = None
            self.attempt()

    def _check_accounts(self) -> None:
        """A new office has no accounts yet: say how the administrator creates the first."""
        _accounts().count_active(self, self.ctx).on_done(self._counted).start()

    def _counted(self, active: int) -> None:
        if active == 0:
            self.message.setStyleSheet("")
            self.message.setText(
                self.tr(
                    "Máy trạm chưa có tài khoản nào. Quản trị viên tạo tài khoản đầu tiên "
                    "bằng lệnh: onestop user add TÊN --role admin"
                )
            )

    def show_notice(self, text: str) -> None:
        shown = self.notice.text()
        if text in shown:
            return
        self.notice.setText(f"{shown}\n{text}" if shown else text)
        self.notice.setVisible(True)

    def _broken(self, error: BaseException) -> None:
        self.state.setText("")
        self.message.setStyleSheet(ERROR_STYLE)
        # A module missing from the installation is not the store's fault: say which it is.
        if isinstance(error, ImportError):
            text = self.tr("Chương trình thiếu một thành phần: {0}. Hãy cài đặt lại onestop.")
        else:
            text = self.tr("Không mở được kho dữ liệu: {0}")
        doctor = self.tr("Chạy lệnh 'onestop doctor' để biết chi tiết.")
        self.message.setText(f"{text.format(error)}\n{doctor}")

    def _show_demo_accounts(self) -> None:
        accounts = _accounts()
        password = accounts.DEMO_PASSWORD
        self.demo_title.setText(
            self.tr(
                "Chế độ trình diễn: chọn một tài khoản mẫu (mật khẩu {0}), Enter để đăng nhập"
            ).format(password)
        )
        self.demo_list.clear()
        for username, full_name, role in accounts.DEMO_ACCOUNTS:
            item = QListWidgetItem(f"{username}  ·  {full_name}  ·  {role_label(role)}")
            item.setData(Qt.ItemDataRole.UserRole, (username, password))
            self.demo_list.addItem(item)
        gap = 2 * self.demo_list.spacing()
        rows = sum(self.demo_list.sizeHintForRow(i) + gap for i in range(self.demo_list.count()))
        self.demo_list.setFixedHeight(rows + 2 * self.demo_list.frameWidth() + 6)
        self.demo_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.demo_box.setVisible(True)
        self.adjustSize()

    def _demo_chosen(self, item: QListWidgetItem) -> None:
        username, password = item.data(Qt.ItemDataRole.UserRole)
        self.username.setText(username)
        self.password.setText(password)
        self.attempt()

    # --- signing in -----------------------------------------------------------------------------

    def attempt(self) -> None:
        if self.busy:
            return
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self._refuse(self.tr("Chưa nhập tên đăng nhập"))
            self.username.setFocus()
            return
        if not password:
            self._refuse(self.tr("Chưa nhập mật khẩu"))
            self.password.setFocus()
            return
        if self.ctx is None:
            # The store is still opening: sign in as soon as it is there.
            self.pending = (username, password)
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Đang mở kho dữ liệu, chờ một chút…"))
            return
        self.busy = True
        self.submit.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Đang kiểm tra…"))
        _accounts().authenticate(self, self.ctx, username, password).on_done(
            self._accepted
        ).on_error(self._rejected).start()

    def _accepted(self, person: Account) -> None:
        from .ops import thread_context

        self.busy = False
        self.submit.setEnabled(True)
        self.message.setText("")
        user_ctx = thread_context(self.ctx)
        user_ctx.actor = person.username
        user_ctx.role = person.role
        self.password.clear()
        self.signed_in.emit(user_ctx, person)

    def _rejected(self, error: BaseException) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        self._refuse(getattr(error, "message", None) or str(error))
        self.password.selectAll()
        self.password.setFocus()

    def _refuse(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def reset(self) -> None:
        self.password.clear()
        self.message.setText("")
        self.username.selectAll()
        self.username.setFocus()
