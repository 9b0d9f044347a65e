"""Issue 14 (leftover of item 4), through the real command line on a scratch store: a dossier
extended too late (``extend --late``) stays overdue against the date before the extension in
``list --overdue``, the daily list (the daily log's view) and the tracking book, as the report
counts it, while an extension in time moves the date overdue is judged by."""

from __future__ import annotations

import json

import pypdf
import pytest

from tests.helpers import run_cli as run

PROC = "1.004873"  # 3 working days
RECEIVED = "2026-11-09T09:00+07:00"  # due Thu 12 Nov 2026 17:00
# New dates far ahead: whatever the machine's clock, they have not passed.
FAR = "2031-01-10T17:00+07:00"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("late_extension")
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")
    return d


def receive(store, name: str) -> str:
    out = run(
        store, "receive", "--procedure", PROC, "--name", name, "--received-at", RECEIVED, "--json"
    )
    return json.loads(out.stdout)["code"]


def extend(store, code: str, at: str, *late: str) -> dict:
    out = run(
        store,
        "extend",
        code,
        "--new-due",
        FAR,
        "--reason",
        "cần xác minh",
        "--at",
        at,
        *late,
        "--json",
    )
    return json.loads(out.stdout)


def listed(store, *args: str) -> dict[str, dict]:
    rows = json.loads(run(store, "list", *args, "--json").stdout)
    return {r["code"]: r for r in rows}


def test_a_late_extension_stays_overdue_everywhere(store, tmp_path):
    late = receive(store, "Phạm Văn Đức")
    timely = receive(store, "Võ Thị Em")
    assert extend(store, late, "2026-11-13T09:00+07:00", "--late")["due_at"].startswith("2031")
    assert extend(store, timely, "2026-11-11T09:00+07:00")["due_at"].startswith("2031")

    overdue = listed(store, "--overdue")
    assert late in overdue and overdue[late]["overdue"] is True
    assert overdue[late]["due_at"] == "2031-01-10T17:00:00+07:00"  # the date shown is the new one
    assert timely not in overdue

    day = listed(store, "--date", "2026-11-09")
    assert day[late]["overdue"] is True
    assert day[timely]["overdue"] is False

    # The tracking book marks the late one overdue and the timely one not: one mark in all.
    out = tmp_path / "book.pdf"
    run(store, "print", "book", "--date", "2026-11-09", "--out", str(out))
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out).pages)
    assert text.count("QUÁ HẠN") == 1
    assert text.index(late) < text.index("QUÁ HẠN") < text.index(timely)


def test_migration_0018_fills_the_date_of_dossiers_extended_late_before_it(tmp_path):
    import sqlite3

    from onestop.store.db import STORE_FILE

    run(tmp_path, "init", "--demo", "--back-entry-days", "3650", "--json")
    late = receive(tmp_path, "Phạm Văn Đức")
    extend(tmp_path, late, "2026-11-13T09:00+07:00", "--late")
    # The store as the revision before 0018 left it (whatever the chain): no column, the
    # dossier extended late already.
    from alembic import command

    from onestop.store import db
    from tests.helpers import before_revision

    engine = db.make_engine(db.sqlite_url(tmp_path))
    try:  # every later revision's downgrade, then 0018's (which drops the column)
        command.downgrade(db.alembic_config(engine), before_revision("0018"))
    finally:
        engine.dispose()
    with sqlite3.connect(tmp_path / STORE_FILE) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(dossiers)")]
        assert "late_due_at" not in columns
    assert late in listed(tmp_path, "--overdue")  # opened, upgraded, filled from the events
    with sqlite3.connect(tmp_path / STORE_FILE) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == (db.head_revision(),)
