"""OfficeHours.open_at: whether a time falls in a session of a working weekday (the receipt's
outside-office-hours warning, issue 15)."""

from __future__ import annotations

from datetime import time

from onestop.domain.office_hours import OfficeHours


def test_open_in_sessions_only_on_working_weekdays():
    hours = OfficeHours()
    assert hours.open_at(0, time(7, 30)) and hours.open_at(0, time(11, 29))
    assert not hours.open_at(0, time(11, 30))  # the session's end is closed
    assert not hours.open_at(0, time(12, 10)) and not hours.open_at(0, time(7, 29))
    assert hours.open_at(4, time(16, 59)) and not hours.open_at(4, time(17, 0))
    assert not hours.open_at(5, time(9, 0))  # Saturday


def test_a_weekday_with_its_own_sessions():
    hours = OfficeHours.from_dict(
        {"weekdays": [0, 1, 2, 3, 4, 5], "weekday_sessions": {"5": [["07:30", "11:30"]]}}
    )
    assert hours.open_at(5, time(9, 0)) and not hours.open_at(5, time(14, 0))
    assert hours.open_at(0, time(14, 0))
