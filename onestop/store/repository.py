"""Queries and writes on the store's tables, so that services never compose SQL themselves."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, text
from sqlalchemy.orm import Session

from onestop.domain import chain
from onestop.domain import dossier as domain
from onestop.domain.text import fold
from onestop.store import tables as t
from onestop.store import tables_staff as tst

# --- settings ---------------------------------------------------------------------------------


def get_settings(session: Session) -> dict[str, Any]:
    return {row.key: row.value for row in session.scalars(select(t.Setting))}


def put_settings(session: Session, values: dict[str, Any]) -> None:
    for key, value in values.items():
        session.merge(t.Setting(key=key, value=value))


# --- counters ---------------------------------------------------------------------------------


def next_number(session: Session, name: str, first: int) -> int:
    """Take the next value of a counter, in one statement: the insert-or-increment runs under the
    caller's write transaction (BEGIN IMMEDIATE on SQLite, a row lock on PostgreSQL), so a number
    is never handed out twice, and a rolled-back transaction gives it back."""
    return session.execute(
        text(
            "INSERT INTO counters (name, value) VALUES (:name, :first) "
            "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value"
        ),
        {"name": name, "first": first},
    ).scalar_one()


def code_taken(session: Session, code: str) -> bool:
    """Whether a dossier already carries this code (the receiving path asks once per dossier:
    on the driver, past the ORM's autoflush and statement machinery; dossiers are inserted with
    Core statements, so nothing pending is missed)."""
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    found = conn.exec_driver_sql(f"SELECT 1 FROM dossiers WHERE code = {mark}", (code,))
    return found.first() is not None


def staff_full_name(session: Session, username: str) -> str | None:
    """The full name of a signed-in officer, for the printed forms (None: no such account)."""
    return session.scalar(select(tst.Staff.full_name).where(tst.Staff.username == username))


# --- procedures -------------------------------------------------------------------------------


def procedure(session: Session, code: str) -> t.Procedure | None:
    return session.get(t.Procedure, code.strip())


def procedure_fields(session: Session) -> dict[str, str]:
    """Every procedure's field by its code (the report's grouping of procedures)."""
    rows = session.execute(select(t.Procedure.code, t.Procedure.field))
    return {code: field or "" for code, field in rows}


def upsert_procedures(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """Insert or replace procedures by code, active, updated at ``now``: in batches, one
    statement each (not a query per procedure: 100,000 procedures are stored in seconds)."""
    from sqlalchemy.dialects import postgresql, sqlite

    table = t.Procedure.__table__
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # The same for every row: bound once in the statement, not converted once per row.
    stmt = dialect.insert(table).values(active=True, updated_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=["code"],
        set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name != "code"},
    )
    for start in range(0, len(rows), 5_000):
        session.execute(stmt, rows[start : start + 5_000])


def procedures(session: Session, active_only: bool = True) -> Sequence[t.Procedure]:
    query = select(t.Procedure).order_by(t.Procedure.field, t.Procedure.code)
    if active_only:
        query = query.where(t.Procedure.active.is_(True))
    return session.scalars(query).all()


# --- dossiers and events ----------------------------------------------------------------------


def dossier_by_code(session: Session, code: str) -> t.Dossier | None:
    code = code.strip()
    found = session.scalar(select(t.Dossier).where(t.Dossier.code == code))
    if found is None and code != code.upper():
        # Scanners and people sometimes type the agency letters in lower case.
        found = session.scalar(select(t.Dossier).where(t.Dossier.code == code.upper()))
    return found


def events_of(session: Session, dossier_id: str) -> list[domain.Event]:
    rows = session.scalars(
        select(t.Event).where(t.Event.dossier_id == dossier_id).order_by(t.Event.at, t.Event.id)
    )
    return [to_domain_event(r) for r in rows]


def to_domain_event(row: t.Event) -> domain.Event:
    return domain.Event(
        id=row.id,
        dossier_id=row.dossier_id,
        type=row.type,
        at=row.at,
        actor=row.actor,
        workstation=row.workstation_id,
        payload=row.payload,
    )


def add_event(session: Session, event: domain.Event, recorded_at: datetime) -> None:
    """Append an event to the history, as the next link of its workstation's hash chain (read
    and extended inside the caller's write transaction, which SQLite serializes)."""
    values = {
        "id": event.id,
        "dossier_id": event.dossier_id,
        "type": event.type,
        "at": event.at,
        "recorded_at": recorded_at,
        "actor": event.actor,
        "workstation_id": event.workstation,
        "payload": jsonable(event.payload),
    }
    seq, prev = chain_head(session, event.workstation)
    values["chain_seq"] = seq + 1
    values["chain_prev"] = prev
    values["chain_hash"] = chain.event_hash(values, seq + 1, prev)
    # A Core insert: events are never read back or changed through the session.
    session.execute(insert(t.Event.__table__), values)


def chain_head(session: Session | Connection, workstation_id: str) -> tuple[int, str]:
    """(number, hash) of the workstation's last chained event; (0, GENESIS) before the first.
    On the driver directly: run once per recorded event, where SQLAlchemy's statement machinery
    cost more than the indexed lookup itself."""
    conn = session.connection() if isinstance(session, Session) else session
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    row = conn.exec_driver_sql(
        "SELECT chain_seq, chain_hash FROM events WHERE workstation_id = "
        f"{mark} AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1",
        (workstation_id,),
    ).first()
    if row is None:
        return 0, chain.GENESIS
    return int(row[0]), str(row[1])


def projection(state: domain.DossierState, now: datetime) -> dict[str, Any]:
    """The dossier row's columns that the events decide."""
    return {
        "status": state.status.value,
        "received_at": state.received_at,
        "due_at": state.due_at,
        "original_due_at": state.original_due_at,
        "extended": state.extended,
        "result_at": state.result_at,
        "finished_at": state.finished_at,
        "late_due_at": state.late_due_at,
        "supplements": state.supplements,
        "updated_at": now,
    }


def reproject(session: Session, row: t.Dossier, events: Iterable[domain.Event], now: datetime):
    """Write the projection of the events onto the dossier row."""
    state = domain.project(events)
    for column, value in projection(state, now).items():
        setattr(row, column, value)
    return state


def insert_dossier(session: Session, values: dict[str, Any]) -> None:
    """A new dossier row (a Core insert: the receipt is the counter's hot path, and the ORM's
    unit of work would only add bookkeeping for a row its transaction never reads back)."""
    session.execute(insert(t.Dossier.__table__), values)


# Codes look like 000.00.19.H01-261116-0099: letters/digits with dashes, no spaces.
_CODE_LIKE = re.compile(r"^[A-Za-z0-9.]+-[0-9]{4,8}-[0-9]+$")


def search(session: Session, query: str, limit: int = 50) -> list[t.Dossier]:
    """Codes exactly (what a barcode scanner types), else names, ID and phone numbers by
    folded token prefixes, most recent first."""
    query = query.strip()
    if not query:
        return []
    if _CODE_LIKE.match(query):
        hit = dossier_by_code(session, query)
        return [hit] if hit else []
    tokens = fold(query).split()
    if not tokens:
        return []
    if session.get_bind().dialect.name != "sqlite":
        clause = select(t.Dossier)
        for token in tokens:
            clause = clause.where(
                (t.Dossier.applicant_folded.contains(token))
                | t.Dossier.id_number.startswith(token)
                | t.Dossier.phone.startswith(token)
            )
        return list(session.scalars(clause.order_by(t.Dossier.received_at.desc()).limit(limit)))
    # Each token is quoted (FTS5 syntax characters in user input stay literal) and made a prefix.
    match = " ".join('"' + tok.replace('"', "") + '"*' for tok in tokens)
    ids = session.execute(
        text(
            "SELECT rowid FROM dossier_search WHERE dossier_search MATCH :m "
            "ORDER BY rowid DESC LIMIT :n"
        ),
        {"m": match, "n": limit},
    ).scalars()
    rowids = list(ids)
    if not rowids:
        return []
    found = session.scalars(
        select(t.Dossier).from_statement(
            text(
                "SELECT * FROM dossiers WHERE rowid IN ("
                + ",".join(str(int(r)) for r in rowids)
                + ") ORDER BY rowid DESC"
            )
        )
    )
    return list(found)


def dossiers_of_day(
    session: Session, day: str | None, status: str | None = None, limit: int | None = None
) -> list[t.Dossier]:
    query = select(t.Dossier)
    if day:
        query = query.where(t.Dossier.received_day == day)
    if status:
        query = query.where(t.Dossier.status == status)
    query = query.order_by(t.Dossier.received_at, t.Dossier.code)
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


WAITING = (domain.Status.RESULT_READY.value, domain.Status.UNDELIVERABLE.value)


def waiting_for_collection(session: Session, query: str = "") -> list[t.Dossier]:
    """Results to hand back at the counter (ready, or brought back by the post), oldest result
    first. ``query`` narrows them: part of the code, or every word starting a word of the
    applicant's folded name or starting the phone or ID number."""
    clause = select(t.Dossier).where(t.Dossier.status.in_(WAITING))
    raw = query.strip()
    if raw:
        # fold() leaves only letters and digits: nothing in a token is a LIKE wildcard.
        words = [
            t.Dossier.applicant_folded.startswith(token)
            | t.Dossier.applicant_folded.contains(" " + token)
            | t.Dossier.phone.startswith(token)
            | t.Dossier.id_number.startswith(token)
            for token in fold(raw).split()
        ]
        by_code = t.Dossier.code.contains(raw.upper(), autoescape=True)
        clause = clause.where(or_(by_code, and_(*words)) if words else by_code)
    order = (t.Dossier.result_at.is_(None), t.Dossier.result_at, t.Dossier.received_at)
    return list(session.scalars(clause.order_by(*order)))


def dossiers_received_between(session: Session, first: str, last: str) -> list[t.Dossier]:
    """Dossiers received from day ``first`` to day ``last`` (YYYY-MM-DD, both included), in
    receipt order: the tracking book's rows."""
    query = (
        select(t.Dossier)
        .where(t.Dossier.received_day >= first, t.Dossier.received_day <= last)
        .order_by(t.Dossier.received_at, t.Dossier.code)
    )
    return list(session.scalars(query))


def judged_due() -> Any:
    """The due date overdue is judged against (domain DossierState.judged_due_at) in SQL."""
    return func.coalesce(t.Dossier.late_due_at, t.Dossier.due_at)


def overdue(session: Session, now: datetime, limit: int | None = None) -> list[t.Dossier]:
    running = [s.value for s in domain.CLOCK_RUNNING]
    query = (
        select(t.Dossier)
        .where(t.Dossier.status.in_(running), judged_due() < now)
        .order_by(t.Dossier.due_at)
    )
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def due_between(
    session: Session, start: datetime, end: datetime, limit: int | None = None
) -> list[t.Dossier]:
    running = [s.value for s in domain.CLOCK_RUNNING]
    query = (
        select(t.Dossier)
        .where(
            t.Dossier.status.in_(running),
            t.Dossier.due_at >= start,
            t.Dossier.due_at <= end,
        )
        .order_by(t.Dossier.due_at)
    )
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


# --- guidance at the counter ---------------------------------------------------------------------


def add_guidance(session: Session, values: dict[str, Any]) -> None:
    session.add(t.Guidance(**values))


def guidance(session: Session, guidance_id: str) -> t.Guidance | None:
    return session.get(t.Guidance, guidance_id)


def count_dossiers(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM dossiers")).scalar_one()


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
