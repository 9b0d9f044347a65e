"""Vietnamese wording of dates, times and counts as the administrative forms print them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def nfc(text: str | None) -> str:
    """Input methods deliver NFC or NFD; the PDF must carry one form so text search finds it."""
    return unicodedata.normalize("NFC", text or "")


def para(text: str | None) -> str:
    """NFC text made safe for a reportlab Paragraph (which parses a small XML dialect)."""
    return escape(nfc(text))


def local(dt: datetime) -> datetime:
    """Aware datetimes print in Vietnam time; naive ones are taken as already local."""
    return dt.astimezone(VN_TZ) if dt.tzinfo is not None else dt


def _day(d: date) -> str:
    # Decree 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero,
    # so that nobody can turn "1" into "11" or "12" by hand.
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def vn_date(d: date | datetime) -> str:
    """'ngày 16 tháng 11 năm 2026'."""
    if isinstance(d, datetime):
        d = local(d).date()
    return _day(d)


def vn_time(dt: datetime) -> str:
    """'09 giờ 05 phút, ngày 16 tháng 11 năm 2026'."""
    dt = local(dt)
    return f"{dt.hour:02d} giờ {dt.minute:02d} phút, {_day(dt.date())}"


def place_date(place: str, d: date | datetime) -> str:
    """'Long Xuyên, ngày 16 tháng 11 năm 2026' (the line under the national motto)."""
    return f"{nfc(place)}, {vn_date(d)}"


def short_datetime(dt: datetime | None) -> str:
    """'09:05 16/11/2026' for narrow table cells."""
    if dt is None:
        return ""
    dt = local(dt)
    return f"{dt:%H:%M %d/%m/%Y}"


def short_date(d: date | datetime | None) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = local(d).date()
    return f"{d:%d/%m/%Y}"


def two_digits(n: int) -> str:
    """Counts on the forms are written '01', '02' ... (as the printed templates do)."""
    return f"{n:02d}"
