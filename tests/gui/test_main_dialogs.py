"""The main window's own dialogs write through the operations layer and say so on the bus: one's
own password (an accounts change), the office's back-entry window (a master data change)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QSpinBox

from onestop.services import users
from onestop.ui.operations import Changes, bus
from tests.gui.conftest import sign_in, wait_ops


def test_changing_ones_password_is_an_accounts_change(qtbot, shell, ctx):
    users.add_user(ctx, "ha.nguyen", "counter", "mat-khau-dai")
    main = sign_in(qtbot, shell, "ha.nguyen", "mat-khau-dai")
    heard: list[Changes] = []
    bus().changed.connect(heard.append)
    dialog = main.change_password()
    current, new1, new2 = dialog.findChildren(QLineEdit)
    current.setText("mat-khau-dai")
    new1.setText("mat-khau-moi-dai")
    new2.setText("mat-khau-moi-dai")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert main.messages[-1] == ("Đã đổi mật khẩu", True)
    assert heard[-1].accounts and not heard[-1].dossiers
    assert users.authenticate(ctx, "ha.nguyen", "mat-khau-moi-dai").username == "ha.nguyen"


def test_the_back_entry_window_is_a_master_data_change(qtbot, shell):
    main = sign_in(qtbot, shell, "quan.tri")
    heard: list[Changes] = []
    bus().changed.connect(heard.append)
    dialog = main.office_settings()
    dialog.findChild(QSpinBox, "back_entry_days").setValue(45)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert heard[-1].master and not heard[-1].accounts
