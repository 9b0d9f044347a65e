"""The 2025 units (province and commune codes) an address for the post resolved to: a dossier's
return address and a home pickup's address, so that the post's lists group by commune code.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

COLUMNS = (
    ("dossiers", "return_province_code", 2),
    ("dossiers", "return_commune_code", 5),
    ("postal_pickups", "province_code", 2),
    ("postal_pickups", "commune_code", 5),
)


def upgrade() -> None:
    # Nullable: a dossier returned at the counter has no unit, nor one received before 0017.
    for table, column, width in COLUMNS:
        op.add_column(table, sa.Column(column, sa.String(width), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch rebuild of dossiers would drop a table
    # that events point to, which SQLite refuses while foreign keys are enforced.
    for table, column, _width in reversed(COLUMNS):
        op.drop_column(table, column)
