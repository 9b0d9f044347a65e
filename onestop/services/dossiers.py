"""Looking dossiers up and moving them along: show, find, list, result ready, return at the counter.

Results are typed (DossierSummary in lists, DossierDetail for one dossier with its EventView
history); ``to_json()`` gives the dict the command line prints.

Every state change goes through the one write path (onestop.services.write): the domain decides
the event against the history where its time puts it, the store appends it and recomputes the
projection in one unit of work, so a refused action writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from onestop.domain import addresses
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound
from onestop.domain.identifiers import check_person_id, require
from onestop.domain.messages import msg
from onestop.domain.text import capitalize_name
from onestop.store import repository as repo
from onestop.store import tables as t

from . import write
from .context import Context
from .users import require_role


@dataclass(frozen=True)
class EventView:
    """One event of a dossier's history as people read it."""

    id: str
    type: str
    label: str
    at: datetime
    actor: str
    workstation: str
    payload: Mapping[str, Any]

    @classmethod
    def of(cls, event: domain.Event) -> EventView:
        return cls(
            id=event.id,
            type=event.type,
            label=domain.EVENT_LABELS_VI.get(event.type, event.type),
            at=event.at,
            actor=event.actor,
            workstation=event.workstation,
            payload=event.payload,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "label": self.label,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "workstation": self.workstation,
            "payload": self.payload,
        }


@dataclass(frozen=True)
class DocumentItem:
    """A document received with the dossier, as recorded at the counter."""

    name: str
    kind: str
    count: int
    # The entry exactly as stored, which is what the command line prints.
    stored: Mapping[str, Any] = field(repr=False)

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> DocumentItem:
        return cls(entry.get("name", ""), entry.get("kind", ""), int(entry.get("count", 1)), entry)


@dataclass(frozen=True)
class DossierSummary:
    """A dossier as lists show it. ``overdue`` is known only when the list was made for a
    moment (None: not asked, and then absent from the JSON)."""

    id: str
    code: str
    status: str
    status_label: str
    received_at: datetime
    due_at: datetime
    procedure_code: str
    procedure_name: str
    applicant_name: str
    id_number: str | None
    phone: str | None
    return_by: str
    channel: str
    receiver: str
    workstation_id: str
    overdue: bool | None = None

    @classmethod
    def of(cls, row: t.Dossier, now: datetime | None = None) -> DossierSummary:
        return cls(**_summary_fields(row, now))

    def to_json(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "code": self.code,
            "status": self.status,
            "status_label": self.status_label,
            "received_at": self.received_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "applicant_name": self.applicant_name,
            "id_number": self.id_number,
            "phone": self.phone,
            "return_by": self.return_by,
            "channel": self.channel,
            "receiver": self.receiver,
            "workstation_id": self.workstation_id,
        }
        if self.overdue is not None:
            data["overdue"] = self.overdue
        return data


def _judged(row: t.Dossier) -> datetime:
    """The due date overdue is judged against: the one before a late extension (issue 14)."""
    return row.late_due_at if row.late_due_at is not None else row.due_at


def _summary_fields(row: t.Dossier, now: datetime | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "code": row.code,
        "status": row.status,
        "status_label": domain.STATUS_LABELS_VI.get(row.status, row.status),
        "received_at": row.received_at,
        "due_at": row.due_at,
        "procedure_code": row.procedure_code,
        "procedure_name": row.procedure_name,
        "applicant_name": row.applicant_name,
        "id_number": row.id_number,
        "phone": row.phone,
        "return_by": row.return_by,
        "channel": row.channel,
        "receiver": row.receiver,
        "workstation_id": row.workstation_id,
        "overdue": None
        if now is None
        else row.status in domain.CLOCK_RUNNING and now > _judged(row),
    }


@dataclass(frozen=True)
class ReturnUnit:
    """The 2025 province and commune a result by post goes to (issue 14), by code, with the
    names as printed."""

    province_code: str
    province_name: str
    commune_code: str
    commune_name: str

    @classmethod
    def of(cls, row: t.Dossier) -> ReturnUnit | None:
        province = addresses.get_province(row.return_province_code)
        commune = addresses.get_ward(row.return_commune_code)
        if province is None or commune is None:
            return None
        return cls(province.code, province.full_name, commune.code, commune.full_name)

    def to_json(self) -> dict[str, Any]:
        return {
            "province_code": self.province_code,
            "province_name": self.province_name,
            "commune_code": self.commune_code,
            "commune_name": self.commune_name,
        }


@dataclass(frozen=True)
class DossierDetail(DossierSummary):
    """Everything about one dossier: its facts, its state and its history (oldest first)."""

    agency_code: str = ""
    applicant_kind: str = "individual"
    email: str | None = None
    address: str | None = None
    return_address: str | None = None
    return_unit: ReturnUnit | None = None
    documents: tuple[DocumentItem, ...] = ()
    sets: int = 1
    fee: int = 0
    processing_days: int | None = None
    processing_hours: float | None = None
    case_name: str | None = None  # the procedure's case, when it has cases (issue 14)
    notes: str | None = None
    book_volume: str | None = None
    book_number: int | None = None
    original_due_at: datetime | None = None
    extended: bool = False
    result_at: datetime | None = None
    finished_at: datetime | None = None
    events: tuple[EventView, ...] = ()

    @classmethod
    def of(  # type: ignore[override]
        cls, row: t.Dossier, events: Sequence[domain.Event], now: datetime
    ) -> DossierDetail:
        return cls(
            **_summary_fields(row, now),
            agency_code=row.agency_code,
            applicant_kind=row.applicant_kind,
            email=row.email,
            address=row.address,
            return_address=row.return_address,
            return_unit=ReturnUnit.of(row),
            documents=tuple(DocumentItem.of(d) for d in row.documents),
            sets=row.sets,
            fee=row.fee,
            processing_days=row.processing_days,
            processing_hours=row.processing_hours,
            case_name=row.case_name,
            notes=row.notes,
            book_volume=row.book_volume,
            book_number=row.book_number,
            original_due_at=row.original_due_at,
            extended=row.extended,
            result_at=row.result_at,
            finished_at=row.finished_at,
            events=tuple(EventView.of(e) for e in events),
        )

    def last_event(self, *types: str) -> EventView | None:
        """The latest event of one of these types, if any."""
        for event in reversed(self.events):
            if event.type in types:
                return event
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            **super().to_json(),
            "agency_code": self.agency_code,
            "applicant_kind": self.applicant_kind,
            "email": self.email,
            "address": self.address,
            "return_address": self.return_address,
            "return_unit": self.return_unit.to_json() if self.return_unit else None,
            "documents": [d.stored for d in self.documents],
            "sets": self.sets,
            "fee": self.fee,
            "processing_days": self.processing_days,
            "processing_hours": self.processing_hours,
            "case": self.case_name,
            "notes": self.notes,
            "receiver": self.receiver,
            "book_volume": self.book_volume,
            "book_number": self.book_number,
            "original_due_at": _iso(self.original_due_at),
            "extended": self.extended,
            "result_at": _iso(self.result_at),
            "finished_at": _iso(self.finished_at),
            "events": [e.to_json() for e in self.events],
        }


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def show(ctx: Context, code: str) -> DossierDetail:
    with ctx.store.reading() as session:
        row = repo.dossier_by_code(session, code)
        if row is None:
            raise NotFound("Hồ sơ", code)
        return DossierDetail.of(row, repo.events_of(session, row.id), ctx.clock())


def find(ctx: Context, text: str, limit: int = 50) -> list[DossierSummary]:
    now = ctx.clock()
    with ctx.store.reading() as session:
        return [DossierSummary.of(r, now) for r in repo.search(session, text, limit)]


def list_dossiers(
    ctx: Context, day: date | None = None, status: str | None = None
) -> list[DossierSummary]:
    if status is not None and status not in {s.value for s in domain.Status}:
        raise InputError("status", msg("status.unknown", status=status))
    now = ctx.clock()
    with ctx.store.reading() as session:
        rows = repo.dossiers_of_day(session, day.isoformat() if day else None, status)
        return [DossierSummary.of(r, now) for r in rows]


def overdue(ctx: Context) -> list[DossierSummary]:
    now = ctx.clock()
    with ctx.store.reading() as session:
        return [DossierSummary.of(r, now) for r in repo.overdue(session, now)]


def due_within(ctx: Context, working_days: int) -> list[DossierSummary]:
    """Dossiers still owed whose due date falls from now to the end of the N-th working day
    from today (0: due today), soonest first: what supervisors chase before it is late."""
    if not 0 <= working_days <= 60:
        raise InputError("due_within", msg("due_within.range"))
    now = ctx.clock()
    cal = ctx.calendar
    today = now.date()
    start = today if cal.is_working_day(today) else cal.next_working_day(today)
    last = cal.add_working_days(start, working_days)
    end = datetime.combine(last, time(23, 59, 59), tzinfo=VN_TZ)
    with ctx.store.reading() as session:
        return [DossierSummary.of(r, now) for r in repo.due_between(session, now, end)]


@dataclass(frozen=True)
class WaitingResult(DossierSummary):
    """A result waiting to be collected at the counter, and how long it has waited (since the
    result came back; for one the post brought back, still since the result came back)."""

    ready_at: datetime | None = None
    waited: timedelta = timedelta(0)

    @property
    def waited_days(self) -> int:
        return self.waited.days

    def to_json(self) -> dict[str, Any]:
        return super().to_json() | {
            "ready_at": _iso(self.ready_at),
            "waited_days": self.waited.days,
            "waited_hours": int(self.waited.total_seconds() // 3600),
        }


def waiting(ctx: Context, text: str = "") -> list[WaitingResult]:
    """Results ready (or brought back by the post) and not yet handed over, oldest first,
    narrowed by ``text`` (name, phone, ID number or part of the code)."""
    text = policy.clean(text, "search", limit=policy.NAME)
    now = ctx.clock()
    with ctx.store.reading() as session:
        rows = repo.waiting_for_collection(session, text)
        return [
            WaitingResult(
                **_summary_fields(r, now),
                ready_at=r.result_at,
                waited=max(now - (r.result_at or r.received_at), timedelta(0)),
            )
            for r in rows
        ]


def record_event(
    ctx: Context,
    code: str,
    event_type: str,
    *,
    at: datetime | None = None,
    payload: dict[str, Any] | None = None,
    payload_for: Callable[[Any, domain.DossierState], Mapping[str, Any]] | None = None,
) -> DossierDetail:
    """One event on one dossier through the one write path (onestop.services.write), and the
    dossier as it then stands: what every follow-up action returns."""
    history = write.change(ctx, code, event_type, at=at, payload=payload, payload_for=payload_for)
    return DossierDetail.of(history.row, history.events, ctx.clock())


def mark_result_ready(ctx: Context, code: str, at: datetime | None = None) -> DossierDetail:
    require_role(ctx, "result_ready")
    return record_event(ctx, code, domain.EventType.RESULT_READY, at=at)


def return_result(
    ctx: Context,
    code: str,
    recipient: str,
    id_number: str | None = None,
    at: datetime | None = None,
    authorised: bool = False,
) -> DossierDetail:
    """Hand the result over at the counter. The recipient's ID number is always required; with
    ``authorised`` the person named collects on the applicant's behalf and the letter of
    authorisation was seen: recorded in the event (``"authorised": true``) for the timeline."""
    require_role(ctx, "return")
    name = policy.clean(recipient, "to", limit=policy.NAME)
    if not name:
        raise InputError("to", msg("recipient.missing"))
    payload: dict[str, Any] = {"recipient": capitalize_name(name)}
    if not policy.optional(id_number, "id_number", limit=policy.NAME):
        raise InputError("id_number", msg("id.recipient_missing"))
    today = ctx.clock().date()
    payload["recipient_id"] = require(check_person_id(id_number, today=today), "id_number")
    if authorised:
        payload["authorised"] = True
    return record_event(ctx, code, domain.EventType.RETURNED, at=at, payload=payload)
