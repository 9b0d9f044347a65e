"""Procedures say how their time is counted (working or calendar days) and which cases they have
(each with its own time and fee); documents in the catalogue JSON may be conditional.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.add_column(
            sa.Column("days_kind", sa.String(10), nullable=False, server_default="working")
        )
        batch.add_column(sa.Column("cases", sa.JSON, nullable=True))
    # A dossier keeps how its time is counted and the case it was received under.
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("days_kind", sa.String(10), nullable=True))
        batch.add_column(sa.Column("case_name", sa.Text, nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch rebuild of dossiers would drop a table
    # that events point to, which SQLite refuses while foreign keys are enforced.
    for table, column in (
        ("dossiers", "case_name"),
        ("dossiers", "days_kind"),
        ("procedures", "cases"),
        ("procedures", "days_kind"),
    ):
        op.drop_column(table, column)
