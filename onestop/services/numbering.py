"""Draws the next dossier number (and the next pickup reference) for this workstation: the one
place the code scheme and the reference rule are applied."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from onestop.domain import postal as postal_rules
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.store import leases
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo

from .context import OfficeSettings


def next_code(session: Session, settings: OfficeSettings, day: date) -> str:
    """The next code of the agency's daily series: from a block leased by the central database
    while this workstation holds one for the day (band 0), else from its own band (see
    onestop.domain.codes). Runs inside the caller's write transaction, so a number is taken
    exactly when the dossier that carries it commits. A code already in the store (a counter
    restored from an older copy, a lease for a day whose codes print like another's) is never
    handed out again: its number is passed over."""
    scheme = settings.code_scheme
    band = scheme.band(settings.workstation_number)
    while True:
        leased = leases.draw(session, scheme.agency, day, scheme.width)
        if leased is not None:
            code = scheme.format(day, leased)
        else:
            number = repo.next_number(session, scheme.counter_key(day, band.start), band.start)
            if number not in band:
                raise InputError("code", msg("code.used_up"))
            code = scheme.format(day, number)
        if not repo.code_taken(session, code):
            return code


def next_pickup_reference(session: Session, settings: OfficeSettings) -> str:
    """The next home pickup reference of this workstation ("TG-1012"), drawn like a dossier
    number from its own series (onestop.domain.postal.pickup_reference) inside the caller's
    write transaction; a reference already in the store (a counter restored from an older copy)
    is passed over."""
    number = settings.workstation_number
    key = postal_rules.pickup_counter_key(settings.agency_code, number)
    while True:
        reference = postal_rules.pickup_reference(number, repo.next_number(session, key, 1))
        if not prepo.pickup_reference_taken(session, reference):
            return reference
