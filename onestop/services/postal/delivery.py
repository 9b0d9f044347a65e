"""Delivery attempts: the post's report of a result delivered or not, with the re-attempt two
working days later and the return to the counter after the second failure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain import postal as rules
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.identifiers import check_person_id, require
from onestop.domain.text import capitalize_name
from onestop.services.context import Context
from onestop.services.users import require_role
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables as t

from .common import add_charge, local_time, new_event, next_attempt
from .tariff import tariff


@dataclass(frozen=True)
class Attempt:
    """One outcome reported by the postman or the operator's file."""

    outcome: str  # delivered | failed
    recipient: str | None = None
    id_number: str | None = None
    reason: str | None = None
    caused_by: str = "citizen"  # who pays the trip a failure causes
    at: datetime | None = None


def clean_attempt(ctx: Context, a: Attempt, field_prefix: str = "") -> dict[str, Any]:
    f = field_prefix
    if a.outcome not in rules.OUTCOMES:
        raise InputError(f + "outcome", "Kết quả phát phải là 'delivered' hoặc 'failed'")
    if a.outcome == "delivered":
        name = policy.clean(a.recipient, f + "recipient", limit=policy.NAME)
        if not name:
            raise InputError(f + "recipient", "Chưa nhập họ tên người nhận kết quả")
        if not policy.optional(a.id_number, f + "id_number", limit=policy.NAME):
            raise InputError(f + "id_number", "Người nhận phải xuất trình giấy tờ tùy thân")
        today = ctx.clock().date()
        return {
            "recipient": capitalize_name(name),
            "recipient_id": require(check_person_id(a.id_number, today=today), f + "id_number"),
        }
    reason = policy.clean(a.reason, f + "reason")
    if not reason:
        raise InputError(f + "reason", "Cần ghi lý do phát không thành công")
    rules.check_payer(a.caused_by, f + "caused_by")
    return {"reason": reason, "caused_by": a.caused_by}


def apply_attempt(
    ctx: Context,
    session: Session,
    row: t.Dossier,
    a: Attempt,
    clean: dict[str, Any],
    at: datetime,
    *,
    skip_recorded: bool = False,
) -> list[domain.Event]:
    """Append the events of one outcome in the caller's transaction. ``skip_recorded``: [] when
    the very same outcome is already recorded (an operator's cumulative file imported again)."""
    events = repo.events_of(session, row.id)
    state = domain.project(events)
    consignment = prepo.last_delivery_consignment(session, row.id)
    number = consignment.number if consignment else state.consignment
    wanted = (
        domain.EventType.DELIVERED
        if a.outcome == "delivered"
        else domain.EventType.DELIVERY_ATTEMPT
    )
    for e in events if skip_recorded else ():
        if e.type == wanted and e.at == at and e.payload.get("consignment") == number:
            return []
    if state.status != domain.Status.OUT_FOR_DELIVERY:
        label = domain.STATUS_LABELS_VI.get(state.status, state.status)
        raise StateError(
            "status", f"Hồ sơ {row.code} không ở trạng thái bưu điện đang phát ({label})"
        )
    handed = [e for e in events if e.type == domain.EventType.POSTAL_HANDOVER]
    last = max([handed[-1].at, *[e.at for e in events if e.type == "delivery_attempt"]])
    if at < last:
        raise InputError("at", f"Thời điểm phát của hồ sơ {row.code} trước lần ghi nhận trước")
    recorded = ctx.clock()
    base = {"consignment": number}
    charge: tuple[str, int] | None = None
    if a.outcome == "delivered":
        new = [new_event(ctx, row.id, domain.EventType.DELIVERED, at, {**base, **clean})]
    else:
        nxt = next_attempt(events, state)
        if nxt is not None and at.date().isoformat() < nxt:
            shown = date.fromisoformat(nxt).strftime("%d/%m/%Y")
            raise StateError(
                "at",
                f"Hồ sơ {row.code}: lần phát lại phải cách lần trước "
                f"{rules.REATTEMPT_WORKING_DAYS} ngày làm việc (sớm nhất ngày {shown})",
            )
        plan = rules.plan_failure(state.failed_attempts, at, ctx.calendar)
        payload = {**base, **clean, "attempt": plan.attempt}
        if plan.next_attempt_on is not None:
            payload["next_attempt_on"] = plan.next_attempt_on.isoformat()
        new = [new_event(ctx, row.id, domain.EventType.DELIVERY_ATTEMPT, at, payload)]
        if plan.returns_to_agency:
            new.append(
                new_event(
                    ctx,
                    row.id,
                    domain.EventType.UNDELIVERABLE,
                    at,
                    {**base, "reason": clean["reason"], "attempts": plan.attempt},
                )
            )
        if consignment is not None:
            charge = (plan.charge_kind, tariff(ctx).charge(plan.charge_kind, consignment.zone))
    # The same check as every recorded event: allowed where its time puts it in the history,
    # and every later event keeps its effect.
    checked = list(events)
    for e in new:
        try:
            domain.check_insert(checked, e)
        except domain.TransitionRefused as refused:
            label = domain.STATUS_LABELS_VI.get(refused.status, refused.status)
            raise StateError("status", f"Hồ sơ {row.code}: không ghi nhận được ({label})") from None
        checked.append(e)
    if charge is not None and consignment is not None:
        add_charge(session, consignment, *charge, clean["caused_by"], at, new[0].id)
    for e in new:
        repo.add_event(session, e, recorded)
    repo.reproject(session, row, [*events, *new], recorded)
    return new


def record_attempt(ctx: Context, code: str, attempt: Attempt) -> dict[str, Any]:
    """delivered: the recipient's name and ID (status delivered). failed: a reason; the next
    attempt two working days later, and after the second failure the result returns to the
    counter (status undeliverable), from where ``return`` hands it over as usual."""
    require_role(ctx, "postal")
    clean = clean_attempt(ctx, attempt)
    at = local_time(attempt.at, ctx)
    with ctx.store.unit_of_work() as session:
        row = repo.dossier_by_code(session, code)
        if row is None:
            raise NotFound("Hồ sơ", code)
        new = apply_attempt(ctx, session, row, attempt, clean, at)
        session.commit()
        code = row.code
    from onestop.services import dossiers

    shown = dossiers.show(ctx, code)
    last = new[0].payload if new else {}
    shown["attempt"] = last.get("attempt")
    shown["next_attempt_on"] = last.get("next_attempt_on")
    shown["consignment"] = last.get("consignment")
    return shown
