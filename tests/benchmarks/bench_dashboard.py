"""Benchmark of the supervisor's dashboard at a million dossiers: its figures for a month and for a
year through the service, beside the same aggregates written in raw SQL (sqlite3) on the same
data in the same run (the floor: over the per-day figures kept by triggers and the dossiers
open at the period's end, as the service reads them; the same over every dossier row of the
period is printed too), and the longest pause of the GUI thread while the dashboard page
loads both periods in the real window.

    uv run python tests/benchmarks/bench_dashboard.py [--dossiers 1000000] [--keep DIR] [--runs 5]
        [--before]   # also time the month by classifying every history (the code before)

The store is bench_store.fill's (through bench_gui_responsiveness.build_store and its cache in
``--keep DIR``), then given realistic histories in SQL: results for all but the last week
(a fifth of them late), 2 % refused, 1 % with a supplement request and completion (the
dossiers whose figures need their history), a fifth rated, the last week still open.
Targets: month < 200 ms, year < 1 s, ratio to the floor <= 2x; GUI thread never blocked > 100 ms.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui_responsiveness import (
    TARGET_MS,
    Sampler,
    Watch,
    build_store,
    spin,
    wait_until,
)

from onestop.domain.clock import VN_TZ

MARK = "histories-v2"
MIGRATION = importlib.import_module("onestop.store.migrations.versions.0022_figure_days")
OPEN_DAYS = 7


def ts(expr: str) -> str:
    """An SQL expression of a stored instant (naive UTC text with microseconds)."""
    return f"(strftime('%Y-%m-%d %H:%M:%S', {expr}) || '.000000')"


def enrich(path: Path, now: datetime) -> None:
    """Give bench_store.fill's dossiers histories (see the module's docstring), in SQL."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    cutoff = (now - timedelta(days=OPEN_DAYS)).astimezone(VN_TZ).replace(tzinfo=None)
    cutoff_utc = (cutoff - timedelta(hours=7)).strftime("%Y-%m-%d %H:%M:%S")
    hours = "((rowid * 7919) % 120 + 2)"  # 2 to 121 hours: over 96 is late
    kind = "((rowid * 31) % 100)"  # 0-1 refused, 7 with supplements
    c = conn.cursor()
    c.execute("BEGIN")
    # The per-day figures' triggers (migration 0022) are lifted for this bulk set-up; the table
    # is counted again from nothing afterwards (count_figure_days).
    drop_figure_day_triggers(c)
    due = ts("received_at, '+96 hours'")
    ready = ts("received_at, '+' || " + hours + " || ' hours'")
    after = ts("received_at, '+' || (" + hours + " + 1) || ' hours'")
    c.execute(f"UPDATE dossiers SET due_at = {due}, original_due_at = {due}")
    c.execute(
        f"UPDATE dossiers SET status = 'returned', result_at = {ready}, finished_at = {after} "
        f"WHERE received_at < ? AND {kind} >= 2",
        (cutoff_utc,),
    )
    c.execute(
        f"UPDATE dossiers SET status = 'refused', result_at = NULL, finished_at = {ready} "
        f"WHERE received_at < ? AND {kind} < 2",
        (cutoff_utc,),
    )
    c.execute(
        "UPDATE dossiers SET status = 'received', result_at = NULL, finished_at = NULL "
        "WHERE received_at >= ?",
        (cutoff_utc,),
    )
    # Events, as the workstation 'w2' recorded them (its own chain numbers).
    seq = "(rowid * 8 + {k})"
    common = "lower(hex(randomblob(16))), id, {type}, {at}, {at}, 'bench', 'w2', {payload}, "
    chain = ", '" + "0" * 64 + "', '" + "0" * 64 + "'"

    def insert(kind_sql: str, at: str, payload: str, k: int, where: str) -> None:
        c.execute(
            "INSERT INTO events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
            "payload, chain_seq, chain_prev, chain_hash) SELECT "
            + common.format(type=kind_sql, at=at, payload=payload)
            + seq.format(k=k)
            + chain
            + f" FROM dossiers WHERE {where}"
        )

    done = "status = 'returned'"
    insert("'result_ready'", "result_at", "'{}'", 1, done)
    insert("'returned'", "finished_at", "json_object('recipient', applicant_name)", 2, done)
    insert(
        "'refused'",
        "finished_at",
        "json_object('reasons', json_array('x'))",
        3,
        "status = 'refused'",
    )
    scores = (
        "CASE rowid % 10 WHEN 0 THEN 'dissatisfied' WHEN 1 THEN 'satisfied' WHEN 2 "
        "THEN 'satisfied' ELSE 'very_satisfied' END"
    )
    insert(
        "'rated'",
        ts("finished_at, '+1 minutes'"),
        f"json_object('score', {scores})",
        4,
        f"{done} AND rowid % 5 = 0",
    )
    supplemented = f"{kind} = 7"
    insert(
        "'supplement_requested'",
        ts("received_at, '+1 minutes'"),
        "json_object('missing', json_array('x'))",
        5,
        supplemented,
    )
    insert(
        "'supplement_completed'",
        ts("received_at, '+2 minutes'"),
        "json_object('due_at', strftime('%Y-%m-%dT%H:%M:%S+00:00', received_at, '+120 hours'))",
        6,
        supplemented,
    )
    later = ts("received_at, '+120 hours'")
    c.execute(f"UPDATE dossiers SET due_at = {later} WHERE {supplemented}")
    c.execute(f"UPDATE dossiers SET supplements = CASE WHEN {supplemented} THEN 1 ELSE 0 END")
    # The received events get the due date a history starts from (fill leaves their payload
    # empty; the append-only triggers are lifted for this set-up only).
    triggers = c.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    for name, _sql in triggers:
        c.execute(f"DROP TRIGGER {name}")
    c.execute(
        "UPDATE events SET payload = json_object('due_at', "
        "strftime('%Y-%m-%dT%H:%M:%S+00:00', at, '+96 hours')) WHERE type = 'received'"
    )
    for _name, sql in triggers:
        c.execute(sql)
    c.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def drop_figure_day_triggers(c: sqlite3.Cursor) -> None:
    for (name,) in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure_days%'"
    ).fetchall():
        c.execute(f"DROP TRIGGER {name}")


def count_figure_days(path: Path) -> None:
    """The per-day figures of the store counted from nothing, with the view and triggers of
    migration 0022 as they are now (a cache made by an earlier state of it gets them too)."""
    conn = sqlite3.connect(path, isolation_level=None)
    c = conn.cursor()
    c.execute("BEGIN")
    drop_figure_day_triggers(c)
    c.execute("DROP VIEW IF EXISTS figure_shares")
    c.execute(MIGRATION.SHARES)
    c.execute("DELETE FROM figure_days")
    c.execute(MIGRATION.BACKFILL)
    for name, (when, body) in MIGRATION.TRIGGERS.items():
        c.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    c.execute("COMMIT")
    conn.close()


FIGURES = (
    "rowid AS k, received_at, result_at, original_due_at, status, finished_at, channel, "
    "procedure_code, procedure_name, receiver, workstation_id"
)
FLOOR_COUNTS = """
SELECT procedure_code, procedure_name, receiver, channel,
  SUM(received_at >= :start AND received_at < :end),
  SUM(received_at < :start AND (result_at IS NULL OR result_at >= :start)
      AND (status NOT IN ('refused','stopped') OR finished_at >= :start)),
  SUM(result_at >= :start AND result_at < :end),
  SUM(CASE WHEN result_at >= :start AND result_at < :end AND result_at <= original_due_at
      THEN date(result_at, '+7 hours') < date(original_due_at, '+7 hours') ELSE 0 END),
  SUM(result_at >= :start AND result_at < :end AND result_at <= original_due_at),
  SUM(result_at >= :start AND result_at < :end AND result_at > original_due_at),
  SUM(status = 'refused' AND finished_at >= :start AND finished_at < :end),
  SUM(status = 'stopped' AND finished_at >= :start AND finished_at < :end),
  SUM(received_at < :seen AND (result_at IS NULL OR result_at >= :seen)
      AND (status NOT IN ('refused','stopped') OR finished_at >= :seen)),
  SUM(received_at < :seen AND (result_at IS NULL OR result_at >= :seen)
      AND (status NOT IN ('refused','stopped') OR finished_at >= :seen)
      AND original_due_at < :seen)
FROM (
    SELECT {FIGURES} FROM dossiers WHERE received_day >= :first AND received_day <= :last
    UNION ALL SELECT {FIGURES} FROM dossiers
      WHERE result_at >= :start AND +received_at < :start
    UNION ALL SELECT {FIGURES} FROM dossiers
      WHERE status IN ('received','supplement_requested','transferred') AND +received_at < :start
    UNION ALL SELECT {FIGURES} FROM dossiers
      WHERE status IN ('refused','stopped') AND finished_at >= :start AND +received_at < :start)
WHERE k NOT IN (SELECT rowid FROM dossiers WHERE id IN (SELECT dossier_id FROM events
    WHERE type IN ('supplement_requested','supplement_completed','extended')))
GROUP BY 1, 2, 3, 4
""".replace("{FIGURES}", FIGURES)

FLOOR_SCORES = """
SELECT d.procedure_code, d.procedure_name, d.receiver, json_extract(e.payload, '$.score'),
  count(*)
FROM events e JOIN dossiers d ON d.id = e.dossier_id
WHERE e.type = 'rated' AND e.at >= :start AND e.at < :end
  AND NOT EXISTS (SELECT 1 FROM events r WHERE r.dossier_id = e.dossier_id AND r.type = 'rated'
                  AND (r.at < e.at OR (r.at = e.at AND r.id < e.id)))
  AND d.id NOT IN (SELECT dossier_id FROM events WHERE type IN
      ('supplement_requested','supplement_completed','extended'))
GROUP BY 1, 2, 3, 4
"""

FLOOR_DAYS = """
SELECT received_day, count(*) FROM dossiers
WHERE received_day >= :first AND received_day <= :last
  AND received_at >= :start AND received_at < :end GROUP BY received_day;
"""

FLOOR_RESOLVED = """
SELECT date(result_at, '+7 hours'), count(*), SUM(result_at <= original_due_at) FROM dossiers
WHERE result_at >= :start AND result_at < :end GROUP BY 1
"""

FLOOR_LISTS = (
    "SELECT count(*) FROM dossiers WHERE status IN ('received','transferred') AND due_at < :seen",
    "SELECT * FROM dossiers WHERE status IN ('received','transferred') AND due_at < :seen "
    "ORDER BY due_at LIMIT 200",
    "SELECT count(*) FROM dossiers WHERE status IN ('received','transferred') "
    "AND due_at >= :seen AND due_at <= :soon",
    "SELECT * FROM dossiers WHERE status IN ('received','transferred') AND due_at >= :seen "
    "AND due_at <= :soon ORDER BY due_at LIMIT 200",
)


# The same aggregates read as the dashboard reads them since migration 0022: sums over the days
# kept by triggers (the carried over: over the days before), the dossiers open at its end (or
# now) row by row.
SUMS = (
    "sum(received), sum(resolved), sum(early), sum(on_time), sum(late), sum(refused), sum(stopped)"
)
DAYS_COUNTS = f"""
SELECT procedure_code, procedure_name, receiver, channel, {SUMS},
  sum(very_satisfied), sum(satisfied), sum(dissatisfied)
FROM figure_days WHERE day >= :first AND day <= :last GROUP BY 1, 2, 3, 4
"""
CARRIED = """
SELECT procedure_code, procedure_name, receiver, channel,
  sum(received - resolved - refused - stopped)
FROM figure_days WHERE day < :first GROUP BY 1, 2, 3, 4
"""
OPEN = """
SELECT procedure_code, procedure_name, receiver, channel, count(*), SUM(original_due_at < :seen)
FROM (
  SELECT procedure_code, procedure_name, receiver, channel, original_due_at FROM dossiers
    WHERE result_at >= :seen AND +received_at < :seen AND supplements = 0 AND NOT extended
  UNION ALL SELECT procedure_code, procedure_name, receiver, channel, original_due_at
    FROM dossiers INDEXED BY ix_dossiers_status_finished
    WHERE status IN ('received','supplement_requested','transferred') AND received_at < :seen
      AND supplements = 0 AND NOT extended
  UNION ALL SELECT procedure_code, procedure_name, receiver, channel, original_due_at
    FROM dossiers INDEXED BY ix_dossiers_status_finished
    WHERE status IN ('refused','stopped') AND finished_at >= :seen AND received_at < :seen
      AND supplements = 0 AND NOT extended)
GROUP BY 1, 2, 3, 4
"""
DAYS_SERIES = """
SELECT day, sum(received), sum(resolved), sum(on_time) FROM figure_days
WHERE day >= :first AND day <= :last GROUP BY day
"""


def floor(
    raw: sqlite3.Connection, first: date, last: date, now: datetime, days: bool = False
) -> float:
    """The dashboard's aggregates in raw SQL (no Python classification, no objects): over the
    dossiers' rows, or (``days``) over the per-day table and the straddling rows."""

    def utc(d: datetime) -> str:
        return (
            d.astimezone(VN_TZ)
            .replace(tzinfo=None)
            .__sub__(timedelta(hours=7))
            .strftime("%Y-%m-%d %H:%M:%S.%f")
        )

    start = datetime(first.year, first.month, first.day, tzinfo=VN_TZ)
    end = datetime(last.year, last.month, last.day, tzinfo=VN_TZ) + timedelta(days=1)
    p = {
        "start": utc(start),
        "end": utc(end),
        "seen": utc(now),
        "soon": utc(now + timedelta(days=4)),
        "first": first.isoformat(),
        "last": last.isoformat(),
    }
    t0 = time.perf_counter()
    queries = (
        (DAYS_COUNTS, CARRIED, OPEN, DAYS_SERIES)
        if days
        else (FLOOR_COUNTS, FLOOR_SCORES, FLOOR_DAYS, FLOOR_RESOLVED)
    )
    for query in (*queries, *FLOOR_LISTS):
        raw.execute(query, p).fetchall()
    return time.perf_counter() - t0


def median_of(runs: int, fn) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def gui_pause(folder: Path, now: datetime, periods: list[tuple[date, date]]) -> dict[str, float]:
    """The longest gap between two 10 ms ticks of the GUI thread while the real dashboard page
    (signed in as the supervisor) loads each period."""
    from PySide6.QtWidgets import QApplication

    from onestop.services.context import Context
    from onestop.store.db import open_local
    from onestop.ui.app import Shell
    from onestop.ui.common import ensure_vietnamese_font
    from onestop.ui.signin import prepare

    app = QApplication.instance() or QApplication(sys.argv)
    ensure_vietnamese_font(app)
    ctx = Context(store=open_local(folder / "data"), actor="bench", clock=lambda: now)
    prepare(ctx)
    shell = Shell(app, folder / "ui-dashboard", ctx=ctx)
    watch = Watch()
    shell.start()
    wait_until(shell.signin.isVisible)
    watch.start()
    sampler = Sampler(watch) if os.environ.get("BENCH_WHY") else None  # where the GUI waits

    def sign_in() -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        s = shell.signin
        QTest.keyClicks(s.username, "lanh.dao")
        QTest.keyClick(s.username, Qt.Key.Key_Return)
        QTest.keyClicks(s.password, "demo1234")
        QTest.keyClick(s.password, Qt.Key.Key_Return)
        wait_until(lambda: shell.main is not None and shell.main.isVisible(), 120)
        page = shell.main.page("dashboard")
        wait_until(lambda: page.board is not None and page.loading is None, 120)

    watch.action("sign in, the dashboard of this month", sign_in)
    page = shell.main.page("dashboard")
    for first, last in periods:

        def load(first: date = first, last: date = last) -> None:
            page.set_period(first, last)
            wait_until(
                lambda: (
                    page.loading is None and page.board is not None and page.board.first == first
                ),
                120,
            )
            spin(100)

        watch.action(f"dashboard {first} to {last}", load)

    def drill() -> None:
        page.drill_tile("late")
        wait_until(lambda: page.last_drill is not None, 120)
        spin(100)

    watch.action("drill down: late results of the year", drill)
    from onestop.ui import ops

    ops.wait_all(120000)
    if sampler is not None:
        sampler.report()  # a refresh still reading must not call back into closed windows
    for w in QApplication.topLevelWidgets():
        w.close()
    ops.wait_all(120000)
    spin(100)
    ctx.store.close()
    return {name: watch.worst.get(name, 0.0) for name in watch.order}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args()
    tmp = None
    if args.keep:
        folder = args.keep
    else:
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
    _codes, day_end = build_store(folder / "data", args.dossiers)
    now = day_end.replace(tzinfo=VN_TZ)
    from onestop.services import dashboard, report
    from onestop.services.context import Context
    from onestop.store.db import STORE_FILE, open_local

    # Opening the store once migrates it (0020's indexes on a store filled before them); a cache
    # made by an earlier state of 0020 gets the indexes the schema now declares.
    ctx = Context(store=open_local(folder / "data"), actor="bench", clock=lambda: now)
    from onestop.store import tables as t

    for index in [*t.Dossier.__table__.indexes, *t.Event.__table__.indexes]:
        index.create(ctx.store.engine, checkfirst=True)
    ctx.store.close()
    marker = folder / "data" / MARK
    if not marker.exists():
        t0 = time.perf_counter()
        enrich(folder / "data" / STORE_FILE, now)
        print(f"histories added in {time.perf_counter() - t0:.0f} s", flush=True)
        marker.touch()
    counted = folder / "data" / "figure-days-v3"
    if not counted.exists():
        t0 = time.perf_counter()
        count_figure_days(folder / "data" / STORE_FILE)
        print(f"figures per day counted in {time.perf_counter() - t0:.0f} s", flush=True)
        counted.touch()
    ctx = Context(store=open_local(folder / "data"), actor="bench", clock=lambda: now)
    raw = sqlite3.connect(folder / "data" / STORE_FILE)
    today = now.date()
    periods = {
        "month": (today.replace(day=1), today),
        "year": (today.replace(month=1, day=1), today),
    }
    print(f"store of {args.dossiers:,} dossiers, now {now:%Y-%m-%d %H:%M}")
    results = {}
    for name, (first, last) in periods.items():
        board = dashboard.dashboard(ctx, first, last)  # warm
        floor(raw, first, last, now)
        ours = median_of(args.runs, lambda f=first, la=last: dashboard.dashboard(ctx, f, la))
        rows = statistics.median(floor(raw, first, last, now) for _ in range(args.runs))
        floor(raw, first, last, now, days=True)
        bare = statistics.median(floor(raw, first, last, now, True) for _ in range(args.runs))
        results[name] = (ours, bare)
        f = board.totals
        print(
            f"{name:5} {first}..{last}: dashboard {ours * 1000:7.1f} ms   floor (raw SQL over "
            f"the days) {bare * 1000:7.1f} ms   ratio {ours / bare:.2f}x   (raw SQL over every "
            f"row: {rows * 1000:7.1f} ms)   [received {f.received:,}, "
            f"resolved {f.resolved:,}, late {f.late:,}, open {f.open:,}, overdue {f.overdue:,}, "
            f"rated {f.satisfaction.rated:,}]",
            flush=True,
        )
        only = median_of(args.runs, lambda f=first, la=last: report.report(ctx, f, la))
        print(f"       report --json figures alone: {only * 1000:7.1f} ms", flush=True)
    if args.before:
        first, last = periods["month"]
        t0 = time.perf_counter()
        old = report.report_from_histories(ctx, first, last)
        print(
            f"month, every history classified (before): {time.perf_counter() - t0:.2f} s; "
            f"same figures: {old.totals == report.report(ctx, first, last).totals}",
            flush=True,
        )
    raw.close()
    ctx.store.close()
    if not args.no_gui:
        pauses = gui_pause(folder, now, [periods["month"], periods["year"]])
        for name, gap in pauses.items():
            print(f"GUI thread, {name}: longest pause {gap:.0f} ms (target {TARGET_MS} ms)")
    month, year = results["month"], results["year"]
    print(
        f"targets: month {month[0] * 1000:.0f} ms < 200, year {year[0] * 1000:.0f} ms < 1000, "
        f"ratios {month[0] / month[1]:.2f}x / {year[0] / year[1]:.2f}x <= 2"
    )


if __name__ == "__main__":
    main()
