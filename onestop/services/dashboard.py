"""What a supervisor opens every morning: the figures of a period (today, this week, month,
quarter, year, or chosen days) for this counter or the whole agency, received and resolved per
day, the on-time rate per week, the busiest procedures and officers with their late results,
the overdue dossiers and those due within two working days; and the dossiers behind any number.

Typed results (``Dashboard``, ``Drill``); the figures are onestop.services.report's, so the
window shows exactly what ``report --json`` prints for the same period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.report import COUNTS, Figures
from onestop.store.repository_figures import owed

from . import figures as counting
from .context import Context
from .dossiers import DossierSummary
from .figures import DayPoint
from .report import ReportRow, period_of

PERIODS = ("today", "week", "month", "quarter", "year")
# Working days ahead a dossier counts as "due soon" on the dashboard.
DUE_SOON_DAYS = 2
DRILL_LIMIT = 500
LIST_LIMIT = 200


def period_days(kind: str, today: date) -> tuple[date, date]:
    """The first and last day of ``kind`` (one of PERIODS) as it stands on ``today``: from its
    start to today (the rest has not happened yet)."""
    if kind == "today":
        return today, today
    if kind == "week":
        return today - timedelta(days=today.weekday()), today
    if kind == "month":
        return today.replace(day=1), today
    if kind == "quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today
    if kind == "year":
        return today.replace(month=1, day=1), today
    raise InputError("period", msg("period.invalid", periods=", ".join(PERIODS)))


@dataclass(frozen=True)
class WeekPoint:
    """A week (from its Monday, cut to the period) with its results and how many were on time."""

    monday: date
    resolved: int
    on_time: int

    @property
    def on_time_rate(self) -> float | None:
        return None if self.resolved == 0 else round(self.on_time / self.resolved, 4)


@dataclass(frozen=True)
class Dashboard:
    first: date
    last: date
    seen_at: datetime
    counter: str | None  # None: the whole agency, as synced here
    totals: Figures
    days: tuple[DayPoint, ...]
    weeks: tuple[WeekPoint, ...]
    procedures: tuple[ReportRow, ...]
    officers: tuple[ReportRow, ...]
    overdue: tuple[DossierSummary, ...]  # now, the most overdue first (at most LIST_LIMIT)
    due_soon: tuple[DossierSummary, ...]  # due within DUE_SOON_DAYS working days, soonest first
    overdue_count: int = 0
    due_soon_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "seen_at": self.seen_at.isoformat(),
            "counter": self.counter,
            **self.totals.to_json(),
            "days": [
                {"day": p.day.isoformat(), "received": p.received, "resolved": p.resolved}
                for p in self.days
            ],
            "weeks": [
                {"monday": w.monday.isoformat(), "on_time_rate": w.on_time_rate} for w in self.weeks
            ],
            "procedures": [r.to_json() for r in self.procedures],
            "officers": [r.to_json() for r in self.officers],
            "overdue_now": self.overdue_count,
            "overdue_dossiers": [d.code for d in self.overdue],
            "due_soon": self.due_soon_count,
            "due_soon_dossiers": [d.code for d in self.due_soon],
        }


def _weeks(points: list[DayPoint]) -> tuple[WeekPoint, ...]:
    weeks: dict[date, list[int]] = {}
    for p in points:
        monday = p.day - timedelta(days=p.day.weekday())
        row = weeks.setdefault(monday, [0, 0])
        row[0] += p.resolved
        row[1] += p.on_time
    return tuple(WeekPoint(m, r, o) for m, (r, o) in sorted(weeks.items()))


def _top(groups: list[counting.Group], top: int) -> tuple[ReportRow, ...]:
    """The busiest groups (received and carried over), as the report's rows."""
    rows = sorted(
        (ReportRow(g.key, g.label, g.figures) for g in groups),
        key=lambda r: (-(r.figures.received + r.figures.carried_over), r.key),
    )
    return tuple(rows[:top])


def dashboard(
    ctx: Context, first: date, last: date, counter: str | None = None, top: int = 8
) -> Dashboard:
    """The dashboard of the local days ``first`` to ``last``; ``counter``: one workstation's id.
    One pass over the store for the figures (grouped by procedure and officer at once)."""
    period = period_of(ctx, first, last)
    slow = counting.classified(ctx, period, counter)
    totals, groups = counting.tally_many(ctx, period, ("procedure", "officer"), counter, slow)
    points = counting.days(ctx, period, counter, slow)
    now = ctx.clock()
    cal = ctx.calendar
    today = now.date()
    start = today if cal.is_working_day(today) else cal.next_working_day(today)
    until = datetime.combine(
        cal.add_working_days(start, DUE_SOON_DAYS), time(23, 59, 59), tzinfo=VN_TZ
    )
    with ctx.store.reading() as session:
        late, overdue, soon_count, soon = owed(session, now, until, counter, LIST_LIMIT)
        overdue_rows = tuple(DossierSummary.of(r, now) for r in overdue)
        soon_rows = tuple(DossierSummary.of(r, now) for r in soon)
    return Dashboard(
        first=first,
        last=last,
        seen_at=period.seen_at,
        counter=counter,
        totals=totals,
        days=tuple(points),
        weeks=_weeks(points),
        procedures=_top(groups["procedure"], top),
        officers=_top(groups["officer"], top),
        overdue=overdue_rows,
        due_soon=soon_rows,
        overdue_count=late,
        due_soon_count=soon_count,
    )


@dataclass(frozen=True)
class Drill:
    """The dossiers behind one number: how many in all, and the first of them."""

    figure: str
    total: int
    dossiers: tuple[DossierSummary, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "figure": self.figure,
            "total": self.total,
            "dossiers": [d.to_json() for d in self.dossiers],
        }


FIGURES = (
    *COUNTS,
    "within_limit",
    "very_satisfied",
    "satisfied",
    "dissatisfied",
)


def drill(
    ctx: Context,
    first: date,
    last: date,
    figure: str,
    by: str | None = None,
    key: str | None = None,
    counter: str | None = None,
    limit: int = DRILL_LIMIT,
) -> Drill:
    """The dossiers counted in ``figure`` (of the group ``key`` of ``by`` when given) for the
    period, in receipt order, the first ``limit`` of them."""
    if figure not in FIGURES:
        raise InputError("figure", msg("figure.invalid", figures=", ".join(FIGURES)))
    period = period_of(ctx, first, last)
    total, found = counting.dossiers(ctx, period, figure, by, key, counter, limit)
    return Drill(figure, total, tuple(found))
