"""Delivery attempts: the post's report of a result delivered or not, with the re-attempt two
working days later and the return to the counter after the second failure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from onestop.domain import delivery as rules_delivery
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain import postal as rules
from onestop.domain.errors import InputError
from onestop.domain.identifiers import check_person_id, require
from onestop.domain.messages import msg
from onestop.domain.text import capitalize_name
from onestop.services import dossiers, write
from onestop.services.context import Context
from onestop.services.users import require_role
from onestop.store import repository_postal as prepo
from onestop.store.uow import DossierHistory, UnitOfWork

from .common import add_charge, local_time
from .results import AttemptResult
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
        raise InputError(f + "outcome", msg("delivery.outcome"))
    if a.outcome == "delivered":
        name = policy.clean(a.recipient, f + "recipient", limit=policy.NAME)
        if not name:
            raise InputError(f + "recipient", msg("recipient.missing"))
        if not policy.optional(a.id_number, f + "id_number", limit=policy.NAME):
            raise InputError(f + "id_number", msg("delivery.id_shown"))
        today = ctx.clock().date()
        return {
            "recipient": capitalize_name(name),
            "recipient_id": require(check_person_id(a.id_number, today=today), f + "id_number"),
        }
    reason = policy.clean(a.reason, f + "reason")
    if not reason:
        raise InputError(f + "reason", msg("delivery.reason"))
    rules.check_payer(a.caused_by, f + "caused_by")
    return {"reason": reason, "caused_by": a.caused_by}


def apply_attempt(
    ctx: Context,
    uow: UnitOfWork,
    history: DossierHistory,
    outcome: str,
    clean: dict[str, Any],
    at: datetime,
    *,
    skip_recorded: bool = False,
) -> tuple[domain.Command, ...]:
    """Record one outcome in the caller's unit of work through the one write path, with the
    postage of the trip a failure causes; returns its commands (none when ``skip_recorded`` and
    the very same outcome is recorded already)."""
    consignment = prepo.last_delivery_consignment(uow.session, history.id)
    facts = rules_delivery.AttemptFacts(
        outcome=outcome,
        at=at,
        consignment=consignment.number if consignment else history.state.consignment,
        details=clean,
    )
    decision = rules_delivery.decide_attempt(
        history.events,
        history.code,
        facts,
        ctx.calendar,
        actor=ctx.actor,
        workstation=ctx.settings.workstation_id,
        skip_recorded=skip_recorded,
    )
    if not decision.commands:
        return ()
    write.record(uow, ctx, history, decision.commands, refused=_refused)
    if decision.charge_kind is not None and consignment is not None:
        amount = tariff(ctx).charge(decision.charge_kind, consignment.zone)
        payer = clean["caused_by"]
        add_charge(
            uow.session,
            consignment,
            decision.charge_kind,
            amount,
            payer,
            at,
            decision.commands[0].id,
        )
    return decision.commands


def _refused(history: DossierHistory, refused: domain.TransitionRefused) -> Exception:
    return rules_delivery.attempt_refused(history.code, refused.status)


def record_attempt(ctx: Context, code: str, attempt: Attempt) -> AttemptResult:
    """delivered: the recipient's name and ID (status delivered). failed: a reason; the next
    attempt two working days later, and after the second failure the result returns to the
    counter (status undeliverable), from where ``return`` hands it over as usual."""
    require_role(ctx, "postal")
    clean = clean_attempt(ctx, attempt)
    at = local_time(attempt.at, ctx)
    with ctx.store.work() as uow:
        history = uow.dossiers.history(code)
        commands = apply_attempt(ctx, uow, history, attempt.outcome, clean, at)
        uow.commit()
        code = history.code
    last = commands[0].payload if commands else {}
    return AttemptResult(
        dossier=dossiers.show(ctx, code),
        attempt=last.get("attempt"),
        next_attempt_on=last.get("next_attempt_on"),
        consignment=last.get("consignment"),
    )
