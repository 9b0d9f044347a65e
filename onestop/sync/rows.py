"""Replication of the rows that are not event-sourced (postal pickups, handover records,
consignments, postage charges, counter guidance): each is a fact written once by one workstation
(UUIDv7 key) and sometimes changed later (a pickup request becoming a dossier).

A sync first notices what changed here: every row whose content digest differs from the one last
replicated gets a new version ``<UTC time>|<workstation id>`` (detection time, a fixed-width
text, so versions compare as strings). Changes travel through the agency's log beside events
(pushed after this sync's events, hence positioned after the dossiers they name), and every
workstation keeps, per row, the highest version it has seen: last writer wins, decided by the
same comparison everywhere, so the result does not depend on the order of arrival.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from onestop.domain.ids import new_id_str
from onestop.store import tables_sync as ts
from onestop.store.tables import UTCDateTime

from .bulk import chunks

VERSIONS: Table = ts.SyncRowVersion.__table__  # type: ignore[assignment]
CHANGES: Table = ts.SyncRowChange.__table__  # type: ignore[assignment]

# In the order of their foreign keys: a batch applies records before the pickups and
# consignments that name them, consignments before their charges.
REPLICATED = (
    "postal_handover_records",
    "postal_pickups",
    "postal_consignments",
    "postal_charges",
    "guidance",
)
_RANK = {name: i for i, name in enumerate(REPLICATED)}


def tables() -> list[Table]:
    """The replicated tables this program has (a table of a feature not built is skipped)."""
    from onestop.store.all_tables import metadata

    return [metadata.tables[n] for n in REPLICATED if n in metadata.tables]


def stamp(now: datetime, workstation_id: str) -> str:
    return f"{now.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}|{workstation_id}"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def encode(table: Table, row: Mapping[str, Any]) -> str:
    """The row as canonical JSON text (UTC ISO times, sorted keys): what is digested and sent."""
    data = {c.name: _plain(row[c.name]) for c in table.columns}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def decode(table: Table, text: str) -> dict[str, Any]:
    data = json.loads(text)
    values = {}
    for column in table.columns:
        value = data.get(column.name)
        if value is not None and isinstance(column.type, UTCDateTime):
            value = datetime.fromisoformat(value)
        values[column.name] = value
    return values


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- on the workstation ------------------------------------------------------------------------


def detect(session: Session, workstation_id: str, now: datetime) -> int:
    """Give a new version to every replicated row changed here since it was last replicated;
    returns how many. Postal and guidance rows number in the thousands a year: reading them
    all costs less than hooks in every service that writes them, and misses none."""
    known: dict[tuple[str, str], str] = {
        (t, r): d
        for t, r, d in session.execute(
            select(VERSIONS.c.table_name, VERSIONS.c.row_id, VERSIONS.c.digest)
        )
    }
    version = stamp(now, workstation_id)
    fresh, changed = [], []
    for table in tables():
        (key,) = table.primary_key.columns
        for row in session.execute(select(table).order_by(key)).mappings():
            text = encode(table, row)
            dig = digest(text)
            previous = known.get((table.name, row[key.name]))
            if previous == dig:
                continue
            values = {
                "table_name": table.name,
                "row_id": row[key.name],
                "version": version,
                "digest": dig,
                "change_id": new_id_str(),
                "data": text,
                "pushed": False,
            }
            (fresh if previous is None else changed).append(values)
    if fresh:
        session.execute(insert(VERSIONS), fresh)
    for values in changed:
        session.execute(
            update(VERSIONS)
            .where(
                VERSIONS.c.table_name == values["table_name"],
                VERSIONS.c.row_id == values["row_id"],
            )
            .values(values)
        )
    return len(fresh) + len(changed)


def pending(session: Session) -> list[dict[str, Any]]:
    """Changes not yet at the centre, in foreign-key order of their tables."""
    rows = [
        dict(r)
        for r in session.execute(select(VERSIONS).where(VERSIONS.c.pushed.is_(False))).mappings()
    ]
    rows.sort(key=lambda r: (_RANK.get(r["table_name"], 99), r["row_id"]))
    return rows


def count_pending(session: Session) -> int:
    return len(session.execute(select(VERSIONS.c.row_id).where(VERSIONS.c.pushed.is_(False))).all())


def mark_pushed(session: Session, change_ids: Sequence[str]) -> None:
    for part in chunks(list(change_ids)):
        session.execute(update(VERSIONS).where(VERSIONS.c.change_id.in_(part)).values(pushed=True))


def forget_pushed(session: Session) -> None:
    """Another central database: it has none of our versions yet."""
    session.execute(update(VERSIONS).values(pushed=False))


def apply(session: Session, changes: Sequence[Mapping[str, Any]]) -> int:
    """Keep, per row, the highest version among the local one and these (pulled) changes;
    returns how many rows were written. Applied in foreign-key order of the tables."""
    from onestop.store.all_tables import metadata

    from .central import upsert

    best: dict[tuple[str, str], Mapping[str, Any]] = {}
    for change in changes:
        key = (change["table_name"], change["row_id"])
        if key not in best or _order(change) > _order(best[key]):
            best[key] = change
    if not best:
        return 0
    current: dict[tuple[str, str], str] = {}
    for name in {k[0] for k in best}:
        ids = [k[1] for k in best if k[0] == name]
        for part in chunks(ids):
            query = select(VERSIONS.c.row_id, VERSIONS.c.version).where(
                VERSIONS.c.table_name == name, VERSIONS.c.row_id.in_(part)
            )
            current.update({(name, r): v for r, v in session.execute(query)})
    written = 0
    conn: Connection = session.connection()
    for (name, row_id), change in sorted(best.items(), key=lambda kv: _RANK.get(kv[0][0], 99)):
        table = metadata.tables.get(name)
        if table is None:
            continue  # a feature this program does not have yet
        mine = current.get((name, row_id))
        if mine is not None and mine >= change["version"]:
            continue
        upsert(conn, table, [decode(table, change["data"])])
        values = {
            "version": change["version"],
            "digest": digest(change["data"]),
            "change_id": change["id"],
            "data": change["data"],
            "pushed": True,
        }
        if mine is None:
            session.execute(insert(VERSIONS).values(table_name=name, row_id=row_id, **values))
        else:
            session.execute(
                update(VERSIONS)
                .where(VERSIONS.c.table_name == name, VERSIONS.c.row_id == row_id)
                .values(values)
            )
        written += 1
    return written


def _order(change: Mapping[str, Any]) -> tuple[str, str]:
    return (change["version"], change["id"])


# --- at the centre -----------------------------------------------------------------------------


def push(
    conn: Connection,
    *,
    agency: str,
    workstation_id: str,
    changes: Sequence[Mapping[str, Any]],
    now: datetime,
) -> tuple[int, int]:
    """Accept changes idempotently (the change id is the key) and give the new ones positions in
    the agency's log, after every event already there; returns (accepted, duplicates)."""
    from .central import dialect_insert, log_accepted

    if not changes:
        return 0, 0
    if conn.dialect.name == "postgresql":
        # The centre's own function inserts them and gives them positions: a workstation's
        # role writes no log row (see onestop.sync.central).
        from .central import refused

        batch = [
            {k: c[k] for k in ("table_name", "row_id", "version", "data")} | {"id": c["change_id"]}
            for c in changes
        ]
        try:
            accepted, duplicates, _ = conn.execute(
                text(
                    "SELECT accepted, duplicates, last_position FROM "
                    "public.onestop_push_rows(:agency, :workstation, :now, CAST(:changes AS json))"
                ),
                {
                    "agency": agency,
                    "workstation": workstation_id,
                    "now": now,
                    "changes": json.dumps(batch, ensure_ascii=False),
                },
            ).one()
        except DBAPIError as exc:
            raise refused(exc, agency) from None
        return accepted, duplicates
    rows = [
        {
            "id": c["change_id"],
            "agency_code": agency,
            "table_name": c["table_name"],
            "row_id": c["row_id"],
            "version": c["version"],
            "data": c["data"],
            "workstation_id": workstation_id,
            "pushed_at": now,
        }
        for c in changes
    ]
    stmt = dialect_insert(conn, CHANGES).on_conflict_do_nothing(index_elements=["id"])
    fresh: set[str] = set()
    for row in rows:
        fresh.update(conn.execute(stmt.values(row).returning(CHANGES.c.id)).scalars())
    order = [r["id"] for r in rows if r["id"] in fresh]
    log_accepted(conn, agency, order, workstation_id, now)
    return len(order), len(rows) - len(order)


def fetch(
    conn: Connection, change_ids: Sequence[str], agency: str | None = None
) -> list[dict[str, Any]]:
    """The changes with these ids (in no particular order); of one agency when given (the
    centre's tables are keyed, and partitioned, by agency)."""
    found = []
    for part in chunks(list(change_ids)):
        query = select(CHANGES).where(CHANGES.c.id.in_(part))
        if agency is not None:
            query = query.where(CHANGES.c.agency_code == agency)
        found += [dict(r) for r in conn.execute(query).mappings()]
    return found
