"""Working calendar and due dates: known holidays, swaps, cut-off and hour counting, by example."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from onestop.adapters.calendar_files import default_calendar, load_overrides
from onestop.domain.calendar import (
    VN_TZ,
    OfficeHours,
    Override,
    WorkingCalendar,
)
from onestop.domain.errors import InputError
from onestop.resources import resource

CAL = default_calendar()


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


# (received_at, days, hours, expected due_at). Naive receipts are VN wall-clock time.
# Every expectation is worked out by hand from DOMAIN.md/DESIGN.md and the announced 2025/2026
# schedules; comments give the reasoning. Default office: 07:30-11:30, 13:30-17:00 (7.5 h/day),
# Monday-Friday, cut-off 15:00.
CASES = [
    # --- Tết 2026: off Mon 16 - Fri 20 Feb, weekends 14-15 and 21-22 Feb
    ("tet26-1d-before", datetime(2026, 2, 13, 9, 0), 1, None, vn(2026, 2, 23, 17, 0)),
    ("tet26-after-cutoff", datetime(2026, 2, 13, 16, 0), 3, None, vn(2026, 2, 26, 17, 0)),
    ("tet26-received-on-tet", datetime(2026, 2, 18, 10, 0), 0, None, vn(2026, 2, 23, 17, 0)),
    ("tet26-5d-across", datetime(2026, 2, 12, 10, 0), 5, None, vn(2026, 2, 26, 17, 0)),
    ("tet26-hours-weekend", datetime(2026, 2, 14, 10, 0), None, 2, vn(2026, 2, 23, 9, 30)),
    # Fri 13 Feb 14:00-17:00 is 3 h; the last hour is Mon 23 Feb 07:30-08:30.
    ("tet26-hours-across", datetime(2026, 2, 13, 14, 0), None, 4, vn(2026, 2, 23, 8, 30)),
    # --- Tết 2025: off Mon 27 - Fri 31 Jan
    ("tet25", datetime(2025, 1, 24, 10, 0), 1, None, vn(2025, 2, 3, 17, 0)),
    # --- Tết 2027 (package estimate): off Thu 4, Fri 5, Mon 8 - Wed 10 Feb
    ("tet27", datetime(2027, 2, 1, 10, 0), 3, None, vn(2027, 2, 11, 17, 0)),
    # --- Tết 2030 is Sat 2 Feb in Vietnam (3 Feb in China): off Thu 31 Jan, Fri 1, Mon 4 -
    # Wed 6 Feb. With the Chinese date the Saturday eve would pull Fri 1 Feb only, and
    # Thu 31 Jan would be worked.
    ("tet30-vietnamese-date", datetime(2030, 1, 30, 10, 0), 1, None, vn(2030, 2, 7, 17, 0)),
    # --- Tết 2035 on Thu 8 Feb: mùng 3 (Sat) pulls Tue 6, mùng 4 (Sun) pushes Mon 12
    ("tet35", datetime(2035, 2, 5, 10, 0), 1, None, vn(2035, 2, 13, 17, 0)),
    # --- Tết 2040 on Sun 12 Feb: eve (Sat) pulls Fri 10; Tết pushes to Thu 16 after mùng 2-4
    ("tet40", datetime(2040, 2, 9, 10, 0), 1, None, vn(2040, 2, 17, 17, 0)),
    # --- New Year 2040 on Sunday: Mon 2 Jan off instead (across the year end)
    ("new-year-40-on-sunday", datetime(2039, 12, 30, 10, 0), 1, None, vn(2040, 1, 3, 17, 0)),
    # --- New Year 2026: Thu 1 and Fri 2 Jan off, made up on Sat 10 Jan
    ("ny26", datetime(2025, 12, 31, 10, 0), 1, None, vn(2026, 1, 5, 17, 0)),
    ("ny26-after-cutoff", datetime(2025, 12, 31, 16, 0), 2, None, vn(2026, 1, 7, 17, 0)),
    # 5 Jan (1) ... 9 Jan (5), Sat 10 Jan (6) is worked.
    ("ny26-makeup-sat", datetime(2025, 12, 31, 10, 0), 6, None, vn(2026, 1, 10, 17, 0)),
    ("makeup-sat-10jan", datetime(2026, 1, 9, 10, 0), 1, None, vn(2026, 1, 10, 17, 0)),
    ("makeup-sat-hours", datetime(2026, 1, 9, 16, 0), None, 1, vn(2026, 1, 10, 8, 30)),
    # --- Hùng Kings 2026 on Sun 26 Apr: Mon 27 Apr off; then 30/4 (Thu) and 1/5 (Fri)
    ("hung26", datetime(2026, 4, 24, 10, 0), 1, None, vn(2026, 4, 28, 17, 0)),
    ("hung26-2d", datetime(2026, 4, 24, 10, 0), 2, None, vn(2026, 4, 29, 17, 0)),
    ("hung26-then-30-4", datetime(2026, 4, 24, 10, 0), 3, None, vn(2026, 5, 4, 17, 0)),
    ("received-on-hung-sunday", datetime(2026, 4, 26, 9, 0), 0, None, vn(2026, 4, 28, 17, 0)),
    # --- 30/4-1/5 2025: Wed 30 Apr, Thu 1 and Fri 2 May off, made up on Sat 26 Apr
    ("30-4-2025", datetime(2025, 4, 29, 14, 0), 1, None, vn(2025, 5, 5, 17, 0)),
    ("makeup-sat-26apr", datetime(2025, 4, 25, 10, 0), 1, None, vn(2025, 4, 26, 17, 0)),
    ("received-makeup-sat", datetime(2025, 4, 26, 10, 0), 0, None, vn(2025, 4, 26, 17, 0)),
    # After the cut-off on the make-up Saturday: day 0 is Mon 28 Apr.
    ("makeup-sat-late", datetime(2025, 4, 26, 15, 30), 1, None, vn(2025, 4, 29, 17, 0)),
    # --- 1/5/2027 on a Saturday: Mon 3 May off
    ("labour-day-27-saturday", datetime(2027, 4, 29, 10, 0), 1, None, vn(2027, 5, 4, 17, 0)),
    # --- National Day 2025: Mon 1 and Tue 2 Sep
    ("national-day-25", datetime(2025, 8, 29, 11, 0), 1, None, vn(2025, 9, 3, 17, 0)),
    # --- National Day 2026: Mon 31 Aug (swapped with Sat 22 Aug), Tue 1, Wed 2 Sep
    ("national-day-26", datetime(2026, 8, 28, 10, 0), 1, None, vn(2026, 9, 3, 17, 0)),
    ("makeup-sat-22aug", datetime(2026, 8, 21, 10, 0), 1, None, vn(2026, 8, 22, 17, 0)),
    # --- National Day 2027: Thu 2 and Fri 3 Sep
    ("national-day-27", datetime(2027, 9, 1, 10, 0), 1, None, vn(2027, 9, 6, 17, 0)),
    # --- Vietnam Culture Day, 24 Nov, since 2026
    ("culture-day-26", datetime(2026, 11, 23, 10, 0), 1, None, vn(2026, 11, 25, 17, 0)),
    ("received-culture-day", datetime(2026, 11, 24, 8, 0), 0, None, vn(2026, 11, 25, 17, 0)),
    ("culture-day-27", datetime(2027, 11, 23, 9, 0), 1, None, vn(2027, 11, 25, 17, 0)),
    # --- Weekend and night receipts
    ("saturday", datetime(2026, 3, 7, 10, 0), 2, None, vn(2026, 3, 11, 17, 0)),
    ("sunday-night", datetime(2026, 3, 8, 23, 0), 0, None, vn(2026, 3, 9, 17, 0)),
    ("night-before-opening", datetime(2026, 3, 10, 2, 0), 1, None, vn(2026, 3, 11, 17, 0)),
    ("evening-after-closing", datetime(2026, 3, 9, 22, 0), 1, None, vn(2026, 3, 11, 17, 0)),
    # --- The 15:00 cut-off
    ("cutoff-14:59", datetime(2026, 3, 9, 14, 59), 1, None, vn(2026, 3, 10, 17, 0)),
    # "After 15:00": a receipt at 15:00 sharp counts the same day (issue 14, item 10).
    ("cutoff-exactly-15:00", datetime(2026, 3, 9, 15, 0), 1, None, vn(2026, 3, 10, 17, 0)),
    ("cutoff-15:00:01", datetime(2026, 3, 9, 15, 0, 1), 1, None, vn(2026, 3, 11, 17, 0)),
    ("cutoff-15:01", datetime(2026, 3, 9, 15, 1), 1, None, vn(2026, 3, 11, 17, 0)),
    ("same-day-14:59:59", datetime(2026, 3, 9, 14, 59, 59), 0, None, vn(2026, 3, 9, 17, 0)),
    ("same-day-at-15:00", datetime(2026, 3, 9, 15, 0), 0, None, vn(2026, 3, 9, 17, 0)),
    # Mar 3-6 (4), 9-13 (9), 16-20 (14), Mon 23 (15).
    ("15-days", datetime(2026, 3, 2, 9, 0), 15, None, vn(2026, 3, 23, 17, 0)),
    # --- Hours (07:30-11:30 + 13:30-17:00)
    # 10:00-11:30 is 1.5 h, the other 2.5 h run from 13:30.
    ("4h-from-10:00", datetime(2026, 3, 9, 10, 0), None, 4, vn(2026, 3, 9, 16, 0)),
    # After the cut-off: from Tue 07:30; Tue gives 7.5 h, the last half hour is Wed morning.
    ("8h-from-16:00", datetime(2026, 3, 9, 16, 0), None, 8, vn(2026, 3, 11, 8, 0)),
    ("full-day-ends-17:00", datetime(2026, 3, 9, 7, 30), None, 7.5, vn(2026, 3, 9, 17, 0)),
    ("ends-at-11:30-stays", datetime(2026, 3, 9, 8, 0), None, 3.5, vn(2026, 3, 9, 11, 30)),
    ("two-days-ends-17:00", datetime(2026, 3, 9, 7, 30), None, 15, vn(2026, 3, 10, 17, 0)),
    ("three-days-ends-17:00", datetime(2026, 3, 9, 7, 30), None, 22.5, vn(2026, 3, 11, 17, 0)),
    ("lunch-break-start", datetime(2026, 3, 9, 12, 0), None, 1, vn(2026, 3, 9, 14, 30)),
    ("before-opening", datetime(2026, 3, 9, 6, 0), None, 2, vn(2026, 3, 9, 9, 30)),
    ("spills-to-next-day", datetime(2026, 3, 9, 14, 30), None, 3, vn(2026, 3, 10, 8, 0)),
    ("hours-at-cutoff", datetime(2026, 3, 9, 15, 0), None, 1, vn(2026, 3, 9, 16, 0)),
    ("hours-after-cutoff", datetime(2026, 3, 9, 15, 0, 1), None, 1, vn(2026, 3, 10, 8, 30)),
    ("quarter-hour", datetime(2026, 3, 9, 10, 0), None, 0.25, vn(2026, 3, 9, 10, 15)),
    ("zero-hours", datetime(2026, 3, 9, 10, 0), None, 0, vn(2026, 3, 9, 10, 0)),
    ("zero-hours-at-lunch", datetime(2026, 3, 9, 12, 0), None, 0, vn(2026, 3, 9, 13, 30)),
    # Mon after 10:00 gives 5 h; Tue-Fri 30 h; Mon 16 Mar: 4 h in the morning + 1 h.
    ("40h-a-week-later", datetime(2026, 3, 9, 10, 0), None, 40, vn(2026, 3, 16, 14, 30)),
    # 2026-04-29 14:00: 3 h that day; 30/4, 1/5, the weekend skipped; 2 h on Mon 4 May.
    ("hours-over-30-4", datetime(2026, 4, 29, 14, 0), None, 5, vn(2026, 5, 4, 9, 30)),
    # --- Aware receipts are converted to Vietnam time first
    ("utc-10:00-vn", datetime(2026, 3, 9, 3, 0, tzinfo=UTC), None, 4, vn(2026, 3, 9, 16, 0)),
    ("utc-after-cutoff", datetime(2026, 3, 9, 8, 30, tzinfo=UTC), 0, None, vn(2026, 3, 10, 17, 0)),
    # Sunday 20:00 UTC is Monday 03:00 in Vietnam: a working day, before the cut-off.
    ("utc-sunday-is-vn-monday", datetime(2026, 3, 8, 20, 0, tzinfo=UTC), 0, None,
     vn(2026, 3, 9, 17, 0)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("received_at", "days", "hours", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_due_date_table(
    received_at: datetime, days: int | None, hours: float | None, expected: datetime
) -> None:
    due = CAL.due(received_at, days=days, hours=hours)
    assert due.due_at == expected
    assert due.due_at.tzinfo is VN_TZ
    assert due.received_at.tzinfo is VN_TZ


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 45
    assert len({c[0] for c in CASES}) == len(CASES)


def test_package_knows_vietnamese_lunar_dates() -> None:
    # Tết 2030 falls on 2 Feb by the Vietnamese (UTC+7) calendar, 3 Feb by the Chinese one.
    assert CAL.day_off_reason(date(2030, 2, 2)) == "Tết Nguyên Đán"
    assert CAL.day_off_reason(date(2030, 2, 1)) == "Giao thừa Tết Nguyên Đán"
    assert CAL.day_off_reason(date(2026, 2, 17)) == "Tết Nguyên Đán"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2026, 3, 7), "Thứ Bảy"),
        (date(2026, 3, 8), "Chủ nhật"),
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 1, 2), "Ngày nghỉ Tết Dương lịch (thay cho ngày 10/01/2026)"),
        (date(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
        (date(2026, 3, 9), None),
        (date(2026, 1, 10), None),
        (date(2025, 4, 26), None),
    ],
)
def test_day_off_reason(day: date, reason: str | None) -> None:
    assert CAL.day_off_reason(day) == reason
    assert CAL.is_working_day(day) is (reason is None)


def test_explanation_lists_the_skipped_days() -> None:
    due = CAL.due(datetime(2026, 2, 13, 9, 0), days=1)
    assert due.day_zero == date(2026, 2, 13)
    assert not due.moved
    assert [d for d, _ in due.skipped] == [date(2026, 2, d) for d in range(14, 23)]
    assert due.skipped[0] == (date(2026, 2, 14), "Thứ Bảy")
    assert due.skipped[1] == (date(2026, 2, 15), "Chủ nhật")
    assert due.skipped[2] == (date(2026, 2, 16), "Giao thừa Tết Nguyên Đán")
    assert due.to_json() == {
        "due_at": "2026-02-23T17:00:00+07:00",
        "received_at": "2026-02-13T09:00:00+07:00",
        "day_zero": "2026-02-13",
        "moved": False,
        "days": 1,
        "hours": None,
        "skipped": [{"date": d.isoformat(), "reason": r} for d, r in due.skipped],
    }


def test_skipped_spans_the_year_end() -> None:
    due = CAL.due(datetime(2025, 12, 31, 10, 0), days=1)
    assert due.skipped == (
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 1, 2), "Ngày nghỉ Tết Dương lịch (thay cho ngày 10/01/2026)"),
        (date(2026, 1, 3), "Thứ Bảy"),
        (date(2026, 1, 4), "Chủ nhật"),
    )


def test_moved_receipt_reports_day_zero() -> None:
    due = CAL.due(datetime(2026, 3, 7, 10, 0), hours=1)
    assert (due.day_zero, due.moved) == (date(2026, 3, 9), True)
    assert due.to_json()["hours"] == 1.0
    assert CAL.day_zero(datetime(2026, 3, 9, 14, 0)) == (date(2026, 3, 9), False)
    # "After 15:00": 15:00 sharp is still the same day; one second later moves.
    assert CAL.day_zero(datetime(2026, 3, 9, 15, 0)) == (date(2026, 3, 9), False)
    assert CAL.day_zero(datetime(2026, 3, 9, 15, 0, 1)) == (date(2026, 3, 10), True)


def test_working_day_arithmetic() -> None:
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert CAL.next_working_day(date(2026, 1, 9)) == date(2026, 1, 10)
    assert CAL.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 14)
    assert CAL.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert CAL.add_working_days(date(2026, 1, 5), -2) == date(2025, 12, 30)
    assert CAL.add_working_days(date(2025, 12, 31), 300) > date(2027, 2, 1)
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert CAL.working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert CAL.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    # 2026 has 365 days, 104 weekend days, 14 weekday days off and 2 make-up Saturdays.
    assert CAL.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 249


YEAR_2026 = {
    "days_off": [
        {"date": "2026-01-01", "name": "Tết Dương lịch"},
        {"date": "2026-01-02", "name": "Ngày nghỉ Tết Dương lịch (thay cho ngày 10/01/2026)"},
        {"date": "2026-02-16", "name": "Giao thừa Tết Nguyên Đán"},
        {"date": "2026-02-17", "name": "Tết Nguyên Đán"},
        {"date": "2026-02-18", "name": "Mùng hai Tết Nguyên Đán"},
        {"date": "2026-02-19", "name": "Mùng ba Tết Nguyên Đán"},
        {"date": "2026-02-20", "name": "Mùng bốn Tết Nguyên Đán"},
        {"date": "2026-04-27", "name": "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"},
        {"date": "2026-04-30", "name": "Ngày Chiến thắng"},
        {"date": "2026-05-01", "name": "Ngày Quốc tế Lao động"},
        {"date": "2026-08-31", "name": "Ngày nghỉ (thay cho ngày 22/08/2026)"},
        {"date": "2026-09-01", "name": "Quốc khánh"},
        {"date": "2026-09-02", "name": "Quốc khánh"},
        {"date": "2026-11-24", "name": "Ngày Văn hóa Việt Nam"},
    ],
    "working_weekends": [
        {"date": "2026-01-10", "name": "Làm bù ngày 02/01/2026"},
        {"date": "2026-08-22", "name": "Làm bù ngày 31/08/2026"},
    ],
}


def test_year_2026() -> None:
    assert CAL.year(2026) == YEAR_2026


def test_year_2025_has_the_may_swap_from_the_package() -> None:
    year = CAL.year(2025)
    assert {"date": "2025-05-02", "name": "Ngày nghỉ (thay cho ngày 26/04/2025)"} in year[
        "days_off"
    ]
    assert year["working_weekends"] == [{"date": "2025-04-26", "name": "Làm bù ngày 02/05/2025"}]
    # Sat 1 Feb 2025 is a Tết day on a weekend: not an extra day off for a Mon-Fri office.
    assert "2025-02-01" not in {d["date"] for d in year["days_off"]}


# --- Custom offices

EIGHT_HOUR = OfficeHours(sessions=((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0))))
SATURDAY_MORNING = OfficeHours(
    weekdays=frozenset(range(6)),
    weekday_sessions=((5, ((time(7, 30), time(11, 30)),)),),
)


def test_eight_hour_office() -> None:
    cal = default_calendar(EIGHT_HOUR)
    # 10:00-11:30 is 1.5 h, the other 2.5 h from 13:00.
    assert cal.due(datetime(2026, 3, 9, 10, 0), hours=4).due_at == vn(2026, 3, 9, 15, 30)
    # Moved to Tue 07:30: 8 h is exactly Tuesday, and the due stays at 17:00.
    assert cal.due(datetime(2026, 3, 9, 16, 0), hours=8).due_at == vn(2026, 3, 10, 17, 0)
    assert cal.due(datetime(2026, 3, 9, 16, 0), hours=16).due_at == vn(2026, 3, 11, 17, 0)


def test_saturday_morning_office() -> None:
    cal = default_calendar(SATURDAY_MORNING)
    assert cal.is_working_day(date(2026, 3, 7))
    assert not cal.is_working_day(date(2026, 3, 8))
    # Friday after the cut-off: day 0 is Saturday, which closes at 11:30.
    assert cal.due(datetime(2026, 3, 6, 16, 0), days=0).due_at == vn(2026, 3, 7, 11, 30)
    assert cal.due(datetime(2026, 3, 13, 10, 0), days=1).due_at == vn(2026, 3, 14, 11, 30)
    # Saturday 11:00: half an hour left that morning, the other half on Monday.
    assert cal.due(datetime(2026, 3, 7, 11, 0), hours=1).due_at == vn(2026, 3, 9, 8, 0)
    # Saturday 12:00 is before 15:00 but after closing: the dossier moves to Monday.
    due = cal.due(datetime(2026, 3, 7, 12, 0), days=0)
    assert (due.due_at, due.moved) == (vn(2026, 3, 9, 17, 0), True)
    # A Saturday holiday is a day off for this office, and it is listed as one.
    assert cal.day_off_reason(date(2027, 5, 1)) == "Ngày Quốc tế Lao động"
    days_off_2027 = {d["date"] for d in cal.year(2027)["days_off"]}
    assert {"2027-05-01", "2027-05-03", "2027-02-06"} <= days_off_2027
    assert cal.year(2027)["working_weekends"] == []


def test_office_without_holidays() -> None:
    cal = WorkingCalendar(use_holidays=False)
    assert cal.is_working_day(date(2026, 1, 1))
    assert cal.year(2026) == {"days_off": [], "working_weekends": []}


def test_custom_weekdays_name_the_weekday() -> None:
    cal = WorkingCalendar(OfficeHours(weekdays=frozenset({1, 2, 3, 4, 5})), use_holidays=False)
    assert cal.day_off_reason(date(2026, 3, 9)) == "Thứ Hai"
    assert cal.is_working_day(date(2026, 3, 7))


# --- Overrides


def test_shipped_file_adds_what_the_package_lacks() -> None:
    shipped = load_overrides(resource("calendar", "vn.json"))
    assert {o.day for o in shipped} >= {date(2026, 1, 2), date(2026, 1, 10)}
    bare = WorkingCalendar()
    # Without the file the package alone misses the 2026 New Year swap.
    assert bare.is_working_day(date(2026, 1, 2))
    assert not bare.is_working_day(date(2026, 1, 10))


def test_office_overrides_win_and_duplicates_are_harmless() -> None:
    cal = default_calendar(
        extra=[
            Override(date(2026, 1, 10), "day_off", "Không làm bù tại xã"),
            Override(date(2026, 11, 24), "working_day", "Trực tiếp nhận hồ sơ"),
            Override(date(2026, 3, 9), "day_off", "Nghỉ A"),
            Override(date(2026, 3, 9), "day_off", "Nghỉ B"),  # later wins
            Override(date(2025, 4, 26), "working_day", "Làm bù ngày 02/05/2025"),
            Override(date(2025, 5, 2), "day_off", "Nghỉ thay ngày 26/04/2025"),
        ]
    )
    assert not cal.is_working_day(date(2026, 1, 10))
    assert cal.is_working_day(date(2026, 11, 24))
    assert cal.day_off_reason(date(2026, 3, 9)) == "Nghỉ B"
    assert cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))
    assert len(cal.year(2025)["days_off"]) == len(CAL.year(2025)["days_off"])
    assert cal.working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == (
        CAL.working_days_between(date(2024, 12, 31), date(2025, 12, 31))
    )


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_overrides_reads_a_good_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "version": 1,
            "overrides": [{"date": "2027-02-13", "kind": "working_day", "name": "Làm bù"}],
        },
    )
    assert load_overrides(path) == [Override(date(2027, 2, 13), "working_day", "Làm bù")]


@pytest.mark.parametrize(
    ("entry", "field", "in_message"),
    [
        ({"date": "2026-13-01", "kind": "day_off", "name": "x"}, "overrides[1].date", "2026-13-01"),
        ({"date": None, "kind": "day_off", "name": "x"}, "overrides[1].date", "None"),
        ({"date": "2026-05-04", "kind": "holiday", "name": "x"}, "overrides[1].kind", "2026-05-04"),
        ({"date": "2026-05-04", "kind": "day_off", "name": " "}, "overrides[1].name", "2026-05-04"),
        ({"date": "2026-01-10", "kind": "day_off", "name": "x"}, "overrides[1].date", "2026-01-10"),
        ("2026-05-04", "overrides[1]", "date, kind, name"),
    ],
)
def test_load_overrides_names_the_bad_line(
    tmp_path: Path, entry: object, field: str, in_message: str
) -> None:
    good = {"date": "2026-01-10", "kind": "working_day", "name": "Làm bù"}
    path = write(tmp_path, {"version": 1, "overrides": [good, entry]})
    with pytest.raises(InputError) as err:
        load_overrides(path)
    assert err.value.field == field
    assert in_message in err.value.message


def test_load_overrides_refuses_a_bad_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_overrides(write(tmp_path, {"version": 2, "overrides": []}))
    assert err.value.field == "version"
    with pytest.raises(InputError) as err:
        load_overrides(write(tmp_path, {"version": 1}))
    assert err.value.field == "overrides"
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        load_overrides(bad)
    with pytest.raises(InputError):
        load_overrides(tmp_path / "missing.json")


def test_override_validation() -> None:
    with pytest.raises(InputError) as err:
        Override(datetime(2026, 1, 1, 8, 0), "day_off", "x")
    assert err.value.field == "date"
    with pytest.raises(InputError) as err:
        Override(date(2026, 1, 1), "off", "x")  # type: ignore[arg-type]
    assert err.value.field == "kind"
    with pytest.raises(InputError) as err:
        Override(date(2026, 1, 1), "day_off", "")
    assert err.value.field == "name"


# --- Office hours settings


def test_office_hours_round_trip() -> None:
    data = {
        "sessions": [["07:00", "11:30"], ["13:00", "17:00"]],
        "weekdays": [0, 1, 2, 3, 4, 5],
        "cutoff": "16:00",
        "weekday_sessions": {"5": [["07:30", "11:30"]]},
    }
    hours = OfficeHours.from_dict(data)
    assert hours.sessions == ((time(7, 0), time(11, 30)), (time(13, 0), time(17, 0)))
    assert hours.cutoff == time(16, 0)
    assert hours.sessions_on(5) == ((time(7, 30), time(11, 30)),)
    assert hours.sessions_on(0) == hours.sessions
    assert hours.to_dict() == data
    assert OfficeHours.from_dict(OfficeHours().to_dict()) == OfficeHours()
    assert OfficeHours.from_dict({}) == OfficeHours()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"sessions": [["25:00", "26:00"]]}, "sessions"),
        ({"sessions": [["7h30", "11:30"]]}, "sessions"),
        ({"sessions": [["11:30", "07:30"]]}, "sessions"),
        ({"sessions": [["07:30", "11:30"], ["11:00", "17:00"]]}, "sessions"),
        ({"sessions": [["13:30", "17:00"], ["07:30", "11:30"]]}, "sessions"),
        ({"sessions": []}, "sessions"),
        ({"sessions": "07:30-11:30"}, "sessions"),
        ({"sessions": [["07:30"]]}, "sessions"),
        ({"weekdays": [0, 7]}, "weekdays"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": "01234"}, "weekdays"),
        ({"cutoff": "3pm"}, "cutoff"),
        ({"cutoff": None}, "cutoff"),
        ({"weekday_sessions": {"8": [["07:30", "11:30"]]}}, "weekday_sessions"),
        ({"weekday_sessions": [["07:30", "11:30"]]}, "weekday_sessions"),
        ({"lunch": "12:00"}, "lunch"),
    ],
)
def test_office_hours_validation(data: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        OfficeHours.from_dict(data)
    assert err.value.field == field
    assert err.value.message  # a Vietnamese sentence for the settings form


def test_office_hours_validated_when_built_directly() -> None:
    with pytest.raises(InputError):
        OfficeHours(sessions=((time(17, 0), time(7, 30)),))
    with pytest.raises(InputError):
        OfficeHours(weekdays=frozenset())


# --- Refused due-date requests


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "days"),
        ({"days": 1, "hours": 2}, "days"),
        ({"days": -1}, "days"),
        ({"days": 1.5}, "days"),
        ({"days": True}, "days"),
        ({"hours": -0.5}, "hours"),
        ({"hours": math.nan}, "hours"),
        ({"hours": math.inf}, "hours"),
        ({"hours": "4"}, "hours"),
    ],
)
def test_due_refuses_bad_durations(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        CAL.due(datetime(2026, 3, 9, 10, 0), **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


def test_due_refuses_a_date_without_time() -> None:
    with pytest.raises(InputError) as err:
        CAL.due(date(2026, 3, 9), days=1)  # type: ignore[arg-type]
    assert err.value.field == "received_at"
