"""Drawing a dossier number from a block leased by the central database (band 0 of the code
scheme; sync stores the blocks), inside the receiving transaction; onestop.services.numbering
falls back to the workstation's own band when no leased number is left."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session


def draw(session: Session, agency: str, day: date, width: int) -> int | None:
    """The next unused leased number for the agency and day, or None. One statement picks the
    lowest lease with numbers left and takes one, under the caller's write lock, so a number is
    never handed out twice; a rolled-back receipt gives it back with the rest of its transaction."""
    return session.execute(
        text(
            "UPDATE sync_leases SET used = used + 1 WHERE id = ("
            "SELECT id FROM sync_leases WHERE agency_code = :agency AND day = :day "
            "AND width = :width AND used < last - first + 1 ORDER BY first LIMIT 1) "
            "RETURNING first + used - 1"
        ),
        {"agency": agency, "day": day.isoformat(), "width": width},
    ).scalar()
