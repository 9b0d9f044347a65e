"""Reading the history whole for the hash chain's check (``onestop verify``): every event of a
store, or of one agency at the centre, and the events this workstation has sent."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from onestop.store import tables as t
from onestop.store.tables_sync import SyncPushed

_EVENTS = t.Event.__table__
_DOSSIERS = t.Dossier.__table__


def event_rows(conn: Connection, agency: str | None = None) -> list[dict[str, Any]]:
    """Every event row as a dict of its columns; with ``agency``, only the events of that
    agency's dossiers (a central database holds every agency's)."""
    query = select(_EVENTS)
    if agency is not None:
        query = query.join(_DOSSIERS, _DOSSIERS.c.id == _EVENTS.c.dossier_id).where(
            _DOSSIERS.c.agency_code == agency
        )
    return [dict(r) for r in conn.execute(query).mappings()]


def sent_event_ids(session: Session) -> list[str]:
    """The events this workstation marked as sent to the centre."""
    return list(session.scalars(select(SyncPushed.event_id)))
