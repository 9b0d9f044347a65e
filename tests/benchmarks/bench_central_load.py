"""Load on one central PostgreSQL through PgBouncer (transaction pooling): N simulated
workstations, each a real store as on a counter, each receiving 5 dossiers and syncing once per
period (60 s by default) at its own offset, through its own role. For N = 10, 50, 200 (and
more with --max) it prints the centre's accepted events per second, the p50/p95/p99 of a sync's
duration and the server's CPU share (postgres and pgbouncer processes, of all cores); then the
cost of a pushed event with the centre holding 0, 1M and 10M events of other agencies (filled
with COPY): wall time and server CPU per event, for pushes of 300 events by workstations of
different agencies. Last line: ``workstations=N p95_sync_s=X events_per_s=Y`` for the largest N.

    uv run python tests/benchmarks/bench_central_load.py [--period 60] [--rounds 2]
        [--sizes 10,50,200] [--max N] [--fill 0,1000000,10000000] [--partitions 16]

Workstations have up to 8 counters per agency (a ward's), so 200 workstations are 25 agencies.
The workstations run in this process (threads; receiving is not timed, only the sync), on the
same 2 cores as the server: the server's CPU share is measured apart from theirs.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from pgbouncer_support import PgBouncer  # noqa: E402

from onestop.services.catalog import import_demo  # noqa: E402
from onestop.services.context import Context, ensure_initialized  # noqa: E402
from onestop.services.reception import ReceiveRequest, receive  # noqa: E402
from onestop.services.setup import initialize  # noqa: E402
from onestop.services.sync import connect, create_role, init_central, publish, run_sync  # noqa: E402
from onestop.store.db import open_local  # noqa: E402
from onestop.sync.config import SyncSettings  # noqa: E402
from tests.conftest import PgCluster, _pg_bin  # noqa: E402

BIRTH = "1.001193"
PER_AGENCY = 8
TICK = os.sysconf("SC_CLK_TCK")


def agency(k: int) -> str:
    return f"000.00.{10 + k:02d}.H48"


class Station:
    def __init__(self, number: int, folder: Path, ctx: Context, url: str) -> None:
        self.number, self.folder, self.ctx, self.url = number, folder, ctx, url
        self.lock = threading.Lock()

    def receive(self, count: int) -> None:
        for i in range(count):
            req = ReceiveRequest(procedure_code=BIRTH, applicant_name=f"Nguyễn Văn {i}")
            receive(self.ctx, req)

    def sync(self):
        return run_sync(self.ctx, central_url=self.url)


def server_cpu(cluster: PgCluster, bouncer: PgBouncer) -> float:
    """CPU seconds of the server so far: the postmaster with its reaped children, its living
    children (backends, background workers), and pgbouncer."""
    postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
    bouncer_pid = int((bouncer.root / "pgbouncer.pid").read_text().strip())
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid in (postmaster, bouncer_pid):
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        elif ppid == postmaster:
            total += int(fields[11]) + int(fields[12])
    return total / TICK


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def make_stations(root: Path, count: int, admin_url: str, bouncer: PgBouncer, db: str):
    template = root / "template"
    ctx = Context(store=open_local(template), actor="can.bo")
    initialize(ctx, agency_code=agency(0), code_width=6)
    import_demo(ctx)
    cfg = SyncSettings().with_url(admin_url)[0]
    init_central(ctx, cfg, None)
    engine = connect(cfg)
    publish(ctx, engine)
    ctx.store.close()
    stations = []
    suffix = uuid.uuid4().hex[:6]
    for i in range(count):
        k, number = divmod(i, PER_AGENCY)
        role = f"load_{suffix}_{i}"
        create_role(engine, role, None, agency(k))
        folder = root / f"ws{i}"
        shutil.copytree(template, folder)
        ctx = Context(store=open_local(folder), actor=f"can.bo.{i}")
        ensure_initialized(
            ctx,
            agency_code=agency(k),
            workstation_id=str(uuid.uuid4()),
            workstation_number=number + 1,
            workstation_name=f"Quầy {number + 1}",
        )
        stations.append(Station(i, folder, ctx, bouncer.url(db, role)))
    engine.dispose()
    return stations


def load(stations, period: float, rounds: int, cluster, bouncer) -> dict[str, float]:
    """Each station receives 5 dossiers and syncs once per period, at its own offset."""
    n = len(stations)
    durations: list[float] = []
    pushed: list[int] = []
    failures: list[str] = []

    def job(st: Station) -> None:
        with st.lock:
            st.receive(5)
            t0 = time.perf_counter()
            report = st.sync()
            durations.append(time.perf_counter() - t0)
            pushed.append(report.pushed)
            if not report.ok:
                failures.append(f"{st.number}: {report.error_detail}")

    cpu0, own0, t0 = server_cpu(cluster, bouncer), os.times(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=min(n, 32)) as pool:
        for r in range(rounds):
            for i, st in enumerate(stations):
                due = t0 + r * period + i * period / n
                time.sleep(max(0.0, due - time.perf_counter()))
                pool.submit(job, st)
    wall = time.perf_counter() - t0
    cpu, own = server_cpu(cluster, bouncer) - cpu0, os.times()
    cores = os.cpu_count() or 1
    if failures:
        print("failed syncs:", failures[:5], file=sys.stderr)
    return {
        "n": n,
        "syncs": len(durations),
        "failed": len(failures),
        "events_per_s": sum(pushed) / wall,
        "p50": pct(durations, 0.50),
        "p95": pct(durations, 0.95),
        "p99": pct(durations, 0.99),
        "server_cpu": cpu / (wall * cores),
        "clients_cpu": (own.user + own.system - own0.user - own0.system) / (wall * cores),
        "wall": wall,
    }


def fill_others(params: dict, start: int, stop: int) -> float:
    """Events start..stop-1 of 50 other agencies, 5 per dossier, and their log runs, by COPY
    (as the DBA: triggers off for the session, as a restore would)."""
    t0 = time.perf_counter()
    with psycopg.connect(**params) as conn:
        conn.execute("SET session_replication_role = replica")
        with conn.cursor() as cur:
            with cur.copy(
                "COPY dossiers (id, code, agency_code, procedure_code, procedure_name, "
                "applicant_kind, applicant_name, applicant_folded, return_by, channel, documents, "
                "sets, fee, workstation_id, receiver, status, received_at, received_day, due_at, "
                "original_due_at, extended, updated_at) FROM STDIN"
            ) as copy:
                buf = io.StringIO()
                for d in range(start // 5, stop // 5):
                    a = f"000.00.{90 + d % 50:02d}.H99"
                    buf.write(
                        f"od{d:034d}\t{a}-261116-{d:09d}\t{a}\t{BIRTH}\tĐăng ký khai sinh\t"
                        f"individual\tLê Văn Khác\tle van khac\tcounter\tcounter\t[]\t1\t0\t"
                        f"ow{d % 400:034d}\tcan.bo\treturned\t2026-11-16 01:00:00+00\t2026-11-16"
                        f"\t2026-11-19 10:00:00+00\t2026-11-19 10:00:00+00\tf\t"
                        f"2026-11-16 01:00:00+00\n"
                    )
                    if buf.tell() > 1 << 20:
                        copy.write(buf.getvalue())
                        buf = io.StringIO()
                copy.write(buf.getvalue())
            with cur.copy(
                "COPY events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
                "payload, chain_seq, chain_prev, chain_hash, agency_code) FROM STDIN"
            ) as copy:
                buf = io.StringIO()
                kinds = ("received", "result_ready", "note", "note", "returned")
                for e in range(start, stop):
                    d = e // 5
                    a = f"000.00.{90 + d % 50:02d}.H99"
                    buf.write(
                        f"oe{e:034d}\tod{d:034d}\t{kinds[e % 5]}\t2026-11-16 01:00:00+00\t"
                        f"2026-11-16 01:00:00+00\tcan.bo\tow{d % 400:034d}\t{{}}\t{e + 1}\t"
                        f"{'0' * 64}\t{'a' * 64}\t{a}\n"
                    )
                    if buf.tell() > 1 << 20:
                        copy.write(buf.getvalue())
                        buf = io.StringIO()
                copy.write(buf.getvalue())
            with cur.copy(
                "COPY sync_log (agency_code, position, workstation_id, pushed_at, count, "
                "event_ids) FROM STDIN"
            ) as copy:
                for run in range(start // 100, stop // 100):
                    a = f"000.00.{90 + run % 50:02d}.H99"
                    ids = ", ".join(f'"oe{run * 100 + i:034d}"' for i in range(100))
                    copy.write(
                        f"{a}\t{run * 100 + 1}\tow{run % 400:034d}\t2026-11-16 01:00:00+00\t100"
                        f"\t[{ids}]\n"
                    )
        conn.commit()
    with psycopg.connect(**params, autocommit=True) as conn:
        # Settled as a centre that has held them a while: vacuumed (no autovacuum worker on
        # the new rows during the measurement), analysed, checkpointed.
        conn.execute("VACUUM ANALYZE dossiers, events, sync_log")
        conn.execute("CHECKPOINT")
    return time.perf_counter() - t0


def push_cost(stations, cluster, bouncer, batch: int = 300) -> dict[str, float]:
    """Workstations of five different agencies each push ``batch`` new events, one after the
    other: wall time and server CPU per pushed event."""
    chosen = stations[::PER_AGENCY][:5]
    for st in chosen:
        st.receive(batch)
    walls, count = [], 0
    cpu0 = server_cpu(cluster, bouncer)
    for st in chosen:
        t0 = time.perf_counter()
        report = st.sync()
        walls.append(time.perf_counter() - t0)
        assert report.ok and report.pushed == batch, report
        count += report.pushed
    cpu = server_cpu(cluster, bouncer) - cpu0
    return {"ms_per_event": 1000 * sum(walls) / count, "cpu_ms_per_event": 1000 * cpu / count}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--period", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--max", type=int, help="add this many workstations as a last size")
    parser.add_argument("--fill", default="0,1000000,10000000")
    parser.add_argument("--partitions", type=int, default=16)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([args.max] if args.max else [])
    fills = [int(s) for s in args.fill.split(",")]
    bindir = _pg_bin()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found (apt-get install postgresql)")
    cluster = PgCluster(bindir)
    cluster.start()
    root = Path(tempfile.mkdtemp(prefix="onestop-load-"))
    bouncer = None
    try:
        admin_url = cluster.create_database()
        db = make_url(admin_url).database
        params = {"host": str(cluster.socket), "port": cluster.port, "user": "postgres"}
        params["dbname"] = db
        with psycopg.connect(**params, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{db}" SET onestop.partitions = {args.partitions}')
        t0 = time.perf_counter()
        # Roles first, PgBouncer told of them, then the stores (their first sync registers).
        bouncer = PgBouncer(cluster, [], pool_size=20)
        stations = make_stations(root, max(sizes), admin_url, bouncer, db)
        with psycopg.connect(**params) as conn:
            bouncer.users = [
                r[0] for r in conn.execute("SELECT role_name FROM sync_roles").fetchall()
            ]
        bouncer.start()
        for st in stations:
            assert st.sync().ok
        print(f"setup: {len(stations)} workstations in {time.perf_counter() - t0:.0f} s")
        print(
            "\nworkstations  syncs  failed  events/s  p50 s  p95 s  p99 s  server CPU  clients CPU"
        )
        results = []
        for n in sizes:
            r = load(stations[:n], args.period, args.rounds, cluster, bouncer)
            results.append(r)
            print(
                f"{n:12d}  {r['syncs']:5d}  {r['failed']:6d}  {r['events_per_s']:8.2f}  "
                f"{r['p50']:5.2f}  {r['p95']:5.2f}  {r['p99']:5.2f}  {r['server_cpu']:10.1%}  "
                f"{r['clients_cpu']:11.1%}"
            )
        print("\nother agencies' events  fill s  ms/pushed event  server CPU ms/event  x empty")
        filled, base = 0, None
        for target in fills:
            spent = fill_others(params, filled, target) if target > filled else 0.0
            filled = max(filled, target)
            # Three rounds of pushes, the median: single ones vary with the shared machine.
            costs = [push_cost(stations, cluster, bouncer) for _ in range(3)]
            cost = {k: statistics.median(c[k] for c in costs) for k in costs[0]}
            base = base or cost["ms_per_event"]
            print(
                f"{filled:22,d}  {spent:6.0f}  {cost['ms_per_event']:15.3f}  "
                f"{cost['cpu_ms_per_event']:19.3f}  {cost['ms_per_event'] / base:7.2f}"
            )
        last = results[-1]
        print(
            f"\nworkstations={last['n']} p95_sync_s={last['p95']:.3f} "
            f"events_per_s={last['events_per_s']:.2f}"
        )
    finally:
        for st in locals().get("stations", []):
            st.ctx.store.close()
        if bouncer is not None:
            bouncer.stop()
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
