"""Set-at-a-time reads and writes for sync batches, on the caller's connection and transaction.

On PostgreSQL a batch travels as one array per column and is inserted with a single
``INSERT ... SELECT FROM unnest(...)``: one statement and one round trip per batch, where
SQLAlchemy's executemany would send thousands of generated VALUES lists that the driver must
parse. SQLite, in process, takes plain executemany.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import JSON, Column, Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

PG = postgresql.dialect()
# Keys per IN (...) on SQLite, well under its limit on bound parameters.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@cache
def _pg_cast(column: Column[Any]) -> str:
    return column.type.compile(dialect=PG)


def _is_json(column: Column[Any]) -> bool:
    kind = column.type
    impl = getattr(kind, "impl", kind)
    return isinstance(kind, JSON) or isinstance(impl, JSON)


def _raw(conn: Connection) -> Any:
    return conn.connection.driver_connection


@cache
def _sqlite_plan(table: Table) -> tuple[str, str, tuple[tuple[str, Any], ...]]:
    """Column names, placeholders and SQLAlchemy's own bind processors for one table: the same
    conversions (UTC datetimes, JSON text) SQLAlchemy would apply, without its per-row machinery."""
    dialect = sqlite.dialect()
    # dialect_impl: SQLite's own DATETIME (a fixed text format with microseconds), not the
    # generic type, whose value sqlite3 would format differently.
    columns = tuple(
        (c.name, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in table.columns
    )
    return ", ".join(n for n, _ in columns), ", ".join("?" for _ in columns), columns


def sqlite_insert(
    conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]], *, ignore: bool = False
) -> None:
    """executemany on the sqlite3 connection itself, inside the caller's transaction."""
    if not rows:
        return
    names, marks, columns = _sqlite_plan(table)
    params = [
        tuple(proc(row.get(name)) if proc else row.get(name) for name, proc in columns)
        for row in rows
    ]
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    _raw(conn).executemany(f"{verb} INTO {table.name} ({names}) VALUES ({marks})", params)


def insert_ignoring(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> set[str]:
    """Insert the rows whose primary key is new; returns those keys (single-column keys)."""
    if not rows:
        return set()
    (key,) = table.primary_key.columns
    if conn.dialect.name != "postgresql":
        stmt = sqlite.insert(table).on_conflict_do_nothing(index_elements=[key.name])
        return set(conn.execute(stmt.returning(key), list(rows)).scalars())
    columns = list(table.columns)
    arrays = []
    for column in columns:
        values = [row.get(column.name) for row in rows]
        if _is_json(column):
            values = [None if v is None else json.dumps(v) for v in values]
        arrays.append(values)
    names = ", ".join(c.name for c in columns)
    casts = ", ".join(f"%b::{_pg_cast(c)}[]" for c in columns)
    sql = (
        f"INSERT INTO {table.name} ({names}) SELECT * FROM unnest({casts}) "
        f"ON CONFLICT ({key.name}) DO NOTHING RETURNING {key.name}"
    )
    with _raw(conn).cursor() as cur:
        cur.execute(sql, arrays)
        return {r[0] for r in cur.fetchall()}


def existing(conn: Connection, column: Column[Any], keys: Sequence[str]) -> set[str]:
    """Which of the keys are present in the column."""
    if not keys:
        return set()
    if conn.dialect.name == "postgresql":
        table = column.table.name  # type: ignore[attr-defined]
        with _raw(conn).cursor() as cur:
            cur.execute(f"SELECT {column.name} FROM {table} WHERE {column.name} = ANY(%s)", [keys])
            return {r[0] for r in cur.fetchall()}
    found: set[str] = set()
    for part in chunks(keys):
        found.update(conn.execute(select(column).where(column.in_(part))).scalars())
    return found


def append_log(
    conn: Connection,
    log: Table,
    *,
    agency: str,
    first: int,
    event_ids: Sequence[str],
    workstation_id: str,
    now: Any,
) -> None:
    """Positions first, first+1, ... for the events, in the order given."""
    if conn.dialect.name == "postgresql":
        with _raw(conn).cursor() as cur:
            cur.execute(
                f"INSERT INTO {log.name} (agency_code, position, event_id, workstation_id, "
                "pushed_at) SELECT %s, %s + o - 1, id, %s, %s "
                "FROM unnest(%s::varchar[]) WITH ORDINALITY AS u(id, o)",
                (agency, first, workstation_id, now, list(event_ids)),
            )
        return
    conn.execute(
        log.insert(),
        [
            {
                "agency_code": agency,
                "position": first + i,
                "event_id": event_id,
                "workstation_id": workstation_id,
                "pushed_at": now,
            }
            for i, event_id in enumerate(event_ids)
        ],
    )
