"""Issue 14 in the window: the extension's late option (ticked for a dossier already late), the
supplement's reason, and the office's unit name and phone on the settings page."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from onestop.domain.clock import VN_TZ
from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from tests.gui.conftest import ctrl_enter, sign_in, type_text, wait_ops

PROC = "1.004873"  # 3 working days


def counter(ctx) -> Context:
    return Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")


def test_a_late_extension_is_ticked_late_and_recorded_so(qtbot, shell, ctx):
    # Received Mon 9 Nov, due Thu 12 Nov; the clock says Mon 16 Nov: already late.
    late = receive(
        counter(ctx),
        ReceiveRequest(
            procedure_code=PROC,
            applicant_name="Trần Văn Muộn",
            received_at=datetime(2026, 11, 9, 9, 0, tzinfo=VN_TZ),
        ),
    ).code
    in_time = receive(
        counter(ctx), ReceiveRequest(procedure_code=PROC, applicant_name="Lê Thị Sớm")
    ).code
    main = sign_in(qtbot, shell, "lanh.dao")
    window = main.open_dossier(in_time)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    qtbot.mouseClick(window.actions.button_widgets["extend"], Qt.MouseButton.LeftButton)
    assert not window.actions.form.late.isChecked()
    window.actions.form.cancelled.emit()

    window = main.open_dossier(late)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    qtbot.mouseClick(window.actions.button_widgets["extend"], Qt.MouseButton.LeftButton)
    form = window.actions.form
    assert form.late.isChecked()
    type_text(form.reason, "cần xác minh thêm")
    ctrl_enter(qtbot, form.reason)
    qtbot.waitUntil(lambda: window.panel.detail.extended, timeout=10000)
    event = dossiers.show(ctx, late).events[-1]
    assert event.type == "extended" and event.payload["late"] is True


def test_the_supplement_form_records_its_reason(qtbot, shell, ctx):
    code = receive(
        counter(ctx), ReceiveRequest(procedure_code=PROC, applicant_name="Võ Thị Sáu")
    ).code
    main = sign_in(qtbot, shell, "can.bo")
    window = main.open_dossier(code)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    qtbot.mouseClick(window.actions.button_widgets["supplement"], Qt.MouseButton.LeftButton)
    form = window.actions.form
    type_text(form.text, "Bản sao giấy khai sinh")
    form.reason.setText("Thiếu giấy tờ chứng minh nhân thân")
    ctrl_enter(qtbot, form.text)
    qtbot.waitUntil(lambda: window.panel.detail.status == "supplement_requested", timeout=10000)
    assert dossiers.show(ctx, code).events[-1].payload == {
        "missing": ["Bản sao giấy khai sinh"],
        "reason": "Thiếu giấy tờ chứng minh nhân thân",
    }


def test_the_settings_page_names_the_unit(qtbot, shell, ctx):
    main = sign_in(qtbot, shell, "quan.tri")
    dialog = main.office_settings()
    unit = dialog.findChild(QLineEdit, "unit_name")
    assert unit.text() == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    unit.setText("Trung tâm Phục vụ hành chính công phường Mẫu")
    dialog.findChild(QLineEdit, "office_phone").setText("0296 3 852 852")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    wait_ops(qtbot)
    fresh = Context(store=ctx.store)
    qtbot.waitUntil(
        lambda: Context(store=ctx.store).settings.phone == "0296 3 852 852", timeout=5000
    )
    assert fresh.settings.unit_name == "Trung tâm Phục vụ hành chính công phường Mẫu"


def test_the_live_due_date_says_when_it_is_estimated(qtbot, shell, ctx, clock):
    from tests.gui.test_desktop import pick

    clock.set(datetime(2027, 1, 28, 9, 0, tzinfo=VN_TZ))
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    pick(qtbot, page.procedure, "1.004884")  # 5 working days: over Tết 2027
    assert "dự kiến" in page.due.text()
    page.procedure.clear()
    pick(qtbot, page.procedure, "1.001193")  # in the day: no holiday on the way
    assert "dự kiến" not in page.due.text()
