"""Looking dossiers up and moving them along: show, find, list, result ready, return at the counter.

Every state change goes through ``record_event``: it checks the event against the history where its
time puts it (``domain.dossier.check_insert``), appends it and recomputes the projection in one
unit of work, so a refused action writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.identifiers import check_person_id, require
from onestop.domain.ids import new_id_str
from onestop.domain.text import capitalize_name
from onestop.store import repository as repo
from onestop.store import tables as t

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


_REFUSALS_VI = {
    domain.EventType.RETURNED: "Chỉ trả kết quả khi hồ sơ đã có kết quả hoặc bưu điện chuyển hoàn",
    domain.EventType.RESULT_READY: "Hồ sơ không ở trạng thái chờ kết quả",
    domain.EventType.EXTENDED: "Hồ sơ chỉ được gia hạn một lần, khi chưa có kết quả",
}


def record_event(
    ctx: Context,
    code: str,
    event_type: str,
    *,
    at: datetime | None = None,
    payload: dict[str, Any] | None = None,
    payload_for=None,
) -> dict[str, Any]:
    """Append one event to a dossier and recompute its state; refuses, writing nothing, when the
    history does not allow it where its time puts it (naming ``status`` when the dossier's state
    is at fault, ``at`` when the time is). ``payload_for(row, state)`` may build the payload
    inside the transaction from the state at the event's time (e.g. a due date that depends on
    the dossier's procedure)."""
    at = ctx.recorded_time(at)
    with ctx.store.unit_of_work() as session:
        row = repo.dossier_by_code(session, code)
        if row is None:
            raise NotFound("Hồ sơ", code)
        events = repo.events_of(session, row.id)
        event = domain.Event(
            id=new_id_str(),
            dossier_id=row.id,
            type=event_type,
            at=at,
            actor=ctx.actor,
            workstation=ctx.settings.workstation_id,
            payload=dict(payload or {}),
        )
        # The state as the history stood at the event's own time (back-entry may put it
        # before events already recorded): what the payload is built from.
        state = domain.state_before(events, event)
        if payload_for is not None and domain.allowed(state, event_type):
            event = replace(event, payload={**event.payload, **payload_for(row, state)})
        event = replace(event, payload=repo.jsonable(event.payload))
        try:
            domain.check_insert(events, event)
        except domain.TransitionRefused as refused:
            label = domain.STATUS_LABELS_VI.get(refused.status, refused.status)
            reason = _REFUSALS_VI.get(event_type, "Thao tác không hợp lệ với trạng thái hiện tại")
            raise StateError("status", f"{reason} (trạng thái hiện tại: {label})") from None
        recorded = ctx.clock()
        repo.add_event(session, event, recorded)
        repo.reproject(session, row, [*events, event], recorded)
        session.commit()
        return detail(row, [*events, event], ctx.clock())


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
