"""Benchmark: 100,000 due dates, timed beside a floor loop of plain datetime arithmetic.

Run with ``uv run python tests/benchmarks/bench_due_dates.py [count]``. The floor is the same loop
over the same inputs doing only ``received_at + timedelta(days=n)``, so the ratio says how much
the working calendar costs over the cheapest possible "due date"."""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta

from onestop.adapters.calendar_files import default_calendar

BUDGET_SECONDS = 2.0  # the contract: 100,000 due() calls in under 2 s


def make_inputs(
    count: int, seed: int = 20260101
) -> list[tuple[datetime, int | None, float | None]]:
    """Random receipts across 2025-2027 (any minute, weekends and nights included); two in
    three procedures in days (0-30), the rest in hours (0.5-40)."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1)
    span_minutes = (datetime(2028, 1, 1) - start) // timedelta(minutes=1)
    inputs: list[tuple[datetime, int | None, float | None]] = []
    for _ in range(count):
        received = start + timedelta(minutes=rng.randrange(span_minutes))
        if rng.random() < 2 / 3:
            inputs.append((received, rng.randint(0, 30), None))
        else:
            inputs.append((received, None, rng.choice((0.5, 1, 2, 4, 8, 16, 24, 40))))
    return inputs


def run(count: int = 100_000) -> dict[str, float]:
    inputs = make_inputs(count)

    t0 = time.perf_counter()
    cal = default_calendar()
    for year in (2025, 2026, 2027, 2028):
        cal.is_working_day(datetime(year, 6, 1).date())  # builds the year tables once
    setup = time.perf_counter() - t0

    t0 = time.perf_counter()
    for received, days, _hours in inputs:
        received + timedelta(days=days or 1)
    floor = time.perf_counter() - t0

    due = cal.due
    t0 = time.perf_counter()
    for received, days, hours in inputs:
        due(received, days=days, hours=hours)
    elapsed = time.perf_counter() - t0

    return {"count": count, "setup": setup, "floor": floor, "due": elapsed}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 100_000
    r = run(count)
    print(f"due dates:           {r['count']:,}")
    print(f"calendar setup:      {r['setup'] * 1000:8.1f} ms (holidays for 2025-2028, once)")
    print(f"floor (+timedelta):  {r['floor'] * 1000:8.1f} ms")
    each_us = r["due"] / r["count"] * 1e6
    print(f"due():               {r['due'] * 1000:8.1f} ms  ({each_us:.2f} µs each)")
    print(f"ratio due/floor:     {r['due'] / r['floor']:8.1f}x")
    budget = BUDGET_SECONDS * r["count"] / 100_000
    verdict = "within" if r["due"] < budget else "OVER"
    print(f"budget:              {budget:8.2f} s  -> {verdict}")
    return 0 if r["due"] < budget else 1


if __name__ == "__main__":
    sys.exit(main())
