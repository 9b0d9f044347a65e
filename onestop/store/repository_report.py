"""The store's side of the supervisors' report: the dossiers a period's figures may involve, with
their histories and the facts they are grouped by, in a few set-based queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from onestop.domain import dossier as domain
from onestop.store import tables as t

# SQLite allows 32766 bound parameters; stay well below for the IN lists.
_CHUNK = 900


@dataclass(frozen=True)
class ReportDossier:
    """One dossier as the report sees it: the facts it is grouped by and its history."""

    id: str
    code: str
    channel: str
    procedure_code: str
    procedure_name: str
    field: str
    officer: str
    counter: str
    events: tuple[domain.Event, ...]


def dossiers_for_period(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    only: Any = None,
    counter: str | None = None,
) -> list[ReportDossier]:
    """Every dossier received before ``end`` that was not finished before ``start`` (so it may be
    received, carried over, resolved, refused, stopped or open in the period), and every dossier
    rated in the period; with their events. ``only``: a subquery of the dossier ids to consider
    (e.g. those whose figures need their history); ``counter``: one workstation's dossiers."""
    rated = select(t.Event.dossier_id).where(
        t.Event.type == domain.EventType.RATED, t.Event.at >= start, t.Event.at < end
    )
    query = (
        select(t.Dossier, t.Procedure.field)
        .outerjoin(t.Procedure, t.Procedure.code == t.Dossier.procedure_code)
        .where(
            or_(
                (t.Dossier.received_at < end)
                & or_(t.Dossier.finished_at.is_(None), t.Dossier.finished_at >= start),
                t.Dossier.id.in_(rated),
            )
        )
        .order_by(t.Dossier.received_at, t.Dossier.code)
    )
    if only is not None:
        query = query.where(t.Dossier.id.in_(only))
    if counter is not None:
        query = query.where(t.Dossier.workstation_id == counter)
    rows = list(session.execute(query))
    events = _events_of(session, [row.id for row, _ in rows])
    return [
        ReportDossier(
            id=row.id,
            code=row.code,
            channel=row.channel,
            procedure_code=row.procedure_code,
            procedure_name=row.procedure_name,
            field=field or "",
            officer=row.receiver,
            counter=row.workstation_id,
            events=tuple(events[row.id]),
        )
        for row, field in rows
    ]


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _events_of(session: Session, ids: list[str]) -> dict[str, list[domain.Event]]:
    # Plain rows, not mapped objects: a year's report may read tens of thousands of events.
    found: dict[str, list[domain.Event]] = defaultdict(list)
    e = t.Event
    columns = (e.id, e.dossier_id, e.type, e.at, e.actor, e.workstation_id, e.payload)
    for chunk in _chunks(ids):
        query = select(*columns).where(e.dossier_id.in_(chunk)).order_by(e.at, e.id)
        for row in session.execute(query):
            found[row.dossier_id].append(
                domain.Event(
                    id=row.id,
                    dossier_id=row.dossier_id,
                    type=row.type,
                    at=row.at,
                    actor=row.actor,
                    workstation=row.workstation_id,
                    payload=row.payload,
                )
            )
    return found
