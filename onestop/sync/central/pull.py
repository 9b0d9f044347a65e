"""The pull at the centre: the agency's events after a position, listed narrowly first (position,
id, origin) so that a workstation fetches only the bodies it lacks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Text, func, select

from onestop.store.tables import UTCDateTime

from .. import bulk
from ..bulk import chunks
from ..projection import EVENTS
from .schema import LOG

# Runs read at a time while listing positions: a run holds up to a batch of ids.
RUNS_AT_ONCE = 4


def positions(
    conn: Connection, *, agency: str, after: int, limit: int
) -> list[tuple[int, str, str]]:
    """(position, event id, workstation id) of the agency's events after a position, in position
    order, at most ``limit``: the narrow first half of a pull, which lets a workstation skip
    what it already holds (its own events, above all) without their bodies crossing the
    network. Expanded from the log's runs, starting with the run that holds after + 1; only
    the runs needed are read and parsed."""
    where = LOG.c.agency_code == agency
    start = conn.execute(
        select(func.max(LOG.c.position)).where(where, LOG.c.position <= after + 1)
    ).scalar()
    cursor = after + 1 if start is None else int(start)
    postgresql = conn.dialect.name == "postgresql"
    # On PostgreSQL the ids as the stored text, parsed by orjson rather than the driver's json.
    ids_column = LOG.c.event_ids.cast(Text) if postgresql else LOG.c.event_ids
    found: list[tuple[int, str, str]] = []
    while len(found) < limit:
        query = (
            select(LOG.c.position, LOG.c.count, ids_column, LOG.c.workstation_id)
            .where(where, LOG.c.position >= cursor)
            .order_by(LOG.c.position)
            .limit(RUNS_AT_ONCE)
        )
        runs = conn.execute(query).all()
        for first, count, ids, origin in runs:
            first = int(first)
            if postgresql:
                ids = bulk.loads(ids)
            skip = max(0, after + 1 - first)
            wanted = ids[skip : skip + limit - len(found)]
            found += [(first + skip + i, e, origin) for i, e in enumerate(wanted)]
            cursor = first + count
            if len(found) >= limit:
                break
        if len(runs) < RUNS_AT_ONCE:
            break
    return found


def fetch(
    conn: Connection, event_ids: Sequence[str], agency: str | None = None
) -> list[dict[str, Any]]:
    """The events with these ids (in no particular order). At a PostgreSQL centre, of one
    agency when given: its events carry their agency (migration 0021), and the condition keeps
    the lookup in the agency's partition."""
    if not event_ids:
        return []
    if conn.dialect.name == "postgresql":
        # The driver's own cursor, and the payload as text: it is parsed once here and its text
        # kept for the store (bulk.JSON_TEXT), instead of parsed by the driver and written again.
        names = [c.name for c in EVENTS.columns]
        columns = ", ".join(f"{n}::text" if n == "payload" else n for n in names)
        # The times also as the text a SQLite store keeps (see bulk.SQLITE_TEXT), formatted by
        # the server in the same pass instead of by Python per value on the workstation.
        stamped = [n for n in names if isinstance(EVENTS.c[n].type, UTCDateTime)]
        columns += "".join(
            f", to_char({n} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')" for n in stamped
        )
        names += [bulk.SQLITE_TEXT + n for n in stamped]
        array, param = bulk.text_array(event_ids)
        sql = f"SELECT {columns} FROM events WHERE id = ANY({array})"
        params: list[Any] = [param]
        if agency is not None:
            sql += " AND agency_code = %s"
            params.append(agency)
        with conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
            cur.execute(sql, params)
            rows = [bulk.StoredRow(zip(names, r, strict=True)) for r in cur.fetchall()]
        payload_text = bulk.JSON_TEXT + "payload"
        for row in rows:
            # The payload as its text, parsed only if read (bulk.StoredRow).
            row[payload_text] = row.pop("payload")
        return rows
    found = []
    for part in chunks(list(event_ids)):
        query = select(EVENTS).where(EVENTS.c.id.in_(part))
        found += [dict(r) for r in conn.execute(query).mappings()]
    return found


def pull(conn: Connection, *, agency: str, after: int, limit: int) -> list[dict[str, Any]]:
    """Events of the agency after a position, in position order, each with its ``position``."""
    listed = positions(conn, agency=agency, after=after, limit=limit)
    wanted = [e for _, e, _w in listed]
    by_id = {row["id"]: row for row in fetch(conn, wanted, agency)}
    return [{"position": p, **by_id[e]} for p, e, _w in listed]
