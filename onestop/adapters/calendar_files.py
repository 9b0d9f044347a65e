"""Calendar files: the overrides shipped in resources/calendar/vn.json (or an office's file of
the same shape) read into the domain's working calendar."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from onestop.domain.calendar import Override, WorkingCalendar, parse_overrides
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.office_hours import DEFAULT_HOURS, OfficeHours
from onestop.resources import resource


def load_overrides(path: str | Path) -> list[Override]:
    """Reads a calendar file ``{"version": 1, "overrides": [{"date", "kind", "name"}, ...]}``;
    see onestop.domain.calendar.parse_overrides for what a bad entry raises."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            str(path), msg("calendar_file.unreadable", error=str(exc.strerror or exc))
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), msg("calendar_file.json", error=str(exc))) from exc
    return parse_overrides(data, str(path))


def announced_through(path: str | Path) -> int | None:
    """The file's ``announced_through``: the last year whose holiday announcement it (with the
    holidays package) records; later years are estimated. None when the file does not say."""
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8")).get("announced_through")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def default_calendar(
    hours: OfficeHours | None = None, extra: Iterable[Override] = ()
) -> WorkingCalendar:
    """holidays.VN + the overrides shipped in resources/calendar/vn.json + ``extra``
    (the office's and the central database's overrides win over the file; later ones win).
    Holidays of the years after the file's ``announced_through`` are marked estimated."""
    path = resource("calendar", "vn.json")
    shipped = load_overrides(path)
    return WorkingCalendar(
        hours or DEFAULT_HOURS, [*shipped, *extra], announced_through=announced_through(path)
    )
