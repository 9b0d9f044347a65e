"""What the tracking book (Mẫu 07) marks on a dossier's line besides its facts: overdue while
the office still owes the result, a result that came late, and an extension with both dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from onestop.domain import dossier as domain
from onestop.store import repository as repo
from onestop.store import tables as t


def effective_extension(events: Sequence[domain.Event]) -> domain.Event | None:
    """The extension that took effect (the law allows one; a later one is kept without effect)."""
    ordered = sorted(events, key=domain.Event.sort_key)
    received = next((e for e in ordered if e.type == domain.EventType.RECEIVED), None)
    if received is None:
        return None
    state = domain.initial_state(received)
    for event in ordered:
        if event is received or not domain.allowed(state, event.type):
            continue
        if event.type == domain.EventType.EXTENDED:
            return event
        state = domain.apply(state, event)
    return None


def marks(session: Any, row: t.Dossier, now: datetime) -> dict[str, Any]:
    """The BookRow fields of the marks: ``previous_due_at`` and ``extended_at`` (and
    ``late_extension``) of an extended dossier, ``overdue`` and ``late``. An apology recorded
    too late never makes the dossier timely again: judged against the date before it."""
    extension = effective_extension(repo.events_of(session, row.id)) if row.extended else None
    previous = late_apology = None
    if extension is not None:
        previous = domain.as_datetime(extension.payload["previous_due_at"])
        late_apology = bool(extension.payload.get("late"))
    limit = previous if late_apology and previous is not None else row.due_at
    running = row.status in domain.CLOCK_RUNNING
    late = row.result_at is not None and (row.result_at > row.due_at or extension is not None)
    return {
        "previous_due_at": previous,
        "extended_at": extension.at if extension is not None else None,
        "late_extension": bool(late_apology),
        "overdue": running and now > limit,
        "late": late,
    }
