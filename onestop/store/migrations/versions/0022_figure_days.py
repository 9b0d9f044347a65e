"""The supervisors' figures kept per local day (issue 16): ``figure_days`` holds, for each day and
group (procedure, officer, counter, channel), how many dossiers were received, resolved (early, on
time, late), refused, stopped and rated that day, so a month or a year is a sum over a few
thousand rows instead of a read of every dossier of the period.

It is kept by triggers in the same transaction as every change, whatever wrote it (receipt, the
postal service, a sync pull, back entry): a change to a dossier's row takes its old share away and
adds the new one. Only the dossiers whose figures follow from their columns have a share (see
onestop.store.repository_figures); a dossier's first supplement or extension event takes its
share away, and from then on its figures come from its history. A rating moves the day its
dossier was rated on. Existing dossiers are counted once, here.

SQLite stores only: a PostgreSQL store (the centre) is not touched and keeps counting rows.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

GROUPS = ("procedure_code", "procedure_name", "receiver", "workstation_id", "channel")
COUNTS = ("received", "resolved", "early", "on_time", "late", "refused", "stopped")
SCORES = ("very_satisfied", "satisfied", "dissatisfied")
VALUES = (*COUNTS, *SCORES)
COMPLEX = "('supplement_requested', 'supplement_completed', 'extended')"

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


def _parts(counts: bool = True) -> list[str]:
    """The day rows of a share, each a SELECT over ``d`` (the dossiers' columns and their first
    rating's ``rated_at`` and ``score``): the counts, the rating, or both."""
    zero = dict.fromkeys(VALUES, "0")

    def row(day: str, where: str, **values: str) -> str:
        cells = {**zero, **values}
        return (
            f"SELECT {day} AS day, "
            + ", ".join(f"coalesce(d.{g}, '') AS {g}" for g in GROUPS)
            + ", "
            + ", ".join(f"{cells[v]} AS {v}" for v in VALUES)
            + " FROM {d} AS d WHERE "
            + where
        )

    on_time = "d.result_at <= d.original_due_at"
    early = f"{on_time} AND {_day('d.result_at')} < {_day('d.original_due_at')}"
    rows = [
        row(
            _day("d.rated_at"),
            "d.score IN ('very_satisfied', 'satisfied', 'dissatisfied')",
            **{s: f"d.score = '{s}'" for s in SCORES},
        )
    ]
    if counts:
        rows += [
            row(_day("d.received_at"), "d.received_at IS NOT NULL", received="1"),
            row(
                _day("d.result_at"),
                "d.result_at IS NOT NULL",
                resolved="1",
                on_time=f"coalesce({on_time}, 0)",
                early=f"coalesce({early}, 0)",
                late="coalesce(d.result_at > d.original_due_at, 0)",
            ),
            row(
                _day("d.finished_at"),
                "d.status IN ('refused', 'stopped') AND d.finished_at IS NOT NULL",
                refused="d.status = 'refused'",
                stopped="d.status = 'stopped'",
            ),
        ]
    return rows


def _rating(dossier_id: str, column: str, without: str | None) -> str:
    """A column of a dossier's first rating (the earliest recorded, as the figures count it)."""
    skip = f" AND id <> {without}" if without else ""
    return (
        f"(SELECT {column} FROM events WHERE dossier_id = {dossier_id} AND type = 'rated'{skip} "
        "ORDER BY at, id LIMIT 1)"
    )


COLUMNS = (
    "id",
    "received_at",
    "result_at",
    "original_due_at",
    "status",
    "finished_at",
    *GROUPS,
)


def _source(alias: str, without: str | None = None, where: str = "") -> str:
    """The columns a share reads, of the trigger row ``alias`` (OLD, NEW), or of the dossiers
    (alias ``x``, with ``where``), with their first rating (not counting the event ``without``)."""
    cols = ", ".join(f"{alias}.{c} AS {c}" for c in COLUMNS)
    rated = _rating(f"{alias}.id", "at", without)
    score = _rating(f"{alias}.id", "json_extract(payload, '$.score')", without)
    tail = f" FROM dossiers AS x WHERE {where}" if alias == "x" else ""
    return f"SELECT {cols}, {rated} AS rated_at, {score} AS score{tail}"


def _add(source: str, sign: int, counts: bool = True) -> str:
    """Add (sign 1) or take away (-1) the shares of the dossiers of ``source``."""
    keys = ", ".join(GROUPS)
    sums = ", ".join(f"{sign} * sum({v})" for v in VALUES)
    rows = " UNION ALL ".join(p.replace("{d}", f"({source})") for p in _parts(counts))
    return (
        f"INSERT INTO figure_days (day, {keys}, {', '.join(VALUES)}) "
        f"SELECT day, {keys}, {sums} FROM ({rows}) WHERE 1 GROUP BY day, {keys} "
        f"ON CONFLICT (day, {keys}) DO UPDATE SET "
        + ", ".join(f"{v} = {v} + excluded.{v}" for v in VALUES)
        + ";"
    )


def _simple(dossier_id: str, without: str | None = None) -> str:
    """No supplement or extension event in the dossier's history (but ``without``)."""
    skip = f" AND rowid <> {without}" if without else ""
    return (
        f"NOT EXISTS (SELECT 1 FROM events WHERE dossier_id = {dossier_id} "
        f"AND type IN {COMPLEX}{skip})"
    )


CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COLUMNS)
ITS_ROW = "x.id = NEW.dossier_id"

TRIGGERS = {
    "figure_days_ai": (
        f"AFTER INSERT ON dossiers WHEN {_simple('NEW.id')}",
        [_add(_source("NEW"), 1)],
    ),
    "figure_days_ad": (
        f"AFTER DELETE ON dossiers WHEN {_simple('OLD.id')}",
        [_add(_source("OLD"), -1)],
    ),
    "figure_days_au": (
        f"AFTER UPDATE ON dossiers WHEN ({CHANGED}) AND {_simple('NEW.id')}",
        [_add(_source("OLD"), -1), _add(_source("NEW"), 1)],
    ),
    # The first supplement or extension event: the dossier's figures need its history from now.
    "figure_days_complex": (
        f"AFTER INSERT ON events WHEN NEW.type IN {COMPLEX} "
        f"AND {_simple('NEW.dossier_id', 'NEW.rowid')}",
        [_add(_source("x", where=ITS_ROW), -1)],
    ),
    # A rating: the dossier's first rating may now be this one.
    "figure_days_rated": (
        f"AFTER INSERT ON events WHEN NEW.type = 'rated' AND {_simple('NEW.dossier_id')}",
        [
            _add(_source("x", "NEW.id", ITS_ROW), -1, counts=False),
            _add(_source("x", where=ITS_ROW), 1, counts=False),
        ],
    ),
}


# Every dossier's share, counted from nothing (the upgrade's back-fill).
BACKFILL = _add(_source("x", where=_simple("x.id")), 1).rstrip(";")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(TABLE)
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {' '.join(body)} END")
    op.execute(BACKFILL)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS figure_days")
