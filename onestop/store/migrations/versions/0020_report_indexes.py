"""Indexes for the supervisors' figures in SQL: the dossiers received in a period and those
resolved since its start, each index holding every column the figures read (so a year is read
from the indexes alone, not row by row); events by type and time (the ratings of a period; the
dossiers with supplements or an extension, whose figures need their whole history).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


# The columns the figures read (as in onestop.store.tables.FIGURE_COLUMNS when written).
FIGURES = [
    "received_at",
    "result_at",
    "original_due_at",
    "status",
    "finished_at",
    "channel",
    "procedure_code",
    "procedure_name",
    "receiver",
    "workstation_id",
]


def upgrade() -> None:
    op.create_index("ix_dossiers_figures_received", "dossiers", ["received_day", *FIGURES])
    without = [c for c in FIGURES if c != "result_at"]
    op.create_index("ix_dossiers_figures_result", "dossiers", ["result_at", *without])
    op.create_index("ix_events_type_at", "events", ["type", "at"])


def downgrade() -> None:
    op.drop_index("ix_events_type_at", table_name="events")
    op.drop_index("ix_dossiers_figures_result", table_name="dossiers")
    op.drop_index("ix_dossiers_figures_received", table_name="dossiers")
