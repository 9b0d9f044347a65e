"""Issue 14, item 8 for home pickups, on a real store: the request keeps the commune codes and
hands them to the dossier it becomes; a request taken before codes were kept (an old address,
NULL codes) is still received when the post hands it over (the signature is done), without a
unit, instead of breaking the hand-over."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from onestop.services import dossiers, postal
from onestop.services.postal import HandoverLine, PickupInput
from onestop.store.db import STORE_FILE

BIRTH = "1.001193"
DAY = date(2026, 11, 17)


def pickup(ctx, name: str, address: str) -> postal.PickupItem:
    return postal.request_pickup(
        ctx,
        PickupInput(
            procedure_code=BIRTH, applicant_name=name, phone="0987654321", address=address, day=DAY
        ),
    )


def test_the_request_units_become_the_dossiers_and_old_requests_still_hand_over(
    ctx, clock, data_dir
):
    kept = pickup(ctx, "Lê Thị Bích", "Ấp Hòa Thạnh, xa my hoa hung, an giang")
    assert kept.commune_code == "30313" and kept.ward == "Xã Mỹ Hòa Hưng"
    old = pickup(ctx, "Phạm Văn Dũng", "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang")
    # As a request taken before 0017 is stored: an old address and no codes.
    db = sqlite3.connect(data_dir / STORE_FILE)
    with db:
        db.execute(
            "UPDATE postal_pickups SET address = ?, province_code = NULL, commune_code = NULL "
            "WHERE id = ?",
            ("Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang", old.id),
        )
    db.close()
    listed = postal.day_list(ctx, DAY, "pickup")
    # Grouped by commune code; the request that cannot be placed shares the unplaced group.
    assert [(r.ref, r.commune_code) for r in listed] == [(old.ref, None), (kept.ref, "30313")]

    clock.set(datetime(2026, 11, 17, 10, 0, tzinfo=VN_TZ))
    out = postal.handover(
        ctx,
        "pickup",
        [HandoverLine(kept.ref, make_s10("EE", 40)), HandoverLine(old.ref, make_s10("EE", 41))],
    )
    by_ref = {i.ref: i.code for i in out.items}
    unit = dossiers.show(ctx, by_ref[kept.ref]).return_unit
    assert unit is not None and (unit.province_code, unit.commune_code) == ("91", "30313")
    legacy = dossiers.show(ctx, by_ref[old.ref])
    assert legacy.status == "received" and legacy.return_unit is None
    assert legacy.return_address == "Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang"
