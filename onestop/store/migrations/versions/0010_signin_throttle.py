"""Sign-in throttling: wrong passwords in a row and the lock they earn, per name typed, and the
record of every attempt, lockout and unlock.

Local to the workstation, by choice: people sign in against the workstation's own store, so its
lock is what stops guessing there; no sync moves these rows (they are in neither the event log
nor onestop.sync.rows.REPLICATED). Replicating them would let someone at one counter lock staff
out of every counter of the agency, and would send the names typed at a sign-in screen
(mistyped passwords among them) to the centre. The tables exist at the centre too (one schema)
but nothing writes them there, and no workstation role is granted them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_locks",
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_signin_locks"),
    )
    op.create_table(
        "signin_attempts",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("actor", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_signin_attempts"),
    )
    op.create_index("ix_signin_attempts_username_at", "signin_attempts", ["username", "at"])


def downgrade() -> None:
    op.drop_index("ix_signin_attempts_username_at", table_name="signin_attempts")
    op.drop_table("signin_attempts")
    op.drop_table("signin_locks")
