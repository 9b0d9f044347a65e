"""Hand-over records as they were signed: one record with its items, a day's records, and the
record printed for both sides to sign."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from onestop.domain.errors import NotFound, StateError
from onestop.domain.messages import msg
from onestop.services.context import Context
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables_postal as tp

from .pickups import complete_pending_pickups
from .results import HandoverItem, HandoverResult


def record_result(
    record: tp.HandoverRecord, items: list[HandoverItem], officer_name: str | None = None
) -> HandoverResult:
    return HandoverResult(
        record=record.number,
        kind=record.kind,
        at=record.at,
        officer=record.officer,
        postman=record.postman_name,
        post_office=record.post_office,
        items=tuple(items),
        postage=sum(i.postage for i in items),
        officer_name=officer_name,
        postman_number=record.postman_number,
        postman_phone=record.postman_phone,
    )


def _find_record(ctx: Context, session: Session, number: str) -> tp.HandoverRecord:
    found = prepo.record_by_number(session, ctx.settings.agency_code, number)
    if found is None:
        raise NotFound("Biên bản giao nhận", number)
    return found


def record_json(
    ctx: Context, number: str | None = None, *, record_id: str | None = None
) -> HandoverResult:
    """A handover record with its items: ``ref`` is the dossier code (delivery) or the request's
    id (pickup), ``code`` the dossier code."""
    with ctx.store.reading() as session:
        if record_id is not None:
            record = prepo.record(session, record_id)
            assert record is not None
        else:
            record = _find_record(ctx, session, number or "")
        consignments = prepo.consignments_of_record(session, record.id)
        dossiers = prepo.dossiers_by_ids(
            session, [c.dossier_id for c in consignments if c.dossier_id]
        )
        refs = prepo.pickup_references(session, [c.pickup_id for c in consignments if c.pickup_id])
        charges = {
            ch.consignment_id: ch
            for ch, c, _ in prepo.charges_of_month(session, record.at.strftime("%Y-%m"))
            if c.record_id == record.id and ch.kind == "first_trip"
        }
        items = []
        for c in consignments:
            code = dossiers[c.dossier_id].code if c.dossier_id else None
            first = charges.get(c.id)
            items.append(
                HandoverItem(
                    ref=_item_ref(c, code, refs),
                    code=code,
                    consignment=c.number,
                    name=c.applicant_name,
                    address=c.address,
                    zone=c.zone,
                    postage=first.amount if first else 0,
                    payer=first.payer if first else None,
                )
            )
        officer = repo.staff_full_name(session, record.officer) or record.officer
        return record_result(record, items, officer)


def _item_ref(c: tp.Consignment, code: str | None, refs: dict[str, str | None]) -> str | None:
    """A delivery is named by its dossier's code, a pickup by its request's reference."""
    if c.kind != "pickup" or c.pickup_id is None:
        return code
    return refs.get(c.pickup_id) or c.pickup_id


def records_of_day(ctx: Context, day: date) -> list[HandoverResult]:
    with ctx.store.reading() as session:
        numbers = [r.number for r in prepo.records_of_day(session, day.isoformat())]
    return [record_json(ctx, n) for n in numbers]


def handover_pdf(ctx: Context, record_number: str) -> bytes:
    """The handover record to sign (two copies are printed from it), as PDF bytes."""
    from onestop import documents

    # A pickup hand-over interrupted before its dossiers existed is finished first: the record
    # prints the dossier codes.
    complete_pending_pickups(ctx)
    data = record_json(ctx, record_number)
    items = []
    for i in data.items:
        if i.code is None:
            raise StateError("record", msg("record.pickup_pending"))
        reference = i.ref if data.kind == "pickup" and i.ref != i.code else None
        items.append(
            documents.HandoverItem(i.code, i.consignment, i.name, i.address or "", reference)
        )
    record = documents.HandoverRecord(
        number=data.record,
        kind=data.kind,
        at=data.at,
        items=tuple(items),
        officer_name=data.officer_name or data.officer,
        postman_name=data.postman,
        post_office=data.post_office,
        postman_number=data.postman_number,
        postman_phone=data.postman_phone,
    )
    from onestop.services.forms import office

    return documents.render_handover(office(ctx), record)
