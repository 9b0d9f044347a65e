"""The supervisors' figures counted in SQL, for the dossiers whose figures follow from their
projected columns alone (onestop.domain.report's definitions, restated as column conditions).

A dossier whose history has a supplement request or completion, or an extension, needs its whole
history (the due date without the extension, how many supplements, when the clock stood still):
those are "complex" here, left out of every count below and classified from their events by
the caller. For every other dossier:

- it is being handled at an instant T when it was received before T and neither its result
  (``result_at``) nor its refusal or stop (``finished_at``) came before T: nothing leads back;
- while handled, its clock runs and its due date is the one set at receipt (``original_due_at``);
- its result is on time when ready by that due date, early when ready on a day before its day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    String,
    and_,
    case,
    exists,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement, FunctionElement
from sqlalchemy.sql.sqltypes import NullType

from onestop.domain import dossier as domain
from onestop.store import tables as t

D = t.Dossier
E = t.Event
# Event types after which a dossier's figures need its history (see the module's docstring).
COMPLEX_TYPES = (
    domain.EventType.SUPPLEMENT_REQUESTED.value,
    domain.EventType.SUPPLEMENT_COMPLETED.value,
    domain.EventType.EXTENDED.value,
)
IN_HAND = ("received", "supplement_requested", "transferred")
ENDED = ("refused", "stopped")
GROUPS = ("procedure", "field", "officer", "counter", "channel")


class local_day(FunctionElement):
    """The local (Vietnam, UTC+7 without summer time) date of a stored instant, as YYYY-MM-DD."""

    type = String()
    inherit_cache = True


@compiles(local_day, "sqlite")
def _local_day_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # Instants are stored as naive UTC text.
    return f"date({compiler.process(element.clauses, **kw)}, '+7 hours')"


@compiles(local_day, "postgresql")
def _local_day_pg(element: Any, compiler: Any, **kw: Any) -> str:
    inner = compiler.process(element.clauses, **kw)
    return f"to_char(({inner}) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')"


class rarely(FunctionElement):
    """A condition true for few rows, said to SQLite's planner (``likelihood``): its statistics
    say a status holds a fifth of the dossiers, so it scanned the whole table for those still in
    hand (a few days' receipts) instead of reading the index of statuses. Untyped: a boolean
    would be compared with 1 on SQLite, which hides the condition from the planner."""

    type = NullType()
    inherit_cache = True


@compiles(rarely, "sqlite")
def _rarely_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"likelihood({compiler.process(element.clauses, **kw)}, 0.001)"


@compiles(rarely, "postgresql")
def _rarely_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})"


def in_status(statuses: Sequence[str]) -> Any:
    """Dossiers in one of a few statuses that few dossiers are in (see ``rarely``)."""
    return rarely(D.status.in_(statuses))


@dataclass(frozen=True)
class Window:
    """A period's instants and days: ``[start, end)``, the open dossiers seen at ``seen``."""

    start: datetime
    end: datetime
    seen: datetime
    first: date
    last: date


def complex_ids() -> Any:
    """The dossiers whose figures need their history (a subquery)."""
    return select(E.dossier_id).where(E.type.in_(COMPLEX_TYPES))


def _in_hand(at: datetime, c: Any = D) -> ColumnElement[bool]:
    return and_(
        c.received_at < at,
        or_(c.result_at.is_(None), c.result_at >= at),
        or_(c.status.not_in(ENDED), c.finished_at >= at),
    )


def flags(w: Window, c: Any = D) -> dict[str, ColumnElement[bool]]:
    """Each count of onestop.domain.report.COUNTS as a condition on a simple dossier's row
    (``c``: the dossiers' columns, or a subquery's of the same names)."""
    resolved = and_(c.result_at >= w.start, c.result_at < w.end)
    on_time = and_(resolved, c.result_at <= c.original_due_at)
    is_open = _in_hand(w.seen, c)
    return {
        "received": and_(c.received_at >= w.start, c.received_at < w.end),
        "carried_over": and_(c.received_at < w.start, _in_hand(w.start, c)),
        "resolved": resolved,
        # The local days are compared only for results on time (the comparison costs).
        "early": case(
            (on_time, local_day(c.result_at) < local_day(c.original_due_at)), else_=False
        ),
        "on_time": on_time,
        "late": and_(resolved, c.result_at > c.original_due_at),
        "late_with_apology": false(),
        "late_by_supplements": false(),
        "refused": and_(c.status == "refused", c.finished_at >= w.start, c.finished_at < w.end),
        "stopped": and_(c.status == "stopped", c.finished_at >= w.start, c.finished_at < w.end),
        "open": is_open,
        "overdue": and_(is_open, c.original_due_at < w.seen),
    }


def _row_key(session: Session) -> Any:
    # SQLite's rowid: the key every index holds, the cheapest way back to the row.
    return literal_column("dossiers.rowid") if session.get_bind().dialect.name == "sqlite" else D.id


def candidates(session: Session, w: Window) -> ColumnElement[bool]:
    """A superset of the dossiers that count in the period other than by a rating, as four
    disjoint sets each read through an index: received in it; received before it and, since its
    start, resolved, or still being handled now, or ended (refused, stopped)."""
    key = _row_key(session)
    # Received before the period, in a form no index serves: left to itself, SQLite's planner
    # would skip-scan the index of received days instead of the status or result index.
    before = func.coalesce(D.received_at, D.received_at) < w.start
    sets = union_all(
        select(key).where(
            D.received_day >= w.first.isoformat(), D.received_day <= w.last.isoformat()
        ),
        select(key).where(D.result_at >= w.start, before),
        select(key).where(in_status(IN_HAND), before),
        select(key).where(in_status(ENDED), D.finished_at >= w.start, before),
    )
    return key.in_(sets)


def group_columns(by: str | None, c: Any = D) -> list[ColumnElement[Any]]:
    """The key and label a group is known by."""
    if by is None:
        return []
    if by == "procedure":
        return [c.procedure_code, c.procedure_name]
    if by == "field":
        field = func.coalesce(t.Procedure.field, "")
        return [field, field]
    column = {"officer": c.receiver, "counter": c.workstation_id, "channel": c.channel}[by]
    return [column, column]


def _scoped(query: Any, by: Sequence[str], counter: str | None) -> Any:
    if "field" in by:
        query = query.outerjoin(t.Procedure, t.Procedure.code == D.procedure_code)
    if counter is not None:
        query = query.where(D.workstation_id == counter)
    return query.where(D.id.not_in(complex_ids()))


def groups_of(by: Sequence[str], c: Any = D) -> list[ColumnElement[Any]]:
    """The key and label columns of each grouping of ``by`` (of the columns ``c``)."""
    return [column for name in by for column in group_columns(name, c)]


# What the counts read of a dossier: all in the two covering indexes (migration 0020).
FIGURE_COLUMNS = t.FIGURE_COLUMNS


def period_rows(session: Session, w: Window, counter: str | None = None) -> Any:
    """The period's dossiers (a subquery with FIGURE_COLUMNS and their key ``k``), as the four
    disjoint sets of ``candidates``, the first two read from covering indexes alone."""
    key = _row_key(session).label("k")
    cols = [key, *(getattr(D, name) for name in FIGURE_COLUMNS)]
    before = func.coalesce(D.received_at, D.received_at) < w.start  # see candidates
    mine = [D.workstation_id == counter] if counter is not None else []
    return union_all(
        select(*cols).where(
            D.received_day >= w.first.isoformat(), D.received_day <= w.last.isoformat(), *mine
        ),
        select(*cols).where(D.result_at >= w.start, before, *mine),
        select(*cols).where(in_status(IN_HAND), before, *mine),
        select(*cols).where(in_status(ENDED), D.finished_at >= w.start, before, *mine),
    ).subquery("period_rows")


def _complex_keys(session: Session) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return select(_row_key(session)).where(D.id.in_(complex_ids()))
    return complex_ids()


def counts(
    session: Session, w: Window, by: Sequence[str] = (), counter: str | None = None
) -> list[tuple[Any, ...]]:
    """Rows of (key, label for each grouping of ``by``,) channel, then each count of ``flags``
    in order, for the simple dossiers (of ``counter`` when given)."""
    rows = period_rows(session, w, counter)
    groups = groups_of(by, rows.c)
    sums = [func.sum(case((cond, 1), else_=0)) for cond in flags(w, rows.c).values()]
    query = select(*groups, rows.c.channel, *sums).select_from(rows)
    if "field" in by:
        query = query.outerjoin(t.Procedure, t.Procedure.code == rows.c.procedure_code)
    query = query.where(rows.c.k.not_in(_complex_keys(session)))
    query = query.group_by(*groups, rows.c.channel)
    return [tuple(row) for row in session.execute(query)]


def first_ratings(w: Window) -> tuple[Any, ColumnElement[bool]]:
    """The events that are their dossier's rating (the first recorded) and fall in the period."""
    earlier = aliased(E)
    first = ~exists().where(
        earlier.dossier_id == E.dossier_id,
        earlier.type == domain.EventType.RATED.value,
        or_(earlier.at < E.at, and_(earlier.at == E.at, earlier.id < E.id)),
    )
    cond = and_(E.type == domain.EventType.RATED.value, E.at >= w.start, E.at < w.end, first)
    return E.payload["score"].as_string(), cond


def scores(
    session: Session, w: Window, by: Sequence[str] = (), counter: str | None = None
) -> list[tuple[Any, ...]]:
    """Rows of (key, label for each grouping of ``by``,) score, number of ratings in the period,
    for the simple dossiers."""
    groups = groups_of(by)
    score, cond = first_ratings(w)
    query = select(*groups, score, func.count()).select_from(E).join(D, D.id == E.dossier_id)
    query = _scoped(query.where(cond), by, counter).group_by(*groups, score)
    return [tuple(row) for row in session.execute(query)]


def series(session: Session, w: Window, counter: str | None = None) -> list[tuple[Any, ...]]:
    """Per local day of the period: (day, received, resolved, on_time) for the simple dossiers."""
    f = flags(w)
    received = (
        select(D.received_day.label("day"), func.count().label("n"))
        .where(f["received"], D.received_day >= w.first.isoformat())
        .where(D.received_day <= w.last.isoformat())
    )
    # Left out by their key, which the covering indexes hold (their id would need the rows).
    simple = _row_key(session).not_in(_complex_keys(session))
    mine = [D.workstation_id == counter] if counter is not None else []
    received = received.where(simple, *mine).group_by(D.received_day)
    day = local_day(D.result_at)
    resolved = select(
        day.label("day"),
        func.count().label("n"),
        func.sum(case((f["on_time"], 1), else_=0)).label("on_time"),
    ).where(f["resolved"])
    resolved = resolved.where(simple, *mine).group_by(day)
    out: dict[str, list[int]] = {}
    for d, n in session.execute(received):
        out.setdefault(d, [0, 0, 0])[0] = n
    for d, n, on_time in session.execute(resolved):
        row = out.setdefault(d, [0, 0, 0])
        row[1], row[2] = n, on_time or 0
    return [(d, *v) for d, v in sorted(out.items())]


def dossiers_with(
    session: Session,
    w: Window,
    figure: str,
    by: str | None = None,
    key: str | None = None,
    counter: str | None = None,
    limit: int | None = None,
) -> tuple[int, Sequence[t.Dossier]]:
    """The simple dossiers behind one figure (a count of ``flags``, ``within_limit``, or a
    score): how many, and the first ``limit`` of them in receipt order."""
    f = flags(w)
    if figure in f or figure == "within_limit":
        cond = and_(f["open"], not_(f["overdue"])) if figure == "within_limit" else f[figure]
        query = select(D).where(candidates(session, w), cond)
    else:
        score, rated = first_ratings(w)
        ids = select(E.dossier_id).where(rated, score == figure)
        query = select(D).where(D.id.in_(ids))
    return listed(session, query.where(D.id.not_in(complex_ids())), by, key, counter, limit)


def listed(
    session: Session,
    query: Any,
    by: str | None,
    key: str | None,
    counter: str | None,
    limit: int | None,
) -> tuple[int, Sequence[t.Dossier]]:
    """The dossiers of ``query`` (of the group ``key`` of ``by``, of ``counter``): how many, and
    the first ``limit`` of them in receipt order."""
    if by is not None and key is not None:
        query = query.where(group_columns(by)[0] == key)
        if by == "field":
            query = query.outerjoin(t.Procedure, t.Procedure.code == D.procedure_code)
    if counter is not None:
        query = query.where(D.workstation_id == counter)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(D.received_at, D.code)
    if limit is not None:
        query = query.limit(limit)
    return total, list(session.scalars(query))


def rows_of(session: Session, ids: Sequence[str]) -> list[t.Dossier]:
    return list(session.scalars(select(D).where(D.id.in_(list(ids)))))


def owed(
    session: Session,
    now: datetime,
    until: datetime,
    counter: str | None = None,
    limit: int = 200,
) -> tuple[int, list[t.Dossier], int, list[t.Dossier]]:
    """The dossiers whose clock runs past their due date now (how many, the most overdue first),
    and those due from now until ``until`` (how many, the soonest first)."""
    running = [s.value for s in domain.CLOCK_RUNNING]
    mine = [D.workstation_id == counter] if counter is not None else []
    late = [D.status.in_(running), D.due_at < now, *mine]
    soon = [D.status.in_(running), D.due_at >= now, D.due_at <= until, *mine]
    out: list[Any] = []
    for cond in (late, soon):
        out.append(session.scalar(select(func.count()).select_from(D).where(*cond)) or 0)
        out.append(list(session.scalars(select(D).where(*cond).order_by(D.due_at).limit(limit))))
    return out[0], out[1], out[2], out[3]
