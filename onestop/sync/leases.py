"""Drawing a dossier number from a block leased by the central database (band 0 of the code
scheme), inside the receiving transaction; onestop.services.numbering falls back to the
workstation's own band when no leased number is left."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.store import tables_sync as ts


def draw(session: Session, agency: str, day: date, width: int) -> int | None:
    """The next unused leased number for the agency and day, or None. The caller holds the
    store's write lock, so the read-then-increment cannot hand a number out twice; a rolled-back
    receipt gives its number back with the rest of its transaction."""
    lease = ts.SyncLease
    row = session.scalars(
        select(lease)
        .where(
            lease.agency_code == agency,
            lease.day == day.isoformat(),
            lease.width == width,
            lease.used < lease.last - lease.first + 1,
        )
        .order_by(lease.first)
        .limit(1)
        .with_for_update()
    ).first()
    if row is None:
        return None
    number = row.first + row.used
    row.used += 1
    session.flush()
    return number
