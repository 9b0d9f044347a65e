"""The store's side of the counter desk's helps: how often this workstation received each
procedure lately (the procedure finder's ranking), and the open dossiers that look like the one
being received (the duplicate warning)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.domain import dossier as domain
from onestop.store import tables as t

_FINAL = tuple(s.value for s in domain.FINAL_STATUSES)


def procedure_use(session: Session, workstation_id: str, since_day: str) -> dict[str, int]:
    """Dossiers received at ``workstation_id`` from day ``since_day`` (YYYY-MM-DD) on, counted
    by procedure code."""
    query = (
        select(t.Dossier.procedure_code, func.count())
        .where(t.Dossier.workstation_id == workstation_id, t.Dossier.received_day >= since_day)
        .group_by(t.Dossier.procedure_code)
    )
    return {code: int(n) for code, n in session.execute(query)}


def open_dossiers_of(
    session: Session, id_number: str, procedure_code: str, limit: int = 5
) -> list[tuple[str, str]]:
    """Open dossiers (not yet finished) of the same ID number and procedure, as (code, status),
    most recent first."""
    query = (
        select(t.Dossier.code, t.Dossier.status)
        .where(
            t.Dossier.id_number == id_number,
            t.Dossier.procedure_code == procedure_code,
            t.Dossier.status.not_in(_FINAL),
        )
        .order_by(t.Dossier.received_at.desc(), t.Dossier.code.desc())
        .limit(limit)
    )
    return [(code, status) for code, status in session.execute(query)]
