"""The figures kept per day (migration 0022's ``figure_days``, kept by triggers): after random
histories written through every service, the table holds exactly what counting every dossier from
nothing gives; the report reads it; the migration's downgrade takes it away and its upgrade counts
the existing dossiers; a refused write leaves it as it was. (Sync pulls: checked in every
convergence of test_sync_support.assert_converged.)"""

from __future__ import annotations

import importlib
import random
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command

from onestop.domain.clock import VN_TZ
from onestop.services.report import report, report_from_histories
from onestop.store import db
from tests.helpers import before_revision, figure_days, store_dir
from tests.integration.test_report_figures_sql import asked_twice, build

MIGRATION = importlib.import_module("onestop.store.migrations.versions.0022_figure_days")
TRIGGERS = set(MIGRATION.TRIGGERS)


def path(ctx) -> Path:
    return store_dir(ctx) / db.STORE_FILE


def connect(ctx) -> sqlite3.Connection:
    return sqlite3.connect(path(ctx), isolation_level=None)


def test_the_triggers_keep_what_counting_from_nothing_gives(ctx, clock):
    build(ctx, clock, random.Random(22), 120)
    asked_twice(ctx, datetime(2026, 11, 3, 8, 0, tzinfo=VN_TZ))
    figure_days(path(ctx))  # equal to counting from nothing
    conn = connect(ctx)
    try:
        # Something of every kind was kept (the random histories have all of them).
        sums = conn.execute(
            "SELECT " + ", ".join(f"sum({v})" for v in MIGRATION.VALUES) + " FROM figure_days"
        ).fetchone()
        assert all(n > 0 for n in sums), str(dict(zip(MIGRATION.VALUES, sums, strict=True)))
        # Shares only ever move: no count below zero on any day.
        assert conn.execute(
            "SELECT count(*) FROM figure_days WHERE "
            + " OR ".join(f"{v} < 0" for v in MIGRATION.VALUES)
        ).fetchone() == (0,)
    finally:
        conn.close()


def test_the_report_reads_the_days(ctx, clock):
    build(ctx, clock, random.Random(5), 30)
    asked_twice(ctx, datetime(2026, 11, 3, 8, 0, tzinfo=VN_TZ))
    first, last = date(2026, 11, 1), date(2026, 11, 25)
    before = report(ctx, first, last).totals
    assert before == report_from_histories(ctx, first, last).totals
    assert before.late_by_supplements >= 1
    conn = connect(ctx)
    try:  # a day's row changed by hand: the report follows it (it is what the report reads)
        conn.execute("UPDATE figure_days SET received = received + 5 WHERE day = '2026-11-10'")
    finally:
        conn.close()
    assert report(ctx, first, last).totals.received == before.received + 5


def test_downgrade_and_upgrade_count_the_existing_dossiers(ctx, clock):
    build(ctx, clock, random.Random(9), 40)
    asked_twice(ctx, datetime(2026, 11, 4, 8, 0, tzinfo=VN_TZ))
    rows = figure_days(path(ctx))
    assert any(r[-6] for r in rows)  # late by supplements, which the upgrade counts again
    config = db.alembic_config(ctx.store.engine)
    command.downgrade(config, before_revision("0022"))
    conn = connect(ctx)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "figure_days" not in names and not TRIGGERS & names
    command.upgrade(config, "head")
    conn = connect(ctx)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert names >= TRIGGERS
    finally:
        conn.close()
    assert figure_days(path(ctx)) == rows


def test_a_refused_write_leaves_the_days_alone(ctx, clock):
    from onestop.domain.errors import InputError
    from onestop.services import rating

    codes = build(ctx, clock, random.Random(11), 10)
    rows = figure_days(path(ctx))
    with pytest.raises(InputError):
        rating.rate(ctx, codes[0], "excellent")
    assert figure_days(path(ctx)) == rows
