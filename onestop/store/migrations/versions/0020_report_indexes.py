"""Indexes for the supervisors' figures in SQL: dossiers by the time their result became ready,
and events by type and time (the ratings of a period; the dossiers with supplements or an
extension, whose figures need their whole history).

Revision ID: 0020
Revises: 0014
Create Date: 2026-12-01
"""

from alembic import op

revision = "0020"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_dossiers_result_at", "dossiers", ["result_at"])
    op.create_index("ix_events_type_at", "events", ["type", "at"])


def downgrade() -> None:
    op.drop_index("ix_events_type_at", table_name="events")
    op.drop_index("ix_dossiers_result_at", table_name="dossiers")
