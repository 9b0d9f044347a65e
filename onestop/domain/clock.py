"""Time as the office counts it: Vietnam's time zone, ISO 8601 parsing, and the span a recorded
time must fall in (not the future, not before the office's back-entry window)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Workstation clocks drift; a minute of tolerance keeps "now" from another machine acceptable.
FUTURE_TOLERANCE = timedelta(minutes=1)

# Back-entry (paper records of an outage typed in afterwards) reaches this many calendar days
# back by default; an office entering a long outage or migrating its history widens it, up to
# about a century (a mistyped year, 0001 or 1926, is refused either way).
DEFAULT_BACK_ENTRY_DAYS = 30
MAX_BACK_ENTRY_DAYS = 36_600


def now() -> datetime:
    return datetime.now(VN_TZ)


def parse_time(value: str, field: str) -> datetime:
    """ISO 8601 with or without offset; without one, Vietnam's local time is meant."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(field, msg("time.iso", value=value)) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VN_TZ)
    try:
        return parsed.astimezone(VN_TZ)
    except OverflowError:  # 0001-01-01T00:00+14:00 has no Vietnamese time
        raise InputError(field, msg("time.out_of_range", value=value)) from None


def not_in_future(at: datetime, field: str, clock: Callable[[], datetime] = now) -> datetime:
    if at > clock() + FUTURE_TOLERANCE:
        raise InputError(field, msg("time.future"))
    return at


def check_back_entry_days(value: object, field: str = "back_entry_days") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, msg("back_entry.whole"))
    if not 0 <= value <= MAX_BACK_ENTRY_DAYS:
        raise InputError(field, msg("back_entry.range", limit=MAX_BACK_ENTRY_DAYS))
    return value


def earliest_back_entry(current: datetime, back_entry_days: int) -> datetime:
    """The first moment a recorded time may name: midnight, ``back_entry_days`` calendar days
    before today (whole days, so a paper page of that day is entered whole)."""
    first_day = current.astimezone(VN_TZ).date() - timedelta(days=back_entry_days)
    return datetime.combine(first_day, time(0, 0), tzinfo=VN_TZ)


def recorded_time(
    at: datetime,
    field: str,
    clock: Callable[[], datetime] = now,
    back_entry_days: int = DEFAULT_BACK_ENTRY_DAYS,
) -> datetime:
    """The one check of a time something is recorded at: not in the future, and not before the
    back-entry window. Returns it in Vietnam's time."""
    current = clock()
    try:
        at = at.astimezone(VN_TZ)
    except OverflowError:
        raise InputError(field, msg("time.recorded_out_of_range")) from None
    not_in_future(at, field, lambda: current)
    earliest = earliest_back_entry(current, back_entry_days)
    if at < earliest:
        raise InputError(
            field,
            msg("back_entry.too_early", days=back_entry_days, earliest=earliest, at=at),
        )
    return at
