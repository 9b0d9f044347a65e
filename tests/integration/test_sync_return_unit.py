"""Issue 14, item 8 across workstations: the 2025 units a post address resolved to travel with the
dossier (in its received event) and with a pickup request (its replicated row), through real
SQLite and PostgreSQL centrals, whose dossiers keep the codes too."""

from __future__ import annotations

from pathlib import Path

import test_sync_support as support
from sqlalchemy import create_engine, select
from test_sync_support import BIRTH, Clock, make_workstations

from onestop.services import dossiers, postal
from onestop.services.postal import PickupInput
from onestop.services.reception import ReceiveRequest, receive
from onestop.store import tables as t

memory_keyring = support.memory_keyring
template_root = support.template_root
central = support.central


def test_units_replicate_with_the_dossier_and_the_pickup(
    central, tmp_path: Path, template_root: Path
) -> None:
    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    code = receive(
        a.ctx,
        ReceiveRequest(
            procedure_code=BIRTH,
            applicant_name="Nguyễn Văn An",
            phone="0912345678",
            address="so 7 le loi, phuong ben thanh, tp hcm",
            return_by="post",
        ),
    ).code
    pickup = postal.request_pickup(
        a.ctx,
        PickupInput(
            procedure_code=BIRTH,
            applicant_name="Trần Thị Bình",
            phone="0912345678",
            address="Ấp Hòa Thạnh, Xã Mỹ Hòa Hưng, Tỉnh An Giang",
            day=clock.now.date(),
        ),
    )
    for ws in (a, b, a, b):
        assert ws.sync().ok
    unit = dossiers.show(b.ctx, code).return_unit
    assert unit is not None
    assert (unit.province_code, unit.commune_code) == ("79", "26743")
    listed = postal.day_list(b.ctx, clock.now.date(), "pickup")
    assert [(r.ref, r.commune_code) for r in listed] == [(pickup.ref, "30313")]
    engine = create_engine(central.admin_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                select(t.Dossier.return_province_code, t.Dossier.return_commune_code).where(
                    t.Dossier.code == code
                )
            ).one()
    finally:
        engine.dispose()
    assert tuple(row) == ("79", "26743")
