"""Due dates and the office calendar as use cases: explain a due date, list a year, overrides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from onestop.domain import input_policy as policy
from onestop.domain.calendar import DueDate
from onestop.domain.catalog_law import ProcedureCase
from onestop.domain.errors import InputError
from onestop.domain.handed_in import choose_case
from onestop.domain.messages import msg
from onestop.store import repository as repo
from onestop.store import repository_office as office

from .context import Context


@dataclass(frozen=True)
class Due:
    """A due date, and the procedure it was computed for (when one was named)."""

    due: DueDate
    procedure_code: str | None = None
    procedure_name: str | None = None
    # The procedure's case (issue 14) when its time depends on one; JSON "case" only then.
    case: str | None = None

    @property
    def due_at(self) -> datetime:
        return self.due.due_at

    def to_json(self) -> dict[str, Any]:
        extra = {}
        if self.procedure_code is not None:
            extra = {"procedure_code": self.procedure_code, "procedure_name": self.procedure_name}
        if self.case is not None:
            extra["case"] = self.case
        return {**self.due.to_json(), **extra}


@dataclass(frozen=True)
class CalendarDay:
    day: date
    name: str
    # The holidays package's projection for a year whose announcement is not recorded.
    estimated: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "name": self.name, "estimated": self.estimated}


@dataclass(frozen=True)
class CalendarYear:
    """A year's exceptions to the office week: usual working weekdays that are off, and usual
    days off that are worked (make-up days), each by date."""

    days_off: tuple[CalendarDay, ...]
    working_weekends: tuple[CalendarDay, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "days_off": [d.to_json() for d in self.days_off],
            "working_weekends": [d.to_json() for d in self.working_weekends],
        }


@dataclass(frozen=True)
class Override:
    """An override as set: a day off or a make-up working day."""

    day: date
    kind: str
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "kind": self.kind, "name": self.name}


@dataclass(frozen=True)
class OverrideRemoved:
    day: date

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "removed": True}


def due(
    ctx: Context,
    *,
    procedure: str | None = None,
    days: int | None = None,
    hours: float | None = None,
    received_at: datetime | None = None,
    calendar_days: bool = False,
    case: str | None = None,
) -> Due:
    received_at = received_at or ctx.clock()
    code = name = chosen = None
    if case is not None and procedure is None:
        raise InputError("case", msg("due.case_needs_procedure"))
    if procedure is not None:
        with ctx.store.reading() as session:
            proc = repo.procedure(session, procedure)
            if proc is None:
                raise InputError("procedure", msg("procedure.unknown", code=procedure))
            # The same choice and refusals as receive: a case has its own time and counting.
            chosen = choose_case([ProcedureCase(**c) for c in proc.cases or ()], case)
            timing = chosen or proc
            days, hours = timing.processing_days, timing.processing_hours
            calendar_days = timing.days_kind == "calendar"
            code, name = proc.code, proc.name
    if calendar_days and days is None:
        raise InputError("calendar_days", msg("due.calendar_days"))
    return Due(
        ctx.calendar.due(received_at, days=days, hours=hours, calendar_days=calendar_days),
        code,
        name,
        None if chosen is None else chosen.name,
    )


def _days(listed: list[dict[str, str]], estimated: frozenset[date]) -> tuple[CalendarDay, ...]:
    days = ((date.fromisoformat(d["date"]), d["name"]) for d in listed)
    return tuple(CalendarDay(day, name, day in estimated) for day, name in days)


def year(ctx: Context, year: int) -> CalendarYear:
    """The year's exceptions; the days of a year whose announcement is not recorded are the
    holidays package's projection and say ``estimated``."""
    listed = ctx.calendar.year(year)
    guessed = ctx.calendar.estimated_days(year)
    return CalendarYear(
        _days(listed["days_off"], guessed), _days(listed["working_weekends"], guessed)
    )


KINDS = ("day_off", "working_day")


def add_override(ctx: Context, day: date, kind: str, name: str) -> Override:
    if kind not in KINDS:
        raise InputError("kind", msg("override.kind"))
    name = policy.clean(name, "name") or (
        "Ngày nghỉ theo thông báo" if kind == "day_off" else "Ngày làm bù"
    )
    with ctx.store.unit_of_work() as session:
        office.put_calendar_override(session, day, kind, name, ctx.clock())
        session.commit()
    ctx.refresh()
    return Override(day, kind, name)


def remove_override(ctx: Context, day: date) -> OverrideRemoved:
    with ctx.store.unit_of_work() as session:
        if not office.delete_calendar_override(session, day):
            raise InputError("DATE", msg("override.none", day=day.isoformat()))
        session.commit()
    ctx.refresh()
    return OverrideRemoved(day)
