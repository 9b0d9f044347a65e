"""Properties of due dates that must hold for any receipt time, duration and office."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.adapters.calendar_files import default_calendar
from onestop.domain.calendar import VN_TZ, OfficeHours, Override, WorkingCalendar

CALENDARS = [
    default_calendar(),
    # An 8-hour day with an early lunch and a late cut-off (after closing on no day).
    default_calendar(
        OfficeHours(
            sessions=((time(7, 0), time(11, 0)), (time(13, 0), time(17, 0))),
            cutoff=time(16, 30),
        )
    ),
    # Saturday mornings, and a cut-off later than Saturday's closing.
    default_calendar(
        OfficeHours(
            weekdays=frozenset(range(6)),
            weekday_sessions=((5, ((time(7, 30), time(11, 30)),)),),
        )
    ),
    # No holidays package at all, three sessions, and an office-declared week off.
    WorkingCalendar(
        OfficeHours(
            sessions=(
                (time(8, 0), time(10, 0)),
                (time(10, 15), time(12, 0)),
                (time(14, 0), time(18, 0)),
            ),
            cutoff=time(20, 0),
        ),
        overrides=[
            Override(date(2026, 6, 1) + timedelta(days=i), "day_off", "Nghỉ") for i in range(7)
        ],
        use_holidays=False,
    ),
]

calendars = st.sampled_from(CALENDARS)
# Naive receipts (VN wall clock) and aware ones in several zones, across 2025-2027.
receipts = st.datetimes(
    min_value=datetime(2025, 1, 1),
    max_value=datetime(2027, 12, 31, 23, 59),
    timezones=st.sampled_from([None, None, VN_TZ, UTC, ZoneInfo("Europe/Paris")]),
)
day_counts = st.integers(min_value=0, max_value=60)
hour_counts = st.one_of(
    st.integers(min_value=0, max_value=120),
    st.floats(min_value=0, max_value=120, allow_nan=False, allow_infinity=False),
)

# The first call per calendar builds year tables from the holidays package: not a slow test.
relaxed = settings(deadline=None, max_examples=300)


def in_a_session(cal: WorkingCalendar, at: datetime) -> bool:
    t = at.time()
    return any(start <= t <= end for start, end in cal.hours.sessions_on(at.weekday()))


@relaxed
@given(cal=calendars, received=receipts, days=day_counts)
def test_days_due_on_a_working_day_at_closing(
    cal: WorkingCalendar, received: datetime, days: int
) -> None:
    due = cal.due(received, days=days)
    assert cal.is_working_day(due.due_at.date())
    assert due.due_at.time() == cal.hours.sessions_on(due.due_at.weekday())[-1][1]
    assert due.due_at >= due.received_at
    assert due.due_at.tzinfo is VN_TZ
    # Compared in UTC: Python never calls an aware time inside a DST gap equal across zones.
    expected = received if received.tzinfo else received.replace(tzinfo=VN_TZ)
    assert due.received_at.astimezone(UTC) == expected.astimezone(UTC)


@relaxed
@given(cal=calendars, received=receipts, hours=hour_counts)
def test_hours_due_inside_a_session_of_a_working_day(
    cal: WorkingCalendar, received: datetime, hours: float
) -> None:
    due = cal.due(received, hours=hours)
    assert cal.is_working_day(due.due_at.date())
    assert in_a_session(cal, due.due_at)
    assert due.due_at >= due.received_at
    assert due.due_at.date() >= due.day_zero


@relaxed
@given(cal=calendars, received=receipts, a=day_counts, b=day_counts)
def test_monotonic_in_days(cal: WorkingCalendar, received: datetime, a: int, b: int) -> None:
    a, b = sorted((a, b))
    assert cal.due(received, days=a).due_at <= cal.due(received, days=b).due_at
    if a < b:
        assert cal.due(received, days=a).due_at < cal.due(received, days=b).due_at


@relaxed
@given(cal=calendars, received=receipts, a=hour_counts, b=hour_counts)
def test_monotonic_in_hours(cal: WorkingCalendar, received: datetime, a: float, b: float) -> None:
    a, b = sorted((a, b))
    assert cal.due(received, hours=a).due_at <= cal.due(received, hours=b).due_at


@relaxed
@given(
    cal=calendars,
    received=receipts,
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    days=day_counts,
    hours=hour_counts,
)
def test_monotonic_in_time_of_receipt(
    cal: WorkingCalendar, received: datetime, later: timedelta, days: int, hours: float
) -> None:
    # Add in UTC: wall-clock addition across a DST change could go backwards in real time.
    if received.tzinfo is not None:
        second = (received.astimezone(UTC) + later).astimezone(received.tzinfo)
    else:
        second = received + later
    assert cal.due(received, days=days).due_at <= cal.due(second, days=days).due_at
    assert cal.due(received, hours=hours).due_at <= cal.due(second, hours=hours).due_at


@relaxed
@given(cal=calendars, received=receipts, days=day_counts)
def test_days_count_from_day_zero(cal: WorkingCalendar, received: datetime, days: int) -> None:
    day0, moved = cal.day_zero(received)
    assert cal.is_working_day(day0)
    assert cal.due(received, days=0).due_at.date() == day0
    due = cal.due(received, days=days)
    assert (due.day_zero, due.moved) == (day0, moved)
    assert due.due_at.date() == cal.add_working_days(day0, days)
    assert cal.working_days_between(day0, due.due_at.date()) == days
    # The explanation holds exactly the days off in between.
    gap = (due.due_at.date() - day0).days - 1
    assert len(due.skipped) == max(gap, 0) - max(days - 1, 0)
    assert all(not cal.is_working_day(d) and reason for d, reason in due.skipped)


@relaxed
@given(
    cal=calendars,
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=-400, max_value=400),
)
def test_add_and_between_are_inverse(cal: WorkingCalendar, day: date, n: int) -> None:
    target = cal.add_working_days(day, n)
    if n != 0:
        assert cal.is_working_day(target)
    if n >= 0 or cal.is_working_day(day):
        assert cal.working_days_between(day, target) == n
    # Walking day by day agrees with the per-year tables.
    lo, hi = sorted((day, target))
    step = sum(cal.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert abs(cal.working_days_between(day, target)) == step
