"""The history's hash chain (issue 12, item 10): an event added, changed or removed behind the
program's back, in the local SQLite file or at the centre, is refused by the push and reported
by ``onestop verify``, naming the events."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
import test_sync_support as support
from alembic import command
from sqlalchemy import select
from test_sync_support import Clock, make_central, make_workstations

from onestop.domain import chain
from onestop.services import verify
from onestop.store import tables as t
from onestop.store.db import STORE_FILE, alembic_config
from onestop.sync import errors
from tests.helpers import run_cli

memory_keyring = support.memory_keyring
template_root = support.template_root


def _raw(folder: Path) -> sqlite3.Connection:
    """The store as a local user with access to the file sees it: triggers dropped at will."""
    conn = sqlite3.connect(folder / STORE_FILE)
    conn.isolation_level = None
    return conn


def _tamper(folder: Path, sql: str, *params) -> None:
    conn = _raw(folder)
    for trigger in ("events_no_update", "events_no_delete", "events_chained"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute(sql, params)
    conn.close()


def _forge_event(folder: Path, dossier_code: str, event_id: str = "forged-event") -> None:
    conn = _raw(folder)
    dossier_id, station = conn.execute(
        "SELECT d.id, d.workstation_id FROM dossiers d WHERE d.code = ?", (dossier_code,)
    ).fetchone()
    conn.close()
    _tamper(
        folder,
        "INSERT INTO events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
        "payload) VALUES (?, ?, 'result_ready', '2026-11-16 03:00:00', '2026-11-16 03:00:00', "
        "'ke.gian', ?, '{}')",
        event_id,
        dossier_id,
        station,
    )


def test_a_plain_insert_into_the_local_history_is_refused_by_the_store(tmp_path):
    run_cli(tmp_path, "init", "--demo")
    code = json.loads(
        run_cli(tmp_path, "receive", "--procedure", "1.001193", "--name", "Lê An", "--json").stdout
    )["code"]
    conn = _raw(tmp_path)
    dossier_id = conn.execute("SELECT id FROM dossiers WHERE code = ?", (code,)).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="hash chain"):
        conn.execute(
            "INSERT INTO events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
            "payload) VALUES ('x', ?, 'result_ready', '2026-11-16 03:00:00', "
            "'2026-11-16 03:00:00', 'ke.gian', 'w', '{}')",
            (dossier_id,),
        )
    conn.close()


def test_verify_names_every_event_added_changed_or_removed_out_of_band(tmp_path):
    run_cli(tmp_path, "init", "--demo")
    codes = [
        json.loads(
            run_cli(tmp_path, "receive", "--procedure", "1.001193", "--name", n, "--json").stdout
        )["code"]
        for n in ("Lê An", "Trần Bình", "Phạm Chi")
    ]
    ok = json.loads(run_cli(tmp_path, "verify", "--json").stdout)
    assert ok["ok"] and ok["events"] == 3 and ok["findings"] == []

    conn = _raw(tmp_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY chain_seq")]
    conn.close()
    _forge_event(tmp_path, codes[0])
    _tamper(tmp_path, "UPDATE events SET actor = 'nguoi.khac' WHERE id = ?", ids[0])
    _tamper(tmp_path, "DELETE FROM events WHERE id = ?", ids[1])
    proc = run_cli(tmp_path, "verify", "--json", check=1)
    report = json.loads(proc.stdout)
    assert not report["ok"]
    found = {(f["kind"], f["event_ids"][0]) for f in report["findings"]}
    assert ("added", "forged-event") in found
    assert ("changed", ids[0]) in found
    # The removal shows as the gap before the next event of the chain.
    assert ("removed", ids[2]) in found
    text = run_cli(tmp_path, "verify", check=1).stdout
    assert "KHÔNG nguyên vẹn" in text and "forged-event" in text


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_centre_refuses_a_push_whose_chain_is_broken(kind, request, tmp_path, template_root):
    centre = make_central(kind, tmp_path, request, n=1)
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, centre, clock, n=1)
    try:
        code = ws.receive("Lê Văn An")
        assert ws.sync().ok
        before = support.central_snapshot(centre)
        _forge_event(ws.folder, code)
        report = ws.sync()
        assert not report.ok
        assert report.error_kind == errors.CHAIN, (report.error, report.error_detail)
        assert "forged-event" in report.error
        assert support.central_snapshot(centre) == before
    finally:
        ws.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_verify_against_the_centre_finds_a_pushed_event_changed_on_the_workstation(
    kind, request, tmp_path, template_root
):
    centre = make_central(kind, tmp_path, request, n=1)
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, centre, clock, n=1)
    try:
        code = ws.receive("Lê Văn An")
        clock.tick()
        ws.result(code)
        assert ws.sync().ok
        from onestop.services.sync import connect
        from onestop.sync.config import SyncSettings

        cfg, _ = SyncSettings().with_url(ws.url)
        engine = connect(cfg)
        try:
            assert verify.verify_central(ws.ctx, engine, "centre").ok
            with ws.ctx.store.reading() as session:
                first = session.scalars(
                    select(t.Event.id).where(t.Event.type == "result_ready")
                ).one()
            # Changed with its hash recomputed, so that the local chain alone still holds: only
            # the centre's copy tells.
            conn = _raw(ws.folder)
            row = conn.execute(
                "SELECT id, dossier_id, type, at, recorded_at, actor, workstation_id, payload, "
                "chain_seq, chain_prev FROM events WHERE id = ?",
                (first,),
            ).fetchone()
            conn.close()
            forged = _as_event(row, actor="nguoi.khac")
            digest = chain.event_hash(forged, row[8], row[9])
            _tamper(
                ws.folder,
                "UPDATE events SET actor = 'nguoi.khac', chain_hash = ? WHERE id = ?",
                digest,
                first,
            )
            report = verify.verify_central(ws.ctx, engine, "centre")
        finally:
            engine.dispose()
        assert not report.ok
        assert [(f.kind, f.event_ids) for f in report.findings] == [("changed", (first,))]
    finally:
        ws.close()


def _as_event(row, **changes):
    from datetime import UTC, datetime

    def stamp(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)

    names = ("id", "dossier_id", "type", "at", "recorded_at", "actor", "workstation_id")
    event = dict(zip(names, row[:7], strict=True))
    event["at"], event["recorded_at"] = stamp(event["at"]), stamp(event["recorded_at"])
    event["payload"] = json.loads(row[7])
    event.update(changes)
    return event


def test_existing_history_is_chained_alike_on_the_workstation_and_at_the_centre(
    request, tmp_path, template_root
):
    """A store and a centre that predate the chain are chained by the migration, the same way
    on both sides, so that verify --central agrees."""
    centre = make_central("sqlite", tmp_path, request, n=2)
    clock = Clock()
    stations = make_workstations(tmp_path, template_root, centre, clock, n=2)
    try:
        for ws in stations:
            for i in range(3):
                code = ws.receive(f"Người {ws.number}-{i}")
                clock.tick()
                ws.result(code)
            assert ws.sync().ok
        assert stations[0].sync().ok
        engines = [ws.ctx.store.engine for ws in stations] + [centre.engine()]
        for engine in engines:
            cfg = alembic_config(engine)
            command.downgrade(cfg, "0008")
            command.upgrade(cfg, "head")
        from onestop.services.sync import connect
        from onestop.sync.config import SyncSettings

        cfg, _ = SyncSettings().with_url(centre.admin_url)
        engine = connect(cfg)
        try:
            for ws in stations:
                report = verify.verify_central(ws.ctx, engine, "centre")
                assert report.ok, report.to_json()
            # And a new event continues the backfilled chain at the centre.
            code = stations[1].receive("Người mới")
            assert stations[1].sync().ok
        finally:
            engine.dispose()
    finally:
        for ws in stations:
            ws.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_verify_against_the_centre_finds_an_event_added_at_the_centre(
    kind, request, tmp_path, template_root
):
    """The centre's owner adds an event to a workstation's chain, linked as the chain wants (so
    the centre's trigger lets it in): the workstation's own copy tells."""
    centre = make_central(kind, tmp_path, request, n=1)
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, centre, clock, n=1)
    try:
        ws.receive("Lê Văn An")
        ws.receive("Trần Văn Bình")
        assert ws.sync().ok
        from onestop.services.sync import connect
        from onestop.sync.config import SyncSettings
        from tests.helpers import chain_events

        admin = centre.engine()
        with admin.begin() as conn:
            rows = [dict(r) for r in conn.execute(select(t.Event.__table__)).mappings()]
            mine = sorted(
                (r for r in rows if r["workstation_id"] == ws.ctx.settings.workstation_id),
                key=lambda r: r["chain_seq"],
            )
            forged = dict(mine[-1], id="added-at-centre", type="note", payload={"text": "x"})
            chain_events(
                [forged],
                {forged["workstation_id"]: (mine[-1]["chain_seq"], mine[-1]["chain_hash"])},
            )
            events = t.Event.__table__
            if kind == "postgresql":
                # The centre's events name their agency (migration 0021).
                columns = [sa.column(c.name, c.type) for c in events.columns]
                events = sa.table("events", *columns, sa.column("agency_code", sa.String))
                forged["agency_code"] = support.AGENCY
            conn.execute(events.insert(), forged)
        admin.dispose()
        cfg, _ = SyncSettings().with_url(ws.url)
        engine = connect(cfg)
        try:
            report = verify.verify_central(ws.ctx, engine, "centre")
        finally:
            engine.dispose()
        assert ("added", ("added-at-centre",)) in [(f.kind, f.event_ids) for f in report.findings]
    finally:
        ws.close()
