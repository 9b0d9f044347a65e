"""Decisions of home delivery by the post, pure: whether a result may be handed over to the post,
and what an outcome the post reports leads to (delivered; a re-attempt two working days later;
after the second failure the result goes back to the counter).

The services read the dossier's history in a unit of work, ask these functions for the commands,
and record them through the one write path (onestop.services.write); a refusal is raised here,
before anything is written, in the words the clerk reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from onestop.domain.calendar import WorkingCalendar
from onestop.domain.dossier import (
    STATUS_LABELS_VI,
    Command,
    DossierState,
    Event,
    EventType,
    Status,
    TransitionRefused,
    decide,
    project,
)
from onestop.domain.errors import InputError, StateError
from onestop.domain.messages import label, msg
from onestop.domain.postal import REATTEMPT_WORKING_DAYS, plan_failure

# --- hand-over ----------------------------------------------------------------------------------


def handover_refused(code: str, status: str) -> StateError:
    """What the clerk reads when the dossier's state refuses the hand-over."""
    shown = label("status", status, STATUS_LABELS_VI.get(status, status))
    return StateError("status", msg("handover.not_ready", code=code, status=shown))


def check_handover(
    history: Sequence[Event], dossier_id: str, code: str, return_by: str, command: Command
) -> list[Event]:
    """The hand-over event of one dossier as decided where its time puts it in the history.
    Refused (StateError naming ``status``) when the result is not ready for the post, (an
    InputError naming the field, the dossier's code first) when the time is at fault, and
    (StateError naming ``return_by``) when the applicant did not ask for delivery by post."""
    try:
        new = decide(history, dossier_id, [command])
    except TransitionRefused as refused:
        raise handover_refused(code, refused.status) from None
    except InputError as exc:
        raise InputError(exc.field, msg("dossier.prefixed", code=code, text=exc.message)) from None
    if return_by != "post":
        raise StateError("return_by", msg("handover.not_by_post", code=code))
    return new


# --- attempts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptFacts:
    """One outcome as the post reported it: ``details`` are its checked fields (``recipient``
    and ``recipient_id`` when delivered; ``reason`` and ``caused_by`` when it failed);
    ``consignment`` is the S10 number the result travels under."""

    outcome: str  # delivered | failed
    at: datetime
    consignment: str | None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AttemptDecision:
    """The commands an outcome leads to (none: the very outcome is recorded already), and the
    trip a failure causes (``repeat_trip`` or ``return_to_agency``, paid by who caused it)."""

    commands: tuple[Command, ...] = ()
    charge_kind: str | None = None


def attempt_refused(code: str, status: str) -> StateError:
    """What the clerk reads when an outcome's events are refused by the history."""
    shown = label("status", status, STATUS_LABELS_VI.get(status, status))
    return StateError("status", msg("delivery.refused", code=code, status=shown))


def next_attempt_on(events: Sequence[Event], state: DossierState) -> str | None:
    """The day (ISO) of the re-attempt a failed attempt scheduled, while the result is still out."""
    if state.status != Status.OUT_FOR_DELIVERY or state.failed_attempts == 0:
        return None
    attempts = [e for e in events if e.type == EventType.DELIVERY_ATTEMPT]
    return attempts[-1].payload.get("next_attempt_on") if attempts else None


def _already_recorded(events: Sequence[Event], event_type: str, facts: AttemptFacts) -> bool:
    return any(
        e.type == event_type
        and e.at == facts.at
        and e.payload.get("consignment") == facts.consignment
        for e in events
    )


def decide_attempt(
    history: Sequence[Event],
    code: str,
    facts: AttemptFacts,
    calendar: WorkingCalendar,
    *,
    actor: str,
    workstation: str,
    skip_recorded: bool = False,
) -> AttemptDecision:
    """What one outcome leads to, for the dossier ``code`` with this history (in (time, id)
    order). The result must be out with the post, the outcome not before the last hand-over or
    attempt, and a second failure not before the re-attempt day the first one set.
    ``skip_recorded``: no commands when the very same outcome is recorded already (an
    operator's cumulative file imported again)."""
    wanted = EventType.DELIVERED if facts.outcome == "delivered" else EventType.DELIVERY_ATTEMPT
    if skip_recorded and _already_recorded(history, wanted, facts):
        return AttemptDecision()
    state = project(history)
    if state.status != Status.OUT_FOR_DELIVERY:
        shown = label("status", state.status, STATUS_LABELS_VI.get(state.status, state.status))
        raise StateError("status", msg("delivery.not_out", code=code, status=shown))
    times = [e.at for e in history if e.type == EventType.DELIVERY_ATTEMPT]
    handed = [e.at for e in history if e.type == EventType.POSTAL_HANDOVER]
    if facts.at < max([*handed[-1:], *times]):
        raise InputError("at", msg("delivery.before_last", code=code))

    def command(event_type: str, payload: dict[str, Any]) -> Command:
        return Command(event_type, facts.at, actor, workstation, payload)

    base = {"consignment": facts.consignment}
    if facts.outcome == "delivered":
        return AttemptDecision((command(EventType.DELIVERED, {**base, **facts.details}),))
    nxt = next_attempt_on(history, state)
    if nxt is not None and facts.at.date().isoformat() < nxt:
        shown = date.fromisoformat(nxt).strftime("%d/%m/%Y")
        early = msg("delivery.reattempt_early", code=code, days=REATTEMPT_WORKING_DAYS, day=shown)
        raise StateError("at", early)
    plan = plan_failure(state.failed_attempts, facts.at, calendar)
    payload = {**base, **facts.details, "attempt": plan.attempt}
    if plan.next_attempt_on is not None:
        payload["next_attempt_on"] = plan.next_attempt_on.isoformat()
    commands = [command(EventType.DELIVERY_ATTEMPT, payload)]
    if plan.returns_to_agency:
        reason = facts.details.get("reason")
        undeliverable = {**base, "reason": reason, "attempts": plan.attempt}
        commands.append(command(EventType.UNDELIVERABLE, undeliverable))
    return AttemptDecision(tuple(commands), plan.charge_kind)
