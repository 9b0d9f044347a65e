"""The supervisors' figures kept per local day (issue 16): ``figure_days`` holds, for each day and
group (procedure, officer, counter, channel), how many dossiers were received, resolved (early, on
time, late, late with an apology, late by supplements), refused, stopped and rated that day, so a
month or a year is a sum over a few thousand rows instead of a read of every dossier of the period.

Every dossier has a share, judged from its row: its result is on time when ready by its due date,
not extended, and asked for supplements at most once. The due date without an extension is the
row's ``due_at`` whenever there was no extension (a supplement completion restarts it), and an
extended dossier is late anyway; so the one thing the row lacked is how many supplement requests
took effect: the new column ``dossiers.supplements``, kept by the projection like the others.

The table is kept by triggers in the same transaction as every change, whatever wrote it
(receipt, the postal service, a sync pull, back entry): a change to a dossier's row takes its old
share away and adds the new one; a rating moves to the day its dossier was first rated on.
Existing dossiers are counted once, here.

The dossiers refused or stopped since an instant get an index (status, finished_at, received_at).

The table is for SQLite stores only: a PostgreSQL store gets the column (NULL at a centre, whose
push functions project in SQL; its report classifies such dossiers from their events) and the
index.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from onestop.domain import dossier as domain

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

GROUPS = ("procedure_code", "procedure_name", "receiver", "workstation_id", "channel")
COUNTS = (
    "received",
    "resolved",
    "early",
    "on_time",
    "late",
    "late_with_apology",
    "late_by_supplements",
    "refused",
    "stopped",
)
SCORES = ("very_satisfied", "satisfied", "dissatisfied")
VALUES = (*COUNTS, *SCORES)

TABLE = (
    "CREATE TABLE figure_days (day VARCHAR(10) NOT NULL, "
    + ", ".join(f"{g} TEXT NOT NULL" for g in GROUPS)
    + ", "
    + ", ".join(f"{v} INTEGER NOT NULL DEFAULT 0" for v in VALUES)
    + f", PRIMARY KEY (day, {', '.join(GROUPS)})) WITHOUT ROWID"
)


def _day(expr: str) -> str:
    # Instants are stored as naive UTC text; the local day is Vietnam's (UTC+7, no summer time).
    return f"date({expr}, '+7 hours')"


def _parts(rating: bool = True, counts: bool = True) -> list[str]:
    """The day rows of a share, each a SELECT over ``d`` (the dossiers' columns and their first
    rating's ``rated_at`` and ``score``): the rating's, the counts', or both."""
    zero = dict.fromkeys(VALUES, "0")

    def row(day: str, where: str, **values: str) -> str:
        cells = {**zero, **values}
        return (
            f"SELECT d.id AS dossier_id, {day} AS day, "
            + ", ".join(f"coalesce(d.{g}, '') AS {g}" for g in GROUPS)
            + ", "
            + ", ".join(f"{cells[v]} AS {v}" for v in VALUES)
            + " FROM {d} AS d WHERE "
            + where
        )

    # The result judged as onestop.domain.report does (see the module's docstring).
    in_time = "(d.result_at <= d.due_at AND NOT d.extended AND coalesce(d.supplements, 0) <= 1)"
    early = f"{in_time} AND {_day('d.result_at')} < {_day('d.due_at')}"
    rated = row(
        _day("d.rated_at"),
        "d.score IN ('very_satisfied', 'satisfied', 'dissatisfied')",
        **{s: f"d.score = '{s}'" for s in SCORES},
    )
    counted = [
        row(_day("d.received_at"), "d.received_at IS NOT NULL", received="1"),
        row(
            _day("d.result_at"),
            "d.result_at IS NOT NULL",
            resolved="1",
            on_time=in_time,
            early=early,
            late=f"NOT {in_time}",
            late_with_apology="d.extended",
            late_by_supplements="coalesce(d.supplements, 0) > 1",
        ),
        row(
            _day("d.finished_at"),
            "d.status IN ('refused', 'stopped') AND d.finished_at IS NOT NULL "
            "AND d.result_at IS NULL",
            refused="d.status = 'refused'",
            stopped="d.status = 'stopped'",
        ),
    ]
    return ([rated] if rating else []) + (counted if counts else [])


def _rating(dossier_id: str, column: str) -> str:
    """A column of a dossier's first rating (the earliest recorded, as the figures count it)."""
    # "+type": through the index of the dossier's events, never that of every rating by type
    # (which a store without statistics would otherwise pick: a scan of all ratings per row).
    return (
        f"(SELECT {column} FROM events WHERE dossier_id = {dossier_id} AND +type = 'rated' "
        "ORDER BY at, id LIMIT 1)"
    )


COLUMNS = (
    "id",
    "received_at",
    "result_at",
    "due_at",
    "extended",
    "supplements",
    "status",
    "finished_at",
    *GROUPS,
)


def _shares() -> str:
    """The view of every dossier's share: its day rows, from its row and its first rating
    (looked up per dossier, so a filter on ``dossier_id`` reaches each arm: one dossier costs a
    few index lookups)."""
    cols = ", ".join(f"x.{c}" for c in COLUMNS)
    rated = _rating("x.id", "at")
    score = _rating("x.id", "json_extract(payload, '$.score')")
    source = f"(SELECT {cols}, {rated} AS rated_at, {score} AS score FROM dossiers AS x)"
    return "CREATE VIEW figure_shares AS " + " UNION ALL ".join(
        p.replace("{d}", source) for p in _parts()
    )


def _add(dossier_id: str, sign: int) -> str:
    """Add (sign 1) or take away (-1) the share of one dossier, as the view has it now."""
    keys = ", ".join(GROUPS)
    sums = ", ".join(f"{sign} * sum({v})" for v in VALUES)
    return (
        f"INSERT INTO figure_days (day, {keys}, {', '.join(VALUES)}) "
        f"SELECT day, {keys}, {sums} FROM figure_shares WHERE dossier_id = {dossier_id} "
        f"GROUP BY day, {keys} ON CONFLICT (day, {keys}) DO UPDATE SET "
        + ", ".join(f"{v} = {v} + excluded.{v}" for v in VALUES)
        + ";"
    )


CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COLUMNS)

# A change takes the old share away before it and adds the new one after it (the view reads
# the tables as they stand). Named so that onestop.store.repository_figure_days can lift them
# all for a sync pull's bulk writes (and count the dossiers it touched in one pass).
TRIGGERS = {
    "figure_days_ai": ("AFTER INSERT ON dossiers", _add("NEW.id", 1)),
    "figure_days_bu": (f"BEFORE UPDATE ON dossiers WHEN {CHANGED}", _add("OLD.id", -1)),
    "figure_days_au": (f"AFTER UPDATE ON dossiers WHEN {CHANGED}", _add("NEW.id", 1)),
    "figure_days_bd": ("BEFORE DELETE ON dossiers", _add("OLD.id", -1)),
    # A rating: the dossier's first rating may now be this one.
    "figure_days_rb": (
        "BEFORE INSERT ON events WHEN NEW.type = 'rated'",
        _add("NEW.dossier_id", -1),
    ),
    "figure_days_ra": ("AFTER INSERT ON events WHEN NEW.type = 'rated'", _add("NEW.dossier_id", 1)),
}


def _backfill() -> str:
    """Every dossier's share, counted from nothing (the upgrade's back-fill): the counts from one
    scan of the dossiers, the ratings from one pass over the first ratings, each looking its
    dossier up by id (a second formulation, which the tests hold the triggers to)."""
    keys = ", ".join(GROUPS)
    cols = ", ".join(f"x.{c}" for c in COLUMNS)
    firsts = (
        "SELECT dossier_id, at, json_extract(payload, '$.score') AS score, "
        "row_number() OVER (PARTITION BY dossier_id ORDER BY at, id) AS n "
        "FROM events WHERE type = 'rated'"
    )
    plain = f"(SELECT {cols}, NULL AS rated_at, NULL AS score FROM dossiers AS x)"
    # CROSS JOIN: the ratings outside, each dossier found through its key (a planner left to
    # itself, without statistics, may scan every rating for every dossier instead).
    rated = (
        f"(SELECT {cols}, r.at AS rated_at, r.score AS score FROM ({firsts}) AS r "
        "CROSS JOIN dossiers AS x WHERE x.id = r.dossier_id AND r.n = 1)"
    )
    rows = [p.replace("{d}", plain) for p in _parts(rating=False)]
    rows += [p.replace("{d}", rated) for p in _parts(counts=False)]
    return (
        f"INSERT INTO figure_days (day, {keys}, {', '.join(VALUES)}) "
        f"SELECT day, {keys}, {', '.join(f'sum({v})' for v in VALUES)} "
        f"FROM ({' UNION ALL '.join(rows)}) WHERE 1 GROUP BY day, {keys}"
    )


BACKFILL = _backfill()
SHARES = _shares()


def upgrade() -> None:
    op.add_column("dossiers", sa.Column("supplements", sa.Integer(), nullable=True))
    # The dossiers refused or stopped since an instant (the figures' straddling dossiers).
    op.create_index(
        "ix_dossiers_status_finished", "dossiers", ["status", "finished_at", "received_at"]
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    _count_supplements()
    op.execute(TABLE)
    op.execute(SHARES)
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    op.execute(BACKFILL)


def _count_supplements() -> None:
    """The supplement requests that took effect, from the histories that have any (the others
    have none); the same fold as the projection's (onestop.domain.dossier)."""
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE dossiers SET supplements = 0"))
    rows = bind.execute(
        sa.text(
            "SELECT id, dossier_id, type, at, actor, workstation_id, payload FROM events "
            "WHERE dossier_id IN (SELECT dossier_id FROM events "
            "WHERE type = 'supplement_requested') ORDER BY dossier_id"
        )
    )
    histories: dict[str, list[domain.Event]] = {}
    for r in rows:
        histories.setdefault(r.dossier_id, []).append(
            domain.Event(
                id=r.id,
                dossier_id=r.dossier_id,
                type=r.type,
                at=_instant(r.at),
                actor=r.actor,
                workstation=r.workstation_id,
                payload=json.loads(r.payload) if isinstance(r.payload, str) else r.payload,
            )
        )
    counted = [
        {"k": dossier_id, "n": domain.project(events).supplements}
        for dossier_id, events in histories.items()
    ]
    if counted:
        bind.execute(sa.text("UPDATE dossiers SET supplements = :n WHERE id = :k"), counted)


def _instant(text: str) -> datetime:
    """A stored instant (naive UTC text) as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP VIEW IF EXISTS figure_shares")
        op.execute("DROP TABLE IF EXISTS figure_days")
    op.drop_index("ix_dossiers_status_finished", table_name="dossiers")
    # Plain DROP COLUMN: a batch rebuild of dossiers would drop a table events point to.
    op.drop_column("dossiers", "supplements")
