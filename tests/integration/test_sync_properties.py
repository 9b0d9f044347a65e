"""Property: whatever the schedule of receipts, results, returns and syncs across three
workstations (hypothesis draws it), once everyone has synced, every store and the centre hold the
same dossiers and histories, each dossier once, codes unique, and every projection is the fold
of its events."""

from __future__ import annotations

import shutil
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import test_sync_support as support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select
from test_sync_support import Central, Clock, assert_converged, make_central, make_workstations

from onestop.domain import dossier as domain
from onestop.domain.clock import VN_TZ
from onestop.services import dossiers
from onestop.store import tables as t
from onestop.sync import bulk, projection
from onestop.sync.projection import projected, to_event

memory_keyring = support.memory_keyring
template_root = support.template_root

STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            ["receive"] * 2 + ["result"] * 2 + ["return"] * 2 + ["sync"] * 3 + ["tick"]
        ),
        st.integers(0, 2),  # which workstation
        st.integers(0, 10_000),  # which dossier, or how long
    ),
    min_size=8,
    max_size=40,
)
PROPERTY_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory, request) -> Path:
    """A central SQLite file set up once; each example starts from a copy."""
    root = tmp_path_factory.mktemp("central-template")
    make_central("sqlite", root, request)
    return root / "central.sqlite3"


@pytest.fixture(scope="module")
def pg_template(pg_cluster, tmp_path_factory, request):
    """A central PostgreSQL database set up once (with its workstation roles); each example
    starts from a copy made with CREATE DATABASE ... TEMPLATE."""
    root = tmp_path_factory.mktemp("pg-template")
    return make_central("postgresql", root, request)


def _run(schedule, stations, clock) -> int:
    received = 0
    for op, index, pick in schedule:
        ws = stations[index]
        if op == "receive":
            ws.receive(f"Người {pick}")
            received += 1
        elif op in ("result", "return"):
            wanted = "received" if op == "result" else "result_ready"
            candidates = [d for d in dossiers.list_dossiers(ws.ctx) if d.status == wanted]
            if candidates:
                code = candidates[pick % len(candidates)].code
                ws.result(code) if op == "result" else ws.give_back(code)
        elif op == "sync":
            report = ws.sync(push_batch=3, pull_batch=4)
            assert report.ok, report.error
        else:
            clock.tick(1 + pick % 600)
        clock.tick(1)
    return received


def _check(stations, central: Central, received: int) -> None:
    for _ in range(2):
        for ws in stations:
            assert ws.sync().ok
    rows = assert_converged(stations, central)
    assert len(rows) == received
    engine = create_engine(central.admin_url)
    try:
        with engine.connect() as conn:
            events = [to_event(r) for r in conn.execute(select(t.Event)).mappings()]
            by_dossier: dict[str, list[domain.Event]] = {}
            for event in events:
                by_dossier.setdefault(event.dossier_id, []).append(event)
            for row in conn.execute(select(t.Dossier)).mappings():
                expected = projected(domain.project(by_dossier[row["id"]]), row["updated_at"])
                # The centre's SQL fold keeps no count of supplements (the workstations' figures
                # read it; the centre's report classifies such dossiers from their events).
                del expected["supplements"]
                assert {k: row[k] for k in expected} == expected
    finally:
        engine.dispose()


@settings(max_examples=30, **PROPERTY_SETTINGS)
@given(schedule=STEPS)
def test_random_schedules_converge_on_a_sqlite_central(
    schedule, sqlite_template, template_root, tmp_path_factory
):
    root = tmp_path_factory.mktemp("example")
    shutil.copy(sqlite_template, root / "central.sqlite3")
    central = Central(kind="sqlite", admin_url=f"sqlite:///{root / 'central.sqlite3'}")
    clock = Clock()
    stations = make_workstations(root, template_root, central, clock)
    try:
        received = _run(schedule, stations, clock)
        _check(stations, central, received)
    finally:
        for ws in stations:
            ws.close()


@pytest.mark.postgres
@settings(max_examples=8, **PROPERTY_SETTINGS)
@given(schedule=STEPS)
def test_random_schedules_converge_on_a_postgresql_central(
    schedule, pg_template, pg_cluster, template_root, tmp_path_factory
):
    import psycopg

    name = "p_" + uuid.uuid4().hex[:12]
    with psycopg.connect(
        host=str(pg_cluster.socket), port=pg_cluster.port, user="postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template.database}"')
    central = Central(
        kind="postgresql",
        admin_url=pg_cluster.url(name),
        cluster=pg_cluster,
        database=name,
        roles=dict(pg_template.roles),
    )
    root = tmp_path_factory.mktemp("example")
    clock = Clock()
    stations = make_workstations(root, template_root, central, clock)
    try:
        received = _run(schedule, stations, clock)
        _check(stations, central, received)
    finally:
        for ws in stations:
            ws.close()


# Histories of every event type, in any order, at times that may tie: the sync's own fold of
# event rows (onestop.sync.projection) must give exactly what the domain's projection gives.
_BASE = datetime(2026, 11, 16, 7, 30, tzinfo=VN_TZ)
HISTORIES = st.lists(
    st.tuples(
        st.sampled_from([k.value for k in domain.EventType] + ["not_a_type"]),
        st.integers(0, 20),  # hour: ties in time are frequent, the id decides
        st.integers(0, 5),  # days added to a due date carried by the payload
    ),
    min_size=0,
    max_size=12,
)


def _rows(history, pulled: bool) -> list[dict]:
    rows = [_event_row(("received", 0, 3), 0, pulled)]
    rows += [_event_row(step, i + 1, pulled) for i, step in enumerate(history)]
    return rows


def _event_row(step, i: int, pulled: bool) -> dict:
    kind, hour, days = step
    at = _BASE + timedelta(hours=hour)
    due = (_BASE + timedelta(days=days)).isoformat()
    payload: dict = {"due_at": due, "new_due_at": due, "recipient": "x", "consignment": "c"}
    if kind == "received":
        payload |= {
            "code": f"C-{i}",
            "agency_code": "A",
            "procedure_code": "P",
            "procedure_name": "Thủ tục",
            "applicant_name": "Nguyễn Văn An",
            "receiver": "can.bo",
            "documents": [],
        }
    row = {
        "id": f"e{(i * 7) % 13:02d}-{i}",
        "dossier_id": "d",
        "type": kind,
        "at": at,
        "recorded_at": at,
        "actor": "can.bo",
        "workstation_id": f"w{i % 2}",
        "payload": payload,
    }
    if pulled:
        row[bulk.SQLITE_TEXT + "at"] = bulk.sqlite_datetime(at)
    return row


@settings(max_examples=300, deadline=None)
@given(history=HISTORIES, shuffle=st.randoms(use_true_random=False), pulled=st.booleans())
def test_the_sync_fold_agrees_with_the_domain_projection(history, shuffle, pulled):
    rows = _rows(history, pulled)
    shuffle.shuffle(rows)
    now = _BASE + timedelta(days=1)
    expected = projection._new_dossier_domain(rows, now)
    got = projection.new_dossier(rows, now)
    assert {k: v for k, v in got.items() if not k.startswith(bulk.SQLITE_TEXT)} == expected
    # Times carried as SQLite text (a pull) are the texts of the values themselves.
    for key, text in got.items():
        if key.startswith(bulk.SQLITE_TEXT):
            assert text == bulk.sqlite_datetime(got[key.removeprefix(bulk.SQLITE_TEXT)])
    assert projection.reprojected(rows, now) == projected(
        domain.project([to_event(r) for r in rows]), now
    )
