"""The one write path of every dossier change: read the history in a unit of work, let the domain
decide the events (``domain.dossier.decide``), append them and the new projection, commit.

``change`` is the whole path for one dossier; ``record`` is its middle, for a use case that
changes several dossiers or other rows in the same transaction (a postal hand-over). A refused
change raises before anything is written, naming ``status`` when the dossier's state is at fault
and ``at`` when the time is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from onestop.domain import dossier as domain
from onestop.domain.errors import StateError
from onestop.domain.messages import label, msg
from onestop.store import repository as repo
from onestop.store.uow import DossierHistory, UnitOfWork

from .context import Context

# What the clerk reads when a dossier's state refuses a change (by event type).
REFUSALS_VI = {
    domain.EventType.RETURNED: "Chỉ trả kết quả khi hồ sơ đã có kết quả hoặc bưu điện chuyển hoàn",
    domain.EventType.RESULT_READY: "Hồ sơ không ở trạng thái chờ kết quả",
    domain.EventType.EXTENDED: "Hồ sơ chỉ được gia hạn một lần, khi chưa có kết quả",
}

# Their ids in the message catalogue (onestop.domain.messages), for the window in English.
_REFUSAL_IDS = {
    domain.EventType.RETURNED: "return",
    domain.EventType.RESULT_READY: "result_ready",
    domain.EventType.EXTENDED: "extend",
}

# How a refusal becomes the error the person reads: (the dossier, the refusal) -> exception.
Refusal = Callable[[DossierHistory, domain.TransitionRefused], Exception]


def refused_by_state(history: DossierHistory, refused: domain.TransitionRefused) -> Exception:
    status = domain.STATUS_LABELS_VI.get(refused.status, refused.status)
    reason = REFUSALS_VI.get(refused.event_type, "Thao tác không hợp lệ với trạng thái hiện tại")
    reason_id = _REFUSAL_IDS.get(str(refused.event_type), "other")
    return StateError(
        "status",
        msg(
            "state.refused",
            reason=label("state", reason_id, reason),
            status=label("status", str(refused.status), status),
        ),
    )


def command(
    ctx: Context, event_type: str, at: datetime, payload: Mapping[str, Any] | None = None
) -> domain.Command:
    """A command by the context's actor on this workstation (payload made JSON-safe)."""
    return domain.Command(
        type=event_type,
        at=at,
        actor=ctx.actor,
        workstation=ctx.settings.workstation_id,
        payload=repo.jsonable(dict(payload or {})),
    )


def record(
    uow: UnitOfWork,
    ctx: Context,
    history: DossierHistory,
    commands: Sequence[domain.Command],
    *,
    refused: Refusal = refused_by_state,
) -> DossierHistory:
    """Decide and append, inside the caller's unit of work (which commits)."""
    try:
        new = domain.decide(history.events, history.id, commands)
    except domain.TransitionRefused as exc:
        raise refused(history, exc) from None
    return uow.dossiers.append(history, new, ctx.clock())


def change(
    ctx: Context,
    code: str,
    event_type: str,
    *,
    at: datetime | None = None,
    payload: Mapping[str, Any] | None = None,
    payload_for: Callable[[Any, domain.DossierState], Mapping[str, Any]] | None = None,
    refused: Refusal = refused_by_state,
) -> DossierHistory:
    """One event on one dossier, the whole path. ``payload_for(row, state)`` may add to the
    payload inside the transaction from the state at the event's own time (back-entry may put it
    before events already recorded), e.g. a due date that depends on the dossier's procedure."""
    at = ctx.recorded_time(at)
    with ctx.store.work() as uow:
        history = uow.dossiers.history(code)
        cmd = command(ctx, event_type, at, payload)
        if payload_for is not None:
            probe = domain.Event(cmd.id, history.id, event_type, at, cmd.actor, cmd.workstation)
            state = domain.state_before(history.events, probe)
            if domain.allowed(state, event_type):
                extra = repo.jsonable(dict(payload_for(history.row, state)))
                cmd = replace(cmd, payload={**cmd.payload, **extra})
        history = record(uow, ctx, history, [cmd], refused=refused)
        uow.commit()
        return history
