"""Postal pickup requests, handover records, consignments (postal issue).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "postal_handover_records",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("officer", sa.String(100), nullable=False),
        sa.Column("postman_name", sa.Text(), nullable=False),
        sa.Column("post_office", sa.Text(), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_postal_handover_records"),
        sa.UniqueConstraint("agency_code", "number", name="uq_postal_handover_records_number"),
    )
    op.create_index("ix_postal_handover_records_day", "postal_handover_records", ["day"])
    op.create_table(
        "postal_pickups",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("procedure_code", sa.String(40), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("id_number", sa.String(20)),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("return_by", sa.String(10), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text()),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("requested_by", sa.String(100), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("record_id", sa.String(36)),
        sa.Column("consignment", sa.String(13)),
        sa.Column("dossier_id", sa.String(36)),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_postal_pickups"),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["postal_handover_records.id"],
            name="fk_postal_pickups_record_id_postal_handover_records",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_postal_pickups_dossier_id_dossiers"
        ),
    )
    op.create_index("ix_postal_pickups_day", "postal_pickups", ["day", "status"])
    op.create_table(
        "postal_consignments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(13), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(36)),
        sa.Column("pickup_id", sa.String(36)),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(20)),
        sa.Column("zone", sa.String(20), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("handed_over_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_postal_consignments"),
        sa.UniqueConstraint("number", name="uq_postal_consignments_number"),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["postal_handover_records.id"],
            name="fk_postal_consignments_record_id_postal_handover_records",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_postal_consignments_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(
            ["pickup_id"],
            ["postal_pickups.id"],
            name="fk_postal_consignments_pickup_id_postal_pickups",
        ),
    )
    op.create_index(
        "ix_postal_consignments_record", "postal_consignments", ["record_id", "position"]
    )
    op.create_index("ix_postal_consignments_dossier", "postal_consignments", ["dossier_id"])
    op.create_table(
        "postal_charges",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("consignment_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("payer", sa.String(10), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("event_id", sa.String(36)),
        sa.PrimaryKeyConstraint("id", name="pk_postal_charges"),
        sa.ForeignKeyConstraint(
            ["consignment_id"],
            ["postal_consignments.id"],
            name="fk_postal_charges_consignment_id_postal_consignments",
        ),
    )
    op.create_index("ix_postal_charges_month", "postal_charges", ["month", "payer"])


def downgrade() -> None:
    for table in (
        "postal_charges",
        "postal_consignments",
        "postal_pickups",
        "postal_handover_records",
    ):
        op.drop_table(table)
