"""Benchmark of sync against PostgreSQL: one workstation pushes 100,000 events (dossiers received,
given their result and returned), another pulls them; each beside the floor measured in the same
run: the same event rows written by raw psycopg into a bare table (COPY, and executemany).
Before each measured phase the server is let settle (a checkpoint, no autovacuum worker
running), the floor's phases and ours alike. The whole is repeated on fresh databases (three
runs by default) and the medians reported.

    uv run python tests/benchmarks/bench_sync.py [--events 100000] [--runs 3] [--central URL]
                                                 [--admin]

Without --central, a throwaway PostgreSQL cluster is started (as in the test suite). The
workstations connect as their own roles, so row-level security is paid for as in production
(--admin pushes as the tables' owner instead, to see what it costs). The floor writes the same
event rows into a bare table with a primary key only: the centre also writes the dossiers those
events create, the position log and its indexes, and the pull writes a SQLite store with its
full-text index, so the ratio is an upper bound on what the sync code itself adds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import insert
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from onestop.domain.clock import VN_TZ
from onestop.domain.ids import new_id_str
from onestop.services.catalog import import_demo
from onestop.services.context import Context, ensure_initialized
from onestop.services.setup import initialize
from onestop.services.sync import connect, create_role, init_central, publish, run_sync
from onestop.store.db import open_local
from onestop.sync.config import SyncSettings
from onestop.sync.projection import DOSSIERS, EVENTS, new_dossier
from tests.helpers import chain_events

AGENCY = "000.00.53.H48"  # a real office's: a demo store does not sync
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Võ Minh Đức"]


def history(i: int, workstation: str, start: datetime, rng: random.Random) -> list[dict[str, Any]]:
    """Three events of one dossier, as the counter writes them: received (with every fact),
    result ready, returned."""
    dossier_id = new_id_str()
    at = start + timedelta(seconds=i)
    name = rng.choice(NAMES)
    due = at + timedelta(days=3)
    received = {
        "code": f"{AGENCY}-261116-{i:06d}",
        "agency_code": AGENCY,
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_kind": "individual",
        "applicant_name": name,
        "id_number": f"0011900{i:05d}",
        "phone": "0912345678",
        "email": None,
        "address": "12 Nguyễn Huệ, Phường Long Xuyên",
        "return_by": "counter",
        "return_address": None,
        "channel": "counter",
        "documents": [{"name": "Tờ khai đăng ký khai sinh", "kind": "bản chính", "count": 1}],
        "sets": 1,
        "fee": 0,
        "processing_days": 3,
        "processing_hours": None,
        "notes": None,
        "receiver": "can.bo",
        "book_volume": "01/2026",
        "book_number": i + 1,
        "due_at": due.isoformat(),
        "day_zero": at.date().isoformat(),
    }
    rows = []
    for k, (kind, payload) in enumerate(
        [("received", received), ("result_ready", {}), ("returned", {"recipient": name})]
    ):
        when = at + timedelta(hours=k)
        rows.append(
            {
                "id": new_id_str(),
                "dossier_id": dossier_id,
                "type": kind,
                "at": when,
                "recorded_at": when,
                "actor": "can.bo",
                "workstation_id": workstation,
                "payload": payload,
            }
        )
    return rows


def fill(ctx: Context, count: int) -> list[dict[str, Any]]:
    """The workstation's day of work, written straight into its store (setup, not measured)."""
    rng = random.Random(1)
    start = datetime(2026, 11, 16, 7, 30, tzinfo=VN_TZ)
    workstation = ctx.settings.workstation_id
    now = datetime(2026, 11, 16, 17, 0, tzinfo=VN_TZ)
    events: list[dict[str, Any]] = []
    rows = []
    for i in range((count + 2) // 3):
        evs = history(i, workstation, start, rng)[: count - len(events)]
        rows.append(new_dossier(evs, now))
        events += evs
    chain_events(events)  # the links the store gives every event it records
    with ctx.store.unit_of_work() as session:
        session.execute(insert(DOSSIERS), rows)
        session.execute(insert(EVENTS), events)
        session.commit()
    return events


def settle(conn_params: dict[str, Any]) -> None:
    """A quiet server before each measured phase, the floor's and ours alike: a checkpoint
    (so that none falls inside a measurement) and no autovacuum worker running."""
    with psycopg.connect(**conn_params, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        for _ in range(300):
            busy = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
            ).fetchone()
            if not busy or not busy[0]:
                return
            time.sleep(0.1)


def floor(
    conn_params: dict[str, Any], events: list[dict[str, Any]], runs: int = 3
) -> dict[str, float]:
    """The same rows into a bare table of the same shape, by raw psycopg: COPY and executemany,
    the best of a few runs each (a lower floor, a stricter ratio)."""
    columns = "id, dossier_id, type, at, recorded_at, actor, workstation_id, payload"
    rows = [
        (
            e["id"],
            e["dossier_id"],
            e["type"],
            e["at"],
            e["recorded_at"],
            e["actor"],
            e["workstation_id"],
            json.dumps(e["payload"], ensure_ascii=False),
        )
        for e in events
    ]
    results: dict[str, float] = {}
    with psycopg.connect(**conn_params) as conn:
        for attempt in range(runs):
            for method in ("copy", "executemany"):
                table = f"floor_{method}_{attempt}"
                conn.execute(
                    f"CREATE TABLE {table} (id varchar(36) PRIMARY KEY, dossier_id varchar(36), "
                    "type varchar(40), at timestamptz, recorded_at timestamptz, "
                    "actor varchar(100), workstation_id varchar(36), payload json)"
                )
                conn.commit()
                settle(conn_params)
                t0 = time.perf_counter()
                with conn.cursor() as cur:
                    if method == "copy":
                        with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                    else:
                        cur.executemany(
                            f"INSERT INTO {table} ({columns}) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                            rows,
                        )
                conn.commit()
                seconds = time.perf_counter() - t0
                results[method] = min(results.get(method, seconds), seconds)
    return results


def workstation(folder: Path, number: int) -> Context:
    ctx = Context(store=open_local(folder), actor=f"ws{number}")
    initialize(ctx, agency_code=AGENCY, code_width=6)
    import_demo(ctx)
    ensure_initialized(ctx, workstation_number=number, workstation_id=str(uuid.uuid4()))
    return ctx


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="repetitions, each on a fresh database")
    parser.add_argument("--admin", action="store_true", help="push as the owner (no RLS)")
    parser.add_argument("--central", help="an empty PostgreSQL database (default: a throwaway one)")
    args = parser.parse_args()
    if args.central:
        results = [run(args.central, args.events, args.admin)]
    else:
        from tests.conftest import PgCluster, _pg_bin

        bindir = _pg_bin()
        if bindir is None:
            raise SystemExit("PostgreSQL binaries not found (apt-get install postgresql)")
        cluster = PgCluster(bindir)
        cluster.start()
        try:
            results = [
                run(cluster.create_database(), args.events, args.admin) for _ in range(args.runs)
            ]
        finally:
            cluster.stop()
    report(args.events, results)


def report(count: int, results: list[dict[str, float]]) -> None:
    """Each run's figures, then the medians: this machine's timings vary by a third from one
    run to the next (the floor's as much as ours), so one run proves little."""
    print("\nrun   push s   pull s   floor executemany s   floor copy s   push x   pull x")
    for i, r in enumerate(results, 1):
        print(
            f"{i:<4} {r['push']:7.2f}  {r['pull']:7.2f}  {r['executemany']:20.2f}  "
            f"{r['copy']:13.2f}  {r['push'] / r['executemany']:6.1f}  "
            f"{r['pull'] / r['executemany']:6.1f}"
        )
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    ratio = {k: med[k] / med["executemany"] for k in ("push", "pull")}
    print(
        f"\nmedian of {len(results)} runs, {count:,} events:\n"
        f"push  (A -> centre)  {med['push']:6.2f} s  ({count / med['push']:,.0f}/s)\n"
        f"pull  (centre -> B)  {med['pull']:6.2f} s  ({count / med['pull']:,.0f}/s)\n"
        f"pull without the per-day figures' triggers {med['pull_plain']:6.2f} s "
        f"(they add {med['pull'] / med['pull_plain'] - 1:+.0%})\n"
        f"push + pull          {med['push'] + med['pull']:6.2f} s\n"
        f"floor raw psycopg executemany {med['executemany']:5.2f} s: "
        f"push {ratio['push']:.1f}x, pull {ratio['pull']:.1f}x\n"
        f"floor raw psycopg COPY        {med['copy']:5.2f} s: "
        f"push {med['push'] / med['copy']:.1f}x, pull {med['pull'] / med['copy']:.1f}x"
    )


def run(admin_url: str, count: int, as_admin: bool = False) -> dict[str, float]:
    parsed = make_url(admin_url)
    database = parsed.database
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        a, b = workstation(root / "a", 1), workstation(root / "b", 2)
        # C pulls the same without the per-day figures' triggers (migration 0022): their cost.
        c = workstation(root / "c", 3)
        without_figure_days(root / "c")
        t0 = time.perf_counter()
        events = fill(a, count)
        setup_s = time.perf_counter() - t0
        print(f"setup: {len(events):,} events written to workstation A in {setup_s:.1f} s")

        cfg = SyncSettings().with_url(admin_url)[0]
        init_central(a, cfg, None)
        engine = connect(cfg)
        publish(a, engine)
        suffix = uuid.uuid4().hex[:8]
        roles = {}
        for number in (1, 2, 3):
            roles[number] = f"bench_{suffix}_{number}"
            create_role(engine, roles[number], None, AGENCY)
        engine.dispose()

        def url_for(number: int) -> str:
            return parsed.set(username=roles[number]).render_as_string(hide_password=False)

        params = {"dbname": database, "user": parsed.username or "postgres"}
        params.update({k: v for k, v in parsed.query.items() if k in ("host", "port")})
        if parsed.host:
            params["host"] = parsed.host
        if parsed.port:
            params["port"] = parsed.port
        floors = floor(params, events, runs=1)

        settle(params)
        t0 = time.perf_counter()
        pushed = run_sync(a, central_url=admin_url if as_admin else url_for(1))
        push_s = time.perf_counter() - t0
        assert pushed.ok and pushed.pushed == count, pushed
        settle(params)
        t0 = time.perf_counter()
        pulled = run_sync(b, central_url=url_for(2))
        pull_s = time.perf_counter() - t0
        assert pulled.ok and pulled.pulled == count, pulled
        settle(params)
        t0 = time.perf_counter()
        plain = run_sync(c, central_url=url_for(3))
        plain_s = time.perf_counter() - t0
        assert plain.ok and plain.pulled == count, plain
        print(
            f"push {push_s:.2f} s, pull {pull_s:.2f} s (without the per-day figures "
            f"{plain_s:.2f} s), floor executemany {floors['executemany']:.2f} s, "
            f"COPY {floors['copy']:.2f} s"
        )
        a.store.close()
        b.store.close()
        c.store.close()
    return {"push": push_s, "pull": pull_s, "pull_plain": plain_s, **floors}


def without_figure_days(folder: Path) -> None:
    """A store without the triggers that keep its per-day figures (to measure what they cost)."""
    import sqlite3

    from onestop.store.db import STORE_FILE

    conn = sqlite3.connect(folder / STORE_FILE, isolation_level=None)
    try:
        names = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure_days%'"
        ).fetchall()
        assert names, "no per-day figures' triggers found"
        for (name,) in names:
            conn.execute(f"DROP TRIGGER {name}")
    finally:
        conn.close()


if __name__ == "__main__":
    main()
