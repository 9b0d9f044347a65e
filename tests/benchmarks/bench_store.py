"""Benchmark of the local store at a million dossiers: receive throughput, lookup by code, folded
name search, each beside a floor measured in the same run with raw sqlite3 on the same data.

    uv run python tests/benchmarks/bench_store.py [--dossiers 1000000] [--receives 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from onestop.domain.text import fold
from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.setup import initialize
from onestop.store import repository as repo
from onestop.store.db import STORE_FILE, open_local

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Minh",
    "Ngọc",
    "Thanh",
    "Quốc",
    "Đức",
    "Thu",
    "Hoài",
    "Bảo",
    "Gia",
    "Kim",
    "Xuân",
]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Ngân",
    "Nhung",
    "Phong",
    "Phúc",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
    "Rây",
]


def name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def fill(path: Path, count: int, rng: random.Random) -> list[str]:
    """Bulk-load dossiers (and their received events) straight into the migrated schema."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    start = datetime(2023, 1, 2, 1, 0)
    codes = []
    batch_d, batch_e = [], []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO dossiers (id, code, agency_code, procedure_code, procedure_name, "
            "applicant_kind, applicant_name, applicant_folded, id_number, phone, return_by, "
            "channel, documents, sets, fee, workstation_id, receiver, status, received_at, "
            "received_day, due_at, original_due_at, extended, updated_at) VALUES "
            "(?,?,?,?,?,'individual',?,?,?,?,'counter','counter','[]',1,0,'w','bench',?,?,?,?,?,0,?)",
            batch_d,
        )
        conn.executemany(
            "INSERT INTO events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
            "payload, chain_seq, chain_prev, chain_hash) "
            "VALUES (?,?,'received',?,?,'bench','w','{}',?,?,?)",
            batch_e,
        )
        batch_d.clear()
        batch_e.clear()

    for i in range(count):
        at = start + timedelta(minutes=i)  # ~ 4 years of a busy centre's receipts per million
        day = at + timedelta(hours=7)
        code = f"000.00.00.H00-{day:%y%m%d}-{i % 9000 + 1000:04d}"
        codes.append(code)
        n = name(rng)
        did = str(uuid.uuid4())
        ts = at.strftime("%Y-%m-%d %H:%M:%S.000000")
        status = "returned" if rng.random() < 0.97 else "received"
        batch_d.append(
            (
                did,
                code,
                "000.00.00.H00",
                "1.001193",
                "Đăng ký khai sinh",
                n,
                fold(n),
                f"0{rng.randint(1, 96):02d}{rng.randint(0, 999999999):09d}",
                f"09{rng.randint(0, 99999999):08d}",
                status,
                ts,
                f"{day:%Y-%m-%d}",
                ts,
                ts,
                ts,
            )
        )
        # Numbered links of a bulk-loaded workstation 'w' (setup data, not a verifiable chain:
        # the measured receives chain on the bench's own workstation).
        batch_e.append((str(uuid.uuid4()), did, ts, ts, i + 1, "0" * 64, "0" * 64))
        if len(batch_d) == 20000:
            flush()
    flush()
    conn.commit()
    conn.execute("PRAGMA optimize")
    conn.close()
    return codes


def percentiles(samples: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": qs[49] * 1000, "p95": qs[94] * 1000, "p99": qs[98] * 1000}


def timed(fn, args_list) -> list[float]:
    out = []
    for args in args_list:
        t0 = time.perf_counter()
        fn(*args)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--receives", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        ctx = Context(store=open_local(data), actor="bench")
        # Six-digit numbers: thousands of receipts in one benchmark day fit one workstation band.
        initialize(ctx, demo=True, code_width=6)
        t0 = time.perf_counter()
        codes = fill(data / STORE_FILE, args.dossiers, rng)
        fill_s = time.perf_counter() - t0
        ctx.store.close()
        ctx = Context(store=open_local(data), actor="bench")
        raw = sqlite3.connect(data / STORE_FILE)
        raw.execute("PRAGMA synchronous=FULL")

        # Receive throughput through the service (validation, numbering, due date, event).
        t0 = time.perf_counter()
        for _ in range(args.receives):
            receive(
                ctx,
                ReceiveRequest(
                    procedure_code="1.001193", applicant_name=name(rng), phone="0912345678"
                ),
            )
        service_rate = args.receives / (time.perf_counter() - t0)
        # Floor: the same rows written by raw sqlite3, one durable transaction per dossier.
        t0 = time.perf_counter()
        for i in range(args.receives):
            did = str(uuid.uuid4())
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("UPDATE counters SET value = value + 1 WHERE name = 'bench'")
            n = name(rng)
            raw.execute(
                "INSERT INTO dossiers (id, code, agency_code, procedure_code, procedure_name, "
                "applicant_kind, applicant_name, applicant_folded, phone, return_by, channel, "
                "documents, sets, fee, workstation_id, receiver, status, received_at, "
                "received_day, due_at, original_due_at, extended, updated_at) VALUES "
                "(?,?,'A','1.001193','Đăng ký khai sinh','individual',?,?,'0912345678',"
                "'counter','counter','[]',1,0,'w','r','received','2026-11-26 02:00:00',"
                "'2026-11-26','2026-11-26 10:00:00','2026-11-26 10:00:00',0,"
                "'2026-11-26 02:00:00')",
                (did, f"RAW-{i}", n, fold(n)),
            )
            payload = json.dumps({"code": f"RAW-{i}"})
            # The floor links its events too (a read of the head and a hash, as the store does).
            head = raw.execute(
                "SELECT chain_seq, chain_hash FROM events WHERE workstation_id = 'w' "
                "ORDER BY chain_seq DESC LIMIT 1"
            ).fetchone()
            seq, prev = head or (0, "")
            digest = hashlib.sha256((prev + payload).encode()).hexdigest()
            raw.execute(
                "INSERT INTO events VALUES (?,?,'received','2026-11-26 02:00:00',"
                "'2026-11-26 02:00:00','r','w',?,?,?,?)",
                (str(uuid.uuid4()), did, payload, seq + 1, prev or "0" * 64, digest),
            )
            raw.execute("COMMIT")
        floor_rate = args.receives / (time.perf_counter() - t0)

        # Lookup by code: what the return desk does when a barcode is scanned.
        sample = [(c,) for c in rng.sample(codes, args.queries)]

        def service_lookup(code: str) -> None:
            with ctx.store.reading() as session:
                assert repo.dossier_by_code(session, code) is not None

        def raw_lookup(code: str) -> None:
            assert raw.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()

        lookup = percentiles(timed(service_lookup, sample))
        lookup_floor = percentiles(timed(raw_lookup, sample))

        # Folded name search, as typed at the counter (partial, no diacritics).
        queries = []
        for _ in range(args.queries):
            parts = fold(name(rng)).split()
            queries.append((" ".join(parts[rng.randint(0, 1) :]),))

        def service_search(q: str) -> None:
            dossiers.find(ctx, q)

        def raw_search(q: str) -> None:
            match = " ".join(f'"{t}"*' for t in q.split())
            ids = [
                r[0]
                for r in raw.execute(
                    "SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? "
                    "ORDER BY rowid DESC LIMIT 50",
                    (match,),
                )
            ]
            raw.execute(
                f"SELECT * FROM dossiers WHERE rowid IN ({','.join(map(str, ids)) or 'NULL'})"
            ).fetchall()

        search = percentiles(timed(service_search, queries))
        search_floor = percentiles(timed(raw_search, queries))
        raw.close()
        ctx.store.close()

    print(f"store of {args.dossiers:,} dossiers (bulk fill {fill_s:.0f} s)")
    print(
        f"receive:      {service_rate:8.0f} dossiers/s   floor {floor_rate:8.0f}/s   "
        f"ratio {floor_rate / service_rate:.2f}x   (target >= 300/s)"
    )
    print(
        f"code lookup:  p50 {lookup['p50']:.3f} ms  p99 {lookup['p99']:.3f} ms   floor p50 "
        f"{lookup_floor['p50']:.3f} p99 {lookup_floor['p99']:.3f} ms   ratio p99 "
        f"{lookup['p99'] / lookup_floor['p99']:.1f}x   (target p99 < 2 ms)"
    )
    print(
        f"name search:  p50 {search['p50']:.2f} ms  p95 {search['p95']:.2f} ms   floor p50 "
        f"{search_floor['p50']:.2f} p95 {search_floor['p95']:.2f} ms   ratio p95 "
        f"{search['p95'] / search_floor['p95']:.1f}x   (target p95 < 50 ms)"
    )


if __name__ == "__main__":
    main()
