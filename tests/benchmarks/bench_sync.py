"""Benchmark of sync against PostgreSQL: one workstation pushes 100,000 events (dossiers received,
given their result and returned), another pulls them; each beside the floor measured in the same
run: the same event rows written by raw psycopg into a bare table (COPY, and executemany).

    uv run python tests/benchmarks/bench_sync.py [--events 100000] [--central URL] [--admin]

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
from onestop.services.context import Context, ensure_initialized
from onestop.services.setup import initialize
from onestop.store.db import open_local
from onestop.sync import run_sync
from onestop.sync.admin import create_role, init_central, publish
from onestop.sync.config import SyncSettings
from onestop.sync.projection import DOSSIERS, EVENTS, new_dossier
from onestop.sync.runner import connect

AGENCY = "000.00.00.H00"
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
    with ctx.store.unit_of_work() as session:
        session.execute(insert(DOSSIERS), rows)
        session.execute(insert(EVENTS), events)
        session.commit()
    return events


def floor(conn_params: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, float]:
    """The same rows into a bare table of the same shape, by raw psycopg: COPY and executemany."""
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
    results = {}
    with psycopg.connect(**conn_params) as conn:
        for method in ("copy", "executemany"):
            table = f"floor_{method}"
            conn.execute(
                f"CREATE TABLE {table} (id varchar(36) PRIMARY KEY, dossier_id varchar(36), "
                "type varchar(40), at timestamptz, recorded_at timestamptz, actor varchar(100), "
                "workstation_id varchar(36), payload json)"
            )
            conn.commit()
            t0 = time.perf_counter()
            with conn.cursor() as cur:
                if method == "copy":
                    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    cur.executemany(
                        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                        rows,
                    )
            conn.commit()
            results[method] = time.perf_counter() - t0
    return results


def workstation(folder: Path, number: int) -> Context:
    ctx = Context(store=open_local(folder), actor=f"ws{number}")
    initialize(ctx, demo=True, code_width=6)
    ensure_initialized(ctx, workstation_number=number, workstation_id=str(uuid.uuid4()))
    return ctx


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--admin", action="store_true", help="push as the owner (no RLS)")
    parser.add_argument("--central", help="an empty PostgreSQL database (default: a throwaway one)")
    args = parser.parse_args()
    cluster = None
    if args.central:
        admin_url = args.central
    else:
        from tests.conftest import PgCluster, _pg_bin

        bindir = _pg_bin()
        if bindir is None:
            raise SystemExit("PostgreSQL binaries not found (apt-get install postgresql)")
        cluster = PgCluster(bindir)
        cluster.start()
        admin_url = cluster.create_database()
    try:
        run(admin_url, args.events, args.admin)
    finally:
        if cluster is not None:
            cluster.stop()


def run(admin_url: str, count: int, as_admin: bool = False) -> None:
    parsed = make_url(admin_url)
    database = parsed.database
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        a, b = workstation(root / "a", 1), workstation(root / "b", 2)
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
        for number in (1, 2):
            roles[number] = f"bench_{suffix}_{number}"
            create_role(engine, roles[number], None, AGENCY)
        engine.dispose()

        def url_for(number: int) -> str:
            return parsed.set(username=roles[number]).render_as_string(hide_password=False)

        t0 = time.perf_counter()
        pushed = run_sync(a, central_url=admin_url if as_admin else url_for(1))
        push_s = time.perf_counter() - t0
        assert pushed.ok and pushed.pushed == count, pushed
        t0 = time.perf_counter()
        pulled = run_sync(b, central_url=url_for(2))
        pull_s = time.perf_counter() - t0
        assert pulled.ok and pulled.pulled == count, pulled

        params = {"dbname": database, "user": parsed.username or "postgres"}
        params.update({k: v for k, v in parsed.query.items() if k in ("host", "port")})
        if parsed.host:
            params["host"] = parsed.host
        if parsed.port:
            params["port"] = parsed.port
        floors = floor(params, events)

        total = push_s + pull_s
        print(f"push  {count:,} events (A -> centre):   {push_s:6.2f} s  ({count / push_s:,.0f}/s)")
        print(f"pull  {count:,} events (centre -> B):   {pull_s:6.2f} s  ({count / pull_s:,.0f}/s)")
        print(f"push + pull:                          {total:6.2f} s")
        for method, seconds in floors.items():
            print(
                f"floor raw psycopg {method:<12} {seconds:6.2f} s   "
                f"push {push_s / seconds:4.1f}x  pull {pull_s / seconds:4.1f}x  "
                f"push+pull {total / seconds:4.1f}x"
            )
        a.store.close()
        b.store.close()


if __name__ == "__main__":
    main()
