"""The push at the centre: accept a workstation's events idempotently, create or reproject
their dossiers, and give the new events positions (see onestop.sync.central.schema for why a
reader never skips one).

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
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from onestop.domain import chain
from onestop.store import repository

from .. import bulk, errors
from ..bulk import chunks
from ..projection import DOSSIERS, EVENTS, new_dossier, reprojected
from .schema import log_accepted


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
    last = log_accepted(conn, agency, order, workstation_id, now)
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
