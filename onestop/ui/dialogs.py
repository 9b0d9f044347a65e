"""The main window's own dialogs: changing one's password, the printer, the office's settings,
the keyboard shortcuts and the about box. Each opens window-modal and deletes itself on close;
slow work (checking a password, saving a setting) runs on a worker thread.

Their texts keep the main window's translation context ("MainWindow"), where they were written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from .common import error_text, translate
from .operations import accounts, office

if TYPE_CHECKING:
    from onestop.services.context import OfficeSettings

    from .main_window import MainWindow


def change_password(host: MainWindow) -> QDialog:
    dialog = QDialog(host)
    dialog.setWindowTitle(translate("MainWindow", "Đổi mật khẩu"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    current, new1, new2 = QLineEdit(dialog), QLineEdit(dialog), QLineEdit(dialog)
    for e in (current, new1, new2):
        e.setEchoMode(QLineEdit.EchoMode.Password)
    message = QLabel(dialog)
    message.setStyleSheet("color: #b3261e;")
    message.setWordWrap(True)
    form = QFormLayout(dialog)
    form.addRow(translate("MainWindow", "Mật khẩu hiện tại"), current)
    form.addRow(translate("MainWindow", "Mật khẩu mới (ít nhất 8 ký tự)"), new1)
    form.addRow(translate("MainWindow", "Nhập lại mật khẩu mới"), new2)
    form.addRow(message)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    form.addRow(buttons)
    buttons.rejected.connect(dialog.reject)

    def accept() -> None:
        if new1.text() != new2.text():
            message.setText(translate("MainWindow", "Hai lần nhập mật khẩu mới không khớp"))
            return

        def done(_r: Any) -> None:
            host.report(translate("MainWindow", "Đã đổi mật khẩu"), True)
            dialog.accept()

        op = accounts.change_own_password(dialog, host.ctx, current.text(), new1.text())
        op.on_done(done).on_error(lambda e: message.setText(error_text(e))).start()

    buttons.accepted.connect(accept)
    dialog.open()
    return dialog


def printer_settings(host: MainWindow) -> QDialog:
    from PySide6.QtPrintSupport import QPrinterInfo

    settings = host.settings
    dialog = QDialog(host)
    dialog.setWindowTitle(translate("MainWindow", "Máy in"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    printers = QComboBox(dialog)
    printers.addItem(translate("MainWindow", "Máy in mặc định của hệ thống"), "")
    for info in QPrinterInfo.availablePrinters():
        printers.addItem(info.printerName(), info.printerName())
    printers.setCurrentIndex(max(printers.findData(settings.value("printing/printer", "")), 0))
    ask = QCheckBox(translate("MainWindow", "Hỏi trước mỗi lần in"), dialog)
    ask.setChecked(str(settings.value("printing/dialog", "false")).lower() == "true")
    folder = QLineEdit(str(settings.value("printing/pdf_folder", "") or ""), dialog)
    folder.setPlaceholderText(translate("MainWindow", "để trống: in ra máy in"))
    form = QFormLayout(dialog)
    form.addRow(translate("MainWindow", "Máy in"), printers)
    form.addRow("", ask)
    form.addRow(translate("MainWindow", "In ra tệp PDF trong thư mục"), folder)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    form.addRow(buttons)
    buttons.rejected.connect(dialog.reject)

    def save() -> None:
        settings.setValue("printing/printer", printers.currentData())
        settings.setValue("printing/dialog", "true" if ask.isChecked() else "false")
        settings.setValue("printing/pdf_folder", folder.text().strip())
        dialog.accept()

    buttons.accepted.connect(save)
    dialog.open()
    return dialog


def office_settings(host: MainWindow) -> QDialog:
    """The office's settings an administrator changes here: the unit's name printed on every
    form, the office phone, the back-entry window."""
    from onestop.domain.clock import MAX_BACK_ENTRY_DAYS

    dialog = QDialog(host)
    dialog.setObjectName("office_settings")
    dialog.setWindowTitle(translate("MainWindow", "Cài đặt cơ quan"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    days = QSpinBox(dialog)
    days.setObjectName("back_entry_days")
    days.setRange(0, MAX_BACK_ENTRY_DAYS)
    days.setSuffix(translate("MainWindow", " ngày"))
    days.setValue(host.ctx.settings.back_entry_days)
    note = QLabel(
        translate(
            "MainWindow",
            "Thời điểm ghi nhận (tiếp nhận, trả kết quả, ...) được ghi lùi tối đa chừng ấy "
            "ngày; nới rộng khi nhập hồ sơ của đợt mất điện dài hoặc chuyển dữ liệu cũ.",
        ),
        dialog,
    )
    note.setWordWrap(True)
    unit = QLineEdit(host.ctx.settings.unit_name, dialog)
    unit.setObjectName("unit_name")
    phone = QLineEdit(host.ctx.settings.phone or "", dialog)
    phone.setObjectName("office_phone")
    message = QLabel(dialog)
    message.setStyleSheet("color: #b00020;")
    form = QFormLayout(dialog)
    form.addRow(translate("MainWindow", "Tên đơn vị trên biểu mẫu"), unit)
    form.addRow(translate("MainWindow", "Điện thoại đơn vị"), phone)
    form.addRow(translate("MainWindow", "Số ngày được ghi lùi"), days)
    form.addRow(note)
    form.addRow(message)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    form.addRow(buttons)
    buttons.rejected.connect(dialog.reject)

    def save() -> None:
        def done(saved: OfficeSettings) -> None:
            host.ctx.refresh()
            host.report(
                translate("MainWindow", "Đã lưu: ghi lùi tối đa {0} ngày").format(
                    saved.back_entry_days
                ),
                True,
            )
            dialog.accept()

        op = office.save_settings(dialog, host.ctx, days.value(), unit.text(), phone.text())
        op.on_done(done).on_error(lambda e: message.setText(error_text(e))).start()

    buttons.accepted.connect(save)
    dialog.open()
    return dialog


def show_keys(host: MainWindow, pages: list[str]) -> QMessageBox:
    """The keyboard shortcuts; ``pages``: a line per page the role may open."""
    rows = [
        *pages,
        translate("MainWindow", "Ctrl+Enter: lưu và in (tiếp nhận), xác nhận (các thao tác)"),
        translate("MainWindow", "Ctrl+N: hồ sơ mới · Ctrl+D: đủ tất cả giấy tờ"),
        translate(
            "MainWindow",
            "Enter trong ô quét mã: mở hồ sơ · Ctrl+T: trả kết quả · Ctrl+K: đã có kết quả",
        ),
        translate("MainWindow", "Trong sổ theo dõi: F5 làm mới, Ctrl+P in sổ"),
        translate("MainWindow", "F9: đồng bộ với máy chủ trung tâm"),
        translate("MainWindow", "Ctrl+Shift+L: đăng xuất · Ctrl+Q: thoát"),
    ]
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("MainWindow", "Phím tắt"),
        "\n".join(rows),
        QMessageBox.StandardButton.Close,
        host,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def about(host: MainWindow) -> QMessageBox:
    from onestop import __version__

    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("MainWindow", "Giới thiệu"),
        translate(
            "MainWindow",
            "onestop {0}\nPhần mềm cho Bộ phận Tiếp nhận và Trả kết quả (Bộ phận Một cửa).",
        ).format(__version__),
        QMessageBox.StandardButton.Close,
        host,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
