"""Helpers shared by the tests: the whole observable state of a workstation's store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from onestop.store.db import STORE_FILE


def store_dir(ctx) -> Path:
    return Path(ctx.store.engine.url.database).parent


def dump(data_dir: Path) -> dict[str, list]:
    """Every row of every table (FTS shadow tables aside): equal dumps mean nothing was written."""
    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'dossier_search%'"
            )
        ]
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        conn.close()


def dump_ctx(ctx) -> dict[str, list]:
    return dump(store_dir(ctx))


def run_cli(
    data_dir: Path,
    *args: str,
    check: int | None = 0,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
):
    """Run ``onestop --data-dir DIR ARGS`` as a real process; assert its exit status."""
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "onestop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        input=stdin,
        timeout=120,
    )
    if check is not None:
        assert proc.returncode == check, proc.stderr
    return proc


def chain_events(events, heads: dict | None = None):
    """Give hand-made events (dicts of events rows) their links in their workstations' hash
    chains (onestop.domain.chain), in list order, continuing from ``heads`` ({workstation:
    (number, hash)}, updated): what a workstation's store does when it records them."""
    from onestop.domain import chain

    heads = {} if heads is None else heads
    for event in events:
        seq, prev = heads.get(event["workstation_id"], (0, chain.GENESIS))
        event["chain_seq"], event["chain_prev"] = seq + 1, prev
        event["chain_hash"] = chain.event_hash(event, seq + 1, prev)
        heads[event["workstation_id"]] = (seq + 1, event["chain_hash"])
    return events


def before_revision(revision: str) -> str:
    """The revision just before ``revision`` in the store's migration chain, whatever the chain."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from onestop.store import db

    scripts = Config()
    scripts.set_main_option("script_location", str(db.MIGRATIONS))
    return ScriptDirectory.from_config(scripts).get_revision(revision).down_revision


def open_pg_store(url: str):
    """A store on PostgreSQL with the store's schema, not the centre's: 0021 keys and partitions
    the centre's tables by agency (rows there arrive through the push functions, which set the
    agency), so a store that the services write into directly stops just before it, and then
    gets what the later revisions add to a PostgreSQL store (0022: the dossiers' supplements)."""
    from alembic import command
    from sqlalchemy import text

    from onestop.store.db import alembic_config, make_engine, open_store

    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), before_revision("0021"))
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE dossiers ADD COLUMN supplements integer"))
    finally:
        engine.dispose()
    return open_store(url, run_migrations=False)


def figure_days(path: Path) -> list[tuple]:
    """The per-day figures a SQLite store keeps by triggers (migration 0022), the rows that
    count something; checked first to equal what counting every dossier from nothing gives."""
    import importlib

    migration = importlib.import_module("onestop.store.migrations.versions.0022_figure_days")
    values = " OR ".join(f"{v} <> 0" for v in migration.VALUES)
    rows = f"SELECT * FROM figure_days WHERE {values} ORDER BY 1, 2, 3, 4, 5, 6"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        kept = conn.execute(rows).fetchall()
        conn.execute("BEGIN")
        conn.execute("DELETE FROM figure_days")
        conn.execute(migration.BACKFILL)
        fresh = conn.execute(rows).fetchall()
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    assert kept == fresh, "the per-day figures differ from the dossiers counted from nothing"
    return kept
