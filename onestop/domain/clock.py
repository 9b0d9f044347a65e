"""Time as the office counts it: Vietnam's time zone, ISO 8601 parsing, and refusing the future."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from onestop.domain.errors import InputError

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Workstation clocks drift; a minute of tolerance keeps "now" from another machine acceptable.
FUTURE_TOLERANCE = timedelta(minutes=1)


def now() -> datetime:
    return datetime.now(VN_TZ)


def parse_time(value: str, field: str) -> datetime:
    """ISO 8601 with or without offset; without one, Vietnam's local time is meant."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            field, f"Thời gian '{value}' không đúng dạng ISO 8601 (ví dụ 2026-11-16T09:05)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VN_TZ)
    try:
        return parsed.astimezone(VN_TZ)
    except OverflowError:  # 0001-01-01T00:00+14:00 lies before the first representable instant
        raise InputError(field, f"Thời gian '{value}' nằm ngoài khoảng cho phép") from None


def not_in_future(at: datetime, field: str, clock: Callable[[], datetime] = now) -> datetime:
    if at > clock() + FUTURE_TOLERANCE:
        raise InputError(field, "Không được ghi nhận thời điểm ở tương lai")
    return at
