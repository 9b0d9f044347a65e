"""The central log of positions holds runs: one row per accepted batch (its first position, how
many, and their ids in position order) instead of one row per event.

A push writes one row where it wrote thousands (a sixth of the centre's work on a large push,
measured), and a pull reads a few rows and expands them. Positions, the allocator and commit
order are unchanged. Existing rows become runs of one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # In place: the table keeps its row-level security policy and its grants.
        op.execute("ALTER TABLE sync_log ADD COLUMN count integer NOT NULL DEFAULT 1")
        op.execute("ALTER TABLE sync_log ALTER COLUMN count DROP DEFAULT")
        op.execute("ALTER TABLE sync_log ADD COLUMN event_ids json")
        op.execute("UPDATE sync_log SET event_ids = json_build_array(event_id)")
        op.execute("ALTER TABLE sync_log ALTER COLUMN event_ids SET NOT NULL")
        # Its unique constraint goes with it: an event gets a position only when it is first
        # inserted into events, whose key it is, in the same transaction.
        op.execute("ALTER TABLE sync_log DROP COLUMN event_id")
        return
    # SQLite (stores and demo centres): a new table filled from the old one.
    op.create_table(
        "sync_log_runs",
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("pushed_at", UTCDateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("event_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "position", name="pk_sync_log"),
    )
    op.execute(
        "INSERT INTO sync_log_runs SELECT agency_code, position, workstation_id, pushed_at, 1, "
        "json_array(event_id) FROM sync_log"
    )
    op.drop_table("sync_log")
    op.rename_table("sync_log_runs", "sync_log")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE sync_log ADD COLUMN event_id varchar(36)")
        op.execute(
            "INSERT INTO sync_log (agency_code, position, event_id, workstation_id, pushed_at, "
            "count, event_ids) SELECT l.agency_code, l.position + u.o - 1, u.id, "
            "l.workstation_id, l.pushed_at, 1, json_build_array(u.id) FROM sync_log l, "
            "json_array_elements_text(l.event_ids) WITH ORDINALITY AS u(id, o) WHERE u.o > 1"
        )
        op.execute("UPDATE sync_log SET event_id = event_ids->>0 WHERE event_id IS NULL")
        op.execute("ALTER TABLE sync_log ALTER COLUMN event_id SET NOT NULL")
        op.execute("ALTER TABLE sync_log DROP COLUMN event_ids, DROP COLUMN count")
        op.execute("ALTER TABLE sync_log ADD CONSTRAINT uq_sync_log_event_id UNIQUE (event_id)")
        return
    op.create_table(
        "sync_log_rows",
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("pushed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "position", name="pk_sync_log"),
        sa.UniqueConstraint("event_id", name="uq_sync_log_event_id"),
    )
    op.execute(
        "INSERT INTO sync_log_rows SELECT l.agency_code, l.position + u.key, u.value, "
        "l.workstation_id, l.pushed_at FROM sync_log l, json_each(l.event_ids) u"
    )
    op.drop_table("sync_log")
    op.rename_table("sync_log_rows", "sync_log")
