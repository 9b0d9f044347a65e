"""Queries on the postal tables, so that the postal service never composes SQL itself."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.domain import dossier as domain
from onestop.store import tables as t
from onestop.store import tables_postal as tp


def pickup(session: Session, pickup_id: str) -> tp.PickupRequest | None:
    return session.get(tp.PickupRequest, pickup_id.strip())


def pickups_by_reference(session: Session, reference: str) -> list[tp.PickupRequest]:
    """Usually one; two only when two counters were given the same workstation number."""
    query = select(tp.PickupRequest).where(tp.PickupRequest.reference == reference)
    return list(session.scalars(query.order_by(tp.PickupRequest.requested_at)))


def pickup_references(session: Session, ids: Sequence[str]) -> dict[str, str | None]:
    """The reference of each of these requests (None: not numbered yet, see migration 0019)."""
    if not ids:
        return {}
    query = select(tp.PickupRequest.id, tp.PickupRequest.reference).where(
        tp.PickupRequest.id.in_(list(ids))
    )
    return {row_id: ref for row_id, ref in session.execute(query)}


def pickup_reference_taken(session: Session, reference: str) -> bool:
    query = select(tp.PickupRequest.id).where(tp.PickupRequest.reference == reference).limit(1)
    return session.scalar(query) is not None


def pickups_of_day(session: Session, day: str) -> list[tp.PickupRequest]:
    query = (
        select(tp.PickupRequest)
        .where(tp.PickupRequest.day == day)
        .order_by(tp.PickupRequest.requested_at, tp.PickupRequest.id)
    )
    return list(session.scalars(query))


def pickups_waiting_before(session: Session, day: str) -> list[tp.PickupRequest]:
    """Requests whose pickup day has passed without the postman handing the dossier over."""
    query = (
        select(tp.PickupRequest)
        .where(tp.PickupRequest.day < day, tp.PickupRequest.status == "requested")
        .order_by(tp.PickupRequest.day, tp.PickupRequest.id)
    )
    return list(session.scalars(query))


def pickups_not_linked(session: Session) -> list[tp.PickupRequest]:
    """Handed over but not yet a dossier: a hand-over interrupted between its two steps."""
    query = select(tp.PickupRequest).where(tp.PickupRequest.status == "handed_over")
    return list(session.scalars(query.order_by(tp.PickupRequest.id)))


def record_by_number(session: Session, agency_code: str, number: str) -> tp.HandoverRecord | None:
    return session.scalar(
        select(tp.HandoverRecord).where(
            tp.HandoverRecord.agency_code == agency_code,
            tp.HandoverRecord.number == number.strip().upper(),
        )
    )


def record(session: Session, record_id: str) -> tp.HandoverRecord | None:
    return session.get(tp.HandoverRecord, record_id)


def records_of_day(session: Session, day: str) -> list[tp.HandoverRecord]:
    query = select(tp.HandoverRecord).where(tp.HandoverRecord.day == day)
    return list(session.scalars(query.order_by(tp.HandoverRecord.at, tp.HandoverRecord.number)))


def consignments_of_record(session: Session, record_id: str) -> list[tp.Consignment]:
    query = (
        select(tp.Consignment)
        .where(tp.Consignment.record_id == record_id)
        .order_by(tp.Consignment.position)
    )
    return list(session.scalars(query))


def consignments_by_number(session: Session, number: str) -> list[tp.Consignment]:
    """Usually one; two when two workstations used the same label offline (migration 0008)."""
    query = select(tp.Consignment).where(tp.Consignment.number == number)
    return list(session.scalars(query.order_by(tp.Consignment.handed_over_at)))


def consignments_taken(session: Session, numbers: Sequence[str]) -> list[str]:
    if not numbers:
        return []
    query = select(tp.Consignment.number).where(tp.Consignment.number.in_(list(numbers)))
    return list(session.scalars(query))


def last_delivery_consignment(session: Session, dossier_id: str) -> tp.Consignment | None:
    return session.scalar(
        select(tp.Consignment)
        .where(tp.Consignment.dossier_id == dossier_id, tp.Consignment.kind == "delivery")
        .order_by(tp.Consignment.handed_over_at.desc(), tp.Consignment.id.desc())
        .limit(1)
    )


def consignments_between(
    session: Session, start: datetime, end: datetime
) -> list[tuple[tp.Consignment, tp.HandoverRecord]]:
    query = (
        select(tp.Consignment, tp.HandoverRecord)
        .join(tp.HandoverRecord, tp.HandoverRecord.id == tp.Consignment.record_id)
        .where(tp.Consignment.handed_over_at >= start, tp.Consignment.handed_over_at < end)
        .order_by(tp.Consignment.handed_over_at, tp.HandoverRecord.number, tp.Consignment.position)
    )
    return [(c, r) for c, r in session.execute(query)]


def charges_of_month(
    session: Session, month: str
) -> list[tuple[tp.Charge, tp.Consignment, tp.HandoverRecord]]:
    query = (
        select(tp.Charge, tp.Consignment, tp.HandoverRecord)
        .join(tp.Consignment, tp.Consignment.id == tp.Charge.consignment_id)
        .join(tp.HandoverRecord, tp.HandoverRecord.id == tp.Consignment.record_id)
        .where(tp.Charge.month == month)
        .order_by(tp.Consignment.handed_over_at, tp.Consignment.number, tp.Charge.at, tp.Charge.id)
    )
    return [(ch, c, r) for ch, c, r in session.execute(query)]


def dossiers_waiting_for_post(session: Session, before: datetime) -> list[t.Dossier]:
    """Results to be delivered home, ready before ``before`` and not yet handed to the post."""
    query = (
        select(t.Dossier)
        .where(
            t.Dossier.return_by == "post",
            t.Dossier.status == domain.Status.RESULT_READY.value,
            t.Dossier.result_at < before,
        )
        .order_by(t.Dossier.result_at, t.Dossier.code)
    )
    return list(session.scalars(query))


def dossiers_out_for_delivery(session: Session) -> list[t.Dossier]:
    query = select(t.Dossier).where(t.Dossier.status == domain.Status.OUT_FOR_DELIVERY.value)
    return list(session.scalars(query.order_by(t.Dossier.code)))


def dossier(session: Session, dossier_id: str) -> t.Dossier | None:
    return session.get(t.Dossier, dossier_id)


def dossiers_by_ids(session: Session, ids: Sequence[str]) -> dict[str, t.Dossier]:
    if not ids:
        return {}
    rows = session.scalars(select(t.Dossier).where(t.Dossier.id.in_(list(ids))))
    return {r.id: r for r in rows}


def postal_dossiers_received_at(session: Session, at: datetime) -> list[t.Dossier]:
    """Dossiers received by post at exactly ``at`` (the time of one pickup handover record)."""
    query = select(t.Dossier).where(t.Dossier.channel == "postal", t.Dossier.received_at == at)
    return list(session.scalars(query))
