"""The store: migrations from empty on SQLite and PostgreSQL, the schema matching the models,
refusing a store written by a newer program, append-only history."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import UniqueConstraint, text
from sqlalchemy.exc import DBAPIError

from onestop.domain.chain import GENESIS, event_hash
from onestop.store.all_tables import Base
from onestop.store.db import StoreTooNew, head_revision, open_store, sqlite_url


def _schema_diff(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The FTS5 shadow tables are ours too, but not in the models; nor is the central
    # database's table of folded characters (migration 0009), which only its SQL reads, nor the
    # per-day figures SQLite stores keep by triggers (migration 0022).
    ours = ("dossier_search", "onestop_fold_characters", "figure_days")
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith(ours))]
    return [d for d in diff if not _keyed_by_agency(d)]


# What only a PostgreSQL centre has (migration 0021, tested in test_central_by_agency.py): the
# agency on every event and first in the keys of the tables a sync touches (which the models,
# shared with SQLite stores, do not say), the postal tables' keys to dossiers dropped there.
CENTRE_KEYS = {"ix_dossiers_id", "uq_dossiers_code", "uq_events_chain"}
CENTRE_KEYS |= {"fk_events_dossier_id_dossiers", "fk_postal_consignments_dossier_id_dossiers"}
CENTRE_KEYS |= {"fk_postal_pickups_dossier_id_dossiers"}


def _keyed_by_agency(d) -> bool:
    if d[0] in ("remove_table", "remove_index"):  # a partition (or its index)
        table = d[1] if d[0] == "remove_table" else d[1].table
        if re.fullmatch(r"(dossiers|events|sync_log|sync_rows)_p\d+", table.name):
            return True
    # The server's own copies of the events' key to dossiers, one per partition of dossiers.
    if d[0] == "remove_fk" and re.fullmatch(r"events_agency_code_dossier_id_fkey\d*", d[1].name):
        return True
    if d[0] == "remove_column":
        return (d[2], d[3].name) == ("events", "agency_code")
    name = getattr(d[1], "name", None)
    if d[0] == "add_constraint" and isinstance(d[1], UniqueConstraint):
        name = name or "uq_" + "_".join([d[1].table.name, *(c.name for c in d[1].columns)])
    if d[0] == "remove_constraint" and isinstance(d[1], UniqueConstraint):
        return [c.name for c in d[1].columns] == ["agency_code", "code"]
    return name in CENTRE_KEYS


def test_sqlite_migrates_from_empty_to_the_models(tmp_path):
    store = open_store(sqlite_url(tmp_path))
    try:
        assert _schema_diff(store) == []
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == head_revision()
    finally:
        store.close()


def test_reopening_a_migrated_store_is_a_no_op(tmp_path):
    open_store(sqlite_url(tmp_path)).close()
    store = open_store(sqlite_url(tmp_path))
    store.close()


def test_a_store_from_a_newer_program_is_refused(tmp_path):
    store = open_store(sqlite_url(tmp_path))
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    store.close()
    with pytest.raises(StoreTooNew, match="mới hơn"):
        open_store(sqlite_url(tmp_path))


def _insert_event(conn):
    conn.execute(
        text(
            "INSERT INTO dossiers (id, code, agency_code, procedure_code, procedure_name, "
            "applicant_kind, applicant_name, applicant_folded, return_by, channel, documents, "
            "sets, fee, workstation_id, receiver, status, received_at, received_day, due_at, "
            "original_due_at, extended, updated_at) VALUES ('d1', 'X-1', 'X', 'p', 'p', "
            "'individual', 'An', 'an', 'counter', 'counter', '[]', 1, 0, 'w', 'r', 'received', "
            "'2026-01-05 02:00:00', '2026-01-05', '2026-01-06 10:00:00', '2026-01-06 10:00:00', "
            "false, '2026-01-05 02:00:00')"
        )
    )
    at = datetime(2026, 1, 5, 2, tzinfo=UTC)
    event = {"id": "e1", "dossier_id": "d1", "type": "received", "at": at, "recorded_at": at}
    event |= {"actor": "a", "workstation_id": "w", "payload": {}}
    # A PostgreSQL centre's events also name their agency (migration 0021).
    agency = (", agency_code", ", 'X'") if conn.dialect.name == "postgresql" else ("", "")
    conn.execute(
        text(
            "INSERT INTO events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
            f"payload, chain_seq, chain_prev, chain_hash{agency[0]}) VALUES ('e1', 'd1', "
            "'received', '2026-01-05 02:00:00', '2026-01-05 02:00:00', 'a', 'w', '{}', 1, :prev, "
            f":hash{agency[1]})"
        ),
        {"prev": GENESIS, "hash": event_hash(event, 1, GENESIS)},
    )


def _history_is_append_only(store):
    with store.engine.begin() as conn:
        _insert_event(conn)
    for statement in ("UPDATE events SET type = 'returned'", "DELETE FROM events"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT type FROM events")).scalar_one() == "received"


def test_sqlite_history_is_append_only(tmp_path):
    store = open_store(sqlite_url(tmp_path))
    try:
        _history_is_append_only(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_postgresql_migrates_from_empty_to_the_models(pg_url):
    store = open_store(pg_url)
    try:
        assert store.dialect == "postgresql"
        assert _schema_diff(store) == []
        _history_is_append_only(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_postgresql_store_from_a_newer_program_is_refused(pg_url):
    store = open_store(pg_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    store.close()
    with pytest.raises(StoreTooNew):
        open_store(pg_url)


@pytest.mark.parametrize("engine_kind", ["sqlite", "postgresql"])
def test_a_central_log_of_single_positions_becomes_runs_of_one(engine_kind, tmp_path, request):
    """Migration 0006 on a centre that logged one row per event: each row becomes a run of one,
    and the pull lists the same positions and ids as before (and back again on downgrade)."""
    from datetime import UTC, datetime

    from alembic import command

    from onestop.store.db import alembic_config, make_engine
    from onestop.sync import bulk, central

    url = sqlite_url(tmp_path) if engine_kind == "sqlite" else request.getfixturevalue("pg_url")
    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), "0005")
        with engine.begin() as conn:
            for position, event in ((1, "e1"), (2, "e2"), (3, "c3")):
                conn.execute(
                    text(
                        "INSERT INTO sync_log (agency_code, position, event_id, workstation_id, "
                        "pushed_at) VALUES ('X', :p, :e, 'w', '2026-11-16 02:00:00')"
                    ),
                    {"p": position, "e": event},
                )
        command.upgrade(alembic_config(engine), "head")
        expected = [(1, "e1", "w"), (2, "e2", "w"), (3, "c3", "w")]
        with engine.begin() as conn:
            assert central.positions(conn, agency="X", after=0, limit=10) == expected
            assert central.positions(conn, agency="X", after=1, limit=1) == expected[1:2]
            assert central.counts(conn, "X")["events"] == 3
            # A run of two more, as a push now writes it.
            bulk.append_log(
                conn,
                central.LOG,
                agency="X",
                first=4,
                event_ids=["e4", "e5"],
                workstation_id="v",
                now=datetime(2026, 11, 16, tzinfo=UTC),
            )
            assert central.positions(conn, agency="X", after=4, limit=10) == [(5, "e5", "v")]
            assert central.counts(conn, "X")["events"] == 5
        command.downgrade(alembic_config(engine), "0005")
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT position, event_id FROM sync_log ORDER BY position")
            ).all()
        assert [tuple(r) for r in rows] == [(1, "e1"), (2, "e2"), (3, "c3"), (4, "e4"), (5, "e5")]
    finally:
        engine.dispose()
