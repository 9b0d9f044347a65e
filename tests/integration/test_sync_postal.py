"""Postal records and counter guidance replicate: flows split across two workstations (pickup
requested on one and handed over on the other; delivery handed over on one and its attempts
recorded on the other), synced in both orders, against real SQLite and PostgreSQL centrals,
end with the same postal lists, handover records, statement and guidance everywhere. Also:
staff accounts reach only their agency's workstations."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import test_sync_support as support
from sqlalchemy import select
from test_sync_support import (
    BIRTH,
    Clock,
    assert_converged,
    make_workstations,
    sync_all_until_quiet,
)

from onestop.domain.identifiers import make_s10
from onestop.services import forms, postal
from onestop.services.postal import Attempt, HandoverLine, PickupInput
from onestop.services.reception import ReceiveRequest, receive
from onestop.store import tables as t

# The shared fixtures (assigned, so that the parameters naming them are not redefinitions).
memory_keyring = support.memory_keyring
template_root = support.template_root
central = support.central

ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
ID = "001190012345"
MONTH = "2026-11"


def _pickup(ws, name: str, day: date) -> dict:
    """A home pickup request for a birth registration, taken at this workstation."""
    req = PickupInput(
        procedure_code=BIRTH, applicant_name=name, phone="0912345678", address=ADDRESS, day=day
    )
    return postal.request_pickup(ws.ctx, req)


def _postal_view(ctx, days: list[date]) -> dict:
    """Everything a postal clerk or a supervisor sees, in comparable form."""
    view: dict = {"statement": postal.statement(ctx, MONTH).to_json()}
    for day in days:
        for kind in ("pickup", "delivery"):
            view[f"{kind}:{day}"] = [r.to_json() for r in postal.day_list(ctx, day, kind)]
        view[f"records:{day}"] = [r.to_json() for r in postal.records_of_day(ctx, day)]
    with ctx.store.reading() as session:
        rows = session.execute(select(t.Guidance).order_by(t.Guidance.id)).scalars()
        view["guidance"] = [(g.id, g.kind, g.applicant_name, list(g.items)) for g in rows]
    return view


@pytest.mark.parametrize("order", ["a_first", "b_first"])
def test_postal_flows_split_across_workstations_converge(
    central, tmp_path: Path, template_root: Path, order: str
) -> None:
    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    first, second = (a, b) if order == "a_first" else (b, a)
    today = clock.now.date()

    # Workstation A: a home pickup request, and a dossier to be returned by post.
    request = _pickup(a, "Trần Thị Bình", today)
    # A second request, which the citizen cancels at B after the first sync (replicated too).
    called_back = _pickup(a, "Võ Thị Hoa", today)
    code = receive(
        a.ctx,
        ReceiveRequest(
            procedure_code=BIRTH,
            applicant_name="Nguyễn Văn An",
            phone="0912345678",
            address=ADDRESS,
            return_by="post",
        ),
    ).code
    clock.tick(600)
    a.result(code)
    forms.guide_at_counter(a.ctx, "supplement", BIRTH, "Lê Văn Cường", ["Tờ khai"])
    for ws in (first, second, first, second):
        assert ws.sync().ok

    # Workstation B: the postman hands the picked-up dossier over; A hands the result over.
    clock.tick(600)
    picked = postal.handover(b.ctx, "pickup", [HandoverLine(request.ref, make_s10("RR", 1))])
    postal.cancel_pickup(b.ctx, called_back.ref, "Công dân tự mang hồ sơ đến quầy")
    delivery = postal.handover(a.ctx, "delivery", [HandoverLine(code, make_s10("RR", 2))])
    assert picked.items[0].code and delivery.items[0].code == code
    for ws in (second, first, second):
        assert ws.sync().ok

    # Workstation B records a failed attempt then the delivery of A's consignment.
    clock.tick(600)
    failed = postal.record_attempt(b.ctx, code, Attempt("failed", reason="Vắng nhà"))
    assert failed.status == "out_for_delivery"
    clock.now = clock.now + timedelta(days=2)
    done = postal.record_attempt(
        b.ctx, code, Attempt("delivered", recipient="Nguyễn Văn An", id_number=ID)
    )
    assert done.status == "delivered"
    forms.guide_at_counter(b.ctx, "refusal", BIRTH, "Phạm Thị Dung", ["Sai thẩm quyền"])
    sync_all_until_quiet([second, first])
    sync_all_until_quiet([first, second])

    assert_converged([a, b], central)
    days = [today, today + timedelta(days=2)]
    seen_a, seen_b = _postal_view(a.ctx, days), _postal_view(b.ctx, days)
    assert seen_a == seen_b
    pickups = {p["ref"]: p for p in seen_a[f"pickup:{today}"]}
    assert set(pickups) == {request.ref, called_back.ref}
    # Replicated with their short references (numbered by A, the counter that took them).
    assert {request.ref, called_back.ref} == {"TG-1001", "TG-1002"}
    got = pickups[request.ref]
    assert got["status"] == "received" and got["consignment"] == make_s10("RR", 1)
    gone = pickups[called_back.ref]
    assert gone["status"] == "cancelled" and gone["cancel_reason"].startswith("Công dân")
    assert len(seen_a[f"records:{today}"]) == 2
    statement = seen_a["statement"]
    assert len(statement["items"]) == 2 and statement["postage"] > 0
    assert [g[1] for g in seen_a["guidance"]] == ["supplement", "refusal"]
    # One dossier per pickup request: A never received B's pickup a second time.
    with a.ctx.store.reading() as session:
        assert session.query(t.Dossier).count() == 2
    for ws in (a, b):
        ws.close()


def test_concurrent_changes_of_one_row_resolve_the_same_everywhere(
    central, tmp_path: Path, template_root: Path
) -> None:
    """Both counters change the same row offline: the later version wins on both, whatever
    order they sync in (last writer by (time, workstation))."""
    from onestop.store import tables_postal as tp

    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    request = _pickup(a, "Trần Thị Bình", clock.now.date())
    assert a.sync().ok and b.sync().ok
    for ws, note in ((b, "gọi trước 30 phút"), (a, "cổng sau")):
        with ws.ctx.store.unit_of_work() as session:
            session.get(tp.PickupRequest, request.id).notes = note
            session.commit()
    # B notices its change at its sync, A later at its own: A's version is the later one.
    assert b.sync().ok
    clock.tick(60)
    assert a.sync().ok and b.sync().ok and a.sync().ok
    for ws in (a, b):
        with ws.ctx.store.reading() as session:
            assert session.get(tp.PickupRequest, request.id).notes == "cổng sau"
        ws.close()


def test_staff_accounts_reach_only_their_agency(central, tmp_path: Path, template_root: Path):
    """Another agency's accounts (and their password hashes) never reach this agency's
    counters; province-wide accounts (no agency) reach every one."""
    from sqlalchemy import insert

    staff = pytest.importorskip("onestop.store.tables_staff").Staff
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, central, clock, n=1)
    engine = central.engine()
    try:
        with engine.begin() as conn:
            rows = [
                ("khac.donvi", "counter", "000.00.00.X99"),
                ("quan.tri.tinh", "admin", None),
                ("can.bo.minh", "counter", support.AGENCY),
            ]
            for username, role, agency in rows:
                conn.execute(
                    insert(staff.__table__).values(
                        id=username,
                        username=username,
                        full_name=username,
                        role=role,
                        password_hash="$argon2id$x",
                        active=True,
                        agency_code=agency,
                        created_at=clock.now,
                        updated_at=clock.now,
                    )
                )
    finally:
        engine.dispose()
    assert ws.sync().ok
    with ws.ctx.store.reading() as session:
        names = set(session.scalars(select(staff.username)))
    assert {"quan.tri.tinh", "can.bo.minh"} <= names and "khac.donvi" not in names
    if central.kind == "postgresql":
        # Row-level security says the same to the workstation's own role, whatever it asks.
        from sqlalchemy import create_engine

        own = create_engine(central.url_for(1))
        try:
            with own.connect() as conn:
                seen = set(conn.execute(select(staff.username)).scalars())
        finally:
            own.dispose()
        assert "khac.donvi" not in seen and "can.bo.minh" in seen
    ws.close()


def test_one_label_used_offline_on_two_workstations_never_stops_sync(
    central, tmp_path: Path, template_root: Path
) -> None:
    """Two counters cut off from each other hand two different dossiers over with the same S10
    label (one of them mistyped or rescanned). Both consignments reach everyone, every later
    sync goes on, and the post office's status file naming that label is refused with both
    dossiers named instead of being applied to one of them at random."""
    import test_sync_support as s

    from onestop.domain.errors import InputError
    from onestop.services import dossiers
    from onestop.store import tables_postal as tp

    clock = s.Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)

    def ready(ws, name: str) -> str:
        req = ReceiveRequest(
            procedure_code=BIRTH,
            applicant_name=name,
            phone="0912345678",
            address=ADDRESS,
            return_by="post",
        )
        code = receive(ws.ctx, req).code
        ws.result(code)
        return code

    code_a, code_b = ready(a, "Nguyễn Văn An"), ready(b, "Trần Thị Bình")
    label = make_s10("RR", 7)
    clock.tick(600)
    postal.handover(a.ctx, "delivery", [HandoverLine(code_a, label)])
    postal.handover(b.ctx, "delivery", [HandoverLine(code_b, label)])
    for ws in (a, b, a, b):
        report = ws.sync()
        assert report.ok, report.error
    # Sync goes on: a dossier received afterwards reaches the other counter.
    later = receive(
        a.ctx,
        ReceiveRequest(procedure_code=BIRTH, applicant_name="Lê Văn Cường", phone="0912345678"),
    ).code
    assert a.sync().ok and b.sync().ok
    assert dossiers.show(b.ctx, later).code == later
    assert_converged([a, b], central)
    for ws in (a, b):
        with ws.ctx.store.reading() as session:
            numbers = session.scalars(select(tp.Consignment.number)).all()
        assert numbers == [label, label]
        # The label is still refused for a new hand-over on either counter.
        third = ready(ws, "Phạm Thị Dung")
        with pytest.raises(InputError, match="đã có trong một biên bản"):
            postal.handover(ws.ctx, "delivery", [HandoverLine(third, label)])
    status = tmp_path / "status.csv"
    status.write_text(
        "consignment,outcome,at,recipient,id_number,reason\n"
        f"{label},failed,{clock.now.date().isoformat()}T16:00,,,Vắng nhà\n",
        encoding="utf-8",
    )
    clock.now = clock.now.replace(hour=17)
    a.ctx.role = "postal"
    with pytest.raises(InputError) as err:
        postal.import_statuses(a.ctx, status)
    assert err.value.field == "dòng 2.consignment"
    assert code_a in err.value.message and code_b in err.value.message
    for ws in (a, b):
        ws.close()
