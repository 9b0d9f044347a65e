"""The window in English says the field checks and the services' refusals in English too (the
message catalogue of onestop.domain.messages, translated by ui.common.localized); Qt's own texts
read Vietnamese in Vietnamese mode ("Close" is "Đóng"); counts take the right English plural."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from onestop.domain.errors import NotFound
from onestop.services.roles import RoleRefused, require_role
from onestop.ui.common import error_text, install_language
from onestop.ui.reception_page import processing_text
from tests.gui.conftest import ctrl_enter, sign_in, type_text, wait_ops


def _english(qtbot, shell) -> None:
    combo = shell.signin.language
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: shell.language == "en")


def pick(qtbot, picker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.key


def test_field_checks_and_refusals_in_english(qtbot, shell, ctx):
    _english(qtbot, shell)
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    pick(qtbot, page.procedure, "1.001193")
    page.tick_all()
    type_text(page.name, "Lê Văn An")

    # Checked as typed, by the domain's checks: said in English.
    qtbot.keyClicks(page.phone.edit, "091234")
    assert page.phone.message.text() == (
        "A mobile number has 10 digits; the number typed has 6 digits"
    )
    page.id_number.setText("1")
    assert page.id_number.message.text() == (
        "A citizen ID number has 12 digits (old ID card: 9 digits); the number typed has 1 digit"
    )
    page.email.setText("ten@")
    assert page.email.message.text() == (
        "The domain after the @ is not valid (for example: name@gmail.com)"
    )
    page.id_number.setText("")
    page.email.setText("")

    # Refused by the service (by post without a phone): English next to the field and below.
    page.phone.setText("")
    page.by_post.setChecked(True)
    type_text(page.address.street, "12 Nguyễn Huệ")
    pick(qtbot, page.address.province, "an giang")
    pick(qtbot, page.address.ward, "long xuyen")
    ctrl_enter(qtbot, page.name)
    qtbot.waitUntil(lambda: page.phone.message.isVisible(), timeout=10000)
    wait_ops(qtbot)
    expected = "Returning the result by post needs the recipient's phone number"
    assert page.phone.message.text() == expected
    assert expected in page.form_error.text()
    assert "bưu điện" not in page.form_error.text()


def test_refusals_carry_an_id_and_are_english_in_english_mode(qapp, ctx):
    postal = ctx.with_role("postal")
    try:
        require_role(postal, "receive")
    except RoleRefused as exc:
        refused = exc
    # The command line's sentence is unchanged (Vietnamese by default)...
    assert refused.message == "Tài khoản nhân viên bưu điện không được phép tiếp nhận hồ sơ"
    assert refused.message.id == "role.refused"
    missing = NotFound("Hồ sơ", "X-1")
    assert str(missing) == "Hồ sơ 'X-1' không tồn tại"
    try:
        install_language(qapp, "en")
        assert error_text(refused) == "A postal employee account may not receive dossiers"
        assert error_text(missing) == "Error: Dossier 'X-1' does not exist"
    finally:
        install_language(qapp, "vi")
    assert error_text(refused) == refused.message


def test_qt_texts_in_vietnamese_and_plurals_in_english(qapp):
    install_language(qapp, "vi")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel
    )
    assert box.button(QDialogButtonBox.StandardButton.Close).text() == "Đóng"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    assert processing_text(None, 1) == "1 giờ làm việc"
    assert QCoreApplication.translate("DailyLogPage", "%n hồ sơ", "", 1) == "1 hồ sơ"
    try:
        install_language(qapp, "en")
        assert processing_text(None, 1) == "1 working hour"
        assert processing_text(None, 4) == "4 working hours"
        assert processing_text(1, None) == "1 working day"
        assert processing_text(3, None) == "3 working days"
        assert QCoreApplication.translate("DailyLogPage", "%n hồ sơ", "", 1) == "1 dossier"
        assert QCoreApplication.translate("DailyLogPage", "%n hồ sơ", "", 2) == "2 dossiers"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        assert box.button(QDialogButtonBox.StandardButton.Close).text() == "Close"
    finally:
        install_language(qapp, "vi")
    assert QApplication.instance() is qapp
