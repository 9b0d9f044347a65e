"""The central database's functions resolve no name through the caller's search_path.

Row-level security called ``onestop_agencies()``, which read ``sync_roles`` by its bare name:
PostgreSQL searches a session's temporary schema first for tables, so a workstation's role
that created ``pg_temp.sync_roles`` mapped itself to any agency. Every function of the schema
now runs with ``SET search_path = pg_catalog, public, pg_temp`` (temporary schema last) and
names the tables it reads with their schema; nobody but the owner creates objects in public.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Temporary schema last: searched only for what pg_catalog and public lack (and never for
# functions or operators).
FIXED_PATH = "SET search_path = pg_catalog, public, pg_temp"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # CREATE OR REPLACE keeps each function's identity: the policies that call it stay as
    # they are.
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION public.onestop_agencies() RETURNS text[]
        LANGUAGE sql STABLE {FIXED_PATH} AS $$
          SELECT coalesce(array_agg(r.agency_code::text), '{{}}'::text[])
          FROM public.sync_roles r WHERE r.role_name = current_user
        $$
        """
    )
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION public.onestop_bump_master() RETURNS trigger
        LANGUAGE plpgsql {FIXED_PATH} AS $$
        BEGIN
          UPDATE public.sync_master_versions SET version = version + 1 WHERE kind = TG_TABLE_NAME;
          RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION public.onestop_events_append_only() RETURNS trigger
        LANGUAGE plpgsql {FIXED_PATH} AS $$
        BEGIN RAISE EXCEPTION 'events are append-only'; END $$
        """
    )
    # PostgreSQL 15 creates databases so already; a database upgraded from an older server may
    # still let every role create objects in public, where they could outrank ours.
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION onestop_agencies() RETURNS text[] LANGUAGE sql STABLE "
        "AS $$ "
        "SELECT coalesce(array_agg(agency_code::text), '{}') FROM sync_roles "
        "WHERE role_name = current_user $$"
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION onestop_bump_master() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN UPDATE sync_master_versions SET version = version + 1 "
        "WHERE kind = TG_TABLE_NAME; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION onestop_events_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$"
    )
