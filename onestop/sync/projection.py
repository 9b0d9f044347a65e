"""Dossier rows rebuilt from events, the same way on every workstation and at the centre.

The received event's payload carries every fact captured at the counter; the rest of the row is
the projection of the events (onestop.domain.dossier.project), so a dossier that arrives by sync
is identical to the one its workstation wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Column, Table

from onestop.domain import dossier as domain
from onestop.domain.clock import VN_TZ
from onestop.domain.text import fold
from onestop.store import tables as t
from onestop.store.repository import projection as projected

from .bulk import SQLITE_TEXT, sqlite_datetime

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
    "late_due_at",
    "supplements",
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


# The fold below handles these event types and nothing else: any other type (one added to the
# domain later, say) sends the dossier through domain.project, which stays the reference.
# test_sync_properties checks the two agree on random histories of every type.
_FINISHING = frozenset({"returned", "delivered", "refused", "stopped"})
_STATUS_ONLY = frozenset(
    {"transferred", "postal_handover", "delivery_attempt", "undeliverable", "rated", "note"}
)
_FOLDED = _FINISHING | _STATUS_ONLY | {"received", "result_ready", "supplement_requested"}
_FOLDED |= {"supplement_completed", "extended"}
_TRANSITIONS = {
    kind: (sources, None if target is None else target.value)
    for kind, (sources, target) in domain.TRANSITIONS.items()
}


def _order(event: Mapping[str, Any]) -> tuple[datetime, str]:
    return (event["at"], event["id"])


def _fold(
    events: list[Mapping[str, Any]], now: datetime
) -> tuple[Mapping[str, Any], dict[str, Any], Any, Any] | None:
    """domain.project on the rows themselves: the same rules without an Event and a state object
    per step (a sync batch projects tens of thousands of dossiers). Returns the received event,
    the projected columns, and the events that gave result_at and finished_at (None if none);
    None when the history has a type this fold does not know or no received event (the caller
    then uses domain.project). The events are sorted in place, by (time, id) like the domain."""
    if len(events) > 1:
        events.sort(key=_order)
    received = None
    for event in events:
        kind = event["type"]
        if kind not in _FOLDED:
            return None
        if received is None and kind == "received":
            received = event
    if received is None:
        return None
    original = domain.as_datetime(received["payload"]["due_at"])
    due, status, extended, result, finished = original, "received", False, None, None
    late_due = None  # DossierState.late_due_at
    supplements = 0
    if len(events) > 1:
        for event in events:
            kind = event["type"]
            rule = _TRANSITIONS.get(kind)
            # No rule: received (only the first counts), rated and note (nothing in the row).
            if rule is None or status not in rule[0]:
                continue
            if kind == "extended":
                if extended:
                    continue  # the return date moves once and only once
                if event["payload"].get("late"):
                    late_due = due
                due = domain.as_datetime(event["payload"]["new_due_at"])
                extended = True
            elif kind == "supplement_completed":
                # The clock restarts at completion; the service computed the new due date then.
                due = domain.as_datetime(event["payload"]["due_at"])
                if late_due is not None:
                    late_due = due
            elif kind == "supplement_requested":
                supplements += 1
            elif kind == "result_ready":
                result = event
            elif kind in _FINISHING:
                finished = event
            if rule[1] is not None:
                status = rule[1]
    values = {
        "status": status,
        "received_at": received["at"],
        "due_at": due,
        "original_due_at": original,
        "extended": extended,
        "result_at": None if result is None else result["at"],
        "finished_at": None if finished is None else finished["at"],
        "late_due_at": late_due,
        "supplements": supplements,
        "updated_at": now,
    }
    return received, values, result, finished


# One conversion per batch for the time every row of the batch shares.
_sqlite_now = lru_cache(maxsize=4)(sqlite_datetime)
_TEXT_AT = SQLITE_TEXT + "at"


def _carry_sqlite_text(values: dict[str, Any], events: dict[str, Any]) -> None:
    """Times as a SQLite store keeps them (bulk.SQLITE_TEXT), taken from the events' own texts
    where the centre formatted them already (a pull), so the row needs no conversion there."""
    for column, event in events.items():
        if event is not None:
            values[SQLITE_TEXT + column] = event[_TEXT_AT]
    due = sqlite_datetime(values["due_at"])
    values[SQLITE_TEXT + "due_at"] = due
    if values["original_due_at"] == values["due_at"]:
        values[SQLITE_TEXT + "original_due_at"] = due
    values[SQLITE_TEXT + "updated_at"] = _sqlite_now(values["updated_at"])


def new_dossier(events: Iterable[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    """The row of a dossier from its events (its received event among them)."""
    evs = list(events)
    folded = _fold(evs, now)
    if folded is None:
        return _new_dossier_domain(evs, now)
    received, state, result, finished = folded
    payload = received["payload"]
    names, defaults = _fact_names()
    values = dict(zip(names, map(payload.get, names, defaults), strict=True))
    values["id"] = received["dossier_id"]
    values["applicant_folded"] = fold(payload["applicant_name"])
    values["workstation_id"] = received["workstation_id"]
    values["received_day"] = received["at"].astimezone(VN_TZ).date().isoformat()
    values.update(state)
    if received.get(_TEXT_AT) is not None:
        _carry_sqlite_text(
            values, {"received_at": received, "result_at": result, "finished_at": finished}
        )
    return values


@cache
def _fact_names() -> tuple[tuple[str, ...], tuple[Any, ...]]:
    pairs = _fact_defaults()
    return tuple(n for n, _ in pairs), tuple(d for _, d in pairs)


def _new_dossier_domain(events: list[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    """new_dossier through the domain's own objects: histories the fold does not know."""
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
    evs = list(events)
    folded = _fold(evs, now)
    if folded is None:
        return projected(domain.project([to_event(e) for e in evs]), now)
    return folded[1]


def event_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event row as plain column values, for inserting into another store (with the payload's
    JSON text when the row carries it, see onestop.sync.bulk.JSON_TEXT)."""
    values = {name: row[name] for name in EVENT_NAMES}
    for key in _CARRIED:
        text = row.get(key)
        if text is not None:
            values[key] = text
    return values
