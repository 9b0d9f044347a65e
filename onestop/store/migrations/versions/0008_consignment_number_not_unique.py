"""An S10 number may arrive twice by sync: two workstations that handed different dossiers over
with the same label while cut off from each other (a mistyped or rescanned label). Each
workstation still refuses a number it already holds; what arrives from another must be stored,
not stop every later sync. The number is indexed instead of unique, and a lookup that finds two
says so (onestop.services.postal).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite rebuilds the table to drop a constraint (it has no triggers to lose).
    with op.batch_alter_table("postal_consignments") as batch:
        batch.drop_constraint("uq_postal_consignments_number", type_="unique")
        batch.create_index("ix_postal_consignments_number", ["number"])


def downgrade() -> None:
    with op.batch_alter_table("postal_consignments") as batch:
        batch.drop_index("ix_postal_consignments_number")
        batch.create_unique_constraint("uq_postal_consignments_number", ["number"])
