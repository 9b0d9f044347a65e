"""Issue 14, item 11: holidays of years whose announcement is not recorded are the holidays
package's projection, and a due date that passes over one says so."""

from __future__ import annotations

from datetime import date, datetime

from onestop.adapters.calendar_files import default_calendar
from onestop.domain.calendar import WorkingCalendar
from onestop.domain.clock import VN_TZ

CAL = WorkingCalendar(announced_through=2026)


def test_the_shipped_calendar_records_2026_and_projects_2027() -> None:
    shipped = default_calendar()
    assert shipped.announced_through == 2026
    assert shipped.estimated_days(2026) == frozenset()
    guessed = shipped.estimated_days(2027)
    # Tết 2027 (the package's 29th of the last month to the fifth day) and 2 Sep.
    assert date(2027, 2, 8) in guessed and date(2027, 9, 2) in guessed
    assert date(2027, 2, 15) not in guessed  # an ordinary Monday


def test_a_due_date_over_a_projected_holiday_is_estimated() -> None:
    # Thu 28 Jan 2027 + 10 working days runs over Tết 2027.
    due = CAL.due(datetime(2027, 1, 28, 9, 0, tzinfo=VN_TZ), days=10)
    assert due.estimated and due.to_json()["estimated"] is True
    # Over no holiday at all: not estimated, even in 2027.
    plain = CAL.due(datetime(2027, 3, 1, 9, 0, tzinfo=VN_TZ), days=3)
    assert not plain.estimated and "estimated" not in plain.to_json()
    # Over Tết 2026, announced: not estimated.
    assert not CAL.due(datetime(2026, 2, 10, 9, 0, tzinfo=VN_TZ), days=10).estimated


def test_without_a_recorded_announcement_year_nothing_is_estimated() -> None:
    cal = WorkingCalendar()
    assert not cal.due(datetime(2027, 1, 28, 9, 0, tzinfo=VN_TZ), days=10).estimated
    assert cal.estimated_days(2027) == frozenset()
