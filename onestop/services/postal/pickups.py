"""Home pickup of dossiers: the citizen's request, its cancellation, and the dossier each request
becomes once the post hands it over at the counter (received at the record's signature)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from onestop.domain import address_resolver
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain import postal as rules
from onestop.domain.catalog_law import ProcedureCase
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.handed_in import choose_case
from onestop.domain.identifiers import check_person_id, check_phone, require
from onestop.domain.ids import new_id_str
from onestop.domain.messages import msg
from onestop.domain.text import capitalize_name, require_letters
from onestop.services import numbering, reception
from onestop.services.context import Context
from onestop.services.users import may
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables_postal as tp

from .common import ensure_ready, require_any
from .results import PickupItem

PICKUP_PAST_DAYS = 30
PICKUP_AHEAD_DAYS = 90
PICKUP_LABELS_VI = {
    "requested": "Chờ thu gom",
    "handed_over": "Đã giao nhận, đang tiếp nhận",
    "received": "Đã tiếp nhận hồ sơ",
    "cancelled": "Đã hủy",
}


@dataclass
class PickupInput:
    """What the citizen (or the clerk on the phone) gives to have a dossier picked up at home."""

    procedure_code: str
    applicant_name: str
    phone: str
    address: str
    day: date
    id_number: str | None = None
    return_by: str = "post"
    notes: str | None = None
    case: str | None = None  # the procedure's case, when it has cases (issue 14)


def shown_ref(row: tp.PickupRequest) -> str:
    """What a request is called on screen and paper: its reference ("TG-1012"), or its id while
    the counter that took it has not numbered it yet (see migration 0019)."""
    return row.reference or row.id


def find_pickup(session: Session, ref: str) -> tp.PickupRequest | None:
    """A request by its reference as typed ("TG-1012", "tg1012") or by its id."""
    text = (ref or "").strip()
    typed = rules.pickup_reference_typed(text)
    if typed is None:
        return prepo.pickup(session, text)
    found = prepo.pickups_by_reference(session, typed)
    if len(found) > 1:
        raise InputError("ref", msg("pickup.ambiguous", n=len(found), ref=typed))
    return found[0] if found else None


def pickup_item(row: tp.PickupRequest, code: str | None = None) -> PickupItem:
    commune = rules.commune_of(row.address, row.commune_code)
    return PickupItem(
        ref=shown_ref(row),
        kind="pickup",
        name=row.applicant_name,
        address=row.address,
        phone=row.phone,
        consignment=row.consignment,
        status=row.status,
        status_label=PICKUP_LABELS_VI.get(row.status, row.status),
        ward=commune.full_name if commune else rules.NO_WARD_VI,
        commune_code=commune.code if commune else None,
        day=row.day,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        id_number=row.id_number,
        return_by=row.return_by,
        code=code,
        cancel_reason=row.cancel_reason,
        id=row.id,
    )


def request_pickup(ctx: Context, req: PickupInput) -> PickupItem:
    """Register a home pickup on a day; refused whole (nothing written) on any bad field. Postal
    staff or the counter (a citizen's phone call) may take the request."""
    require_any(ctx, "postal", "receive")
    ensure_ready(ctx)
    name = policy.clean(req.applicant_name, "name", limit=policy.NAME)
    if not name:
        raise InputError("name", msg("name.missing"))
    name = capitalize_name(require_letters(name))
    phone = require(check_phone(req.phone or ""), "phone")
    address = policy.clean(req.address, "address")
    if len(address) < 5:
        raise InputError("address", msg("pickup.address"))
    # The postman goes by commune: the 2025 units, or refused with the nearest ones (issue 14).
    unit = address_resolver.for_post(address, field="address")
    assert unit.province is not None and unit.commune is not None
    id_number = None
    if policy.optional(req.id_number, "id_number", limit=policy.NAME):
        id_number = require(check_person_id(req.id_number, today=ctx.clock().date()), "id_number")
    if req.return_by not in reception.RETURN_CHANNELS:
        raise InputError("return_by", msg("return_by.invalid"))
    now = ctx.clock()
    # Back-entry of requests noted on paper is allowed, within limits that catch a mistyped year.
    if not -PICKUP_PAST_DAYS <= (req.day - now.date()).days <= PICKUP_AHEAD_DAYS:
        raise InputError(
            "date", msg("pickup.day_range", past=PICKUP_PAST_DAYS, ahead=PICKUP_AHEAD_DAYS)
        )
    notes = policy.optional(req.notes, "notes", limit=policy.TEXT, multiline=True)
    with ctx.store.unit_of_work() as session:
        proc = repo.procedure(session, req.procedure_code or "")
        if proc is None or not proc.active:
            raise InputError("procedure", msg("procedure.unknown", code=req.procedure_code))
        if not proc.postal:
            raise InputError("procedure", msg("procedure.in_person", code=proc.code))
        # Chosen now, so that the hand-over never meets a pickup it cannot receive.
        case = choose_case([ProcedureCase(**c) for c in proc.cases or ()], req.case)
        row = tp.PickupRequest(
            id=new_id_str(),
            reference=numbering.next_pickup_reference(session, ctx.settings),
            procedure_code=proc.code,
            procedure_name=proc.name,
            applicant_name=name,
            id_number=id_number,
            phone=phone,
            address=address,
            province_code=unit.province.code,
            commune_code=unit.commune.code,
            return_by=req.return_by,
            day=req.day.isoformat(),
            status="requested",
            notes=notes,
            case_name=case.name if case else None,
            requested_at=now,
            requested_by=ctx.actor,
            workstation_id=ctx.settings.workstation_id,
            updated_at=now,
        )
        session.add(row)
        session.commit()
        return pickup_item(row)


def cancel_pickup(ctx: Context, ref: str, reason: str) -> PickupItem:
    """Cancel a pickup request the post has not collected yet (the citizen called back, or
    came to the counter in person). Postal staff or the counter; the reason is kept."""
    require_any(ctx, "postal", "receive")
    why = policy.clean(reason, "reason")
    if len(why) < 3:
        raise InputError("reason", msg("pickup.reason_missing"))
    if len(why) > 500:
        raise InputError("reason", msg("pickup.reason_long"))
    with ctx.store.unit_of_work() as session:
        row = find_pickup(session, ref)
        if row is None:
            raise NotFound("Yêu cầu thu gom", ref)
        if row.status == "cancelled":
            raise StateError("status", msg("pickup.cancelled_before", ref=shown_ref(row)))
        if row.status != "requested":
            raise StateError("status", msg("pickup.handed_over", ref=shown_ref(row)))
        now = ctx.clock()
        row.status = "cancelled"
        row.cancelled_at = now
        row.cancelled_by = ctx.actor
        row.cancel_reason = why
        row.updated_at = now
        session.commit()
        return pickup_item(row)


def _receiving_context(ctx: Context) -> Context:
    """The context a pickup becomes a dossier in. The receipt is part of the hand-over the role
    was allowed to record (postal staff at the counter sign it with the officer), so a postal
    role receives these dossiers, and only these, through reception.receive."""
    if may(ctx.role, "receive"):
        return ctx
    return ctx.with_role(None)


def receive_request(p: tp.PickupRequest, at: datetime, record: str, s10: str):
    return reception.ReceiveRequest(
        procedure_code=p.procedure_code,
        applicant_name=p.applicant_name,
        id_number=p.id_number,
        phone=p.phone,
        address=p.address,
        return_by=p.return_by,  # type: ignore[arg-type]
        # The units the request resolved to; a request taken before they were kept is received
        # all the same (the post has handed it over), with its units if its text resolves.
        return_province_code=p.province_code,
        return_commune_code=p.commune_code,
        unit_required=p.commune_code is not None,
        received_at=at,
        notes=p.notes,
        case=p.case_name,
        channel="postal",
        # The received event carries the request and the record: a hand-over interrupted
        # after this dossier committed finds it again instead of receiving it twice.
        extra={"pickup_id": p.id, "handover_record": record, "consignment": s10},
    )


def complete_pending_pickups(ctx: Context) -> int:
    """Finish hand-overs interrupted between the record and the dossiers (a crash, a power cut):
    each request handed over becomes its dossier exactly once."""
    me = ctx.settings.workstation_id
    with ctx.store.reading() as session:
        # Only records signed here: one pulled by sync from another counter is completed there
        # (its dossier arrives by sync too); completing it here as well would receive it twice.
        pending = [
            p.id
            for p in prepo.pickups_not_linked(session)
            if (r := prepo.record(session, p.record_id or "")) is not None
            and r.workstation_id == me
        ]
    for pickup_id in pending:
        complete_pickup(ctx, pickup_id)
    return len(pending)


def complete_pickup(ctx: Context, pickup_id: str) -> None:
    with ctx.store.reading() as session:
        p = prepo.pickup(session, pickup_id)
        assert p is not None and p.record_id is not None and p.consignment is not None
        if p.status != "handed_over":
            return
        record = prepo.record(session, p.record_id)
        assert record is not None
        existing = None
        for row in prepo.postal_dossiers_received_at(session, record.at):
            received = [
                e for e in repo.events_of(session, row.id) if e.type == domain.EventType.RECEIVED
            ]
            if received and received[0].payload.get("pickup_id") == pickup_id:
                existing = row.id
        request = receive_request(p, record.at, record.number, p.consignment)
    dossier_id = existing or reception.receive(_receiving_context(ctx), request).id
    with ctx.store.unit_of_work() as session:
        p = prepo.pickup(session, pickup_id)
        assert p is not None
        p.status = "received"
        p.dossier_id = dossier_id
        p.updated_at = ctx.clock()
        # The pickup's own consignment (its record), whatever another workstation used.
        for c in prepo.consignments_by_number(session, p.consignment or ""):
            if c.pickup_id == pickup_id:
                c.dossier_id = dossier_id
        session.commit()


def pickup_receipt_pdf(ctx: Context, ref: str) -> bytes:
    """The receipt of a dossier picked up at home (to send back to the applicant), by the
    request's id or the dossier's code; the forms service prints it like any receipt."""
    from onestop.services import forms

    with ctx.store.reading() as session:
        p = find_pickup(session, ref)
        code = ref
        if p is not None:
            if p.dossier_id is None:
                raise StateError("status", msg("pickup.not_received"))
            row = prepo.dossier(session, p.dossier_id)
            assert row is not None
            code = row.code
    return forms.receipt_pdf(ctx, code)
