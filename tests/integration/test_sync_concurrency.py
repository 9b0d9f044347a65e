"""Concurrency at the centre: the classic gap of positions (a transaction that commits after a
higher position was read), concurrent pushes with late commits under a reader that never stops,
and three workstations syncing at the same moment over several rounds."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import test_sync_support as support
from sqlalchemy.engine import make_url
from test_sync_support import (
    AGENCY,
    Clock,
    assert_converged,
    make_workstations,
    sync_all_until_quiet,
)

from onestop.services import dossiers
from onestop.services.sync import connect
from onestop.sync import central as ops
from onestop.sync import local
from onestop.sync.config import SyncSettings

memory_keyring = support.memory_keyring
template_root = support.template_root
central = support.central
pg_central = support.pg_central


def _engine(url: str):
    return connect(SyncSettings().with_url(url)[0])


def _pending(ws) -> list[dict]:
    with ws.ctx.store.reading() as session:
        rows, _ = local.pending(session, AGENCY, ws.ctx.settings.workstation_id, None, 10_000)
    return rows


def _push(conn, ws, rows, clock):
    return ops.push(
        conn, agency=AGENCY, workstation_id=ws.ctx.settings.workstation_id, events=rows, now=clock()
    )


@pytest.mark.postgres
def test_a_position_given_before_a_late_commit_is_never_skipped(
    pg_central, tmp_path, template_root
):
    clock = Clock()
    a, b, c = make_workstations(tmp_path, template_root, pg_central, clock)
    for i in range(3):
        a.receive(f"A {i}")
        b.receive(f"B {i}")
    rows_a, rows_b = _pending(a), _pending(b)
    engine_a, engine_b, reader = (_engine(ws.url) for ws in (a, b, c))
    try:
        # A is given positions 1..3 and does not commit yet.
        conn_a = engine_a.connect()
        late = conn_a.begin()
        assert _push(conn_a, a, rows_a, clock).last_position == 3
        # B pushes meanwhile: its positions must come after A's, so it waits for A's commit.
        result: dict[str, object] = {}
        done = threading.Event()

        def push_b() -> None:
            with engine_b.begin() as conn:
                result["b"] = _push(conn, b, rows_b, clock)
            done.set()

        thread = threading.Thread(target=push_b)
        thread.start()
        assert not done.wait(0.8), "B was given positions while A's were still uncommitted"
        with reader.connect() as conn:
            assert ops.pull(conn, agency=AGENCY, after=0, limit=100) == []
        late.commit()
        conn_a.close()
        thread.join(10)
        assert done.is_set() and result["b"].last_position == 6  # type: ignore[attr-defined]
        with reader.connect() as conn:
            pulled = ops.pull(conn, agency=AGENCY, after=0, limit=100)
        assert [r["position"] for r in pulled] == [1, 2, 3, 4, 5, 6]
        assert [r["id"] for r in pulled[:3]] == [r["id"] for r in rows_a]
        assert [r["id"] for r in pulled[3:]] == [r["id"] for r in rows_b]
    finally:
        for engine in (engine_a, engine_b, reader):
            engine.dispose()


@pytest.mark.postgres
def test_the_same_batch_pushed_twice_at_once_lands_once(pg_central, tmp_path, template_root):
    """Two syncs of one workstation push the same batch at the same moment (the window's timer
    and a command, say): the second does not see the first's uncommitted rows, waits on the
    key, fails on it when the first commits, and its redo finds every row there."""
    from onestop.sync.connection import retrying as _retrying

    clock = Clock()
    (a,) = make_workstations(tmp_path, template_root, pg_central, clock, n=1)
    for i in range(3):
        a.receive(f"A {i}")
    a.result(a.receive("A 3"))
    rows = _pending(a)
    first_engine, second_engine = _engine(a.url), _engine(a.url)
    try:
        conn = first_engine.connect()
        first = conn.begin()
        assert _push(conn, a, rows, clock).accepted == 5
        attempts: list[int] = []
        result: dict[str, object] = {}

        def second() -> None:
            def send():
                attempts.append(1)
                with second_engine.begin() as other:
                    return _push(other, a, rows, clock)

            result["second"] = _retrying(send)

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.8)  # the second is waiting on the first's keys
        assert "second" not in result
        first.commit()
        conn.close()
        thread.join(10)
        pushed = result["second"]
        assert pushed.accepted == 0 and pushed.duplicates == 5  # type: ignore[attr-defined]
        assert len(attempts) == 2
        with second_engine.connect() as check:
            counts = ops.counts(check, AGENCY)
            pulled = ops.pull(check, agency=AGENCY, after=0, limit=100)
        assert counts == {"dossiers": 4, "events": 5}
        assert sorted(r["id"] for r in pulled) == sorted(r["id"] for r in rows)
    finally:
        first_engine.dispose()
        second_engine.dispose()


@pytest.mark.postgres
def test_the_same_schedule_with_a_plain_sequence_skips_the_late_commit(pg_central):
    """The control: positions from a sequence are handed out at INSERT, not in commit order, and
    a reader that continues from the last position it saw loses the late one. (What the
    allocator above prevents.)"""
    url = make_url(pg_central.admin_url)
    params = {"host": url.query["host"], "port": int(url.query["port"]), "user": "postgres"}
    params["dbname"] = url.database
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("CREATE TABLE naive_log (position bigserial PRIMARY KEY, event text)")
    with psycopg.connect(**params) as first, psycopg.connect(**params) as second:
        first.execute("INSERT INTO naive_log (event) VALUES ('late')")  # position 1, uncommitted
        second.execute("INSERT INTO naive_log (event) VALUES ('early')")  # position 2
        second.commit()
        with psycopg.connect(**params) as reader:
            seen = reader.execute(
                "SELECT position, event FROM naive_log WHERE position > 0"
            ).fetchall()
            cursor = max(p for p, _ in seen)
            first.commit()
            seen += reader.execute(
                "SELECT position, event FROM naive_log WHERE position > %s", (cursor,)
            ).fetchall()
    assert [e for _, e in seen] == ["early"], "the late commit was skipped by the naive reader"


@pytest.mark.postgres
def test_concurrent_pushes_with_late_commits_under_a_running_reader(
    pg_central, tmp_path, template_root
):
    """Writers push batches and dawdle between taking positions and committing; a reader
    pulls all along, continuing from the last position it read. It must see every event exactly
    once, positions 1..N without a gap. One writer per workstation, each pushing its own batches
    in the order it wrote them, as a workstation does (the centre refuses a batch that does not
    continue the workstation's hash chain)."""
    clock = Clock()
    stations = make_workstations(tmp_path, template_root, pg_central, clock)
    for ws in stations:
        for i in range(40):
            ws.receive(f"Người {ws.number}-{i}")
    batches = []
    for ws in stations:
        rows = _pending(ws)
        batches += [(ws, rows[i : i + 5]) for i in range(0, len(rows), 5)]
    total = sum(len(rows) for _, rows in batches)
    engines = {ws.number: _engine(ws.url) for ws in stations}
    rng = random.Random(11)
    delays = [rng.uniform(0, 0.03) for _ in batches]
    queues = {ws.number: [] for ws in stations}
    for (ws, rows), delay in zip(batches, delays, strict=True):
        queues[ws.number].append((ws, rows, delay))

    def writer(number: int) -> None:
        for ws, rows, delay in queues[number]:
            with engines[ws.number].begin() as conn:
                _push(conn, ws, rows, clock)
                time.sleep(delay)  # positions taken; the commit comes late

    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        cursor = 0
        with engines[1].connect() as conn:
            while len(seen) < total and not stop.is_set():
                rows = ops.pull(conn, agency=AGENCY, after=cursor, limit=7)
                conn.rollback()
                for row in rows:
                    seen.append(row["position"])
                if rows:
                    cursor = rows[-1]["position"]

    read = threading.Thread(target=reader)
    read.start()
    with ThreadPoolExecutor(max_workers=len(stations)) as pool:
        for future in [pool.submit(writer, ws.number) for ws in stations]:
            future.result()
    read.join(30)
    stop.set()
    for engine in engines.values():
        engine.dispose()
    assert seen == list(range(1, total + 1))


def test_three_workstations_syncing_at_once_over_several_rounds(central, tmp_path, template_root):
    clock = Clock()
    stations = make_workstations(tmp_path, template_root, central, clock)
    rng = random.Random(5)
    for round_ in range(4):
        for ws in stations:
            for i in range(3):
                ws.receive(f"Người {ws.number}-{round_}-{i}")
            # Act on whatever this workstation knows, its own dossiers or pulled ones.
            known = dossiers.list_dossiers(ws.ctx)
            for d in rng.sample(known, k=min(3, len(known))):
                if d.status == "received":
                    ws.result(d.code)
                elif d.status == "result_ready":
                    ws.give_back(d.code)
            clock.tick()
        start = threading.Barrier(len(stations))

        def sync(ws, start: threading.Barrier = start):
            start.wait()
            return ws.sync(push_batch=4, pull_batch=5)

        with ThreadPoolExecutor(max_workers=len(stations)) as pool:
            reports = list(pool.map(sync, stations))
        for report in reports:
            assert report.ok, report.error
    sync_all_until_quiet(stations)
    dossier_rows = assert_converged(stations, central)
    assert len(dossier_rows) == 4 * 3 * 3
