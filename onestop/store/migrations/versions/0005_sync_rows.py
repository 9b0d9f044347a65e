"""Replicated rows (postal records, counter guidance) and staff scoped by agency (sync issue).

Workstations keep a version per replicated row (sync_row_versions); the central database keeps
every pushed version (sync_rows, append-only, under the agencies' row-level security). Staff
accounts get the agency whose workstations receive them (NULL: every agency), and on PostgreSQL
a workstation's role sees only its agencies' accounts and the province-wide ones.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WORKSTATION_ROLE = "onestop_workstation"
MINE = "agency_code::text = ANY ((SELECT onestop_agencies())::text[])"


def upgrade() -> None:
    op.create_table(
        "sync_row_versions",
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("version", sa.String(80), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("change_id", sa.String(36), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("pushed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name="pk_sync_row_versions"),
    )
    op.create_table(
        "sync_rows",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("version", sa.String(80), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("pushed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_rows"),
    )
    # A plain ADD COLUMN (SQLite has it): a batch rebuild would drop 0004's triggers on staff.
    op.add_column("staff", sa.Column("agency_code", sa.String(40)))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE sync_rows ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY agency_rows ON sync_rows USING ({MINE}) WITH CHECK ({MINE})")
    # Password hashes of other agencies never reach a workstation: its role reads its own
    # agencies' accounts and the province-wide ones only (it cannot write staff at all).
    op.execute("ALTER TABLE staff ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY agency_rows ON staff FOR SELECT USING (agency_code IS NULL OR {MINE})"
    )
    grant = f"GRANT SELECT, INSERT ON sync_rows TO {WORKSTATION_ROLE}"
    op.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WORKSTATION_ROLE}') "
        f"THEN EXECUTE '{grant}'; END IF; END $$"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS agency_rows ON staff")
        op.execute("ALTER TABLE staff DISABLE ROW LEVEL SECURITY")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("agency_code")
    if op.get_bind().dialect.name == "sqlite":
        # The rebuild dropped 0004's triggers on staff: put them back.
        for verb in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS sync_master_staff_{verb.lower()} AFTER {verb} "
                "ON staff BEGIN UPDATE sync_master_versions SET version = version + 1 "
                "WHERE kind = 'staff'; END"
            )
    op.drop_table("sync_rows")
    op.drop_table("sync_row_versions")
