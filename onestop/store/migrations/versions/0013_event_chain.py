"""The hash chain of every workstation's history (onestop.domain.chain): events get their number
in their workstation's chain, the previous event's hash and their own; existing events are
chained in the order they were recorded, the same way on every store and at the centre, so that
a workstation and the centre compute the same chain for the history they share. From now on an
event without its link is refused by the database itself.

Revision ID: 0013
Revises: 0010
Create Date: 2026-11-30
"""

import json

import sqlalchemy as sa
from alembic import op

from onestop.domain.chain import GENESIS, event_hash
from onestop.store.tables import UTCDateTime

revision = "0013"
down_revision = "0010"
branch_labels = None
depends_on = None

_EVENTS = sa.table(
    "events",
    sa.column("id", sa.String),
    sa.column("dossier_id", sa.String),
    sa.column("type", sa.String),
    sa.column("at", UTCDateTime()),
    sa.column("recorded_at", UTCDateTime()),
    sa.column("actor", sa.String),
    sa.column("workstation_id", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("chain_seq", sa.BigInteger),
    sa.column("chain_prev", sa.String),
    sa.column("chain_hash", sa.String),
)


def upgrade() -> None:
    op.add_column("events", sa.Column("chain_seq", sa.BigInteger()))
    op.add_column("events", sa.Column("chain_prev", sa.String(64)))
    op.add_column("events", sa.Column("chain_hash", sa.String(64)))
    dialect = op.get_bind().dialect.name
    # The history is append-only: its own triggers are lifted for the one backfill.
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE events DISABLE TRIGGER events_append_only")
    _backfill()
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER events_chained BEFORE INSERT ON events "
            "WHEN NEW.chain_seq IS NULL OR NEW.chain_prev IS NULL OR NEW.chain_hash IS NULL "
            "BEGIN SELECT RAISE(ABORT, 'events need their hash chain'); END"
        )
    elif dialect == "postgresql":
        op.execute("ALTER TABLE events ENABLE TRIGGER events_append_only")
        # A check rather than NOT NULL: the schema stays the same on both engines.
        op.execute(
            "ALTER TABLE events ADD CONSTRAINT ck_events_chained CHECK (chain_seq IS NOT NULL "
            "AND chain_prev IS NOT NULL AND chain_hash IS NOT NULL)"
        )
    op.create_index("uq_events_chain", "events", ["workstation_id", "chain_seq"], unique=True)


def _backfill() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_EVENTS).order_by(_EVENTS.c.workstation_id, _EVENTS.c.recorded_at, _EVENTS.c.id)
    ).mappings()
    station, seq, prev = None, 0, GENESIS
    updates = []
    for row in rows:
        if row["workstation_id"] != station:
            station, seq, prev = row["workstation_id"], 0, GENESIS
        seq += 1
        event = dict(row)
        if isinstance(event["payload"], str):
            event["payload"] = json.loads(event["payload"])
        digest = event_hash(event, seq, prev)
        updates.append({"key": row["id"], "seq": seq, "prev": prev, "digest": digest})
        prev = digest
    if updates:
        conn.execute(
            _EVENTS.update()
            .where(_EVENTS.c.id == sa.bindparam("key"))
            .values(
                chain_seq=sa.bindparam("seq"),
                chain_prev=sa.bindparam("prev"),
                chain_hash=sa.bindparam("digest"),
            ),
            updates,
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_index("uq_events_chain", "events")
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_chained")
        # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild would lose the table's triggers.
        for column in ("chain_hash", "chain_prev", "chain_seq"):
            op.execute(f"ALTER TABLE events DROP COLUMN {column}")
    else:
        op.execute("ALTER TABLE events DROP CONSTRAINT IF EXISTS ck_events_chained")
        for column in ("chain_hash", "chain_prev", "chain_seq"):
            op.drop_column("events", column)
