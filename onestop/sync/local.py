"""The workstation's side of sync, on its own store: what is still to push, applying what was
pulled (events, dossiers, master data), the leases it holds, and its sync state."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from onestop.domain.ids import new_id_str
from onestop.store import repository_figure_days as figure_days
from onestop.store import tables as t
from onestop.store import tables_sync as ts

from . import bulk, errors
from .bulk import chunks
from .projection import DOSSIERS, EVENTS, event_values, reprojected

PUSHED: Table = ts.SyncPushed.__table__  # type: ignore[assignment]
STATE_KEY = "central"

# Office settings that are the office's, not the workstation's: these flow from the centre.
OFFICE_KEYS = (
    "agency_name",
    "unit_name",
    "place",
    "code_pattern",
    "code_width",
    "office_hours",
    "postage_payer",
    "lookup_url",
    "receipt_layout",
    "phone",
)


# --- state -------------------------------------------------------------------------------------


def state(session: Session) -> ts.SyncState:
    row = session.get(ts.SyncState, STATE_KEY)
    if row is None:
        row = ts.SyncState(key=STATE_KEY, pulled_position=0, master_versions={})
        session.add(row)
        session.flush()
    return row


def read_state(session: Session) -> ts.SyncState | None:
    return session.get(ts.SyncState, STATE_KEY)


def switch_central(session: Session, central_id: str, agency: str, head: int) -> bool:
    """Start afresh with another central database (or another agency): nothing is known to be
    there yet, its positions are not ours, and its leases were never granted. The same when
    the centre's log is shorter than what this workstation already pulled: the centre was
    restored from an older backup, and would hand those positions out again. True if reset."""
    row = state(session)
    same = row.central_id == central_id and row.agency_code == agency
    if same and (row.pulled_position or 0) <= head:
        return False
    session.execute(delete(PUSHED))
    from . import rows

    rows.forget_pushed(session)
    # Numbers leased by another centre are not this centre's to vouch for: use none of them.
    lease = ts.SyncLease
    session.execute(update(lease).values(used=lease.last - lease.first + 1))
    row.central_id = central_id
    row.agency_code = agency
    row.pulled_position = 0
    row.central_position = None
    row.master_versions = {}
    session.flush()
    return True


# --- push side ---------------------------------------------------------------------------------


def _pending_query(session: Session, agency: str, workstation_id: str):
    # Events are written here with this workstation's id and arrive from elsewhere with another
    # one: only the former can be pending, so pulled events need no bookkeeping row at all.
    return (
        select(EVENTS)
        .join(DOSSIERS, DOSSIERS.c.id == EVENTS.c.dossier_id)
        .where(
            EVENTS.c.workstation_id == workstation_id,
            DOSSIERS.c.agency_code == agency,
            ~exists().where(PUSHED.c.event_id == EVENTS.c.id),
        )
    )


def pending(
    session: Session, agency: str, workstation_id: str, after: Any, limit: int
) -> tuple[list[dict[str, Any]], Any]:
    """The next events of this workstation not yet in the central database, in the order they
    were written here (a dossier's received event always before its later events); returns them
    and a cursor to continue from."""
    if session.get_bind().dialect.name == "sqlite":
        return _pending_sqlite(session, agency, workstation_id, after or 0, limit)
    # Other engines have no insertion order to follow: pushed events simply drop out.
    query = _pending_query(session, agency, workstation_id)
    query = query.order_by(EVENTS.c.recorded_at, EVENTS.c.id).limit(limit)
    return [dict(r) for r in session.execute(query).mappings()], None


_EVENT_NAMES = tuple(c.name for c in EVENTS.columns)
# The stored UTC text with its offset spelled out: one fromisoformat per value gives the aware
# datetime, without a second conversion to local time (nothing downstream needs that zone).
_STAMPED = ("at", "recorded_at")
_PENDING_SQL = (
    "SELECT e.rowid, "
    + ", ".join(f"e.{n} || '+00:00'" if n in _STAMPED else f"e.{n}" for n in _EVENT_NAMES)
    + " FROM events e JOIN dossiers d ON d.id = e.dossier_id "
    "WHERE e.workstation_id = ? AND d.agency_code = ? AND e.rowid > ? "
    "AND NOT EXISTS (SELECT 1 FROM sync_pushed p WHERE p.event_id = e.id) "
    "ORDER BY e.rowid LIMIT ?"
)


def _pending_sqlite(
    session: Session, agency: str, workstation_id: str, after: int, limit: int
) -> tuple[list[dict[str, Any]], Any]:
    # The sqlite3 cursor itself: a push reads every pending event once, and the stored text
    # converts directly (UTC datetimes, JSON kept as written, see bulk.JSON_TEXT).
    raw = session.connection().connection.driver_connection
    found = raw.execute(_PENDING_SQL, (workstation_id, agency, after, limit)).fetchall()
    rows: list[dict[str, Any]] = []
    stamp, names, stored = datetime.fromisoformat, _EVENT_NAMES, bulk.StoredRow
    payload_text = bulk.JSON_TEXT + "payload"
    for record in found:
        row = stored(zip(names, record[1:], strict=True))
        row["at"] = stamp(row["at"])
        row["recorded_at"] = stamp(row["recorded_at"])
        # The payload as its text, parsed only if read (StoredRow).
        row[payload_text] = row.pop("payload")
        rows.append(row)
    return rows, (found[-1][0] if found else after)


def count_pending(session: Session, agency: str, workstation_id: str) -> int:
    """Events and replicated-row changes not yet at the centre (rows changed since the last
    sync are counted at the next one, which notices them)."""
    from . import rows

    query = _pending_query(session, agency, workstation_id).with_only_columns(func.count())
    return int(session.execute(query).scalar_one()) + rows.count_pending(session)


def mark_pushed(session: Session, event_ids: Sequence[str], now: datetime) -> None:
    if not event_ids:
        return
    if session.get_bind().dialect.name == "sqlite":
        # One statement, the ids as one JSON array that SQLite walks itself: a third of the
        # time of an executemany binding a row per event. The same time for every row.
        bulk._raw(session.connection()).execute(
            f"INSERT OR IGNORE INTO {PUSHED.name} (event_id, synced_at) "
            "SELECT value, ? FROM json_each(?)",
            (bulk.sqlite_datetime(now), bulk.dumps(list(event_ids))),
        )
        return
    rows = [{"event_id": e, "synced_at": now} for e in event_ids]
    stmt = _insert(session, PUSHED).on_conflict_do_nothing(index_elements=["event_id"])
    session.execute(stmt, rows)


def _insert(session: Session, table: Table):
    from .central import dialect_insert

    return dialect_insert(session.connection(), table)


def skip_own_positions(session: Session, count: int, last: int) -> None:
    """After a push whose ``count`` new events were given the positions up to ``last`` (one
    block, see onestop.sync.central): when the pull had reached the position just before that
    block, move it past the block, since this store holds those events already. Otherwise
    leave it: another workstation's events lie in between, and the pull will list them."""
    row = state(session)
    if (row.pulled_position or 0) == last - count:
        row.pulled_position = last
        row.central_position = max(row.central_position or 0, last)


# --- pull side ---------------------------------------------------------------------------------


def unknown(session: Session, event_ids: Sequence[str]) -> set[str]:
    """Which of these events this store does not hold yet."""
    return set(event_ids) - bulk.existing(session.connection(), EVENTS.c.id, event_ids)


@dataclass(frozen=True)
class PreparedPull:
    """A pulled batch's work that needs no store, done on the read-ahead thread: the events per
    dossier, the rows of the dossiers received in the batch, and on SQLite every row as the
    store's executemany takes it (the thread that writes then only writes)."""

    counts: Counter[str]
    dossiers: dict[str, dict[str, Any]]
    dossier_values: dict[str, tuple] | None = None
    event_values: list[tuple] | None = None


def prepare_pulled(
    rows: Sequence[Mapping[str, Any]], now: datetime, *, sqlite: bool
) -> PreparedPull:
    from .central import prepare

    counts = Counter(r["dossier_id"] for r in rows)
    dossiers = prepare(rows, now)
    if not sqlite:
        return PreparedPull(counts, dossiers)
    converted = bulk.bound_values(DOSSIERS, dossiers.values(), "sqlite")
    return PreparedPull(
        counts,
        dossiers,
        dict(zip(dossiers, converted, strict=True)),
        bulk.bound_values(EVENTS, rows, "sqlite"),
    )


def apply_pulled(
    session: Session,
    rows: Sequence[Mapping[str, Any]],
    workstation_id: str,
    now: datetime,
    prepared: PreparedPull | None = None,
) -> int:
    """Insert pulled events (those this store lacked when they were fetched), create the dossiers
    they bring and reproject the ones they change; returns how many events were given. All in
    the caller's transaction. ``prepared``: prepare_pulled() of these very rows, made ahead.
    Should another sync have stored some of them meanwhile, they are skipped and their
    dossiers reprojected: the result is the same."""
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    if prepared is None:
        prepared = prepare_pulled(rows, now, sqlite=is_sqlite)
    present = bulk.existing(session.connection(), DOSSIERS.c.id, list(prepared.counts))
    # A dossier new here has all its events in this batch (none can be here without it), so
    # the row prepared from the batch is its row.
    new_ids = [d for d in prepared.counts if d not in present]
    for dossier_id in new_ids:
        if dossier_id not in prepared.dossiers:
            raise errors.SyncError(
                errors.CONFLICT,
                "Máy chủ trung tâm gửi sự kiện của một hồ sơ chưa có (thiếu sự kiện tiếp nhận); "
                "dữ liệu trung tâm cần được kiểm tra.",
                f"dossier {dossier_id}",
            )
    touched = sorted(present)
    # The per-day figures of the dossiers written, counted once for the batch (not per row).
    with figure_days.bulk_write(session.connection(), touched, list(prepared.counts)):
        if new_ids:
            ahead = prepared.dossier_values
            _insert_dossiers(
                session,
                [prepared.dossiers[d] for d in new_ids],
                None if ahead is None else [ahead[d] for d in new_ids],
            )
        if is_sqlite:
            bulk.sqlite_insert(
                session.connection(), EVENTS, rows, ignore=True, values=prepared.event_values
            )
        else:
            _insert_rows(session, EVENTS, [event_values(r) for r in rows], ignore=True)
        for part in chunks(touched):
            grouped: dict[str, list[Any]] = defaultdict(list)
            found = session.execute(select(EVENTS).where(EVENTS.c.dossier_id.in_(part)))
            for row in found.mappings():
                grouped[row["dossier_id"]].append(row)
            session.execute(
                update(DOSSIERS).where(DOSSIERS.c.id == bindparam("dossier_key")),
                [{"dossier_key": d, **reprojected(evs, now)} for d, evs in grouped.items()],
            )
    # This workstation's own events coming back (its store restored from a copy, say) are known
    # to be at the centre: they must not be pushed again.
    mark_pushed(session, [r["id"] for r in rows if r["workstation_id"] == workstation_id], now)
    return len(rows)


# The store's full-text index of dossiers (content='dossiers') and its per-row insert trigger.
SEARCH = "dossier_search"
SEARCH_TRIGGER = "dossier_search_ai"


def _insert_dossiers(
    session: Session, rows: list[dict[str, Any]], values: list[tuple] | None = None
) -> None:
    try:
        if session.get_bind().dialect.name == "sqlite":
            _insert_dossiers_sqlite(session, rows, values)
        else:
            _insert_rows(session, DOSSIERS, rows)
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        if "code" not in str(exc):
            raise
        # Codes are unique by construction (bands and leases); a clash means two workstations
        # were given the same number: stop loudly rather than lose a dossier.
        raise errors.SyncError(
            errors.CONFLICT,
            "Một mã hồ sơ nhận từ máy chủ trung tâm đã có trên máy này cho một hồ sơ khác: hai "
            "máy trạm đang dùng cùng số hiệu; quản trị viên cần kiểm tra cấu hình số hiệu "
            "máy trạm.",
            str(exc),
        ) from None


def _insert_dossiers_sqlite(
    session: Session, rows: list[dict[str, Any]], values: list[tuple] | None
) -> None:
    """The batch's dossiers, and their full-text entries written by one INSERT ... SELECT
    instead of by the insert trigger row by row (several times slower on a pull's thousands of
    rows). The trigger is dropped and recreated from its own stored text inside the caller's
    transaction: SQLite's DDL is transactional, so a rollback or a crash puts it back, and the
    write lock (BEGIN IMMEDIATE) keeps every other writer out meanwhile."""
    conn = session.connection()
    raw = bulk._raw(conn)
    found = raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
        (SEARCH_TRIGGER, DOSSIERS.name),
    ).fetchone()
    if found is None:
        bulk.sqlite_insert(conn, DOSSIERS, rows, values=values)
        return
    # The index's own columns, taken from the index itself.
    columns = ", ".join(r[1] for r in raw.execute(f"PRAGMA table_info({SEARCH})"))
    # New rows get rowids above the current largest (no AUTOINCREMENT, far from the maximum).
    (before,) = raw.execute(f"SELECT coalesce(max(rowid), 0) FROM {DOSSIERS.name}").fetchone()
    raw.execute(f"DROP TRIGGER {SEARCH_TRIGGER}")
    bulk.sqlite_insert(conn, DOSSIERS, rows, values=values)
    raw.execute(
        f"INSERT INTO {SEARCH}(rowid, {columns}) SELECT rowid, {columns} "
        f"FROM {DOSSIERS.name} WHERE rowid > ?",
        (before,),
    )
    raw.execute(found[0])


def _insert_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], *, ignore: bool = False
) -> None:
    if not rows:
        return
    if session.get_bind().dialect.name == "sqlite":
        bulk.sqlite_insert(session.connection(), table, rows, ignore=ignore)
    elif ignore:
        stmt = _insert(session, table).on_conflict_do_nothing()
        session.execute(stmt, rows)
    else:
        session.execute(insert(table), rows)


# --- master data -------------------------------------------------------------------------------


def apply_master(session: Session, kind: str, rows: list[dict[str, Any]], agency: str) -> bool:
    """Make the local copy of one kind of master data follow the centre's; False if the
    workstation has no such table (a feature it does not have yet)."""
    from onestop.store.all_tables import metadata

    if kind == "sync_agencies":
        for row in rows:
            if row["agency_code"] == agency:
                values = {k: v for k, v in (row["settings"] or {}).items() if k in OFFICE_KEYS}
                for key, value in values.items():
                    session.merge(t.Setting(key=key, value=value))
        return True
    table = metadata.tables.get(kind)
    if table is None:
        return False
    if kind == "procedures":
        _apply_procedures(session, table, rows)
    elif kind == "calendar_overrides":
        _apply_calendar(session, table, rows)
    elif kind == "staff":
        _apply_staff(session, table, rows, agency)
    else:
        return False
    return True


def _upsert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    from .central import upsert

    upsert(session.connection(), table, rows)


def _apply_procedures(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return  # a centre without a catalogue yet must not empty the counter's
    _upsert(session, table, rows)
    codes = [r["code"] for r in rows]
    # Procedures the centre no longer offers stay (dossiers name them) but cannot be chosen.
    session.execute(update(table).where(table.c.code.not_in(codes)).values(active=False))


def _apply_calendar(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    mine = [{**r, "source": "central"} for r in rows]
    days = [r["day"] for r in mine]
    session.execute(delete(table).where(table.c.source == "central", table.c.day.not_in(days)))
    _upsert(session, table, mine)


def _apply_staff(session: Session, table: Table, rows: list[dict[str, Any]], agency: str) -> None:
    if "agency_code" in table.c:
        # Accounts of other agencies (replicated before staff was scoped) leave this counter.
        session.execute(
            delete(table).where(table.c.agency_code.is_not(None), table.c.agency_code != agency)
        )
    if not rows:
        return
    if "username" in table.c:
        # The centre's account wins over a local one of the same name created apart.
        for part in chunks(rows):
            for row in part:
                session.execute(
                    delete(table).where(
                        table.c.username == row["username"], table.c.id != row["id"]
                    )
                )
    _upsert(session, table, rows)


# --- leases ------------------------------------------------------------------------------------


def lease_remaining(session: Session, agency: str, day: date, width: int) -> int:
    lease = ts.SyncLease
    query = select(func.coalesce(func.sum(lease.last - lease.first + 1 - lease.used), 0)).where(
        lease.agency_code == agency, lease.day == day.isoformat(), lease.width == width
    )
    return int(session.execute(query).scalar_one())


def add_lease(
    session: Session, agency: str, day: date, width: int, first: int, last: int, now: datetime
) -> None:
    session.add(
        ts.SyncLease(
            id=new_id_str(),
            agency_code=agency,
            day=day.isoformat(),
            width=width,
            first=first,
            last=last,
            used=0,
            leased_at=now,
        )
    )
