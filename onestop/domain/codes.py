"""Dossier codes (mã hồ sơ): the configurable pattern and the number bands that keep them unique.

The scheme (see README, "Dossier codes"): an agency's daily number space 1 .. 10**width - 1 is
cut into ten equal bands. Band 0 is handed out by the central database in leased blocks (sync
issue); band k (1..9) belongs to workstation number k alone, for use whenever it holds no
lease, offline included. Every workstation of an agency has a distinct number, so two
workstations can never issue the same code, even without ever talking to each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

DEFAULT_PATTERN = "{agency}-{date:%y%m%d}-{number:0{width}d}"
BANDS = 10
MAX_WORKSTATIONS = BANDS - 1

# Agency identifiers of QCVN 102 look like 000.00.19.H01; deployed systems also use shorter
# forms (G09.20), so only the character set is enforced.
_AGENCY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.]{0,30}$")


@dataclass(frozen=True)
class CodeScheme:
    agency: str
    pattern: str = DEFAULT_PATTERN
    width: int = 4

    def __post_init__(self) -> None:
        if not _AGENCY_RE.match(self.agency):
            raise InputError("agency_code", msg("code.agency"))
        if not 3 <= self.width <= 9:
            raise InputError("code_width", msg("code.width"))
        try:
            self.format(date(2026, 1, 1), 1)
            series = self.series(date(2026, 1, 1))
        except (KeyError, ValueError, IndexError, AttributeError, TypeError) as exc:
            raise InputError("code_pattern", msg("code.pattern", error=str(exc))) from exc
        if (
            self.format(date(2026, 1, 1), 1) == self.format(date(2026, 1, 1), 2)
            or "#" not in series
        ):
            raise InputError("code_pattern", msg("code.pattern_number"))

    @property
    def band_size(self) -> int:
        return 10**self.width // BANDS

    def band(self, workstation_number: int) -> range:
        """The numbers reserved for one workstation (1..9); band 0 is the central lease pool."""
        if not 0 <= workstation_number <= MAX_WORKSTATIONS:
            raise InputError("workstation", msg("code.workstation", limit=MAX_WORKSTATIONS))
        start = workstation_number * self.band_size
        # Number 0 is never issued: people read 0000 as "no number".
        return range(max(start, 1), start + self.band_size)

    def format(self, day: date, number: int) -> str:
        if not 0 < number < 10**self.width:
            raise InputError("number", msg("code.number_overflow"))
        return self.pattern.format(agency=self.agency, date=day, number=number, width=self.width)

    def series(self, day: date) -> str:
        """The code of ``day`` with its number left out: the days whose codes print the same
        (1926 and 2026 under ``%y``, every year under a pattern without the year) share one
        series, so they must share one counter."""
        return self.pattern.format(agency=self.agency, date=day, number=_SLOT, width=self.width)

    def counter_key(self, day: date, band_start: int) -> str:
        # Keyed by what is printed, not by the calendar day: a back-dated day whose code looks
        # like today's draws from today's counter and can never repeat one of its numbers.
        return f"code:{self.series(day)}:{band_start}"


class _Slot:
    """Stands in for the number when a pattern is formatted into its series."""

    def __format__(self, spec: str) -> str:
        return "#"

    def __str__(self) -> str:
        return "#"

    __repr__ = __str__


_SLOT = _Slot()
