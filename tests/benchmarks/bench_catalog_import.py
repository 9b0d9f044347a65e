"""Benchmark: importing a catalogue of 100,000 procedures (JSON, and CSV / XLSX as the program
exports them) through the service, beside a floor measured in the same run: a bare
``json.load`` of the same file and a raw sqlite3 ``executemany`` of the same rows into a table of
the same shape, in a store with the same settings (WAL, synchronous=FULL).

    uv run python tests/benchmarks/bench_catalog_import.py [--procedures N] [--formats json,csv]

The target (issue 12): 100,000 procedures in under 10 s. The bounded reader checks the JSON's
nesting and numbers before parsing, then decodes it one element at a time; each procedure is
validated; the store takes them in batches of one statement.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from onestop.domain.catalog import Procedure
from onestop.domain.text import fold
from onestop.services import catalog
from onestop.services.context import Context
from onestop.services.setup import initialize
from onestop.store.db import STORE_FILE, open_local

TARGET_SECONDS = 10.0


def make_procedures(count: int) -> list[Procedure]:
    """The demo catalogue's procedures over and over, each with a code and name of its own."""
    demo = catalog.demo_catalog()
    out = []
    for i in range(count):
        data = demo[i % len(demo)].to_json()
        data["code"] = f"{1 + i // 1_000_000}.{i % 1_000_000:06d}"
        data["name"] = f"{data['name']} ({i})"
        out.append(Procedure.from_json(data))
    return out


def floor(path: Path, folder: Path) -> tuple[float, float]:
    """json.load of the file, then the same rows into a raw sqlite3 table: (parse, insert)."""
    db = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE procedures (code TEXT PRIMARY KEY, name TEXT, name_folded TEXT, field TEXT,"
        " processing_days INTEGER, processing_hours REAL, fee INTEGER, postal INTEGER,"
        " online TEXT, documents TEXT, active INTEGER, updated_at TEXT)"
    )
    t0 = time.perf_counter()
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    parsed = time.perf_counter() - t0
    gc.collect()
    t0 = time.perf_counter()
    rows = [
        (
            p["code"],
            p["name"],
            fold(f"{p['code']} {p['name']}"),
            p["field"],
            p["processing_days"],
            p["processing_hours"],
            p["fee"],
            p["postal"],
            p["online"],
            json.dumps(p["documents"], ensure_ascii=False),
            1,
            "2026-01-01T00:00:00+00:00",
        )
        for p in data
    ]
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO procedures VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("COMMIT")
    inserted = time.perf_counter() - t0
    db.close()
    return parsed, inserted


def import_once(path: Path, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one import into a fresh store."""
    data = folder / f"store-{path.suffix[1:]}"
    data.mkdir()
    ctx = Context(store=open_local(data), actor="bench")
    try:
        initialize(ctx)
        t0, c0 = time.perf_counter(), time.process_time()
        count = catalog.import_file(ctx, path)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        ctx.store.close()
    assert count == len(open_count(data)), "not every procedure was stored"
    return elapsed, cpu


def open_count(data: Path) -> list[str]:
    db = sqlite3.connect(data / STORE_FILE)
    try:
        return [r[0] for r in db.execute("SELECT code FROM procedures WHERE code LIKE '1.%'")]
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--procedures", type=int, default=100_000)
    parser.add_argument("--formats", default="json,csv,xlsx")
    args = parser.parse_args(argv)
    if hasattr(os, "getloadavg"):  # the machine's other work slows the floor and us alike
        print(f"load average:          {os.getloadavg()[0]:.2f}")
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        procedures = make_procedures(args.procedures)
        files = {}
        writers = {
            "json": catalog.write_catalog_json,
            "csv": catalog.write_catalog_csv,
            "xlsx": catalog.write_catalog_xlsx,
        }
        for fmt in {"json", *formats}:
            files[fmt] = folder / f"catalog.{fmt}"
            writers[fmt](procedures, files[fmt])
        del procedures
        print(f"procedures:            {args.procedures:,}")
        parsed, inserted = floor(files["json"], folder)
        floor_total = parsed + inserted
        print(f"floor json.load:       {parsed:8.2f} s")
        print(f"floor executemany:     {inserted:8.2f} s")
        print(f"floor total:           {floor_total:8.2f} s")
        ok = True
        for fmt in formats:
            size = files[fmt].stat().st_size / (1 << 20)
            elapsed, cpu = import_once(files[fmt], folder)
            ratio = elapsed / floor_total
            verdict = ""
            if fmt == "json":
                ok = elapsed < TARGET_SECONDS * args.procedures / 100_000
                verdict = "  within target" if ok else "  OVER target"
            print(
                f"import {fmt:<5} ({size:5.1f} MB): {elapsed:8.2f} s (CPU {cpu:5.2f} s)   "
                f"ratio to floor {ratio:4.1f}x{verdict}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
