"""Draws the next dossier number for this workstation: the one place the code scheme is applied."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from onestop.domain.errors import InputError
from onestop.store import repository as repo
from onestop.sync import leases

from .context import OfficeSettings


def next_code(session: Session, settings: OfficeSettings, day: date) -> str:
    """The next code of the agency's daily series: from a block leased by the central database
    while this workstation holds one for the day (band 0), else from its own band (see
    onestop.domain.codes). Runs inside the caller's write transaction, so a number is taken
    exactly when the dossier that carries it commits."""
    scheme = settings.code_scheme
    leased = leases.draw(session, scheme.agency, day, scheme.width)
    if leased is not None:
        return scheme.format(day, leased)
    band = scheme.band(settings.workstation_number)
    number = repo.next_number(session, scheme.counter_key(day, band.start), band.start)
    if number not in band:
        raise InputError(
            "code",
            "Máy trạm đã dùng hết dải số hồ sơ của ngày hôm nay; hãy đồng bộ với máy chủ "
            "trung tâm để nhận thêm số",
        )
    return scheme.format(day, number)
