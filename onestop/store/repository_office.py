"""Queries and writes on the office's own tables besides settings and procedures: the calendar's
overrides (announced days off, make-up working days), and how much work a store has recorded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.domain.calendar import Override
from onestop.store import tables as t

# --- the calendar's overrides -----------------------------------------------------------------


def calendar_overrides(session: Session) -> list[Override]:
    """Every override in the store, as the domain's calendar takes them."""
    rows = session.scalars(select(t.CalendarOverride))
    return [Override(day=date.fromisoformat(r.day), kind=r.kind, name=r.name) for r in rows]


def put_calendar_override(
    session: Session, day: date, kind: str, name: str, now: datetime, source: str = "local"
) -> None:
    """Insert or replace the override of ``day``; the caller commits."""
    session.merge(
        t.CalendarOverride(day=day.isoformat(), kind=kind, name=name, source=source, updated_at=now)
    )


def delete_calendar_override(session: Session, day: date) -> bool:
    """Remove the override of ``day``; False when there was none. The caller commits."""
    row = session.get(t.CalendarOverride, day.isoformat())
    if row is None:
        return False
    session.delete(row)
    return True


# --- recorded work ----------------------------------------------------------------------------


def row_counts(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Rows of each named table that has any (tables absent from the schema left out)."""
    from onestop.store.all_tables import metadata

    found: dict[str, int] = {}
    for name in names:
        table = metadata.tables.get(name)
        if table is None:
            continue
        count = session.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            found[name] = count
    return found
