"""Initial schema: settings, counters, procedures, dossiers, append-only events, calendar, guidance.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )
    op.create_table(
        "procedures",
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("processing_days", sa.Integer()),
        sa.Column("processing_hours", sa.Float()),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("postal", sa.Boolean(), nullable=False),
        sa.Column("online", sa.String(20), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_procedures"),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("procedure_code", sa.String(40), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("applicant_kind", sa.String(20), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("applicant_folded", sa.Text(), nullable=False),
        sa.Column("id_number", sa.String(20)),
        sa.Column("phone", sa.String(20)),
        sa.Column("email", sa.String(200)),
        sa.Column("address", sa.Text()),
        sa.Column("return_by", sa.String(10), nullable=False),
        sa.Column("return_address", sa.Text()),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("processing_days", sa.Integer()),
        sa.Column("processing_hours", sa.Float()),
        sa.Column("notes", sa.Text()),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("receiver", sa.String(100), nullable=False),
        sa.Column("book_volume", sa.String(40)),
        sa.Column("book_number", sa.Integer()),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("received_day", sa.String(10), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("original_due_at", UTCDateTime(), nullable=False),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("result_at", UTCDateTime()),
        sa.Column("finished_at", UTCDateTime()),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("code", name="uq_dossiers_code"),
    )
    op.create_index("ix_dossiers_received_day", "dossiers", ["received_day", "received_at"])
    op.create_index("ix_dossiers_status_due", "dossiers", ["status", "due_at"])
    op.create_index("ix_dossiers_applicant_folded", "dossiers", ["applicant_folded"])
    op.create_index("ix_dossiers_id_number", "dossiers", ["id_number"])
    op.create_index("ix_dossiers_phone", "dossiers", ["phone"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("dossier_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_events_dossier_id_dossiers"
        ),
    )
    op.create_index("ix_events_dossier_at", "events", ["dossier_id", "at"])
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_calendar_overrides"),
    )

    op.create_table(
        "guidance",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("procedure_code", sa.String(40), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(20)),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_guidance"),
    )
    op.create_index("ix_guidance_at", "guidance", ["at"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # History is append-only: the database itself refuses to rewrite it.
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
                "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
            )
        # Folded text goes in, so unicode61 needs no diacritic handling of its own (it would
        # not fold đ to d anyway). Prefix indexes make as-you-type queries cheap.
        op.execute(
            "CREATE VIRTUAL TABLE dossier_search USING fts5("
            "applicant_folded, id_number, phone, content='dossiers', content_rowid='rowid', "
            "prefix='2 3 4')"
        )
        op.execute(
            "CREATE TRIGGER dossier_search_ai AFTER INSERT ON dossiers BEGIN "
            "INSERT INTO dossier_search(rowid, applicant_folded, id_number, phone) "
            "VALUES (new.rowid, new.applicant_folded, new.id_number, new.phone); END"
        )
        op.execute(
            "CREATE TRIGGER dossier_search_ad AFTER DELETE ON dossiers BEGIN "
            "INSERT INTO dossier_search(dossier_search, rowid, applicant_folded, id_number, phone) "
            "VALUES ('delete', old.rowid, old.applicant_folded, old.id_number, old.phone); END"
        )
        op.execute(
            "CREATE TRIGGER dossier_search_au AFTER UPDATE OF applicant_folded, id_number, phone "
            "ON dossiers BEGIN "
            "INSERT INTO dossier_search(dossier_search, rowid, applicant_folded, id_number, phone) "
            "VALUES ('delete', old.rowid, old.applicant_folded, old.id_number, old.phone); "
            "INSERT INTO dossier_search(rowid, applicant_folded, id_number, phone) "
            "VALUES (new.rowid, new.applicant_folded, new.id_number, new.phone); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION onestop_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION onestop_events_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS dossier_search")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_append_only ON events")
        op.execute("DROP FUNCTION IF EXISTS onestop_events_append_only()")
    for table in (
        "guidance",
        "calendar_overrides",
        "events",
        "dossiers",
        "procedures",
        "counters",
        "settings",
    ):
        op.drop_table(table)
