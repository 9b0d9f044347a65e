"""Central sync: positions, code leases, master-data versions (sync issue).

On PostgreSQL (the central database) this also sets up what keeps a workstation's role to its
own agency: the group role ``onestop_workstation`` and its grants (no UPDATE or DELETE on
events, ever), and row-level security on every table that holds an agency's rows.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from onestop.store.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Master data whose changes bump a version (staff only once its feature created the table).
MASTER_TABLES = ("procedures", "calendar_overrides", "staff", "sync_agencies")
# Tables whose rows belong to one agency: row-level security on PostgreSQL.
AGENCY_TABLES = ("dossiers", "sync_log", "sync_heads", "sync_code_leases")
WORKSTATION_ROLE = "onestop_workstation"


def _master_tables() -> list[str]:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    return [name for name in MASTER_TABLES if name in existing]


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(20), nullable=False),
        sa.Column("central_id", sa.String(36)),
        sa.Column("agency_code", sa.String(40)),
        sa.Column("pulled_position", sa.BigInteger(), nullable=False),
        sa.Column("central_position", sa.BigInteger()),
        sa.Column("master_versions", sa.JSON(), nullable=False),
        sa.Column("last_attempt_at", UTCDateTime()),
        sa.Column("last_sync_at", UTCDateTime()),
        sa.Column("last_error", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_sync_state"),
    )
    op.create_table(
        "sync_pushed",
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("synced_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_sync_pushed"),
    )
    op.create_table(
        "sync_leases",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("leased_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_leases"),
    )
    op.create_index("ix_sync_leases_agency_day", "sync_leases", ["agency_code", "day"])
    op.create_table(
        "sync_central",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("leases_from", sa.String(10)),
        sa.PrimaryKeyConstraint("id", name="pk_sync_central"),
    )
    op.create_table(
        "sync_log",
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("pushed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "position", name="pk_sync_log"),
        sa.UniqueConstraint("event_id", name="uq_sync_log_event_id"),
    )
    op.create_table(
        "sync_heads",
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "name", name="pk_sync_heads"),
    )
    op.create_table(
        "sync_code_leases",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("leased_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_code_leases"),
    )
    op.create_index("ix_sync_code_leases_agency_day", "sync_code_leases", ["agency_code", "day"])
    op.create_table(
        "sync_workstations",
        sa.Column("workstation_id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("workstation_number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role_name", sa.String(100), nullable=False),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("workstation_id", name="pk_sync_workstations"),
        sa.UniqueConstraint(
            "agency_code", "workstation_number", name="uq_sync_workstations_agency_code"
        ),
    )
    op.create_table(
        "sync_roles",
        sa.Column("role_name", sa.String(100), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("role_name", "agency_code", name="pk_sync_roles"),
    )
    op.create_table(
        "sync_agencies",
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", name="pk_sync_agencies"),
    )
    versions = op.create_table(
        "sync_master_versions",
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name="pk_sync_master_versions"),
    )
    masters = _master_tables()
    op.bulk_insert(versions, [{"kind": name, "version": 0} for name in masters])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # SQLite has row triggers only: a version moves once per changed row, which is enough
        # for "did it change since I last looked".
        for table in masters:
            for verb in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER sync_master_{table}_{verb.lower()} AFTER {verb} ON {table} "
                    f"BEGIN UPDATE sync_master_versions SET version = version + 1 "
                    f"WHERE kind = '{table}'; END"
                )
    elif dialect == "postgresql":
        _postgresql_upgrade(masters)


def _postgresql_upgrade(masters: list[str]) -> None:
    op.execute(
        "CREATE FUNCTION onestop_bump_master() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN UPDATE sync_master_versions SET version = version + 1 "
        "WHERE kind = TG_TABLE_NAME; RETURN NULL; END $$"
    )
    for table in masters:
        op.execute(
            f"CREATE TRIGGER sync_master_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION onestop_bump_master()"
        )
    # The agencies the current role may touch. Not SECURITY DEFINER: current_user must stay the
    # connected role, and sync_roles' own policy lets a role see only its own mappings.
    op.execute(
        "CREATE FUNCTION onestop_agencies() RETURNS text[] LANGUAGE sql STABLE AS $$ "
        "SELECT coalesce(array_agg(agency_code::text), '{}') FROM sync_roles "
        "WHERE role_name = current_user $$"
    )
    # Policies apply to every role but the tables' owner (the administrator who ran the
    # migrations) and superusers: any other role is confined to its agencies by default.
    # (SELECT onestop_agencies()) is an init plan: evaluated once per statement, not per row.
    mine = "agency_code::text = ANY ((SELECT onestop_agencies())::text[])"
    op.execute("ALTER TABLE sync_roles ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY own_mappings ON sync_roles FOR SELECT USING (role_name = current_user)"
    )
    for table in AGENCY_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY agency_rows ON {table} USING ({mine}) WITH CHECK ({mine})")
    # An event belongs to its dossier's agency: visible and insertable only through a dossier
    # the role can see (that subquery is itself under the dossiers' policy).
    op.execute("ALTER TABLE events ENABLE ROW LEVEL SECURITY")
    through_dossier = "EXISTS (SELECT 1 FROM dossiers d WHERE d.id = events.dossier_id)"
    op.execute(
        f"CREATE POLICY agency_rows ON events USING ({through_dossier}) "
        f"WITH CHECK ({through_dossier})"
    )
    op.execute("ALTER TABLE sync_workstations ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY agency_rows ON sync_workstations USING ({mine}) "
        f"WITH CHECK ({mine} AND role_name = current_user)"
    )
    # The group role every workstation's login role belongs to. Roles are cluster-wide: it may
    # exist already (another office database on the same server); creating it needs CREATEROLE.
    op.execute(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WORKSTATION_ROLE}') THEN
            CREATE ROLE {WORKSTATION_ROLE} NOLOGIN;
          END IF;
        EXCEPTION
          WHEN duplicate_object THEN NULL;
          WHEN insufficient_privilege THEN
            RAISE NOTICE 'role {WORKSTATION_ROLE} not created: the migrating role lacks CREATEROLE';
        END $$
        """
    )
    read_only = ["alembic_version", "sync_central", "sync_master_versions", "sync_agencies"]
    read_only += ["sync_roles", "procedures", "calendar_overrides"]
    read_only += [m for m in masters if m == "staff"]
    grants = [
        f"GRANT SELECT ON {', '.join(read_only)} TO {WORKSTATION_ROLE}",
        # History is append-only: INSERT, never UPDATE or DELETE (the trigger refuses them too).
        f"GRANT SELECT, INSERT ON events, sync_log, sync_code_leases TO {WORKSTATION_ROLE}",
        # Projections are recomputed from events at the centre as well.
        f"GRANT SELECT, INSERT, UPDATE ON dossiers, sync_heads, sync_workstations "
        f"TO {WORKSTATION_ROLE}",
    ]
    body = " ".join(f"EXECUTE '{g}';" for g in grants)
    # Pushes stage their batches in temporary tables (COPY cannot write into tables under
    # row-level security): granted explicitly, for servers that revoked it from PUBLIC.
    body += (
        f" EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO {WORKSTATION_ROLE}', "
        "current_database());"
    )
    op.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WORKSTATION_ROLE}') "
        f"THEN {body} END IF; END $$"
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    masters = _master_tables()
    if dialect == "sqlite":
        for table in masters:
            for verb in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS sync_master_{table}_{verb}")
    elif dialect == "postgresql":
        for table in masters:
            op.execute(f"DROP TRIGGER IF EXISTS sync_master_bump ON {table}")
        op.execute("DROP FUNCTION IF EXISTS onestop_bump_master()")
        for table in ("events", "dossiers"):
            op.execute(f"DROP POLICY IF EXISTS agency_rows ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        tables = ["events", "dossiers", "procedures", "calendar_overrides", "alembic_version"]
        tables += [m for m in masters if m == "staff"]
        revoke = f"REVOKE ALL ON {', '.join(tables)} FROM {WORKSTATION_ROLE}"
        op.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WORKSTATION_ROLE}') "
            f"THEN EXECUTE '{revoke}'; END IF; END $$"
        )
    for table in (
        "sync_master_versions",
        "sync_agencies",
        "sync_roles",
        "sync_workstations",
        "sync_code_leases",
        "sync_heads",
        "sync_log",
        "sync_central",
        "sync_leases",
        "sync_pushed",
        "sync_state",
    ):
        op.drop_table(table)
    if dialect == "postgresql":
        # After the tables: sync_roles' policy no longer needs it.
        op.execute("DROP FUNCTION IF EXISTS onestop_agencies()")
