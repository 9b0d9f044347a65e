"""Staff accounts, for the administrator: list, add, lock/unlock, lift a sign-in lock (after
repeated wrong passwords), set a new password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .common import ERROR_STYLE, OK_STYLE, ROLES, error_text, role_label
from .operations import Changes, listen
from .operations import accounts as ops

if TYPE_CHECKING:
    from onestop.services.users import Account, AccountStatus

    from .main_window import MainWindow


class UsersPage(QWidget):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("Tên đăng nhập"),
                self.tr("Họ và tên"),
                self.tr("Vai trò"),
                self.tr("Trạng thái"),
            ]
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setStyleSheet("QTreeView::item { padding: 3px 4px; }")
        self.lock = QPushButton(self.tr("&Khóa / mở khóa"), self)
        self.unlock = QPushButton(self.tr("&Gỡ tạm khóa đăng nhập"), self)
        self.unlock.setToolTip(
            self.tr("Tài khoản bị tạm khóa sau nhiều lần nhập sai mật khẩu được đăng nhập lại ngay")
        )
        self.username = QLineEdit(self)
        self.full_name = QLineEdit(self)
        self.role = QComboBox(self)
        for r in ROLES:
            self.role.addItem(role_label(r), r)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(self)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.add = QPushButton(self.tr("&Tạo tài khoản"), self)
        self.set_password = QPushButton(self.tr("Đặt &mật khẩu mới"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Họ và tên"), self.full_name)
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Mật khẩu (ít nhất 8 ký tự)"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.password2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_password)
        buttons.addStretch(1)
        buttons.addWidget(self.add)
        box = QGroupBox(self.tr("Tài khoản mới, hoặc mật khẩu mới cho tài khoản đã có"), self)
        bl = QVBoxLayout(box)
        bl.addLayout(form)
        bl.addLayout(buttons)
        bl.addWidget(self.message)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Các tài khoản trên máy trạm này"), self), 1)
        top.addWidget(self.unlock)
        top.addWidget(self.lock)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(box)
        self.add.clicked.connect(self.create)
        self.set_password.clicked.connect(self.change_password)
        self.lock.clicked.connect(self.toggle)
        self.unlock.clicked.connect(self.lift_lock)
        self.list.currentItemChanged.connect(self._selected)
        self.accounts: dict[str, AccountStatus] = {}
        # Every change of an account (here, another window, a sync) shows in the list.
        listen(self, self._changed, "accounts")
        self.reload()

    def reload(self) -> None:
        ops.list_accounts(self, self.host.ctx).on_done(self._show).start()

    def _changed(self, _changes: Changes) -> None:
        self.reload()

    def _show(self, accounts: list[AccountStatus]) -> None:
        current = self.list.currentItem()
        chosen = current.text(0) if current is not None else None
        self.accounts = {a.username: a for a in accounts}
        # Kept chosen across a refresh, without re-filling the form (someone may be typing).
        self.list.blockSignals(True)
        self.list.clear()
        for a in accounts:
            state = self.tr("Hoạt động") if a.active else self.tr("Đã khóa")
            if a.locked_until is not None:
                until = a.locked_until.strftime("%H:%M:%S %d/%m/%Y")
                state = self.tr("Tạm khóa đăng nhập đến {0}").format(until)
            item = QTreeWidgetItem([a.username, a.full_name, role_label(a.role), state])
            self.list.addTopLevelItem(item)
            if a.username == chosen:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        for col in range(3):
            self.list.resizeColumnToContents(col)
            self.list.setColumnWidth(col, self.list.columnWidth(col) + 24)

    def _chosen(self) -> AccountStatus | None:
        item = self.list.currentItem()
        return self.accounts.get(item.text(0)) if item is not None else None

    def _selected(self, item: QTreeWidgetItem | None, _prev: Any) -> None:
        if item is not None:
            self.username.setText(item.text(0))

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def _refused(self, error: BaseException) -> None:
        self._say(error_text(error), False)

    def _passwords(self) -> str | None:
        if self.password.text() != self.password2.text():
            self._say(self.tr("Hai lần nhập mật khẩu không khớp"), False)
            return None
        return self.password.text()

    def _after(self, text: str) -> None:
        # The list refreshes itself: the write broadcast an accounts change.
        self.password.clear()
        self.password2.clear()
        self._say(text, True)

    def create(self) -> None:
        secret = self._passwords()
        if secret is None:
            return
        name, role, full = self.username.text(), self.role.currentData(), self.full_name.text()
        ops.add(self, self.host.ctx, name, role, secret, full).on_done(self._created).on_error(
            self._refused
        ).start()

    def _created(self, account: Account) -> None:
        self._after(self.tr("Đã tạo tài khoản {0}").format(account.username))

    def change_password(self) -> None:
        secret = self._passwords()
        if secret is None:
            return
        ops.set_password(self, self.host.ctx, self.username.text(), secret).on_done(
            self._password_set
        ).on_error(self._refused).start()

    def _password_set(self, account: Account) -> None:
        self._after(self.tr("Đã đặt mật khẩu mới cho {0}").format(account.username))

    def toggle(self) -> None:
        account = self._chosen()
        if account is None:
            return
        if account.username == self.host.ctx.actor:
            self._say(self.tr("Không thể tự khóa tài khoản đang đăng nhập"), False)
            return
        ops.set_active(self, self.host.ctx, account.username, not account.active).on_done(
            self._toggled
        ).on_error(self._refused).start()

    def _toggled(self, account: Account) -> None:
        done = self.tr("Đã mở khóa {0}") if account.active else self.tr("Đã khóa {0}")
        self._after(done.format(account.username))

    def lift_lock(self) -> None:
        account = self._chosen()
        if account is None:
            return
        ops.unlock(self, self.host.ctx, account.username).on_done(self._unlocked).on_error(
            self._refused
        ).start()

    def _unlocked(self, account: AccountStatus) -> None:
        self._after(self.tr("Đã gỡ tạm khóa đăng nhập của {0}").format(account.username))
