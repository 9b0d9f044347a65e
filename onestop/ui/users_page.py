"""Staff accounts, for the administrator: list, add, lock/unlock, lift a sign-in lock (after
repeated wrong passwords), set a new password."""

from __future__ import annotations

from datetime import datetime
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
from .ops import Op

if TYPE_CHECKING:
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
        self.reload()

    def reload(self) -> None:
        from onestop.services import users

        Op(users.list_users, ctx=self.host.ctx, parent=self).on_done(self._show).start()

    def _show(self, accounts: list[dict[str, Any]]) -> None:
        self.list.clear()
        for a in accounts:
            state = self.tr("Hoạt động") if a["active"] else self.tr("Đã khóa")
            if a.get("locked_until"):
                until = datetime.fromisoformat(a["locked_until"]).strftime("%H:%M:%S %d/%m/%Y")
                state = self.tr("Tạm khóa đăng nhập đến {0}").format(until)
            item = QTreeWidgetItem([a["username"], a["full_name"], role_label(a["role"]), state])
            item.setData(0, 256, a)
            self.list.addTopLevelItem(item)
        for col in range(3):
            self.list.resizeColumnToContents(col)
            self.list.setColumnWidth(col, self.list.columnWidth(col) + 24)

    def _selected(self, item: QTreeWidgetItem | None, _prev: Any) -> None:
        if item is not None:
            self.username.setText(item.data(0, 256)["username"])

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def _passwords(self) -> str | None:
        if self.password.text() != self.password2.text():
            self._say(self.tr("Hai lần nhập mật khẩu không khớp"), False)
            return None
        return self.password.text()

    def _after(self, text: str) -> None:
        self.password.clear()
        self.password2.clear()
        self._say(text, True)
        self.reload()

    def create(self) -> None:
        from onestop.services import users

        secret = self._passwords()
        if secret is None:
            return
        name, role, full = self.username.text(), self.role.currentData(), self.full_name.text()
        Op(
            lambda c: users.add_user(c, name, role, secret, full), ctx=self.host.ctx, parent=self
        ).on_done(
            lambda u: self._after(self.tr("Đã tạo tài khoản {0}").format(u["username"]))
        ).on_error(lambda e: self._say(error_text(e), False)).start()

    def change_password(self) -> None:
        from onestop.services import users

        secret = self._passwords()
        if secret is None:
            return
        name = self.username.text()
        Op(lambda c: users.set_password(c, name, secret), ctx=self.host.ctx, parent=self).on_done(
            lambda u: self._after(self.tr("Đã đặt mật khẩu mới cho {0}").format(u["username"]))
        ).on_error(lambda e: self._say(error_text(e), False)).start()

    def toggle(self) -> None:
        from onestop.services import users

        item = self.list.currentItem()
        if item is None:
            return
        account = item.data(0, 256)
        if account["username"] == self.host.ctx.actor:
            self._say(self.tr("Không thể tự khóa tài khoản đang đăng nhập"), False)
            return
        name, active = account["username"], not account["active"]
        Op(lambda c: users.set_active(c, name, active), ctx=self.host.ctx, parent=self).on_done(
            lambda u: self._after(
                (self.tr("Đã mở khóa {0}") if u["active"] else self.tr("Đã khóa {0}")).format(
                    u["username"]
                )
            )
        ).on_error(lambda e: self._say(error_text(e), False)).start()

    def lift_lock(self) -> None:
        from onestop.services import users

        item = self.list.currentItem()
        if item is None:
            return
        name = item.data(0, 256)["username"]
        Op(lambda c: users.unlock(c, name), ctx=self.host.ctx, parent=self).on_done(
            lambda u: self._after(self.tr("Đã gỡ tạm khóa đăng nhập của {0}").format(u["username"]))
        ).on_error(lambda e: self._say(error_text(e), False)).start()
