"""Migration 0019 on a store with pickup requests from before references existed: this
counter's own requests are numbered in the order they were taken and its series continues after
them; a request pulled from another counter keeps waiting for that counter's number, and this
store's next sync does not send it again (its empty reference must never win over the one its
own counter gives)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

from alembic import command
from sqlalchemy import select, text

from onestop.domain.ids import new_id_str
from onestop.services import postal
from onestop.services.postal import PickupInput
from onestop.store import tables_postal as tp
from onestop.store.db import alembic_config
from onestop.sync import rows

ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"


def _request(ctx, name: str) -> str:
    req = PickupInput(
        procedure_code="1.001193",
        applicant_name=name,
        phone="0912345678",
        address=ADDRESS,
        day=date(2026, 11, 17),
    )
    return postal.request_pickup(ctx, req).id


def test_existing_pickups_are_numbered_and_foreign_ones_are_not_sent_again(ctx, clock):
    first = _request(ctx, "Lê Thị Bích")
    clock.set(clock.now + timedelta(minutes=5))
    second = _request(ctx, "Võ Thị Hoa")
    foreign = new_id_str()
    with ctx.store.unit_of_work() as session:
        mine = session.get(tp.PickupRequest, first)
        session.add(
            tp.PickupRequest(
                **{
                    c.name: getattr(mine, c.name)
                    for c in tp.PickupRequest.__table__.columns
                    if c.name not in ("id", "workstation_id", "reference")
                },
                id=foreign,
                workstation_id=new_id_str(),
            )
        )
        session.commit()
    with ctx.store.unit_of_work() as session:
        rows.detect(session, ctx.settings.workstation_id, clock.now)
        session.commit()

    engine = ctx.store.engine
    # Back to the last released revision (0014): 0015 (case_name), 0017 (commune codes) and
    # 0019 (reference) each add columns to pickups, and an upgrade crosses all of them at once.
    cfg = alembic_config(engine)
    command.downgrade(cfg, "0014")
    # The replication entries as a store before 0015 wrote them: none of the new columns.
    with engine.begin() as conn:
        entries = conn.execute(
            text("SELECT row_id, data FROM sync_row_versions WHERE table_name = 'postal_pickups'")
        ).all()
        for row_id, data in entries:
            values = json.loads(data)
            for column in ("reference", "case_name", "province_code", "commune_code"):
                values.pop(column)
            old = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            conn.execute(
                text("UPDATE sync_row_versions SET data = :d, digest = :g WHERE row_id = :r"),
                {"d": old, "g": hashlib.sha256(old.encode()).hexdigest(), "r": row_id},
            )
        conn.execute(text("DELETE FROM counters WHERE name LIKE 'postal-pickup:%'"))
    command.upgrade(alembic_config(engine), "head")

    with ctx.store.unit_of_work() as session:
        query = select(tp.PickupRequest.id, tp.PickupRequest.reference)
        refs = {row_id: ref for row_id, ref in session.execute(query)}
        assert refs == {first: "TG-1001", second: "TG-1002", foreign: None}
        # Only this counter's two numbered requests get a new replicated version.
        assert rows.detect(session, ctx.settings.workstation_id, clock.now) == 2
        session.commit()
    # The series continues after the numbered ones.
    third = _request(ctx, "Trần Văn Ba")
    with ctx.store.reading() as session:
        assert session.get(tp.PickupRequest, third).reference == "TG-1003"
