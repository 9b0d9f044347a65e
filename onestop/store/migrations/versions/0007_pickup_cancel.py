"""A pickup request can be cancelled (the citizen calls back, or brings the dossier in person):
who cancelled it, when, and why.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both engines: a batch rebuild on SQLite would lose the table's
    # master-data and replication triggers.
    op.add_column("postal_pickups", sa.Column("cancelled_at", UTCDateTime()))
    op.add_column("postal_pickups", sa.Column("cancelled_by", sa.String(100)))
    op.add_column("postal_pickups", sa.Column("cancel_reason", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("postal_pickups") as batch:
        batch.drop_column("cancel_reason")
        batch.drop_column("cancelled_by")
        batch.drop_column("cancelled_at")
