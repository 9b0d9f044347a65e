"""Postal staff start on the postal page after signing in, whatever page the workstation's last
user left open; on a 1366×768 screen the day's lists show the phone column without scrolling,
and a pickup request is listed by its short reference, not a UUID."""

from __future__ import annotations

import re
from datetime import timedelta

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
