"""The central database's side of sync: accept events, give them positions, hand them out by
position, lease dossier numbers, serve master data. Every function runs on a SQLAlchemy
Connection whose transaction the caller owns (PostgreSQL in production, SQLite in demos).

Positions, and why a reader never skips one
-------------------------------------------
Each agency has one allocator row, ``sync_heads(agency, 'events')``. A push inserts its events
first, then, as the last statement before COMMIT, moves that row forward by the number of new
events (``UPDATE ... RETURNING``) and writes their positions. The UPDATE locks the row until the
transaction ends, so a second push of the same agency waits there until the first has
committed (or rolled back, which also undoes its increment: positions have no holes). Positions
are therefore handed out in commit order: when a reader sees position p committed, every
position below p was committed before it, and a reader that continues from the last position it
read can never skip one that "commits late" (the classic gap of sequences). The lock is held
only from the allocation to the commit, not while the events are inserted, and only within one
agency, so agencies never wait for each other. SQLite serializes writers anyway.

Who writes what at a PostgreSQL centre
--------------------------------------
Supervisors' reports read the dossier rows, so at the centre a dossier row changes only as the
projection of accepted events. A workstation's role reads its agencies' rows (row-level
security) and writes only its registration (``sync_workstations``), its lease allocators
(``sync_heads`` rows named ``lease:...``) and code leases: it has no INSERT, UPDATE or DELETE on
``dossiers``, ``events``, ``sync_log`` or ``sync_rows``, and sync_heads' policies keep it off
the events allocator. Its push goes through SECURITY DEFINER functions owned by the tables'
owner, with ``search_path = pg_catalog, public, pg_temp`` and schema-qualified names (migration
0009):

1. ``onestop_push_begin()`` makes, as the owner, the push's staging table in the session's
   temporary schema (``pg_temp.onestop_push_events``, the columns of ``events``) and lets the
   connected role INSERT into it, nothing more;
2. the batch is COPYed into it (binary, as bulk.copy_rows sends rows);
3. ``onestop_push(agency, workstation, now)`` takes only those EVENTS and checks them: the
   stage is still the owner's own plain table; the connected role (``session_user``: inside
   the function ``current_user`` is the owner) is mapped to the agency in ``sync_roles`` (the
   owner and superusers may push for any); the workstation id is not another role's; every new
   event is the agency's (a received event by its payload's ``agency_code``, another by its
   dossier's agency at the centre, or by its received event in the same batch). Then it
   inserts the new events, creates the new dossiers (the facts of the received payload and
   nothing else of it, ``applicant_folded`` by ``onestop_fold_text``, equal to
   onestop.domain.text.fold, the day of receipt in Vietnam's time), reprojects the dossiers
   that got events with ``onestop_fold``, the PL/pgSQL twin of domain.dossier.project
   (tests/integration/test_central_projection.py proves both equal to the domain's on random
   input against the server), and gives the new events positions as described above; it
   returns (accepted, duplicates, last_position). A refusal is SQLSTATE 42501 with a JSON
   detail, turned into a Vietnamese message by refused().

Why so: a role that can write no dossier row cannot write a wrong one, whatever its client
does, where triggers checking each write against the events would have to reproject on every
statement and leave the question of what else they miss. The batch is staged by COPY rather
than passed as a parameter: for 20,000 events the server took 0.42 s from a binary COPY and
0.95 s from one JSON array (json_populate_recordset), plus 0.15 to 0.45 s to serialize it
(measured on this project's benchmark rows). The role has no TEMPORARY privilege any more, so
it cannot put a table, view, function or type of its own in pg_temp; the owner's function
checks anyway that the stage is its own plain table without rule, trigger or policy, so that
nothing of the caller's can run with the owner's rights. The fold is a loop in PL/pgSQL
because a dossier's state is a sequential fold that set-based SQL does not express cheaply.
The costs are JSON parsing and the fold on the server, which the workstation used to do ahead
of the transaction: see tests/benchmarks/bench_sync.py and the README for the figures.

A SQLite centre (demos, tests) has no roles: it keeps the Python path (prepare(), new_dossier,
_reproject), with the same results.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    Text,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from onestop.domain import chain
from onestop.domain.codes import CodeScheme
from onestop.domain.ids import new_id_str
from onestop.store import repository
from onestop.store import tables_sync as ts
from onestop.store.db import head_revision
from onestop.store.tables import UTCDateTime

from . import bulk, errors
from .bulk import chunks
from .projection import DOSSIERS, EVENTS, new_dossier, reprojected

LOG: Table = ts.SyncLog.__table__  # type: ignore[assignment]
HEADS: Table = ts.SyncHead.__table__  # type: ignore[assignment]
LEASES: Table = ts.SyncCodeLease.__table__  # type: ignore[assignment]
WORKSTATIONS: Table = ts.SyncWorkstation.__table__  # type: ignore[assignment]
AGENCIES: Table = ts.SyncAgency.__table__  # type: ignore[assignment]
VERSIONS: Table = ts.SyncMasterVersion.__table__  # type: ignore[assignment]

EVENTS_HEAD = "events"


def dialect_insert(conn: Connection, table: Table):
    """INSERT with ON CONFLICT support on both engines."""
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


# --- identity and version ---------------------------------------------------------------------


@dataclass(frozen=True)
class CentralInfo:
    central_id: str
    revision: str
    role: str
    bypass_rls: bool


def inspect(conn: Connection, where: str = "") -> CentralInfo:
    """Check that this is a central database at this program's schema version, and who we are."""
    from alembic.script import ScriptDirectory

    from onestop.store.db import MIGRATIONS

    try:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:
        if "alembic_version" in str(exc):
            raise errors.SyncError(errors.NOT_CENTRAL, _not_central(where), str(exc)) from None
        raise
    head = head_revision()
    if revision != head:
        script = ScriptDirectory(str(MIGRATIONS))
        try:
            script.get_revision(revision)
            known = revision is not None
        except Exception:
            known = False
        if not known:
            raise errors.SyncError(
                errors.VERSION,
                f"Máy chủ trung tâm dùng lược đồ dữ liệu {revision}, mới hơn phiên bản onestop "
                f"này (lược đồ {head}): hãy cập nhật onestop trên máy trạm trước khi đồng bộ.",
            )
        raise errors.SyncError(
            errors.VERSION,
            f"Máy chủ trung tâm còn ở lược đồ dữ liệu {revision}, cũ hơn phiên bản onestop này "
            f"(lược đồ {head}): quản trị viên cần chạy 'onestop central init --central URL' để "
            "nâng cấp máy chủ trung tâm.",
        )
    central_id = conn.execute(select(ts.SyncCentral.id)).scalar()
    if central_id is None:
        raise errors.SyncError(errors.NOT_CENTRAL, _not_central(where))
    if conn.dialect.name == "postgresql":
        row = conn.execute(
            text(
                "SELECT current_user, r.rolsuper OR r.rolbypassrls "
                "OR pg_get_userbyid(c.relowner) = current_user "
                "FROM pg_roles r, pg_class c WHERE r.rolname = current_user "
                "AND c.oid = 'dossiers'::regclass"
            )
        ).one()
        role, bypass = str(row[0]), bool(row[1])
    else:
        role, bypass = "sqlite", True
    return CentralInfo(central_id=central_id, revision=revision, role=role, bypass_rls=bypass)


def _not_central(where: str) -> str:
    return (
        f"Cơ sở dữ liệu {where} chưa được khởi tạo làm máy chủ trung tâm: quản trị viên chạy "
        "'onestop central init --central URL'."
    ).replace("  ", " ")


def allowed_agencies(conn: Connection) -> list[str]:
    if conn.dialect.name != "postgresql":
        return []
    return list(conn.execute(text("SELECT onestop_agencies()")).scalar() or [])


def register(
    conn: Connection,
    *,
    info: CentralInfo,
    agency: str,
    workstation_id: str,
    number: int,
    name: str,
    now: datetime,
) -> None:
    """Record this workstation; refuse a second workstation with the same number in an agency,
    which would share its band of offline codes."""
    if not info.bypass_rls and agency not in allowed_agencies(conn):
        raise errors.SyncError(
            errors.FORBIDDEN,
            f"Tài khoản {info.role} không được phép ghi dữ liệu của cơ quan {agency} trên máy chủ "
            "trung tâm; quản trị viên cần cấp quyền (onestop central role).",
        )
    holder = conn.execute(
        select(WORKSTATIONS.c.workstation_id, WORKSTATIONS.c.name).where(
            WORKSTATIONS.c.agency_code == agency,
            WORKSTATIONS.c.workstation_number == number,
            WORKSTATIONS.c.workstation_id != workstation_id,
        )
    ).first()
    if holder is not None:
        raise errors.SyncError(
            errors.CONFIG,
            f"Số hiệu máy trạm {number} của cơ quan {agency} đã được máy trạm khác "
            f"('{holder.name}') dùng: mỗi máy trạm cần một số hiệu riêng "
            "(onestop init --workstation K) để mã hồ sơ không bao giờ trùng.",
        )
    values = {
        "agency_code": agency,
        "workstation_number": number,
        "name": name,
        "role_name": info.role,
        "last_seen": now,
    }
    done = conn.execute(
        update(WORKSTATIONS).where(WORKSTATIONS.c.workstation_id == workstation_id).values(values)
    )
    if done.rowcount == 0:
        conn.execute(
            insert(WORKSTATIONS).values(workstation_id=workstation_id, first_seen=now, **values)
        )


# --- positions ---------------------------------------------------------------------------------


def allocate(conn: Connection, agency: str, name: str, count: int) -> int:
    """Move an allocator forward by ``count``; returns the new last value. The row stays locked
    until the caller's transaction ends (see the module's docstring)."""
    conn.execute(
        dialect_insert(conn, HEADS)
        .values(agency_code=agency, name=name, value=0)
        .on_conflict_do_nothing(index_elements=["agency_code", "name"])
    )
    return conn.execute(
        update(HEADS)
        .where(HEADS.c.agency_code == agency, HEADS.c.name == name)
        .values(value=HEADS.c.value + count)
        .returning(HEADS.c.value)
    ).scalar_one()


def head(conn: Connection, agency: str) -> int:
    value = conn.execute(
        select(HEADS.c.value).where(HEADS.c.agency_code == agency, HEADS.c.name == EVENTS_HEAD)
    ).scalar()
    return int(value or 0)


# --- push --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pushed:
    accepted: int  # new to the central database, given positions
    duplicates: int  # already there (a retried batch)
    last_position: int | None


@dataclass(frozen=True)
class PreparedPush:
    """A batch's work that needs no central database, done ahead of its transaction: for a
    SQLite centre the rows of the dossiers received in it (prepare()), for PostgreSQL every
    event as COPY sends it (the centre projects the dossiers itself)."""

    dossiers: dict[str, dict[str, Any]]
    event_values: list[tuple] | None = None


def prepare_push(
    events: Sequence[Mapping[str, Any]], now: datetime, *, postgresql: bool
) -> PreparedPush:
    if not postgresql:
        return PreparedPush(prepare(events, now))
    return PreparedPush({}, bulk.bound_values(EVENTS, events, "postgresql"))


def push(
    conn: Connection,
    *,
    agency: str,
    workstation_id: str,
    events: Sequence[Mapping[str, Any]],
    now: datetime,
    prepared: PreparedPush | None = None,
) -> Pushed:
    """Accept a batch of events idempotently (the event's id is the key), create or reproject
    their dossiers, and give the new ones positions; the caller commits. ``prepared``: from
    prepare_push(), computed ahead of the transaction."""
    if not events:
        return Pushed(0, 0, None)
    postgresql = conn.dialect.name == "postgresql"
    if prepared is None:
        prepared = prepare_push(events, now, postgresql=postgresql)
    if postgresql:
        values = prepared.event_values or bulk.bound_values(EVENTS, events, "postgresql")
        return _push_postgresql(conn, agency, workstation_id, values, now)
    dossiers = prepared.dossiers
    present = bulk.existing(conn, DOSSIERS.c.id, list(dossiers))
    new_ids = [dossier_id for dossier_id in dossiers if dossier_id not in present]
    rows = [dossiers[dossier_id] for dossier_id in new_ids]
    for row in rows:
        if row["agency_code"] != agency:
            raise errors.SyncError(
                errors.FORBIDDEN,
                f"Hồ sơ {row['code']} thuộc cơ quan {row['agency_code']}, không phải cơ quan "
                f"{agency} của máy trạm này.",
            )
    bulk.insert_new(conn, DOSSIERS, rows)
    created = set(new_ids)
    # Only the events the centre lacks are inserted (a retried batch brings some it has).
    known = bulk.existing(conn, EVENTS.c.id, [e["id"] for e in events])
    chosen = [i for i, e in enumerate(events) if e["id"] not in known]
    check_chain(conn, workstation_id, [events[i] for i in chosen])
    bulk.insert_new(conn, EVENTS, [events[i] for i in chosen])
    fresh = {events[i]["id"] for i in chosen}
    touched = sorted({e["dossier_id"] for e in events if e["id"] in fresh} - created)
    if touched:
        _reproject(conn, touched, now)
    order = [e["id"] for e in events if e["id"] in fresh]
    last = None
    if order:
        # Last, just before the caller commits: the allocator's lock is held only this long.
        last = allocate(conn, agency, EVENTS_HEAD, len(order))
        bulk.append_log(
            conn,
            LOG,
            agency=agency,
            first=last - len(order) + 1,
            event_ids=order,
            workstation_id=workstation_id,
            now=now,
        )
    return Pushed(accepted=len(order), duplicates=len(events) - len(order), last_position=last)


def check_chain(conn: Connection, workstation_id: str, events: Sequence[Mapping[str, Any]]) -> None:
    """Refuse a batch whose events do not continue the workstation's hash chain as the centre
    holds it: an event added to the store behind the program's back (no link), one changed
    after it was chained, one removed (a gap), or another workstation's event."""
    if not events:
        return
    foreign = [e["id"] for e in events if e["workstation_id"] != workstation_id]
    if foreign:
        raise errors.SyncError(
            errors.CHAIN,
            f"Máy trạm chỉ được gửi sự kiện do chính nó ghi; các sự kiện {_ids(foreign)} "
            "mang mã máy trạm khác: máy chủ trung tâm từ chối cả lô.",
        )
    seq, prev = repository.chain_head(conn, workstation_id)
    findings = chain.check(events, start_seq=seq + 1, start_prev=prev)
    if findings:
        raise errors.SyncError(errors.CHAIN, chain_refusal(findings))


def chain_refusal(findings: Sequence[chain.Finding]) -> str:
    words = chain.KIND_LABELS_VI
    parts = [f"{_ids(f.event_ids)} ({words.get(f.kind, f.kind)}: {f.detail})" for f in findings[:5]]
    more = f" và {len(findings) - 5} chỗ khác" if len(findings) > 5 else ""
    return (
        "Chuỗi băm lịch sử của máy trạm bị đứt, máy chủ trung tâm từ chối lô sự kiện: "
        + "; ".join(parts)
        + more
        + ". Chạy 'onestop verify' trên máy trạm và báo quản trị viên."
    )


def _ids(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:5])
    return shown + (f" (+{len(ids) - 5})" if len(ids) > 5 else "")


def _push_postgresql(
    conn: Connection, agency: str, workstation_id: str, values: Sequence[tuple], now: datetime
) -> Pushed:
    """The push at a PostgreSQL centre: the batch is copied into the push's own staging table
    and handed to the owner's function onestop_push, which checks it, inserts the new events,
    projects their dossiers in SQL and gives them positions (see the module's docstring)."""
    try:
        with conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
            cur.execute("SELECT public.onestop_push_begin()")
            bulk.copy_rows(cur, "pg_temp.onestop_push_events", EVENTS, values)
            cur.execute(
                "SELECT accepted, duplicates, last_position FROM public.onestop_push(%s, %s, %s)",
                (agency, workstation_id, now),
            )
            accepted, duplicates, last = cur.fetchone()
    except errors.database_errors() as exc:
        raise refused(exc, agency) from None
    return Pushed(accepted=accepted, duplicates=duplicates, last_position=last)


def refused(exc: BaseException, agency: str) -> BaseException:
    """A refusal of the centre's push functions as a SyncError for the counter (they say why
    in the error's detail); any other error as it is."""
    orig = getattr(exc, "orig", None) or exc
    diag = getattr(orig, "diag", None)
    message = getattr(diag, "message_primary", None) or ""
    if errors.sqlstate(exc) != "42501" or not message.startswith("onestop:"):
        return exc
    try:
        detail = bulk.loads(getattr(diag, "message_detail", None) or "{}")
    except ValueError:
        detail = {}
    reason = detail.get("reason")
    if reason == "dossier":
        code = detail.get("code") or detail.get("dossier")
        owner = detail.get("agency")
        text_ = (
            f"Hồ sơ {code} thuộc cơ quan {owner}, không phải cơ quan {agency} của máy trạm này."
            if owner
            else f"Hồ sơ {code} không có sự kiện tiếp nhận trong lần gửi này cũng như trên máy "
            "chủ trung tâm."
        )
    elif reason == "chain":
        return errors.SyncError(
            errors.CHAIN,
            "Chuỗi băm lịch sử của máy trạm bị đứt, máy chủ trung tâm từ chối lô sự kiện: "
            f"{_ids(detail.get('events') or [])} (thêm ngoài chương trình, bị xóa hoặc bị nối "
            "lại). Chạy 'onestop verify' trên máy trạm và báo quản trị viên.",
            message,
        )
    elif reason == "workstation":
        text_ = (
            f"Máy trạm {detail.get('workstation')} đã đăng ký với một tài khoản khác trên máy "
            "chủ trung tâm: mỗi máy trạm dùng tài khoản của riêng mình."
        )
    else:
        text_ = (
            f"Tài khoản {detail.get('role', '')} không được phép ghi dữ liệu của cơ quan {agency} "
            "trên máy chủ trung tâm; quản trị viên cần cấp quyền (onestop central role)."
        ).replace("  ", " ")
    return errors.SyncError(errors.FORBIDDEN, text_, message)


def prepare(events: Sequence[Mapping[str, Any]], now: datetime) -> dict[str, dict[str, Any]]:
    """The rows of the dossiers whose received event is among these events, projected from the
    events given (all of a dossier's events when it is new where they go)."""
    by_dossier: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for event in events:
        by_dossier[event["dossier_id"]].append(event)
    return {
        dossier_id: new_dossier(evs, now)
        for dossier_id, evs in by_dossier.items()
        if any(e["type"] == "received" for e in evs)
    }


def _reproject(conn: Connection, dossier_ids: list[str], now: datetime) -> None:
    """Recompute dossiers that received new events. Their rows are locked first (in id order,
    so two pushes cannot deadlock on them): a concurrent push of events of the same dossier
    waits, then reprojects from a view that includes ours."""
    for part in chunks(dossier_ids):
        locked = select(DOSSIERS.c.id).where(DOSSIERS.c.id.in_(part)).order_by(DOSSIERS.c.id)
        conn.execute(locked.with_for_update()).all()
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in conn.execute(select(EVENTS).where(EVENTS.c.dossier_id.in_(part))).mappings():
            grouped[row["dossier_id"]].append(row)
        conn.execute(
            update(DOSSIERS).where(DOSSIERS.c.id == bindparam("dossier_key")),
            [{"dossier_key": d, **reprojected(evs, now)} for d, evs in grouped.items()],
        )


# --- pull --------------------------------------------------------------------------------------


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


def fetch(conn: Connection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The events with these ids (in no particular order)."""
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
        with conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
            cur.execute(sql, [param])
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
    by_id = {row["id"]: row for row in fetch(conn, [e for _, e, _w in listed])}
    return [{"position": p, **by_id[e]} for p, e, _w in listed]


# --- dossier numbers ---------------------------------------------------------------------------


def lease(
    conn: Connection,
    *,
    scheme: CodeScheme,
    day: date,
    workstation_id: str,
    size: int,
    now: datetime,
) -> tuple[int, int] | None:
    """Lease the next block of band-0 numbers of the agency and day to a workstation, or None
    when band 0 is used up for that day (the workstation then uses its own band)."""
    band = scheme.band(0)
    barrier = conn.execute(select(ts.SyncCentral.leases_from)).scalar()
    if barrier and day.isoformat() < barrier:
        return None
    name = f"lease:{day.isoformat()}:{scheme.width}"
    conn.execute(
        dialect_insert(conn, HEADS)
        .values(agency_code=scheme.agency, name=name, value=band.start - 1)
        .on_conflict_do_nothing(index_elements=["agency_code", "name"])
    )
    where = and_(HEADS.c.agency_code == scheme.agency, HEADS.c.name == name)
    # Locked until commit: two workstations leasing at once get consecutive, disjoint blocks.
    last_given = conn.execute(select(HEADS.c.value).where(where).with_for_update()).scalar_one()
    first = last_given + 1
    last = min(last_given + size, band.stop - 1)
    if first > last:
        return None
    conn.execute(update(HEADS).where(where).values(value=last))
    conn.execute(
        insert(LEASES).values(
            id=new_id_str(),
            agency_code=scheme.agency,
            day=day.isoformat(),
            width=scheme.width,
            first=first,
            last=last,
            workstation_id=workstation_id,
            leased_at=now,
        )
    )
    return first, last


# --- master data -------------------------------------------------------------------------------


def master_versions(conn: Connection) -> dict[str, int]:
    return {k: int(v) for k, v in conn.execute(select(VERSIONS.c.kind, VERSIONS.c.version))}


def master_table(kind: str) -> Table | None:
    from onestop.store.all_tables import metadata

    return metadata.tables.get(kind)


def master_snapshot(conn: Connection, kind: str, agency: str) -> list[dict[str, Any]]:
    """Every row of one kind of master data (for office settings: the agency's own row)."""
    table = master_table(kind)
    if table is None:
        return []
    query = select(table)
    if kind == "sync_agencies":
        query = query.where(table.c.agency_code == agency)
    elif kind == "staff" and "agency_code" in table.c:
        # The agency's accounts and the province-wide ones (row-level security says the same
        # for a workstation's role; this covers the owner and SQLite centres).
        query = query.where(or_(table.c.agency_code.is_(None), table.c.agency_code == agency))
    return [dict(r) for r in conn.execute(query).mappings()]


# --- administration ----------------------------------------------------------------------------


def ensure_identity(conn: Connection, now: datetime, *, renew: bool = False) -> str:
    """The central database's identity, created once; ``renew`` gives it a new one (after a
    restore from a backup: every workstation then pushes and pulls everything again)."""
    table = ts.SyncCentral.__table__
    existing = conn.execute(select(ts.SyncCentral.id)).scalar()
    if existing is not None and not renew:
        return existing
    central_id = new_id_str()
    # After a restore the lease allocators are back where the backup left them, and may hand
    # out numbers already printed on receipts: no lease until tomorrow (the workstations use
    # their own bands meanwhile, unique whatever happened).
    leases_from = (now.date() + timedelta(days=1)).isoformat() if existing else None
    conn.execute(table.delete())
    conn.execute(insert(table).values(id=central_id, created_at=now, leases_from=leases_from))
    return central_id


def upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    stmt = dialect_insert(conn, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys,
        set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys},
    )
    conn.execute(stmt, rows)


def counts(conn: Connection, agency: str | None = None) -> dict[str, int]:
    """How many dossiers, and events and row changes with positions, the central database holds
    (for reports)."""
    dossiers = select(func.count()).select_from(DOSSIERS)
    log = select(func.coalesce(func.sum(LOG.c.count), 0)).select_from(LOG)
    if agency:
        dossiers = dossiers.where(DOSSIERS.c.agency_code == agency)
        log = log.where(LOG.c.agency_code == agency)
    return {
        "dossiers": conn.execute(dossiers).scalar_one(),
        "events": int(conn.execute(log).scalar_one()),
    }
