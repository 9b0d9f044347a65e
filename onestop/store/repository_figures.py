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

from sqlalchemy import String, and_, case, exists, func, not_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

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


def _in_hand(at: datetime) -> ColumnElement[bool]:
    return and_(
        D.received_at < at,
        or_(D.result_at.is_(None), D.result_at >= at),
        or_(D.status.not_in(ENDED), D.finished_at >= at),
    )


def flags(w: Window) -> dict[str, ColumnElement[bool]]:
    """Each count of onestop.domain.report.COUNTS as a condition on a simple dossier's row."""
    resolved = and_(D.result_at >= w.start, D.result_at < w.end)
    on_time = and_(resolved, D.result_at <= D.original_due_at)
    is_open = _in_hand(w.seen)
    false = D.id.is_(None)
    return {
        "received": and_(D.received_at >= w.start, D.received_at < w.end),
        "carried_over": and_(D.received_at < w.start, _in_hand(w.start)),
        "resolved": resolved,
        "early": and_(on_time, local_day(D.result_at) < local_day(D.original_due_at)),
        "on_time": on_time,
        "late": and_(resolved, D.result_at > D.original_due_at),
        "late_with_apology": false,
        "late_by_supplements": false,
        "refused": and_(D.status == "refused", D.finished_at >= w.start, D.finished_at < w.end),
        "stopped": and_(D.status == "stopped", D.finished_at >= w.start, D.finished_at < w.end),
        "open": is_open,
        "overdue": and_(is_open, D.original_due_at < w.seen),
    }


def candidates(w: Window) -> ColumnElement[bool]:
    """A superset of the dossiers that count in the period other than by a rating, each term
    served by an index: received in it; or received before its end and, since its start,
    resolved, ended, or still being handled now."""
    return or_(
        and_(D.received_day >= w.first.isoformat(), D.received_day <= w.last.isoformat()),
        and_(D.result_at >= w.start, D.received_at < w.end),
        and_(D.status.in_(IN_HAND), D.received_at < w.end),
        and_(D.status.in_(ENDED), D.finished_at >= w.start, D.received_at < w.end),
    )


def group_columns(by: str | None) -> list[ColumnElement[Any]]:
    """The key and label a group is known by."""
    if by is None:
        return []
    if by == "procedure":
        return [D.procedure_code, D.procedure_name]
    if by == "field":
        field = func.coalesce(t.Procedure.field, "")
        return [field, field]
    column = {"officer": D.receiver, "counter": D.workstation_id, "channel": D.channel}[by]
    return [column, column]


def _scoped(query: Any, by: str | None, counter: str | None) -> Any:
    if by == "field":
        query = query.outerjoin(t.Procedure, t.Procedure.code == D.procedure_code)
    if counter is not None:
        query = query.where(D.workstation_id == counter)
    return query.where(D.id.not_in(complex_ids()))


def counts(
    session: Session, w: Window, by: str | None = None, counter: str | None = None
) -> list[tuple[Any, ...]]:
    """Rows of (key, label,) channel, then each count of ``flags`` in order, for the simple
    dossiers (of ``counter`` when given), per group and channel."""
    groups = group_columns(by)
    sums = [func.sum(case((cond, 1), else_=0)) for cond in flags(w).values()]
    query = select(*groups, D.channel, *sums).select_from(D).where(candidates(w))
    query = _scoped(query, by, counter).group_by(*groups, D.channel)
    return [tuple(row) for row in session.execute(query)]


def _first_ratings(w: Window) -> tuple[Any, ColumnElement[bool]]:
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
    session: Session, w: Window, by: str | None = None, counter: str | None = None
) -> list[tuple[Any, ...]]:
    """Rows of (key, label,) score, number of ratings in the period, for the simple dossiers."""
    groups = group_columns(by)
    score, cond = _first_ratings(w)
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
    received = _scoped(received, None, counter).group_by(D.received_day)
    day = local_day(D.result_at)
    resolved = select(
        day.label("day"),
        func.count().label("n"),
        func.sum(case((f["on_time"], 1), else_=0)).label("on_time"),
    ).where(f["resolved"])
    resolved = _scoped(resolved, None, counter).group_by(day)
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
        query = select(D).where(candidates(w), cond)
    else:
        score, rated = _first_ratings(w)
        ids = select(E.dossier_id).where(rated, score == figure)
        query = select(D).where(D.id.in_(ids))
    if by is not None and key is not None:
        query = query.where(group_columns(by)[0] == key)
    query = _scoped(query, by, counter)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(D.received_at, D.code)
    if limit is not None:
        query = query.limit(limit)
    return total, list(session.scalars(query))


def rows_of(session: Session, ids: Sequence[str]) -> list[t.Dossier]:
    return list(session.scalars(select(D).where(D.id.in_(list(ids)))))
