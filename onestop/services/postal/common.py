"""What the postal use cases share: times and days, S10 numbers, roles, and the rows every
hand-over writes (its record, its consignments and their postage)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from onestop.domain import postal as rules
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError
from onestop.domain.identifiers import check_s10
from onestop.domain.ids import new_id_str
from onestop.domain.messages import msg
from onestop.services.context import Context, ensure_initialized
from onestop.services.users import may, require_role
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables_postal as tp

DEFAULT_POST_OFFICE = "Bưu điện"


def local_time(at: datetime | None, ctx: Context, field: str = "at") -> datetime:
    return ctx.recorded_time(at, field)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0, 0), tzinfo=VN_TZ)
    return start, start + timedelta(days=1)


def month_bounds(month: str) -> tuple[str, date]:
    try:
        first = date.fromisoformat(month.strip() + "-01")
    except (ValueError, AttributeError):
        raise InputError("month", msg("month.form", month=month)) from None
    return first.strftime("%Y-%m"), first


def s10_number(value: str, field: str, ref: str | None = None) -> str:
    check = check_s10(value)
    if not check.valid or check.normalized is None:
        reason = check.reason or msg("s10.invalid")
        raise InputError(field, msg("dossier.prefixed", code=ref, text=reason) if ref else reason)
    return check.normalized


def new_consignment(
    session: Session,
    tar: rules.Tariff,
    record: tp.HandoverRecord,
    position: int,
    s10: str,
    weight_g: int | None,
    at: datetime,
    *,
    kind: str,
    name: str,
    address: str,
    phone: str | None,
    dossier_id: str | None = None,
    pickup_id: str | None = None,
    units: tuple[str | None, str | None] = (None, None),
) -> tp.Consignment:
    """One consignment of a handover record, zoned by the tariff from its address: by the
    (province, commune) codes it resolved to when known (``units``), else by its text."""
    consignment = tp.Consignment(
        id=new_id_str(),
        number=s10,
        kind=kind,
        record_id=record.id,
        position=position,
        dossier_id=dossier_id,
        pickup_id=pickup_id,
        applicant_name=name,
        address=address,
        phone=phone,
        zone=tar.zone_for(address, *units),
        weight_g=weight_g or tar.default_weight_g,
        handed_over_at=at,
    )
    session.add(consignment)
    session.flush()
    return consignment


def add_charge(
    session: Session,
    consignment: tp.Consignment,
    kind: str,
    amount: int,
    payer: str,
    at: datetime,
    event_id: str | None = None,
) -> tp.Charge:
    charge = tp.Charge(
        id=new_id_str(),
        consignment_id=consignment.id,
        kind=kind,
        amount=amount,
        payer=payer,
        at=at,
        month=at.astimezone(VN_TZ).strftime("%Y-%m"),
        event_id=event_id,
    )
    session.add(charge)
    return charge


def next_record_number(ctx: Context, session: Session, at: datetime) -> str:
    s = ctx.settings
    key = rules.record_counter_key(s.agency_code, s.workstation_number, at.year)
    return rules.record_number(at.year, s.workstation_number, repo.next_number(session, key, 1))


def require_any(ctx: Context, *actions: str) -> None:
    """Allowed when the role may do any of ``actions``; refused naming the first otherwise."""
    if not any(may(ctx.role, a) for a in actions):
        require_role(ctx, actions[0])


def ensure_ready(ctx: Context) -> None:
    if not ctx.initialized:
        ensure_initialized(ctx)


def new_record(
    ctx: Context,
    session: Session,
    kind: str,
    at: datetime,
    postman: str,
    office: str,
    officer: str | None = None,
    ids: Any = None,
) -> tp.HandoverRecord:
    """The record's row; ``ids``: the postman's employee number and phone (``.number``,
    ``.phone``), when known."""
    record = tp.HandoverRecord(
        id=new_id_str(),
        agency_code=ctx.settings.agency_code,
        number=next_record_number(ctx, session, at),
        kind=kind,
        at=at,
        day=at.date().isoformat(),
        officer=ctx.actor if officer is None else officer,
        postman_name=postman,
        post_office=office,
        workstation_id=ctx.settings.workstation_id,
        postman_number=getattr(ids, "number", None),
        postman_phone=getattr(ids, "phone", None),
        created_at=ctx.clock(),
    )
    session.add(record)
    session.flush()
    return record


def refuse_used(session: Session, numbers: Sequence[str]) -> None:
    taken = prepo.consignments_taken(session, numbers)
    if taken:
        raise InputError("consignment", msg("handover.s10_taken", number=taken[0]))
