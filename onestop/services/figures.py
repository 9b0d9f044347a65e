"""The supervisors' figures of a period computed where they are cheapest: the store counts in SQL
the dossiers whose figures follow from their projected columns (onestop.store.repository_figures),
and onestop.domain.report classifies from their histories the few that had supplements or an
extension. Same definitions, same numbers as classifying every history (the report's tests and
tests/integration/test_report_figures.py hold both to that), without loading a year of events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from onestop.domain.clock import VN_TZ
from onestop.domain.dossier import project
from onestop.domain.report import Figures, Outcome, Period, Tally, classify, open_at
from onestop.store import repository_figure_days as per_day
from onestop.store import repository_figures as sql
from onestop.store.repository_report import ReportDossier, dossiers_for_period

from .context import Context
from .dossiers import DossierSummary


@dataclass(frozen=True)
class Group:
    """The figures of one group (procedure, field, officer, counter or channel)."""

    key: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class DayPoint:
    """One local day of the period: dossiers received, resolved, resolved on time."""

    day: date
    received: int
    resolved: int
    on_time: int


def window(period: Period) -> sql.Window:
    return sql.Window(period.start, period.end, period.seen_at, period.first, period.last)


def _source(session: Any) -> Any:
    """Where the simple dossiers' figures are counted: the per-day table of a SQLite store, else
    (PostgreSQL) the dossiers' rows."""
    return per_day if per_day.available(session) else sql


def group_of(d: ReportDossier, by: str) -> tuple[str, str]:
    """A dossier's group: its raw key and label (the report service names counters and channels
    for people)."""
    if by == "procedure":
        return d.procedure_code, d.procedure_name
    if by == "field":
        return d.field, d.field
    if by == "officer":
        return d.officer, d.officer
    if by == "counter":
        return d.counter, d.counter
    return d.channel, d.channel


def histories(
    session: Any, period: Period, counter: str | None, full: bool = True
) -> list[tuple[ReportDossier, Outcome]]:
    """The dossiers whose figures need their history, classified, those that count only. Unless
    ``full``, where the store keeps its figures per day (which count them already but for
    whether they are open and overdue at the period's end): those open then, with those two
    figures alone."""
    if full or not per_day.available(session):
        only, at_end = sql.complex_ids(), False
    else:
        # A few ids, looked up one by one (not a condition over the period's dossiers).
        only = list(session.scalars(per_day.open_complex(window(period), counter)))
        at_end = True
        if not only:
            return []
    found = dossiers_for_period(session, period.start, period.end, only=only, counter=counter)
    out = []
    for d in found:
        if not at_end:
            outcome = classify(d.events, period, d.channel)
        else:  # those open at the period's end: one walk of the history, to its end
            is_open, overdue = open_at(d.events, period.seen_at)
            outcome = Outcome(channel=d.channel, open=is_open, overdue=overdue)
        if outcome.counted:
            out.append((d, outcome))
    return out


def classified(
    ctx: Context, period: Period, counter: str | None = None
) -> list[tuple[ReportDossier, Outcome]]:
    """``histories`` in a session of its own."""
    with ctx.store.reading() as session:
        return histories(session, period, counter, full=False)


def tally(
    ctx: Context, period: Period, by: str | None = None, counter: str | None = None
) -> tuple[Figures, list[Group]]:
    """The totals, and one Group per group that counts when ``by`` (unsorted)."""
    totals, groups = tally_many(ctx, period, (by,) if by else (), counter)
    return totals, groups.get(by, []) if by else []


def tally_many(
    ctx: Context,
    period: Period,
    bys: tuple[str, ...],
    counter: str | None = None,
    slow: list[tuple[ReportDossier, Outcome]] | None = None,
) -> tuple[Figures, dict[str, list[Group]]]:
    """The totals, and the Groups of each grouping of ``bys``, in one pass over the store (the
    rows come grouped by every grouping at once; each is summed up here). ``slow``: the
    histories already classified, if the caller has them."""
    w = window(period)
    with ctx.store.reading() as session:
        src = _source(session)
        counted = src.counts(session, w, bys, counter)
        rated = src.scores(session, w, bys, counter)
        if slow is None:
            slow = histories(session, period, counter, full=False)
    total = Tally()
    groups: dict[str, dict[tuple[str, str], Tally]] = {by: {} for by in bys}
    width = 2 * len(bys)

    def each(row: tuple[Any, ...]) -> list[Tally]:
        return [
            groups[by].setdefault((str(row[2 * i] or ""), str(row[2 * i + 1] or "")), Tally())
            for i, by in enumerate(bys)
        ]

    for row in counted:
        channel, values = row[width], row[width + 1 :]
        for target in (total, *each(row)):
            target.add_counts(channel, values)
    for row in rated:
        score, number = row[width], row[width + 1]
        for target in (total, *each(row)):
            target.add_score(score, number)
    for d, outcome in slow:
        total.add(outcome)
        for by in bys:
            groups[by].setdefault(group_of(d, by), Tally()).add(outcome)
    rows = {
        by: [Group(k, lbl, g.figures()) for (k, lbl), g in found.items() if g.counted]
        for by, found in groups.items()
    }
    return total.figures(), rows


def days(
    ctx: Context,
    period: Period,
    counter: str | None = None,
    slow: list[tuple[ReportDossier, Outcome]] | None = None,
) -> list[DayPoint]:
    """Every local day of the period with what was received and resolved that day."""
    w = window(period)
    with ctx.store.reading() as session:
        rows = _source(session).series(session, w, counter)
        found = {d: [r, s, o] for d, r, s, o in rows}
        if slow is None:
            slow = histories(session, period, counter, full=False)
    for d, outcome in slow:
        state = project(d.events)
        if outcome.received:
            found.setdefault(_day(state.received_at), [0, 0, 0])[0] += 1
        if outcome.resolved and state.result_at is not None:
            row = found.setdefault(_day(state.result_at), [0, 0, 0])
            row[1] += 1
            row[2] += outcome.on_time
    points = []
    day = period.first
    while day <= period.last:
        r, s, o = found.get(day.isoformat(), (0, 0, 0))
        points.append(DayPoint(day, r, s, o))
        day = date.fromordinal(day.toordinal() + 1)
    return points


def _day(at: datetime) -> str:
    return at.astimezone(VN_TZ).date().isoformat()


def dossiers(
    ctx: Context,
    period: Period,
    figure: str,
    by: str | None = None,
    key: str | None = None,
    counter: str | None = None,
    limit: int = 500,
) -> tuple[int, list[DossierSummary]]:
    """The dossiers behind one figure (of one group): how many, and the first ``limit`` in
    receipt order. ``figure``: a count's name, ``within_limit``, or a score."""
    w = window(period)
    with ctx.store.reading() as session:
        if per_day.available(session):
            # Every dossier's row says it (the per-day figures' judgement), but whether one with
            # supplements or an extension open at the period's end is overdue.
            total, rows = per_day.dossiers_with(session, w, figure, by, key, counter, limit)
            found = []
            if figure in per_day.CLOCK_FIGURES:
                found = histories(session, period, counter, full=False)
        else:
            total, rows = sql.dossiers_with(session, w, figure, by, key, counter, limit)
            found = histories(session, period, counter)
        picked = [
            d.id
            for d, out in found
            if _shows(out, figure) and (by is None or key is None or group_of(d, by)[0] == key)
        ]
        if picked:
            extra = sql.rows_of(session, picked)
            rows = sorted([*rows, *extra], key=lambda r: (r.received_at, r.code))[:limit]
        now = ctx.clock()
        return total + len(picked), [DossierSummary.of(row, now) for row in rows]


def _shows(out: Outcome, figure: str) -> bool:
    if figure == "within_limit":
        return out.open and not out.overdue
    if hasattr(out, figure) and figure not in ("channel", "score"):
        return bool(getattr(out, figure))
    return out.score == figure
