"""Follow-up actions behind the paper forms (supplement, refusal, extension, stop, guidance at the
counter) and the printing of every form from what the store holds.

The follow-up actions change a dossier through the one write path (``dossiers.record_event``,
which is ``services.write.change``) and return the dossier as it then stands (DossierDetail)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from onestop.documents import (
    BookRow,
    DocumentLine,
    DossierDoc,
    Office,
    Step,
    render_apology,
    render_book,
    render_control,
    render_receipt,
    render_refusal,
    render_stop,
    render_supplement,
)
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.ids import new_id_str
from onestop.domain.messages import label, msg
from onestop.domain.text import capitalize_name, require_letters
from onestop.store import repository as repo
from onestop.store import tables as t

from . import book_marks
from .context import Context
from .dossiers import DossierDetail, record_event
from .users import require_role

# --- what the forms print ----------------------------------------------------------------------


def office(ctx: Context) -> Office:
    s = ctx.settings
    return Office(
        agency_name=s.agency_name,
        unit_name=s.unit_name,
        place=s.place,
        phone=s.phone,
        lookup_url=s.lookup_url,
        receipt_layout=s.receipt_layout,  # type: ignore[arg-type]
        free_postal_return=s.postage_payer == "agency",
    )


def processing_text(days: int | None, hours: float | None, days_kind: str | None = None) -> str:
    if hours is not None:
        return f"{hours:g} giờ làm việc"
    if not days:
        return "Trong ngày"
    if days_kind == "calendar":
        return f"{days} ngày"
    return f"{days} ngày làm việc"


def officer_name(session, actor: str | None) -> str:
    """The name a form prints for the officer who acted: an account's full name. Without an
    account the actor is an operating-system login ("root"), never an officer's name: "" then,
    and the form leaves a dotted line to name the officer by hand."""
    return (repo.staff_full_name(session, actor) if actor else None) or ""


def dossier_doc(session, row: t.Dossier) -> DossierDoc:
    proc = repo.procedure(session, row.procedure_code)
    return DossierDoc(
        code=row.code,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        field=proc.field if proc else "",
        applicant_name=row.applicant_name,
        id_number=row.id_number,
        address=row.address,
        phone=row.phone,
        email=row.email,
        documents=tuple(
            DocumentLine(d["name"], d.get("kind", ""), int(d.get("count", 1)))
            for d in row.documents
        ),
        sets=row.sets,
        processing_text=processing_text(row.processing_days, row.processing_hours, row.days_kind),
        received_at=row.received_at,
        due_at=row.due_at,
        return_by=row.return_by,  # type: ignore[arg-type]
        return_address=row.return_address,
        fee=row.fee,
        receiver_name=officer_name(session, row.receiver),
        book_volume=row.book_volume,
        book_number=row.book_number,
        status=row.status,
        notes=row.notes,
        case_name=row.case_name,
    )


def _load(session, code: str) -> tuple[t.Dossier, list[domain.Event]]:
    row = repo.dossier_by_code(session, code)
    if row is None:
        raise NotFound("Hồ sơ", code)
    return row, repo.events_of(session, row.id)


def _last(events: list[domain.Event], event_type: str, what: str) -> domain.Event:
    for event in reversed(events):
        if event.type == event_type:
            return event
    raise StateError("form", msg("form.none_yet", what=label("form", event_type, what)))


# --- follow-up actions ------------------------------------------------------------------------


def _texts(values: list[str] | None, field: str, what: str) -> list[str]:
    items = [policy.clean(v, field) for v in (values or []) if v]
    items = [v for v in items if v]
    if not items:
        raise InputError(field, msg("texts.missing", what=what))
    return items


def request_supplement(
    ctx: Context,
    code: str,
    missing: list[str],
    at: datetime | None = None,
    reason: str | None = None,
) -> DossierDetail:
    """Mẫu 02: everything missing, asked at once, and why; the clock stops until it is
    completed. Whoever records the request is the guiding officer the form names."""
    require_role(ctx, "supplement")
    items = _texts(missing, "missing", label("what", "missing", "giấy tờ cần bổ sung"))
    payload: dict[str, Any] = {"missing": items}
    why = policy.clean(reason or "", "reason")
    if why:
        payload["reason"] = why
    return record_event(ctx, code, domain.EventType.SUPPLEMENT_REQUESTED, at=at, payload=payload)


def complete_supplement(ctx: Context, code: str, at: datetime | None = None) -> DossierDetail:
    """The applicant completed the dossier: the processing time restarts from now."""
    require_role(ctx, "supplement")
    at = ctx.recorded_time(at)

    def new_due(row: t.Dossier, _state: domain.DossierState) -> dict[str, Any]:
        due = ctx.calendar.due(
            at,
            days=row.processing_days,
            hours=row.processing_hours,
            calendar_days=row.days_kind == "calendar",
        )
        return {"due_at": due.due_at.isoformat(), "day_zero": due.day_zero.isoformat()}

    return record_event(
        ctx, code, domain.EventType.SUPPLEMENT_COMPLETED, at=at, payload_for=new_due
    )


def refuse(
    ctx: Context, code: str, reasons: list[str], at: datetime | None = None
) -> DossierDetail:
    require_role(ctx, "refuse")
    items = _texts(reasons, "reason", label("what", "reason", "lý do từ chối"))
    return record_event(ctx, code, domain.EventType.REFUSED, at=at, payload={"reasons": items})


def extend(
    ctx: Context,
    code: str,
    new_due: datetime,
    reason: str,
    at: datetime | None = None,
    *,
    late: bool = False,
) -> DossierDetail:
    """Mẫu 04: apology and a new return date, once and only once, issued at least one working
    day before the due date: on the due date's day or later it is refused (naming ``at``)
    unless ``late``, which records the apology and new date of a dossier already late (the
    event says ``"late": true``; it counts as late in every figure). ``late`` for a dossier
    still in time is refused (naming ``late``): the letter would say something untrue."""
    require_role(ctx, "extend")
    reason = policy.clean(reason, "reason")
    if not reason:
        raise InputError("reason", msg("extend.reason_missing"))
    at = ctx.recorded_time(at)
    new_due = new_due.astimezone(VN_TZ)
    if not ctx.calendar.is_working_day(new_due.date()):
        raise InputError("new_due", msg("extend.working_day"))

    def check(row: t.Dossier, state: domain.DossierState) -> dict[str, Any]:
        too_late = extension_too_late(at, state.due_at)
        if too_late and not late:
            raise InputError("at", msg("extend.too_late", due=state.due_at.astimezone(VN_TZ)))
        if late and not too_late:
            raise InputError("late", msg("extend.not_late"))
        if new_due <= state.due_at:
            raise InputError("new_due", msg("extend.after_due"))
        if new_due <= at:
            raise InputError("new_due", msg("extend.after_apology"))
        extra = {"late": True} if late else {}
        return {
            "new_due_at": new_due.isoformat(),
            "previous_due_at": state.due_at.isoformat(),
            **extra,
        }

    return record_event(
        ctx, code, domain.EventType.EXTENDED, at=at, payload={"reason": reason}, payload_for=check
    )


def extension_too_late(at: datetime, due_at: datetime) -> bool:
    """Whether an apology at ``at`` is too late for the law's "at least one working day before
    the due date": it is issued on the due date's day or after it (local dates)."""
    return at.astimezone(VN_TZ).date() >= due_at.astimezone(VN_TZ).date()


def stop(ctx: Context, code: str, reason: str, at: datetime | None = None) -> DossierDetail:
    require_role(ctx, "stop")
    reason = policy.clean(reason, "reason")
    if not reason:
        raise InputError("reason", msg("stop.reason_missing"))
    return record_event(ctx, code, domain.EventType.STOPPED, at=at, payload={"reason": reason})


def closing_time(ctx: Context, day: date) -> datetime:
    """When the office's last session of ``day`` ends (17:00 on a day without sessions): the
    due time of an extension to that day."""
    try:
        end = ctx.settings.hours.sessions_on(day.weekday())[-1].end
    except (IndexError, AttributeError):
        end = time(17, 0)
    return datetime(day.year, day.month, day.day, end.hour, end.minute, tzinfo=VN_TZ)


GuidanceKind = Literal["supplement", "refusal"]


@dataclass(frozen=True)
class GuidanceGiven:
    """Guidance recorded for a dossier not accepted at the counter (no code)."""

    id: str
    kind: str
    procedure_code: str
    applicant_name: str
    items: tuple[str, ...]
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "procedure_code": self.procedure_code,
            "applicant_name": self.applicant_name,
            "items": list(self.items),
            "at": self.at.isoformat(),
        }


def guide_at_counter(
    ctx: Context,
    kind: GuidanceKind,
    procedure_code: str,
    applicant_name: str,
    items: list[str],
    phone: str | None = None,
    at: datetime | None = None,
) -> GuidanceGiven:
    """A dossier not accepted at the counter: no code, but the guidance given (what to add, or
    why it cannot be accepted) is recorded for the statistics and printed for the citizen."""
    if kind not in ("supplement", "refusal"):
        raise InputError("kind", msg("guidance.kind"))
    require_role(ctx, "supplement" if kind == "supplement" else "refuse")
    name = capitalize_name(policy.clean(applicant_name, "name", limit=policy.NAME))
    if not name:
        raise InputError("name", msg("name.missing"))
    require_letters(name)
    field = "missing" if kind == "supplement" else "reason"
    texts = _texts(items, field, label("what", "guidance", "nội dung hướng dẫn"))
    at = ctx.recorded_time(at)
    with ctx.store.unit_of_work() as session:
        proc = repo.procedure(session, procedure_code or "")
        if proc is None:
            raise InputError("procedure", msg("procedure.unknown", code=procedure_code))
        given = GuidanceGiven(new_id_str(), kind, proc.code, name, tuple(texts), at)
        repo.add_guidance(
            session,
            {
                "id": given.id,
                "kind": kind,
                "procedure_code": proc.code,
                "applicant_name": name,
                "phone": policy.optional(phone, "phone", limit=policy.NAME),
                "items": texts,
                "at": at,
                "actor": ctx.actor,
                "workstation_id": ctx.settings.workstation_id,
            },
        )
        session.commit()
    return given


# --- printing ---------------------------------------------------------------------------------


def receipt_pdf(ctx: Context, code: str, copies: int = 2) -> bytes:
    with ctx.store.reading() as session:
        row, _ = _load(session, code)
        doc = dossier_doc(session, row)
    return render_receipt(office(ctx), doc, copies=copies)


def _with_event(
    ctx: Context, code: str, event_type: str, what: str
) -> tuple[DossierDoc, domain.Event]:
    """The dossier as the forms print it, and its latest event of the given type."""
    with ctx.store.reading() as session:
        row, events = _load(session, code)
        return dossier_doc(session, row), _last(events, event_type, what)


def supplement_pdf(ctx: Context, code: str) -> bytes:
    """Mẫu 02 of the latest request; the guiding officer is whoever recorded it (the event's
    actor), not the dossier's receiver."""
    doc, event = _with_event(ctx, code, domain.EventType.SUPPLEMENT_REQUESTED, "yêu cầu bổ sung")
    with ctx.store.reading() as session:
        officer = officer_name(session, event.actor)
    p = event.payload
    return render_supplement(
        office(ctx), doc, p["missing"], event.at, p.get("reason"), officer=officer
    )


def refusal_pdf(ctx: Context, code: str) -> bytes:
    doc, event = _with_event(ctx, code, domain.EventType.REFUSED, "quyết định từ chối")
    return render_refusal(office(ctx), doc, event.payload["reasons"], event.at)


def apology_pdf(ctx: Context, code: str) -> bytes:
    doc, event = _with_event(ctx, code, domain.EventType.EXTENDED, "văn bản xin lỗi, hẹn lại")
    # The letter apologises for the date that was about to be missed, not the new one.
    doc = replace(doc, due_at=datetime.fromisoformat(event.payload["previous_due_at"]))
    new_due = datetime.fromisoformat(event.payload["new_due_at"])
    return render_apology(office(ctx), doc, new_due, event.payload["reason"], event.at)


def stop_pdf(ctx: Context, code: str) -> bytes:
    doc, event = _with_event(ctx, code, domain.EventType.STOPPED, "thông báo dừng")
    return render_stop(office(ctx), doc, event.payload["reason"], event.at)


def guidance_pdf(ctx: Context, guidance_id: str) -> bytes:
    with ctx.store.reading() as session:
        row = repo.guidance(session, guidance_id)
        if row is None:
            raise NotFound("Phiếu hướng dẫn", guidance_id)
        proc = repo.procedure(session, row.procedure_code)
        officer = officer_name(session, row.actor)
        doc = DossierDoc(
            code=None,
            procedure_code=row.procedure_code,
            procedure_name=proc.name if proc else row.procedure_code,
            field=proc.field if proc else "",
            applicant_name=row.applicant_name,
            phone=row.phone,
            receiver_name=officer,
        )
        kind, items, at = row.kind, list(row.items), row.at
    if kind == "supplement":
        return render_supplement(office(ctx), doc, items, at, officer=officer)
    return render_refusal(office(ctx), doc, items, at)


_STEP_ACTIONS = {
    domain.EventType.RECEIVED: ("Người nộp hồ sơ", "Bộ phận Một cửa"),
    domain.EventType.TRANSFERRED: ("Bộ phận Một cửa", "Cơ quan giải quyết"),
    domain.EventType.SUPPLEMENT_REQUESTED: ("Bộ phận Một cửa", "Người nộp hồ sơ"),
    domain.EventType.SUPPLEMENT_COMPLETED: ("Người nộp hồ sơ", "Bộ phận Một cửa"),
    domain.EventType.RESULT_READY: ("Cơ quan giải quyết", "Bộ phận Một cửa"),
    domain.EventType.POSTAL_HANDOVER: ("Bộ phận Một cửa", "Bưu điện"),
    domain.EventType.RETURNED: ("Bộ phận Một cửa", "Người nhận kết quả"),
    domain.EventType.DELIVERED: ("Bưu điện", "Người nhận kết quả"),
}


def _verdict(at: datetime, due: datetime) -> str:
    # Early: before the due day; on time: on the due day, by its due time; late: after it.
    if at > due:
        return "late"
    return "early" if at.date() < due.date() else "on_time"


def control_steps(events: list[domain.Event]) -> list[Step]:
    """Each hand-over of the dossier; the steps that deliver the result are judged against the
    due date in force at that moment."""
    steps: list[Step] = []
    due: datetime | None = None
    for event in sorted(events, key=domain.Event.sort_key):
        p = event.payload
        if event.type == domain.EventType.RECEIVED or (
            event.type == domain.EventType.SUPPLEMENT_COMPLETED
        ):
            due = datetime.fromisoformat(p["due_at"])
        elif event.type == domain.EventType.EXTENDED:
            due = datetime.fromisoformat(p["new_due_at"])
        parties = _STEP_ACTIONS.get(event.type)
        if parties is None:
            continue
        judged = event.type in (domain.EventType.RESULT_READY, domain.EventType.RETURNED)
        steps.append(
            Step(
                at=event.at,
                from_party=parties[0],
                to_party=parties[1],
                action=domain.EVENT_LABELS_VI.get(event.type, event.type),
                due_at=due if judged else None,
                verdict=_verdict(event.at, due) if judged and due else None,  # type: ignore[arg-type]
            )
        )
    return steps


def control_pdf(ctx: Context, code: str) -> bytes:
    with ctx.store.reading() as session:
        row, events = _load(session, code)
        doc = dossier_doc(session, row)
    return render_control(office(ctx), doc, control_steps(events), blank_rows=2)


def book_rows(ctx: Context, start: date, end: date) -> list[BookRow]:
    if end < start:
        raise InputError("to", msg("book.order"))
    if end - start > timedelta(days=366):
        raise InputError("to", msg("book.year"))
    rows: list[BookRow] = []
    now = ctx.clock()
    with ctx.store.reading() as session:
        found = repo.dossiers_received_between(session, start.isoformat(), end.isoformat())
        # Book order: each volume (a counter's book of the year) by its running number.
        found.sort(key=_book_order)
        for d in found:
            contact = ", ".join(x for x in (d.address, d.phone) if x)
            returned = d.finished_at if d.status in ("returned", "delivered") else None
            rows.append(
                BookRow(
                    number=d.book_number,
                    volume=d.book_volume,
                    code=d.code,
                    procedure_name=d.procedure_name,
                    sets=d.sets,
                    applicant_name=d.applicant_name,
                    address_phone=contact,
                    handling_agency=ctx.settings.agency_name,
                    received_at=d.received_at,
                    due_at=d.due_at,
                    case_name=d.case_name or "",
                    result_at=d.result_at,
                    returned_at=returned,
                    notes=domain.STATUS_LABELS_VI.get(d.status, d.status)
                    if d.status not in ("received", "returned")
                    else "",
                    **book_marks.marks(session, d, now),
                )
            )
    return rows


def _book_order(d: t.Dossier) -> tuple:
    # A dossier without a book number (none was drawn for it) follows, in receipt order.
    unnumbered = d.book_number is None
    return (unnumbered, d.book_volume or "", d.book_number or 0, d.received_at, d.code)


def book_pdf(ctx: Context, start: date, end: date | None = None) -> bytes:
    end = end or start
    return render_book(office(ctx), book_rows(ctx, start, end), start, end)
