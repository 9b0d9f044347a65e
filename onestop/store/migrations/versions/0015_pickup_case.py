"""A home pickup request names the procedure's case (issue 14), so that the dossier it becomes at
the hand-over is received under that case, with its time and fee.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both engines: a batch rebuild on SQLite would lose the table's
    # replication triggers.
    op.add_column("postal_pickups", sa.Column("case_name", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("postal_pickups", "case_name")
