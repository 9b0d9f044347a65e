"""The supervisors' figures read from the per-day table of SQLite stores (``figure_days``,
migration 0022): what was received, resolved, refused, stopped and rated in a period is a sum over
its days; what was carried over into it is what the days
before it received and did not resolve or end; what is open at its end comes from the rows of
the few dossiers open then. Same rows, same meaning as onestop.store.repository_figures
(which counts dossiers' rows, and stays the way for a PostgreSQL store). The days count every
dossier (their rows say how many supplement requests took effect, see migration 0022); only
whether a dossier with supplements or an extension open at the period's end is overdue needs its
history (``open_complex``: the caller classifies them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from onestop.domain.report import COUNTS
from onestop.store import tables as t

from .repository_figures import (
    ENDED,
    IN_HAND,
    Window,
    candidates,
    first_ratings,
    flags,
    groups_of,
    in_status,
    listed,
    local_day,
)

D = t.Dossier
# Counted from the rows of the dossiers open at the period's end (or now), not from the days.
AT_SEEN = ("open", "overdue")
# Summed over the period's days: every count but those and the carried over (the days before).
SUMMED = tuple(name for name in COUNTS if name not in (*AT_SEEN, "carried_over"))
SCORES = ("very_satisfied", "satisfied", "dissatisfied")
VALUES = (*SUMMED, *SCORES)

# Kept by triggers, not by the models: not in tables.Base's metadata (a PostgreSQL store has none).
FD = Table(
    "figure_days",
    MetaData(),
    Column("day", String(10), primary_key=True),
    Column("procedure_code", String, primary_key=True),
    Column("procedure_name", String, primary_key=True),
    Column("receiver", String, primary_key=True),
    Column("workstation_id", String, primary_key=True),
    Column("channel", String, primary_key=True),
    *(Column(name, Integer) for name in VALUES),
)


def available(session: Session) -> bool:
    """Whether this store keeps its figures per day (every SQLite store at migration 0022)."""
    return session.get_bind().dialect.name == "sqlite"


def _mine(counter: str | None) -> list[Any]:
    return [FD.c.workstation_id == counter] if counter is not None else []


def _days(w: Window, counter: str | None) -> list[Any]:
    return [FD.c.day >= w.first.isoformat(), FD.c.day <= w.last.isoformat(), *_mine(counter)]


def _with_field(query: Any, by: Sequence[str], code: Any) -> Any:
    if "field" in by:
        return query.outerjoin(t.Procedure, t.Procedure.code == code)
    return query


def _needs_history() -> Any:
    """Whether a dossier's figures need its history, from its row: a supplement request or an
    extension took effect (events of those kinds that took no effect change nothing)."""
    return or_(func.coalesce(D.supplements, 0) > 0, D.extended.is_(True))


def _open(w: Window, counter: str | None, columns: Sequence[Any], needs_history: bool) -> Any:
    """The dossiers being handled at ``seen`` (received before it, neither resolved nor ended
    before it), or rather a few more, those whose figures need their history or the others: three
    disjoint sets, each read through an index (``seen`` is now for a period up to today: those
    still in hand)."""
    mine = [D.workstation_id == counter] if counter is not None else []
    # In a form no index serves (see repository_figures.candidates).
    before = func.coalesce(D.received_at, D.received_at) < w.seen
    which = _needs_history() if needs_history else not_(_needs_history())
    return union_all(
        select(*columns).where(D.result_at >= w.seen, before, which, *mine),
        select(*columns).where(in_status(IN_HAND), before, which, *mine),
        select(*columns).where(in_status(ENDED), D.finished_at >= w.seen, before, which, *mine),
    )


def open_complex(w: Window, counter: str | None = None) -> Any:
    """The dossiers open at ``seen`` whose figures need their history (their ids): whether they
    are overdue follows from the clock of their history."""
    return _open(w, counter, [D.id], needs_history=True)


def _open_simple(w: Window, counter: str | None) -> Any:
    """The other dossiers open at ``seen``, with their figures' columns."""
    cols = [getattr(D, name) for name in t.FIGURE_COLUMNS]
    return _open(w, counter, cols, needs_history=False).subquery("open_simple")


def counts(
    session: Session, w: Window, by: Sequence[str] = (), counter: str | None = None
) -> list[tuple[Any, ...]]:
    """As repository_figures.counts: rows of (key, label for each grouping of ``by``,) channel,
    then each count of onestop.domain.report.COUNTS in order. Received to stopped: the sums of
    the period's days. Carried over: every day before it, received less resolved, refused and
    stopped (a dossier leaves the hands of the office once, by its result, refusal or stop;
    nothing brings it back). Open and overdue: the rows of those open at ``seen``."""
    groups = groups_of(by, FD.c)
    sums = {name: func.sum(FD.c[name]) for name in SUMMED}
    cells = [sums.get(name, literal(0)) for name in COUNTS]
    query = select(*groups, FD.c.channel, *cells).where(*_days(w, counter))
    query = _with_field(query, by, FD.c.procedure_code).group_by(*groups, FD.c.channel)
    out = [tuple(row) for row in session.execute(query)]
    left = FD.c.received - FD.c.resolved - FD.c.refused - FD.c.stopped
    cells = [func.sum(left) if name == "carried_over" else literal(0) for name in COUNTS]
    query = select(*groups, FD.c.channel, *cells).where(
        FD.c.day < w.first.isoformat(), *_mine(counter)
    )
    query = _with_field(query, by, FD.c.procedure_code).group_by(*groups, FD.c.channel)
    out += [tuple(row) for row in session.execute(query)]
    rows = _open_simple(w, counter)
    f = flags(w, rows.c)
    wanted = {name: func.sum(case((f[name], 1), else_=0)) for name in AT_SEEN}
    groups = groups_of(by, rows.c)
    cells = [wanted.get(name, literal(0)) for name in COUNTS]
    query = select(*groups, rows.c.channel, *cells).select_from(rows)
    query = _with_field(query, by, rows.c.procedure_code).group_by(*groups, rows.c.channel)
    return out + [tuple(row) for row in session.execute(query)]


def scores(
    session: Session, w: Window, by: Sequence[str] = (), counter: str | None = None
) -> list[tuple[Any, ...]]:
    """As repository_figures.scores: rows of (key, label for each grouping of ``by``,) score,
    number of first ratings in the period."""
    groups = groups_of(by, FD.c)
    query = select(*groups, *(func.sum(FD.c[s]) for s in SCORES)).where(*_days(w, counter))
    query = _with_field(query, by, FD.c.procedure_code).group_by(*groups)
    width = len(groups)
    out = []
    for row in session.execute(query):
        for i, score in enumerate(SCORES):
            if row[width + i]:
                out.append((*row[:width], score, row[width + i]))
    return out


def series(session: Session, w: Window, counter: str | None = None) -> list[tuple[Any, ...]]:
    """As repository_figures.series: (day, received, resolved, on_time) per local day."""
    query = (
        select(FD.c.day, func.sum(FD.c.received), func.sum(FD.c.resolved), func.sum(FD.c.on_time))
        .where(*_days(w, counter))
        .group_by(FD.c.day)
        .order_by(FD.c.day)
    )
    return [tuple(row) for row in session.execute(query) if any(row[1:])]


# The figures a dossier's row decides, whatever its history (see migration 0022); the others
# (open, overdue, within the limit) are left to repository_figures.dossiers_with and the
# caller's classification of the histories of those open at the period's end.
ROW_FIGURES = (*SUMMED, "carried_over", "open", *SCORES)
# Judged from the rows of the dossiers whose figures do not need their history (the others are
# classified by the caller).
CLOCK_FIGURES = ("overdue", "within_limit")


def row_flags(w: Window) -> dict[str, Any]:
    """Each figure of ROW_FIGURES but the scores as a condition on any dossier's row, judged as
    migration 0022's triggers judge it (carried over: being handled at the period's start, which
    a dossier's result, refusal or stop ends for good)."""
    resolved = and_(D.result_at >= w.start, D.result_at < w.end)
    asked = func.coalesce(D.supplements, 0)
    in_time = and_(D.result_at <= D.due_at, D.extended.is_(False), asked <= 1)
    ended = and_(D.finished_at >= w.start, D.finished_at < w.end, D.result_at.is_(None))
    f = flags(w)
    return {
        # Columns alone, whatever the history: being handled at an instant.
        "carried_over": f["carried_over"],
        "open": f["open"],
        "received": and_(D.received_at >= w.start, D.received_at < w.end),
        "resolved": resolved,
        "early": and_(resolved, in_time, local_day(D.result_at) < local_day(D.due_at)),
        "on_time": and_(resolved, in_time),
        "late": and_(resolved, not_(in_time)),
        "late_with_apology": and_(resolved, D.extended.is_(True)),
        "late_by_supplements": and_(resolved, asked > 1),
        "refused": and_(D.status == "refused", ended),
        "stopped": and_(D.status == "stopped", ended),
    }


def dossiers_with(
    session: Session,
    w: Window,
    figure: str,
    by: str | None = None,
    key: str | None = None,
    counter: str | None = None,
    limit: int | None = None,
) -> tuple[int, Sequence[t.Dossier]]:
    """Every dossier behind one figure of ROW_FIGURES, or those whose figures do not need their
    history behind one of CLOCK_FIGURES (of the group ``key`` of ``by``): how many, and the
    first ``limit`` of them in receipt order."""
    if figure in CLOCK_FIGURES:
        f = flags(w)
        clock = f["overdue"] if figure == "overdue" else and_(f["open"], not_(f["overdue"]))
        query = select(D).where(candidates(session, w), clock, not_(_needs_history()))
    elif figure in SCORES:
        score, rated = first_ratings(w)
        query = select(D).where(D.id.in_(select(t.Event.dossier_id).where(rated, score == figure)))
    else:
        query = select(D).where(candidates(session, w), row_flags(w)[figure])
    return listed(session, query, by, key, counter, limit)


# --- bulk writes (a sync pull) -----------------------------------------------------------------

KEYS = ("procedure_code", "procedure_name", "receiver", "workstation_id", "channel")
# Ids per statement (SQLite allows 32,766 bound values; far fewer keep each statement short).
CHUNK = 500


def _move_shares(conn: Connection, dossier_ids: Sequence[str], sign: int) -> None:
    """Add (1) or take away (-1) these dossiers' shares, as the view figure_shares has them."""
    keys = ", ".join(KEYS)
    sums = ", ".join(f"{sign} * sum({v})" for v in VALUES)
    updates = ", ".join(f"{v} = {v} + excluded.{v}" for v in VALUES)
    for start in range(0, len(dossier_ids), CHUNK):
        part = list(dossier_ids[start : start + CHUNK])
        marks = ", ".join("?" * len(part))
        conn.exec_driver_sql(
            f"INSERT INTO figure_days (day, {keys}, {', '.join(VALUES)}) "
            f"SELECT day, {keys}, {sums} FROM figure_shares WHERE dossier_id IN ({marks}) "
            f"GROUP BY day, {keys} ON CONFLICT (day, {keys}) DO UPDATE SET {updates}",
            tuple(part),
        )


@contextmanager
def bulk_write(conn: Connection, present: Sequence[str], touched: Sequence[str]) -> Iterator[None]:
    """Around a sync pull's bulk writes, in its transaction: the per-day figures' triggers are
    lifted (each would count one row at a time); the shares of the dossiers already here that
    the writes will change (``present``) are taken away before, and those of every dossier
    written (``touched``) added after, each in a few statements. SQLite's DDL is transactional:
    a rollback puts the triggers back. Nothing to do on a store without the triggers."""
    if conn.dialect.name != "sqlite":
        yield
        return
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure_days%'"
    ).all()
    if not found:
        yield
        return
    _move_shares(conn, present, -1)
    for name, _sql in found:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    yield
    _move_shares(conn, touched, 1)
    for _name, sql in found:
        conn.exec_driver_sql(sql)
