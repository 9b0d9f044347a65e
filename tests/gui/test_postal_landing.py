"""Postal staff start on the postal page after signing in, whatever page the workstation's last
user left open; on a 1366×768 screen the day's lists show the phone column without scrolling,
and a pickup request is listed by its short reference, not a UUID."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from onestop.services import dossiers, postal
from onestop.services.postal import PickupInput
from onestop.services.reception import ReceiveRequest, receive
from onestop.ui.postal.lists import PHONE_COLUMN
from tests.gui.conftest import sign_in, wait_ops

LONG_ADDRESS = (
    "Số 1234/56/78 đường Trần Hưng Đạo nối dài, khu dân cư Bình Khánh 3, Tổ 17, "
    "Phường Long Xuyên, Tỉnh An Giang"
)


def _phone_in_view(tree) -> bool:
    header = tree.header()
    right = header.sectionViewportPosition(PHONE_COLUMN) + header.sectionSize(PHONE_COLUMN)
    return header.sectionViewportPosition(PHONE_COLUMN) >= 0 and right <= tree.viewport().width()


def test_postal_staff_land_on_the_postal_page_with_the_phone_in_view(qtbot, shell, ctx, clock):
    today = clock.now.date()
    pickup = postal.request_pickup(
        ctx,
        PickupInput(
            procedure_code="1.001193",
            applicant_name="Lê Thị Bích",
            phone="0987654321",
            address=LONG_ADDRESS,
            day=today,
        ),
    )
    code = receive(
        ctx,
        ReceiveRequest(
            procedure_code="1.001193",
            applicant_name="Nguyễn Văn An",
            phone="0912345678",
            address=LONG_ADDRESS,
            return_by="post",
        ),
    ).code
    clock.set(clock.now + timedelta(minutes=30))
    dossiers.mark_result_ready(ctx, code)
    # The last user of this workstation (a clerk) left the search page open.
    shell.settings.setValue("main/page", "search")

    main = sign_in(qtbot, shell, "buu.dien")
    assert main.current_page_key() == "postal"
    main.showNormal()
    main.resize(1366, 768)
    qtbot.waitUntil(lambda: main.width() <= 1366)
    page = main.page("postal")
    qtbot.waitUntil(lambda: page.lists.current is not None, timeout=15000)
    wait_ops(qtbot)
    qtbot.wait(50)

    trees = {"delivery": page.lists.delivery_tree, "pickup": page.lists.pickup_tree}
    page.lists.setCurrentWidget(trees["delivery"])
    qtbot.wait(20)
    assert _phone_in_view(trees["delivery"])
    row = trees["delivery"].topLevelItem(0).child(0)
    assert row.text(0) == code and row.text(PHONE_COLUMN) == "0912345678"

    page.lists.setCurrentWidget(trees["pickup"])
    qtbot.wait(20)
    assert _phone_in_view(trees["pickup"])
    row = trees["pickup"].topLevelItem(0).child(0)
    assert row.text(0) == pickup.ref and re.fullmatch(r"TG-\d{4}", row.text(0))
    assert row.text(PHONE_COLUMN) == "0987654321"


def test_a_clerk_still_starts_where_the_workstation_left_off(qtbot, shell):
    shell.settings.setValue("main/page", "search")
    main = sign_in(qtbot, shell, "can.bo")
    assert main.current_page_key() == "search"


def _pdf_text(data: bytes) -> str:
    import io

    import pypdf

    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


@pytest.mark.parametrize("role", ["postal", "counter"])
def test_the_record_prints_the_postmans_number_and_phone(ctx, clock, qtbot, role):
    from PySide6.QtCore import Qt

    from onestop.domain.identifiers import make_s10
    from onestop.services import accounts
    from onestop.ui import ops
    from onestop.ui.postal import PostalPage

    accounts.add_user(
        ctx,
        "bd.lan",
        "postal",
        "mat-khau-rat-dai",
        "Đỗ Thị Lan",
        employee_number="BĐ-0457",
        phone="0912000457",
    )
    code = receive(
        ctx,
        ReceiveRequest(
            procedure_code="1.001193",
            applicant_name="Nguyễn Văn An",
            phone="0912345678",
            address=LONG_ADDRESS,
            return_by="post",
        ),
    ).code
    dossiers.mark_result_ready(ctx, code)
    ctx.role = role
    ctx.actor = "bd.lan" if role == "postal" else "can.bo"
    w = PostalPage(ctx)
    qtbot.addWidget(w)
    w.show()

    def wait() -> None:
        qtbot.waitUntil(lambda: ops.tracker().count == 0, timeout=15000)

    wait()
    for text in (code, make_s10("RR", 4570001)):
        qtbot.keyClicks(w.handover.scan, text)
        qtbot.keyClick(w.handover.scan, Qt.Key.Key_Return)
    if role == "postal":
        # The account's own number and phone: nothing to type but the officer.
        assert not w.handover.postman_number.isVisible()
        w.handover.officer.setText("Nguyễn Thị Thu Hà")
        printed = (
            "Ông/Bà Đỗ Thị Lan, nhân viên Bưu điện, mã số nhân viên BĐ-0457, điện thoại 0912000457"
        )
    else:
        assert w.handover.postman_number.isVisible() and w.handover.postman_phone.isVisible()
        w.handover.postman.setText("Trần Văn Bưu")
        w.handover.postman_number.setText("BĐ-0999")
        w.handover.postman_phone.setText("0987 654 321")
        printed = (
            "Ông/Bà Trần Văn Bưu, nhân viên Bưu điện, mã số nhân viên BĐ-0999, "
            "điện thoại 0987654321"
        )
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait()
    assert w.handover.last_record is not None
    qtbot.mouseClick(w.handover.print_button, Qt.MouseButton.LeftButton)
    wait()
    assert printed in _pdf_text(w.last_pdf)
    w.preview.close()
