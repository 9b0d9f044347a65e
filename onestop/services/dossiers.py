"""Looking dossiers up and moving them along: show, find, list, result ready, return at the counter.

Every state change goes through the one write path (onestop.services.write): the domain decides
the event against the history where its time puts it, the store appends it and recomputes the
projection in one unit of work, so a refused action writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound
from onestop.domain.identifiers import check_person_id, require
from onestop.domain.text import capitalize_name
from onestop.store import repository as repo
from onestop.store import tables as t

from . import write
from .context import Context
from .users import require_role


def summary(row: t.Dossier, now: datetime | None = None) -> dict[str, Any]:
    data = {
        "id": row.id,
        "code": row.code,
        "status": row.status,
        "status_label": domain.STATUS_LABELS_VI.get(row.status, row.status),
        "received_at": row.received_at.isoformat(),
        "due_at": row.due_at.isoformat(),
        "procedure_code": row.procedure_code,
        "procedure_name": row.procedure_name,
        "applicant_name": row.applicant_name,
        "id_number": row.id_number,
        "phone": row.phone,
        "return_by": row.return_by,
        "channel": row.channel,
        "receiver": row.receiver,
        "workstation_id": row.workstation_id,
    }
    if now is not None:
        data["overdue"] = row.status in domain.CLOCK_RUNNING and now > row.due_at
    return data


def event_json(event: domain.Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "label": domain.EVENT_LABELS_VI.get(event.type, event.type),
        "at": event.at.isoformat(),
        "actor": event.actor,
        "workstation": event.workstation,
        "payload": event.payload,
    }


def detail(row: t.Dossier, events: list[domain.Event], now: datetime) -> dict[str, Any]:
    return {
        **summary(row, now),
        "agency_code": row.agency_code,
        "applicant_kind": row.applicant_kind,
        "email": row.email,
        "address": row.address,
        "return_address": row.return_address,
        "documents": row.documents,
        "sets": row.sets,
        "fee": row.fee,
        "processing_days": row.processing_days,
        "processing_hours": row.processing_hours,
        "notes": row.notes,
        "receiver": row.receiver,
        "book_volume": row.book_volume,
        "book_number": row.book_number,
        "original_due_at": row.original_due_at.isoformat(),
        "extended": row.extended,
        "result_at": row.result_at.isoformat() if row.result_at else None,
        "finished_at": row.finished_at.isoformat() if row.finished_at else None,
        "events": [event_json(e) for e in events],
    }


def show(ctx: Context, code: str) -> dict[str, Any]:
    with ctx.store.reading() as session:
        row = repo.dossier_by_code(session, code)
        if row is None:
            raise NotFound("Hồ sơ", code)
        return detail(row, repo.events_of(session, row.id), ctx.clock())


def find(ctx: Context, text: str, limit: int = 50) -> list[dict[str, Any]]:
    now = ctx.clock()
    with ctx.store.reading() as session:
        return [summary(r, now) for r in repo.search(session, text, limit)]


def list_dossiers(
    ctx: Context, day: date | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    if status is not None and status not in {s.value for s in domain.Status}:
        raise InputError("status", f"Trạng thái '{status}' không có trong danh mục")
    now = ctx.clock()
    with ctx.store.reading() as session:
        rows = repo.dossiers_of_day(session, day.isoformat() if day else None, status)
        return [summary(r, now) for r in rows]


def overdue(ctx: Context) -> list[dict[str, Any]]:
    now = ctx.clock()
    with ctx.store.reading() as session:
        return [summary(r, now) for r in repo.overdue(session, now)]


def due_within(ctx: Context, working_days: int) -> list[dict[str, Any]]:
    """Dossiers still owed whose due date falls from now to the end of the N-th working day
    from today (0: due today), soonest first: what supervisors chase before it is late."""
    if not 0 <= working_days <= 60:
        raise InputError("due_within", "Số ngày làm việc phải từ 0 đến 60")
    now = ctx.clock()
    cal = ctx.calendar
    today = now.date()
    start = today if cal.is_working_day(today) else cal.next_working_day(today)
    last = cal.add_working_days(start, working_days)
    end = datetime.combine(last, time(23, 59, 59), tzinfo=VN_TZ)
    with ctx.store.reading() as session:
        return [summary(r, now) for r in repo.due_between(session, now, end)]


def record_event(
    ctx: Context,
    code: str,
    event_type: str,
    *,
    at: datetime | None = None,
    payload: dict[str, Any] | None = None,
    payload_for=None,
) -> dict[str, Any]:
    """One event on one dossier through the one write path (onestop.services.write), and the
    dossier as it then stands."""
    history = write.change(ctx, code, event_type, at=at, payload=payload, payload_for=payload_for)
    return detail(history.row, history.events, ctx.clock())


def mark_result_ready(ctx: Context, code: str, at: datetime | None = None) -> dict[str, Any]:
    require_role(ctx, "result_ready")
    return record_event(ctx, code, domain.EventType.RESULT_READY, at=at)


def return_result(
    ctx: Context,
    code: str,
    recipient: str,
    id_number: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    require_role(ctx, "return")
    name = policy.clean(recipient, "to", limit=policy.NAME)
    if not name:
        raise InputError("to", "Chưa nhập họ tên người nhận kết quả")
    payload: dict[str, Any] = {"recipient": capitalize_name(name)}
    if policy.optional(id_number, "id_number", limit=policy.NAME):
        today = ctx.clock().date()
        payload["recipient_id"] = require(check_person_id(id_number, today=today), "id_number")
    return record_event(ctx, code, domain.EventType.RETURNED, at=at, payload=payload)
