"""Dossier rows rebuilt from events, the same way on every workstation and at the centre.

The received event's payload carries every fact captured at the counter; the rest of the row is
the projection of the events (onestop.domain.dossier.project), so a dossier that arrives by sync
is identical to the one its workstation wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Column, Table

from onestop.domain import dossier as domain
from onestop.domain.clock import VN_TZ
from onestop.domain.text import fold
from onestop.store import tables as t

EVENTS: Table = t.Event.__table__  # type: ignore[assignment]
DOSSIERS: Table = t.Dossier.__table__  # type: ignore[assignment]

# bulk.JSON_TEXT + "payload" (not imported from there: bulk imports nothing of ours but tables).
PAYLOAD_TEXT = "json_text:payload"

# Written by reproject(): the state the events lead to.
PROJECTED = (
    "status",
    "received_at",
    "due_at",
    "original_due_at",
    "extended",
    "result_at",
    "finished_at",
    "updated_at",
)
# Derived from the received event rather than copied from its payload.
DERIVED = ("id", "applicant_folded", "workstation_id", "received_day")


@cache
def fact_columns() -> tuple[Column[Any], ...]:
    """The dossier's columns filled from the received payload (whatever features add later)."""
    skip = set(PROJECTED) | set(DERIVED)
    return tuple(c for c in DOSSIERS.columns if c.name not in skip)


@cache
def _fact_defaults() -> tuple[tuple[str, Any], ...]:
    """(column, value when the payload lacks it): the column's plain default, else None."""
    found = []
    for column in fact_columns():
        arg = getattr(column.default, "arg", None)
        found.append((column.name, None if callable(arg) else arg))
    return tuple(found)


EVENT_NAMES = tuple(c.name for c in EVENTS.columns)
# Texts a pulled row may carry for the store (bulk.JSON_TEXT, bulk.SQLITE_TEXT).
_CARRIED = (PAYLOAD_TEXT, "sqlite_text:at", "sqlite_text:recorded_at")


def to_event(row: Mapping[str, Any]) -> domain.Event:
    return domain.Event(
        id=row["id"],
        dossier_id=row["dossier_id"],
        type=row["type"],
        at=row["at"],
        actor=row["actor"],
        workstation=row["workstation_id"],
        payload=row["payload"],
    )


def projected(state: domain.DossierState, now: datetime) -> dict[str, Any]:
    return {
        "status": state.status.value,
        "received_at": state.received_at,
        "due_at": state.due_at,
        "original_due_at": state.original_due_at,
        "extended": state.extended,
        "result_at": state.result_at,
        "finished_at": state.finished_at,
        "updated_at": now,
    }


def new_dossier(events: Iterable[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    """The row of a dossier from its events (its received event among them)."""
    evs = [to_event(e) for e in events]
    state = domain.project(evs)
    receipts = [e for e in evs if e.type == domain.EventType.RECEIVED]
    received = min(receipts, key=domain.Event.sort_key)
    payload = received.payload
    values = {name: payload.get(name, default) for name, default in _fact_defaults()}
    values["id"] = received.dossier_id
    values["applicant_folded"] = fold(payload["applicant_name"])
    values["workstation_id"] = received.workstation
    values["received_day"] = received.at.astimezone(VN_TZ).date().isoformat()
    values.update(projected(state, now))
    return values


def reprojected(events: Iterable[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    return projected(domain.project([to_event(e) for e in events]), now)


def event_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event row as plain column values, for inserting into another store (with the payload's
    JSON text when the row carries it, see onestop.sync.bulk.JSON_TEXT)."""
    values = {name: row[name] for name in EVENT_NAMES}
    for key in _CARRIED:
        text = row.get(key)
        if text is not None:
            values[key] = text
    return values


def chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    """Lists short enough for an IN (...) clause on every engine."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
