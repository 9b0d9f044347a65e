"""Working calendar of a reception office: which days count, and when a dossier is due."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

import holidays

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.office_hours import DEFAULT_HOURS, OfficeHours

__all__ = [
    "DEFAULT_HOURS",
    "VN_TZ",
    "DueDate",
    "OfficeHours",
    "Override",
    "WorkingCalendar",
    "parse_overrides",
]


OverrideKind = Literal["day_off", "working_day"]

# The longest processing time accepted: no procedure takes years (the longest legal times are a
# few months); a larger figure is a typing or import mistake and would run past the calendar.
MAX_DAYS = 1000
MAX_HOURS = 2000.0

# Index = date.weekday(); what the clerk reads when a plain non-working weekday is the reason.
_WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_OVERRIDE_KINDS: frozenset[str] = frozenset({"day_off", "working_day"})
_US_PER_HOUR = 3_600_000_000


def _us(t: time) -> int:
    """Microseconds since midnight: integer arithmetic keeps hour sums exact."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


# ---------------------------------------------------------------------------
# Overrides


@dataclass(frozen=True)
class Override:
    """An announced exception to the usual week: a day off or a make-up working day."""

    day: date
    kind: OverrideKind
    name: str  # Vietnamese, shown to the clerk, e.g. "Làm bù ngày 02/01/2026"

    def __post_init__(self) -> None:
        # datetime is a date subclass: refused, since a timestamp here is always a mistake.
        if not isinstance(self.day, date) or isinstance(self.day, datetime):
            raise InputError("date", msg("override.date", day=self.day))
        if self.kind not in _OVERRIDE_KINDS:
            raise InputError(
                "kind", msg("override.kind_of", day=self.day.isoformat(), kind=self.kind)
            )
        if not isinstance(self.name, str) or not self.name.strip():
            raise InputError("name", msg("override.name", day=self.day.isoformat()))
        object.__setattr__(self, "name", self.name.strip())

    def to_dict(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "kind": self.kind, "name": self.name}


def parse_overrides(data: Any, source: str) -> list[Override]:
    """The overrides of a calendar document ``{"version": 1, "overrides": [{"date", "kind",
    "name"}, ...]}`` (read by onestop.adapters.calendar_files; ``source`` names the file).

    A bad entry raises InputError whose field names the entry (``overrides[3].kind``) and whose
    message names the date, so the clerk can find the line to fix."""
    if not isinstance(data, dict):
        raise InputError(source, msg("calendar_file.object"))
    if data.get("version") != 1:
        raise InputError("version", msg("calendar_file.version", version=data.get("version")))
    entries = data.get("overrides")
    if not isinstance(entries, list):
        raise InputError("overrides", msg("calendar_file.overrides"))

    result: list[Override] = []
    seen: dict[date, int] = {}
    for i, entry in enumerate(entries):
        where = f"overrides[{i}]"
        if not isinstance(entry, dict):
            raise InputError(where, msg("calendar_file.line"))
        raw_date = entry.get("date")
        try:
            day = date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
        except ValueError:
            day = None
        if day is None:
            raise InputError(f"{where}.date", msg("calendar_file.date", day=raw_date))
        if day in seen:
            # Two lines for one day means one of them is a typo; silently keeping either is worse.
            twice = msg("calendar_file.twice", day=day.isoformat(), line=seen[day])
            raise InputError(f"{where}.date", twice)
        seen[day] = i
        try:
            result.append(Override(day, entry.get("kind"), entry.get("name")))  # type: ignore[arg-type]
        except InputError as exc:
            raise InputError(f"{where}.{exc.field}", exc.message) from None
    return result


# ---------------------------------------------------------------------------
# Due date


@dataclass(frozen=True)
class DueDate:
    """A computed due date with what is needed to explain it to the applicant."""

    due_at: datetime  # aware, Asia/Ho_Chi_Minh
    received_at: datetime  # aware, Asia/Ho_Chi_Minh
    day_zero: date
    moved: bool  # receipt after the cut-off or on a non-working day
    days: int | None
    hours: float | None
    skipped: tuple[tuple[date, str], ...]  # non-working days strictly between day 0 and due
    calendar_days: bool = False  # ``days`` counted as calendar days (law: "ngày", no "làm việc")
    # The span from receipt to the due day holds a holiday of a year whose announcement is not
    # recorded (the holidays package's projection): the date may still move.
    estimated: bool = False

    def to_json(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"days_kind": "calendar"} if self.calendar_days else {}
        if self.estimated:
            extra["estimated"] = True
        return {
            "due_at": self.due_at.isoformat(),
            "received_at": self.received_at.isoformat(),
            "day_zero": self.day_zero.isoformat(),
            "moved": self.moved,
            "days": self.days,
            "hours": self.hours,
            "skipped": [{"date": d.isoformat(), "reason": r} for d, r in self.skipped],
            **extra,
        }


@dataclass(frozen=True, slots=True)
class _Year:
    """One calendar year, precomputed so that lookups are set hits and bisections."""

    working: tuple[int, ...]  # sorted ordinals of working days
    working_set: frozenset[int]
    off: tuple[int, ...]  # sorted ordinals of non-working days
    off_pairs: tuple[tuple[date, str], ...]  # aligned with ``off``
    reasons: dict[int, str]  # ordinal -> why the day is off
    workday_names: dict[int, str]  # ordinal -> name of a make-up / announced working day
    # Sorted ordinals of the days the holidays package projects for a year not announced yet.
    estimated: tuple[int, ...] = ()


class WorkingCalendar:
    """Working days of one office: its week, the VN public holidays and its overrides."""

    def __init__(
        self,
        hours: OfficeHours = DEFAULT_HOURS,
        overrides: Iterable[Override] = (),
        use_holidays: bool = True,
        announced_through: int | None = None,
    ) -> None:
        self.hours = hours
        self.use_holidays = use_holidays
        # The last year whose holidays were announced and are recorded (the package's swaps and
        # the shipped overrides); later years are the package's projection. None: all announced.
        self.announced_through = announced_through
        # Later overrides win: callers pass the shipped file first, then the office's own
        # (onestop.adapters.calendar_files.default_calendar).
        self.overrides: dict[date, Override] = {}
        for override in overrides:
            if not isinstance(override, Override):
                raise InputError("overrides", msg("calendar.not_override", value=override))
            self.overrides[override.day] = override
        self._years: dict[int, _Year] = {}

        self._sessions_us = tuple(
            tuple((_us(s), _us(e)) for s, e in hours.sessions_on(wd)) for wd in range(7)
        )
        self._closing = tuple(hours.sessions_on(wd)[-1][1] for wd in range(7))
        # A receipt after the day's closing cannot be worked on that day even when the
        # configured cut-off is later, so the effective cut-off is whichever comes first.
        self._cutoff_us = tuple(
            min(_us(hours.cutoff), sessions[-1][1]) for sessions in self._sessions_us
        )
        self._closing_us = tuple(sessions[-1][1] for sessions in self._sessions_us)
        lengths = {sum(e - s for s, e in sessions) for sessions in self._sessions_us}
        # Whole days can be skipped arithmetically only when every working day is as long.
        self._day_us: int | None = lengths.pop() if len(lengths) == 1 else None

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(hours={self.hours!r}, overrides={len(self.overrides)}, "
            f"use_holidays={self.use_holidays})"
        )

    # -- per-year cache ---------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        holiday_names: dict[date, str] = {}
        weekend_workdays: set[date] = set()
        swapped_for: dict[date, date] = {}
        if self.use_holidays:
            # Neighbouring years too: the package files a swap under the year of the day off,
            # e.g. 31/12/2018 off against Saturday 05/01/2019 is recorded under 2018.
            years = [y for y in (year - 1, year, year + 1) if 1 <= y <= 9999]
            vn = holidays.VN(years=years, language="vi")
            holiday_names = {d: n for d, n in vn.items() if d.year == year}
            weekend_workdays = {d for d in vn.weekend_workdays if d.year == year}
            # The package names the day off after the Saturday it swaps with; reverse that so
            # the make-up Saturday can say which day it makes up for.
            swapped_for = {
                wd: d
                for d, n in vn.items()
                for wd in weekend_workdays
                if wd.strftime("%d/%m/%Y") in n
            }

        projected = self.announced_through is not None and year > self.announced_through
        estimated: list[int] = []
        working: list[int] = []
        off: list[int] = []
        off_pairs: list[tuple[date, str]] = []
        reasons: dict[int, str] = {}
        workday_names: dict[int, str] = {}
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        weekdays = self.hours.weekdays
        for o in range(first, last + 1):
            d = date.fromordinal(o)
            override = self.overrides.get(d)
            reason: str | None = None
            if override is not None:
                if override.kind == "day_off":
                    reason = override.name
                else:
                    workday_names[o] = override.name
            elif d in holiday_names:
                # The package already adds the "nghỉ bù" day for a holiday on a weekend,
                # so nothing is shifted here.
                reason = holiday_names[d]
                if projected:
                    estimated.append(o)
            elif d in weekend_workdays:
                if projected:
                    estimated.append(o)
                off_day = swapped_for.get(d)
                workday_names[o] = (
                    f"Làm bù ngày {off_day:%d/%m/%Y}" if off_day else "Ngày làm việc bù"
                )
            elif d.weekday() not in weekdays:
                reason = _WEEKDAY_NAMES[d.weekday()]
            if reason is None:
                working.append(o)
            else:
                off.append(o)
                off_pairs.append((d, reason))
                reasons[o] = reason
        return _Year(
            tuple(working),
            frozenset(working),
            tuple(off),
            tuple(off_pairs),
            reasons,
            workday_names,
            tuple(estimated),
        )

    # -- working days ---------------------------------------------------------------------

    def estimated_between(self, first: date, last: date) -> bool:
        """Whether a day from ``first`` to ``last`` (both included) is a holiday (or swapped
        working day) of the holidays package in a year whose announcement is not recorded."""
        if self.announced_through is None or last.year <= self.announced_through:
            return False
        lo, hi = first.toordinal(), last.toordinal()
        for year in range(max(first.year, self.announced_through + 1), last.year + 1):
            y = self._year(year)
            if bisect_right(y.estimated, hi) > bisect_left(y.estimated, lo):
                return True
        return False

    def is_working_day(self, d: date) -> bool:
        return d.toordinal() in self._year(d.year).working_set

    def day_off_reason(self, d: date) -> str | None:
        """Why ``d`` is not worked, in Vietnamese ("Thứ Bảy", a holiday's or override's name);
        None on a working day."""
        return self._year(d.year).reasons.get(d.toordinal())

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (n = 0 gives ``d`` itself, even on a day off);
        a negative n counts back, e.g. -1 is the last working day before ``d``."""
        if n == 0:
            return d
        o = d.toordinal()
        year = d.year
        if n > 0:
            days = self._year(year).working
            i = bisect_right(days, o) + n - 1  # index of the answer inside this year
            while i >= len(days):
                i -= len(days)
                year += 1
                days = self._year(year).working
        else:
            days = self._year(year).working
            i = bisect_left(days, o) + n
            while i < 0:
                year -= 1
                days = self._year(year).working
                i += len(days)
        return date.fromordinal(days[i])

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = -bisect_right(self._year(start.year).working, start.toordinal())
        for year in range(start.year, end.year):
            count += len(self._year(year).working)
        return count + bisect_right(self._year(end.year).working, end.toordinal())

    def _off_between(self, first: date, last: date) -> tuple[tuple[date, str], ...]:
        """Non-working days strictly between ``first`` and ``last``, with their reasons."""
        lo, hi = first.toordinal(), last.toordinal()
        if hi - lo < 2:
            return ()
        if first.year == last.year:
            y = self._year(first.year)
            return y.off_pairs[bisect_right(y.off, lo) : bisect_left(y.off, hi)]
        pairs: list[tuple[date, str]] = []
        for year in range(first.year, last.year + 1):
            y = self._year(year)
            pairs.extend(y.off_pairs[bisect_right(y.off, lo) : bisect_left(y.off, hi)])
        return tuple(pairs)

    # -- due dates ------------------------------------------------------------------------

    @staticmethod
    def _local(received_at: datetime) -> datetime:
        if not isinstance(received_at, datetime):
            raise InputError("received_at", msg("due.received_at", at=received_at))
        if received_at.tzinfo is None:
            # Naive times come from the counter's own clock, which is Vietnam time.
            return received_at.replace(tzinfo=VN_TZ)
        return received_at.astimezone(VN_TZ)

    def _day_zero(self, local: datetime) -> tuple[date, bool]:
        d = local.date()
        t = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
        # The rule is "after 15:00": a receipt at the cut-off itself still counts that day, but
        # nothing received at or after the day's closing can be worked on that day.
        if (
            self.is_working_day(d)
            and t <= self._cutoff_us[d.weekday()]
            and t < self._closing_us[d.weekday()]
        ):
            return d, False
        return self.next_working_day(d), True

    def day_zero(self, received_at: datetime) -> tuple[date, bool]:
        """(day 0, moved): the day of receipt when it is worked and the receipt came no later than
        the cut-off, else the next working day (moved = True)."""
        return self._day_zero(self._local(received_at))

    def due(
        self,
        received_at: datetime,
        *,
        days: int | None = None,
        hours: float | None = None,
        calendar_days: bool = False,
    ) -> DueDate:
        """When a dossier received at ``received_at`` is due, for a processing time of
        ``days`` working days or ``hours`` working hours (exactly one of them). With
        ``calendar_days`` the days are calendar days from the same day 0; a last day that is not
        worked moves to the end of the next working day (Civil Code 2015, art. 148)."""
        if (days is None) == (hours is None):
            raise InputError("days", msg("due.one_limit"))
        local = self._local(received_at)
        day0, moved = self._day_zero(local)

        if days is not None:
            if isinstance(days, bool) or not isinstance(days, int):
                raise InputError("days", msg("due.days_whole", days=days))
            if days < 0:
                raise InputError("days", msg("due.days_negative", days=days))
            if days > MAX_DAYS:
                raise InputError("days", msg("due.days_too_many", days=days, limit=MAX_DAYS))
            if calendar_days:
                last = day0 + timedelta(days=days)
                day = last if self.is_working_day(last) else self.next_working_day(last)
            else:
                day = self.add_working_days(day0, days)
            due_at = datetime.combine(day, self._closing[day.weekday()], VN_TZ)
            span_hours: float | None = None
        else:
            if (
                isinstance(hours, bool)
                or not isinstance(hours, int | float)
                or not math.isfinite(hours)
            ):
                raise InputError("hours", msg("due.hours_invalid", hours=hours))
            if hours < 0:
                raise InputError("hours", msg("due.hours_negative", hours=hours))
            if hours > MAX_HOURS:
                raise InputError("hours", msg("due.hours_too_many", hours=hours, limit=MAX_HOURS))
            span_hours = float(hours)
            if moved:
                start = 0  # from the opening of day 0: sessions clamp 0 to their start
            else:
                start = (
                    (local.hour * 60 + local.minute) * 60 + local.second
                ) * 1_000_000 + local.microsecond
            day, at_us = self._add_hours(day0, start, round(span_hours * _US_PER_HOUR))
            due_at = datetime(day.year, day.month, day.day, tzinfo=VN_TZ) + timedelta(
                microseconds=at_us
            )

        return DueDate(
            due_at=due_at,
            received_at=local,
            day_zero=day0,
            moved=moved,
            days=days,
            hours=span_hours,
            skipped=self._off_between(day0, day),
            calendar_days=calendar_days and days is not None,
            estimated=self.estimated_between(local.date(), day),
        )

    def _add_hours(self, day: date, pos: int, remaining: int) -> tuple[date, int]:
        """Spends ``remaining`` microseconds of session time from ``pos`` on working ``day``;
        returns the day and time (µs since midnight) where it runs out. Running out exactly at
        a session's end stays there rather than rolling to the next session."""
        while True:
            for start, end in self._sessions_us[day.weekday()]:
                if pos > end:
                    continue
                begin = start if pos < start else pos
                available = end - begin
                if remaining <= available:
                    return day, begin + remaining
                remaining -= available
            pos = 0
            day_us = self._day_us
            if day_us is not None and remaining > day_us:
                # Jump over the whole days so long durations cost no more than short ones;
                # leave 0 < remaining <= one day for the last, partly used day.
                whole = (remaining - 1) // day_us
                remaining -= whole * day_us
                day = self.add_working_days(day, whole + 1)
            else:
                day = self.next_working_day(day)

    # -- listing ------------------------------------------------------------------------

    def estimated_days(self, year: int) -> frozenset[date]:
        """The year's days that are the holidays package's projection (not announced yet)."""
        return frozenset(date.fromordinal(o) for o in self._year(year).estimated)

    def year(self, year: int) -> dict[str, list[dict[str, str]]]:
        """The year's exceptions to the office week: ``days_off`` are usual working weekdays that
        are off (holidays, announced days off), ``working_weekends`` are usual days off that are
        worked (make-up days). Both sorted by date."""
        y = self._year(year)
        weekdays = self.hours.weekdays
        days_off = [
            {"date": d.isoformat(), "name": reason}
            for d, reason in y.off_pairs
            if d.weekday() in weekdays
        ]
        working_weekends = []
        for o in y.working:
            d = date.fromordinal(o)
            if d.weekday() not in weekdays:
                name = y.workday_names.get(o, "Ngày làm việc bù")
                working_weekends.append({"date": d.isoformat(), "name": name})
        return {"days_off": days_off, "working_weekends": working_weekends}
