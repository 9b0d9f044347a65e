"""Set-at-a-time reads and writes for sync batches, on the caller's connection and transaction.

On PostgreSQL a batch travels by binary COPY (copy_rows), keys as one joined text; SQLite, in
process, takes plain executemany.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

import orjson
from sqlalchemy import JSON, Column, Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from onestop.domain.clock import VN_TZ
from onestop.store.tables import UTCDateTime

PG = postgresql.dialect()
# A row may carry a JSON column's text as read from the store (key JSON_TEXT + column), so that
# it is not serialized again on its way to another store.
JSON_TEXT = "json_text:"
# Likewise a UTCDateTime column's SQLite text ('YYYY-MM-DD HH:MM:SS.ffffff', UTC), when the
# centre formatted it already (a pull): no per-value conversion on the way into SQLite.
SQLITE_TEXT = "sqlite_text:"
# Keys per IN (...) on SQLite, well under its limit on bound parameters.
CHUNK = 500


# Every byte that is a digit becomes "9", every other a space: a run of 19 digits is then found by
# one substring search, far cheaper than a regular expression over a sync's payloads.
_DIGITS = bytes(0x39 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
_LONG_RUN = b"9" * 19


def loads(text: str | bytes) -> Any:
    """A stored JSON text as Python values: orjson, several times faster than the standard
    library on a sync's hundred thousand payloads. orjson reads an integer beyond 64 bits as a
    float, silently: a text with 19 digits in a row (where such an integer could hide) goes to
    the standard library instead, so the values are always the same."""
    raw = text.encode() if isinstance(text, str) else text
    if _LONG_RUN in raw.translate(_DIGITS):
        return json.loads(raw)
    return orjson.loads(raw)


class StoredRow(dict):
    """A row read from a store, carrying its JSON columns' texts (JSON_TEXT + column): a JSON
    column's value is parsed the first time it is read (``row[column]``). Most rows of a sync
    are written on as their text and never looked into (a result_ready event's payload, say),
    so most are never parsed. ``row.get(column)`` and ``column in row`` see only what was
    parsed already."""

    __slots__ = ()

    def __missing__(self, key: str) -> Any:
        text = dict.get(self, JSON_TEXT + key)
        if text is None:
            raise KeyError(key)
        value = self[key] = loads(text)
        return value


def dumps(value: Any) -> str:
    """A value as JSON text (a JSON column's value for PostgreSQL's COPY, a batch of keys for
    SQLite's json_each): orjson (compact, UTF-8), the standard library for what orjson refuses
    (integers beyond 64 bits). The server keeps the text and hands back the same values."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False)


def text_array(keys: Sequence[str]) -> tuple[str, str | list[str]]:
    """SQL for a text[] of these keys on PostgreSQL, and its parameter: one comma-joined string
    that the server splits, where a list would be escaped element by element in Python (a
    tenth of a second per ten thousand ids). Keys are UUIDs; should one ever hold a comma, the
    list itself is sent."""
    if any("," in key for key in keys):
        return "%s::text[]", list(keys)
    return "string_to_array(%s, ',')", ",".join(keys)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _is_json(column: Column[Any]) -> bool:
    kind = column.type
    impl = getattr(kind, "impl", kind)
    return isinstance(kind, JSON) or isinstance(impl, JSON)


def _raw(conn: Connection) -> Any:
    return conn.connection.driver_connection


@cache
def _sqlite_plan(table: Table) -> tuple[str, str, Callable[[Mapping[str, Any]], tuple]]:
    """Column names, placeholders, and a function turning a row into the values SQLAlchemy would
    bind for it (its own processors, so UTC datetimes and JSON text come out identical),
    generated once per table so that a row costs one call rather than one per column."""
    dialect = sqlite.dialect()
    scope: dict[str, Any] = {"sqlite_datetime": sqlite_datetime}
    values = []
    for i, column in enumerate(table.columns):
        get = f"r.get({column.name!r})"
        if isinstance(column.type, UTCDateTime):
            # Same text as SQLAlchemy's DATETIME processor, several times faster (tested).
            known = f"r.get({SQLITE_TEXT + column.name!r})"
            values.append(f"({known} or sqlite_datetime({get}))")
            continue
        # dialect_impl: SQLite's own types, not the generic ones (whose values sqlite3 would
        # format its own way).
        proc = column.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:
            values.append(get)
            continue
        scope[f"p{i}"] = proc
        if _is_json(column):
            text = f"r.get({JSON_TEXT + column.name!r})"
            values.append(f"({text} if {text} is not None else p{i}({get}))")
        else:
            values.append(f"p{i}({get})")
    source = "def convert(r):\n    return (" + ", ".join(values) + ",)\n"
    exec(source, scope)  # generated from the table's own column names only
    names = ", ".join(c.name for c in table.columns)
    return names, ", ".join("?" for _ in table.columns), scope["convert"]


def sqlite_datetime(value: datetime | None) -> str | None:
    """An aware datetime as UTCDateTime stores it on SQLite: UTC, 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    if value is None:
        return None
    text = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    return text if len(text) > 19 else text + ".000000"


def from_sqlite_datetime(text: str | None) -> datetime | None:
    """What UTCDateTime reads back from SQLite: the stored UTC time, in Vietnam's time zone."""
    if text is None:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(VN_TZ)


def bound_values(table: Table, rows: Iterable[Mapping[str, Any]], dialect: str) -> list[tuple]:
    """The rows as they go to the store: on SQLite as sqlite_insert binds them, on PostgreSQL as
    insert_new's COPY sends them. Made ahead, off the thread that writes or waits, when the
    caller can."""
    convert = (_pg_plan if dialect == "postgresql" else _sqlite_plan)(table)[2]
    return [convert(row) for row in rows]


def sqlite_insert(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    ignore: bool = False,
    values: Sequence[tuple] | None = None,
) -> None:
    """executemany on the sqlite3 connection itself, inside the caller's transaction.
    ``values``: the rows already through bound_values, in the same order."""
    if not rows:
        return
    names, marks, _ = _sqlite_plan(table)
    params = bound_values(table, rows, "sqlite") if values is None else values
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    _raw(conn).executemany(f"{verb} INTO {table.name} ({names}) VALUES ({marks})", params)


def insert_new(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    values: Sequence[tuple] | None = None,
) -> None:
    """Insert rows whose keys the caller found absent (existing()) in this same transaction, at
    a SQLite centre (a PostgreSQL centre inserts through its own push function, see
    onestop.sync.central). A plain INSERT: should another transaction insert one of these keys
    in between, the unique violation (see duplicate_key) has the caller redo the batch, which
    then finds the key present. ``values``: the rows already through bound_values, in the same
    order."""
    if not rows:
        return
    # sqlite_insert, not SQLAlchemy's insert: it takes a StoredRow's JSON as its text.
    sqlite_insert(conn, table, rows, values=values)


def copy_rows(cur: Any, target: str, table: Table, values: Iterable[tuple]) -> None:
    """COPY rows (as bound_values made them for PostgreSQL) into ``target``, a table with the
    table's columns, on a driver cursor: the driver's COPY writer is its fastest way in, and
    binary when every column's type is known (the server then parses no text, times above
    all: about half the cost of a text COPY)."""
    names, types, _ = _pg_plan(table)
    binary = " (FORMAT BINARY)" if types else ""
    with cur.copy(f"COPY {target} ({names}) FROM STDIN{binary}") as copy:
        if types:
            copy.set_types(types)
        for value in values:
            copy.write_row(value)


def duplicate_key(exc: BaseException, tables: Iterable[Table]) -> bool:
    """Whether a database error is a unique violation of one of these tables' primary keys:
    another transaction inserted the same rows meanwhile (see insert_new)."""
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlstate", None) != "23505":
        return False
    diag = getattr(orig, "diag", None)
    constraint = getattr(diag, "constraint_name", None) or ""
    if constraint in {t.primary_key.name for t in tables}:
        return True
    # At a centre partitioned by agency (migration 0021) the server names the partition's key.
    return any(re.fullmatch(rf"{t.name}_p\d+_pkey", constraint) for t in tables)


# PostgreSQL's names of the column types a binary COPY can send (see _pg_plan). JSON goes as
# text: its binary form is the text itself, and a json dumper would serialize the text again.
_BINARY_TYPES = {
    "VARCHAR": "varchar",
    "TEXT": "text",
    "INTEGER": "int4",
    "BIGINT": "int8",
    "FLOAT": "float8",
    "BOOLEAN": "bool",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "JSON": "text",
}


@cache
def _pg_plan(table: Table) -> tuple[str, list[str] | None, Callable[[Mapping[str, Any]], tuple]]:
    """Column names, their types for a binary COPY (None if one has no entry in _BINARY_TYPES:
    the COPY is then text), and a generated row-to-values function: psycopg adapts datetimes
    and the rest itself; JSON goes as the text the workstation stored when the row carries it
    (JSON_TEXT), else serialized by dumps()."""
    scope: dict[str, Any] = {"dumps": dumps}
    values = []
    types: list[str] | None = []
    for column in table.columns:
        get = f"r.get({column.name!r})"
        if _is_json(column):
            text = f"r.get({JSON_TEXT + column.name!r})"
            values.append(
                f"({text} if {text} is not None else (None if {get} is None else dumps({get})))"
            )
        else:
            values.append(get)
        compiled = column.type.compile(dialect=PG).split("(")[0]
        if types is not None and compiled in _BINARY_TYPES:
            types.append(_BINARY_TYPES[compiled])
        else:
            types = None
    source = "def convert(r):\n    return (" + ", ".join(values) + ",)\n"
    exec(source, scope)  # generated from the table's own column names only
    return ", ".join(c.name for c in table.columns), types, scope["convert"]


def existing(conn: Connection, column: Column[Any], keys: Sequence[str]) -> set[str]:
    """Which of the keys are present in the column."""
    if not keys:
        return set()
    if conn.dialect.name == "postgresql":
        table = column.table.name  # type: ignore[attr-defined]
        array, param = text_array(keys)
        with _raw(conn).cursor() as cur:
            sql = f"SELECT {column.name} FROM {table} WHERE {column.name} = ANY({array})"
            cur.execute(sql, [param])
            return {r[0] for r in cur.fetchall()}
    if conn.dialect.name == "sqlite":
        # One statement for the batch, the keys as one JSON array.
        table = column.table.name  # type: ignore[attr-defined]
        found = _raw(conn).execute(
            f"SELECT j.value FROM json_each(?) j WHERE EXISTS "
            f"(SELECT 1 FROM {table} t WHERE t.{column.name} = j.value)",
            (dumps(list(keys)),),
        )
        return {r[0] for r in found}
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
    """Positions first, first+1, ... for the events, in the order given: one run, one row."""
    conn.execute(
        log.insert().values(
            agency_code=agency,
            position=first,
            count=len(event_ids),
            event_ids=list(event_ids),
            workstation_id=workstation_id,
            pushed_at=now,
        )
    )
