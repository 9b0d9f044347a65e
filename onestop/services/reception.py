"""Receiving a dossier at the counter: validate, number it, compute its due date, record it.

One use case for the command line and the desktop client alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from onestop.domain import address_resolver
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain.catalog_law import ProcedureCase
from onestop.domain.errors import InputError
from onestop.domain.handed_in import choose_case, documents_received
from onestop.domain.identifiers import check_email, check_person_id, check_phone, require
from onestop.domain.ids import new_id_str
from onestop.domain.messages import msg
from onestop.domain.text import capitalize_name, require_letters
from onestop.services.context import Context, ensure_initialized
from onestop.services.counter import ReceptionWarning, warnings_in
from onestop.services.numbering import next_code
from onestop.services.users import require_role
from onestop.store import repository as repo
from onestop.store import tables as t

RETURN_CHANNELS = ("counter", "post")
INTAKE_CHANNELS = ("counter", "postal", "online")


@dataclass
class ReceiveRequest:
    procedure_code: str
    applicant_name: str
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    return_by: Literal["counter", "post"] = "counter"
    return_address: str | None = None
    # The 2025 units of the return address when picked by code (the window); else the text is
    # resolved. unit_required=False only for what was received already (an old pickup request).
    return_province_code: str | None = None
    return_commune_code: str | None = None
    unit_required: bool = True
    received_at: datetime | None = None
    applicant_kind: Literal["individual", "organisation"] = "individual"
    # Documents actually handed in (names, "tên | loại | số lượng", or catalogue entries as
    # ticked at the counter): None means the procedure's required documents.
    documents: list[dict[str, Any] | str] | None = None
    # The procedure's case (issue 14), when its time or fee depends on the case.
    case: str | None = None
    sets: int = 1
    notes: str | None = None
    channel: Literal["counter", "postal", "online"] = "counter"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Received:
    id: str
    code: str
    received_at: datetime
    due_at: datetime
    day_zero: str
    status: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    book_volume: str
    book_number: int
    # The procedure's case (issue 14); JSON "case" right after procedure_name, null when none.
    case: str | None = None
    # Received all the same: a second dossier can be legitimate (onestop.services.counter).
    warnings: tuple[ReceptionWarning, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "status": self.status,
            "received_at": self.received_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "day_zero": self.day_zero,
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "case": self.case,
            "applicant_name": self.applicant_name,
            "book_volume": self.book_volume,
            "book_number": self.book_number,
        }
        if self.warnings:
            data["warnings"] = [w.to_json() for w in self.warnings]
        return data


@dataclass(frozen=True)
class Applicant:
    """A request's applicant and times as they will be stored: checked, normalised, capitalised."""

    applicant_name: str
    id_number: str | None
    phone: str | None
    email: str | None
    address: str | None
    return_address: str | None
    received_at: datetime
    notes: str | None
    return_unit: address_resolver.Resolution | None = None


def _optional(value: str | None, field: str, limit: int = policy.LINE) -> str | None:
    return policy.optional(value, field, limit=limit)


def validate(ctx: Context, req: ReceiveRequest) -> Applicant:
    """Every field checked before anything is written; the first fault names its field."""
    name = policy.clean(req.applicant_name, "name", limit=policy.NAME)
    if not name:
        raise InputError("name", msg("name.missing"))
    require_letters(name)
    if req.applicant_kind == "individual":
        name = capitalize_name(name)
    elif req.applicant_kind != "organisation":
        raise InputError("applicant_kind", msg("applicant_kind.invalid"))
    today = ctx.clock().date()
    id_number = _optional(req.id_number, "id_number", policy.NAME)
    if id_number:
        id_number = require(check_person_id(id_number, today=today), "id_number")
    phone = _optional(req.phone, "phone", policy.NAME)
    if phone:
        phone = require(check_phone(phone), "phone")
    email = _optional(req.email, "email", policy.NAME)
    if email:
        email = require(check_email(email), "email")
    address = _optional(req.address, "address")
    if req.return_by not in RETURN_CHANNELS:
        raise InputError("return_by", msg("return_by.invalid"))
    if req.channel not in INTAKE_CHANNELS:
        raise InputError("channel", msg("channel.invalid"))
    return_address = _optional(req.return_address, "return_address") or (
        address if req.return_by == "post" else None
    )
    if req.return_by == "post" and not return_address:
        raise InputError("address", msg("post.address_missing"))
    return_unit = _return_unit(req, return_address)
    if req.return_by == "post" and not phone:
        raise InputError("phone", msg("post.phone_missing"))
    if not 1 <= req.sets <= 99:
        raise InputError("sets", msg("sets.range"))
    received_at = ctx.recorded_time(req.received_at, "received_at")
    return Applicant(
        applicant_name=name,
        id_number=id_number,
        phone=phone,
        email=email,
        address=address,
        return_address=return_address,
        received_at=received_at,
        notes=policy.optional(req.notes, "notes", limit=policy.TEXT, multiline=True),
        return_unit=return_unit,
    )


def _documents(proc: t.Procedure, given: list[dict[str, Any] | str] | None) -> list[dict[str, Any]]:
    # What was handed in, with kind and count from the catalogue (onestop.domain.handed_in).
    return documents_received(proc.documents or [], given)


def _case(proc: t.Procedure, name: str | None) -> ProcedureCase | None:
    """The case chosen, checked against the procedure's cases (refusals name ``case``)."""
    return choose_case([ProcedureCase(**c) for c in proc.cases or ()], name)


def _return_unit(req: ReceiveRequest, text: str | None) -> address_resolver.Resolution | None:
    """The post delivers by commune: a return by post needs the 2025 province and commune
    (issue 14), refused naming the field the address came from, with the nearest units."""
    if req.return_by != "post":
        return None
    typed = (req.return_address or "").strip()
    field = "return_address" if typed and typed != (req.address or "").strip() else "address"
    found = address_resolver.for_post(
        text,
        req.return_province_code,
        req.return_commune_code,
        field=field,
        required=req.unit_required,
    )
    return found if found.resolved else None


def _unit_facts(unit: address_resolver.Resolution | None) -> dict[str, Any]:
    """The codes for the dossier's row and its received event (so sync carries them); left out
    when there is no unit, so that the received event of a counter return is unchanged."""
    if unit is None or unit.province is None or unit.commune is None:
        return {}
    return {
        "return_province_code": unit.province.code,
        "return_commune_code": unit.commune.code,
    }


def receive(ctx: Context, req: ReceiveRequest) -> Received:
    """Check the request, draw the dossier's code and book number, compute its due date, and
    record the dossier with its received event in one unit of work."""
    require_role(ctx, "receive")
    if not ctx.initialized:
        ensure_initialized(ctx)
    clean = validate(ctx, req)
    settings = ctx.settings
    scheme = settings.code_scheme
    received_at = clean.received_at
    with ctx.store.work() as uow:
        proc = repo.procedure(uow.session, req.procedure_code or "")
        if proc is None or not proc.active:
            raise InputError("procedure", msg("procedure.unknown", code=req.procedure_code))
        documents = _documents(proc, req.documents)
        case = _case(proc, req.case)
        # A case has its own time, way of counting it and fee; else the procedure's.
        timing = case or proc
        warnings = warnings_in(
            uow.session, ctx, proc.code, clean.id_number, received_at, req.received_at is not None
        )
        due = ctx.calendar.due(
            received_at,
            days=timing.processing_days,
            hours=timing.processing_hours,
            calendar_days=timing.days_kind == "calendar",
        )
        day = received_at.date()
        code = next_code(uow.session, settings, day)
        volume = f"{settings.workstation_number:02d}/{day.year}"
        book_number = repo.next_number(uow.session, f"book:{volume}", 1)
        dossier_id = new_id_str()
        facts = {
            "code": code,
            "agency_code": scheme.agency,
            "procedure_code": proc.code,
            "procedure_name": proc.name,
            "applicant_kind": req.applicant_kind,
            "applicant_name": clean.applicant_name,
            "id_number": clean.id_number,
            "phone": clean.phone,
            "email": clean.email,
            "address": clean.address,
            "return_by": req.return_by,
            "return_address": clean.return_address,
            **_unit_facts(clean.return_unit),
            "channel": req.channel,
            "documents": documents,
            "sets": req.sets,
            "fee": timing.fee,
            "processing_days": timing.processing_days,
            "processing_hours": timing.processing_hours,
            # Only for calendar days, so that the received event of other procedures is unchanged.
            **({"days_kind": "calendar"} if timing.days_kind == "calendar" else {}),
            # Likewise only for a procedure with cases.
            **({"case_name": case.name} if case else {}),
            "notes": clean.notes,
            "receiver": ctx.actor,
            "book_volume": volume,
            "book_number": book_number,
        }
        received = domain.Event(
            id=new_id_str(),
            dossier_id=dossier_id,
            type=domain.EventType.RECEIVED,
            at=received_at,
            actor=ctx.actor,
            workstation=settings.workstation_id,
            # The received event carries every fact of the dossier, so that another
            # workstation can rebuild the dossier from its events alone.
            payload={
                **facts,
                "due_at": due.due_at.isoformat(),
                "day_zero": due.day_zero.isoformat(),
                **req.extra,
            },
        )
        uow.dossiers.create(facts, received, ctx.clock())
        uow.commit()
    return Received(
        id=dossier_id,
        code=code,
        received_at=received_at,
        due_at=due.due_at,
        day_zero=due.day_zero.isoformat(),
        status=domain.Status.RECEIVED.value,
        procedure_code=proc.code,
        procedure_name=proc.name,
        applicant_name=clean.applicant_name,
        book_volume=volume,
        book_number=book_number,
        case=None if case is None else case.name,
        warnings=tuple(warnings),
    )
