"""The due date before an extension recorded too late (``extend --late``): a dossier extended
late stays overdue against it in every list, not against its new date (issue 14).

Revision ID: 0018
Revises: 0020
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from onestop.domain import dossier as domain
from onestop.store.tables import UTCDateTime

revision = "0018"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: only a late-extended dossier has one. At a PostgreSQL centre the push function
    # (0009) fills a column it does not project from the received payload, where it is absent:
    # the centre keeps it empty (it judges nothing overdue; the report folds the events).
    op.add_column("dossiers", sa.Column("late_due_at", UTCDateTime(), nullable=True))
    _backfill()


def _backfill() -> None:
    """Dossiers already extended late: their projection again, from their events."""
    bind = op.get_bind()
    late = bind.execute(
        sa.text(
            "SELECT DISTINCT e.dossier_id FROM events e JOIN dossiers d ON d.id = e.dossier_id "
            "WHERE e.type = 'extended' AND d.extended"
        )
    ).scalars()
    events = sa.table(
        "events",
        sa.column("id"),
        sa.column("dossier_id"),
        sa.column("type"),
        sa.column("at", UTCDateTime()),
        sa.column("actor"),
        sa.column("workstation_id"),
        sa.column("payload", sa.JSON()),
    )
    dossiers = sa.table("dossiers", sa.column("id"), sa.column("late_due_at", UTCDateTime()))
    for dossier_id in list(late):
        rows = bind.execute(sa.select(events).where(events.c.dossier_id == dossier_id)).mappings()
        history = [
            domain.Event(
                id=r["id"],
                dossier_id=r["dossier_id"],
                type=r["type"],
                at=r["at"],
                actor=r["actor"],
                workstation=r["workstation_id"],
                payload=r["payload"],
            )
            for r in rows
        ]
        state = domain.project(history)
        if state.late_due_at is not None:
            bind.execute(
                sa.update(dossiers)
                .where(dossiers.c.id == dossier_id)
                .values(late_due_at=state.late_due_at)
            )


def downgrade() -> None:
    # Plain DROP COLUMN: a batch rebuild of dossiers would drop a table events point to.
    op.drop_column("dossiers", "late_due_at")
