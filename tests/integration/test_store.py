"""The store: migrations from empty on SQLite and PostgreSQL, the schema matching the models,
refusing a store written by a newer program, append-only history."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from onestop.store.all_tables import Base
from onestop.store.db import StoreTooNew, head_revision, open_store, sqlite_url


def _schema_diff(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The FTS5 shadow tables are ours too, but not in the models.
    return [d for d in diff if not (d[0] == "remove_table" and "dossier_search" in d[1].name)]


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
    conn.execute(
        text(
            "INSERT INTO events (id, dossier_id, type, at, recorded_at, actor, workstation_id, "
            "payload) VALUES ('e1', 'd1', 'received', '2026-01-05 02:00:00', "
            "'2026-01-05 02:00:00', 'a', 'w', '{}')"
        )
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
