"""The one-time setup of a central PostgreSQL by its DBA, as a superuser, so that onestop's own
administrator holds no power over the server.

Why: PostgreSQL 15 lets a role with CREATEROLE grant itself any role that is not a superuser,
``pg_execute_server_program`` included, and then ``COPY ... FROM PROGRAM`` runs commands as the
server's operating-system user. onestop's administrator therefore gets neither CREATEROLE nor
SUPERUSER nor CREATEDB: it owns the database and the schema (migrations, master data, the
agencies' mapping) and nothing else. Creating a workstation's login role, the one thing it
needs that takes CREATEROLE, goes through one SECURITY DEFINER function owned by a NOLOGIN role
that has CREATEROLE, ``onestop_role_maker``, which only the administrator may execute:

* it validates the name (``[a-z_][a-z0-9_]*``, not ``pg_...`` nor ``onestop_...``) and quotes it
  with ``%I``, and accepts a password only as a SCRAM-SHA-256 verifier (hashed by the client), so
  nothing it runs is composed from free text;
* it creates a plain ``LOGIN`` role (no superuser, createrole, createdb, replication or bypassrls)
  or, for a name that exists, touches it only if it already is such a role and a member of
  ``onestop_workstation`` and of nothing else (never ``postgres``, the administrator, or the
  role maker itself);
* it grants ``onestop_workstation`` and nothing else;
* its search_path is ``pg_catalog, pg_temp``: not public, where the administrator (the schema's
  owner) could plant a function or an operator that outranks pg_catalog's for its arguments;
* it reads and writes no table of the application: the administrator owns those and could give
  them triggers or row-level security policies, whose code would run as the role maker inside
  this function. The mapping of the new role to its agency (``sync_roles``) is therefore
  written by the administrator itself, in the same transaction
  (onestop.sync.central.admin.create_role).

The function lives in its own schema ``onestop_roles``, owned by the superuser who ran the setup:
the administrator can neither replace nor alter it. The same steps, for psql, are
packaging/central/setup.sql (a test checks that it creates the very same function).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

from . import errors
from .config import SyncSettings

WORKSTATION_ROLE = "onestop_workstation"
ROLE_MAKER = "onestop_role_maker"
ROLE_SCHEMA = "onestop_roles"
ROLE_FUNCTION_NAME = f"{ROLE_SCHEMA}.create_workstation_role"
ROLE_FUNCTION_SIGNATURE = f"{ROLE_FUNCTION_NAME}(text, text)"
DEFAULT_ADMIN = "onestop_admin"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Kept verbatim in packaging/central/setup.sql.
ROLE_FUNCTION = r"""CREATE OR REPLACE FUNCTION onestop_roles.create_workstation_role(
    p_role text, p_verifier text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  target oid;
  plain boolean;
BEGIN
  IF p_role IS NULL OR p_role !~ '^[a-z_][a-z0-9_]{0,62}$' OR p_role ~ '^(pg_|onestop_)' THEN
    RAISE EXCEPTION 'onestop: % is not a workstation role name', quote_ident(p_role)
      USING ERRCODE = '22023';
  END IF;
  IF p_verifier IS NOT NULL AND p_verifier !~
      '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$' THEN
    RAISE EXCEPTION 'onestop: a password arrives hashed (SCRAM-SHA-256) or not at all'
      USING ERRCODE = '22023';
  END IF;
  SELECT r.oid, r.rolcanlogin AND NOT (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb
           OR r.rolreplication OR r.rolbypassrls)
    INTO target, plain FROM pg_catalog.pg_roles r WHERE r.rolname = p_role;
  IF target IS NOT NULL THEN
    IF NOT plain
       OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                      JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                      WHERE m.member = target AND g.rolname = 'onestop_workstation')
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                  JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                  WHERE m.member = target AND g.rolname <> 'onestop_workstation') THEN
      RAISE EXCEPTION 'onestop: role % exists and is not a workstation role', quote_ident(p_role)
        USING ERRCODE = '42501';
    END IF;
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
                   'NOBYPASSRLS INHERIT', p_role);
  END IF;
  IF p_verifier IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_role, p_verifier);
  END IF;
  EXECUTE format('GRANT onestop_workstation TO %I', p_role);
  RETURN target IS NULL;
END
$fn$;"""


def scram_verifier(conn: Connection, role: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, made by the client library: the server (and
    its statement log) never sees the password itself."""
    raw = conn.connection.driver_connection
    return raw.pgconn.encrypt_password(  # type: ignore[union-attr]
        password.encode(), role.encode(), b"scram-sha-256"
    ).decode()


def has_role_function(conn: Connection) -> bool:
    """Whether the DBA's setup is in place and this role may create workstation roles by it."""
    found = conn.execute(
        text(
            "SELECT has_schema_privilege(n.oid, 'USAGE') AND has_function_privilege(p.oid, "
            "'EXECUTE') FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = :schema AND p.proname = 'create_workstation_role'"
        ),
        {"schema": ROLE_SCHEMA},
    ).scalar()
    return bool(found)


def setup(
    cfg: SyncSettings,
    password: str | None,
    *,
    admin_role: str = DEFAULT_ADMIN,
    admin_password: str | None = None,
) -> dict[str, Any]:
    """Set a central database up as a superuser (the URL's account), once: the administrator's
    login role without CREATEROLE, SUPERUSER or CREATEDB, owner of the database (created if
    missing) and of its public schema; the group role onestop_workstation; the role maker and its
    function. Running it again repairs all of this (an administrator given CREATEROLE by an
    older setup loses it)."""
    if cfg.is_sqlite:
        raise InputError("--central", msg("central.setup_pg"))
    if not ROLE_NAME.match(admin_role) or admin_role.startswith("pg_"):
        raise InputError("--admin-role", msg("central.admin_name"))
    if admin_role in (WORKSTATION_ROLE, ROLE_MAKER):
        raise InputError("--admin-role", msg("central.name_reserved", name=admin_role))
    url = cfg.url(password)
    database = url.database or "onestop"
    try:
        created_role, created_database = _setup_cluster(
            url.set(database="postgres"), database, admin_role, admin_password
        )
        _setup_database(url.set(database=database), admin_role)
    except (errors.SyncError, InputError):
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise errors.classify(exc, cfg.where(), cfg.account()) from None
    return {
        "database": database,
        "admin_role": admin_role,
        "created_role": created_role,
        "created_database": created_database,
    }


def _autocommit(url: Any):
    # CREATE DATABASE cannot run inside a transaction.
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _setup_cluster(
    url: Any, database: str, admin: str, admin_password: str | None
) -> tuple[bool, bool]:
    engine = _autocommit(url)
    try:
        with engine.connect() as conn:
            me, superuser = conn.execute(
                text("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
            ).one()
            if not superuser:
                raise errors.SyncError(
                    errors.FORBIDDEN,
                    f"Tài khoản {me} không phải superuser: việc thiết lập máy chủ trung tâm "
                    "(central setup) do quản trị viên cơ sở dữ liệu chạy một lần với quyền "
                    "superuser.",
                )
            if me == admin:
                raise InputError("--admin-role", msg("central.admin_superuser"))

            def exists(sql: str, name: str) -> bool:
                return conn.execute(text(sql), {"n": name}).scalar() is not None

            role_sql = "SELECT 1 FROM pg_roles WHERE rolname = :n"
            created_role = not exists(role_sql, admin)
            if created_role:
                conn.exec_driver_sql(f'CREATE ROLE "{admin}" LOGIN')
            conn.exec_driver_sql(
                f'ALTER ROLE "{admin}" NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
                "NOBYPASSRLS"
            )
            # Whatever an older setup or a person granted it (CREATEROLE's self-grants above all).
            granted = conn.execute(
                text(
                    "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                    "WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = :n)"
                ),
                {"n": admin},
            ).scalars()
            for group in list(granted):
                conn.exec_driver_sql(f'REVOKE "{group}" FROM "{admin}"')
            if admin_password:
                verifier = scram_verifier(conn, admin, admin_password)
                conn.exec_driver_sql(f"ALTER ROLE \"{admin}\" PASSWORD '{verifier}'")
            created_database = not exists("SELECT 1 FROM pg_database WHERE datname = :n", database)
            if created_database:
                conn.exec_driver_sql(
                    f'CREATE DATABASE "{database}" OWNER "{admin}" ENCODING \'UTF8\' '
                    "TEMPLATE template0"
                )
            else:
                conn.exec_driver_sql(f'ALTER DATABASE "{database}" OWNER TO "{admin}"')
            if not exists(role_sql, WORKSTATION_ROLE):
                conn.exec_driver_sql(f"CREATE ROLE {WORKSTATION_ROLE} NOLOGIN")
            if not exists(role_sql, ROLE_MAKER):
                conn.exec_driver_sql(f"CREATE ROLE {ROLE_MAKER} NOLOGIN NOINHERIT CREATEROLE")
            conn.exec_driver_sql(f"GRANT {WORKSTATION_ROLE} TO {ROLE_MAKER} WITH ADMIN OPTION")
            return created_role, created_database
    finally:
        engine.dispose()


def _setup_database(url: Any, admin: str) -> None:
    engine = _autocommit(url)
    try:
        with engine.connect() as conn:
            # On the driver itself: the function's text holds format()'s % signs, which
            # SQLAlchemy would take for parameters.
            raw = conn.connection.driver_connection
            for statement in (
                f'ALTER SCHEMA public OWNER TO "{admin}"',
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                f"CREATE SCHEMA IF NOT EXISTS {ROLE_SCHEMA}",
                f"REVOKE ALL ON SCHEMA {ROLE_SCHEMA} FROM PUBLIC",
                f'GRANT USAGE ON SCHEMA {ROLE_SCHEMA} TO "{admin}"',
                ROLE_FUNCTION,
                f"ALTER FUNCTION {ROLE_FUNCTION_SIGNATURE} OWNER TO {ROLE_MAKER}",
                f"REVOKE ALL ON FUNCTION {ROLE_FUNCTION_SIGNATURE} FROM PUBLIC",
                f'GRANT EXECUTE ON FUNCTION {ROLE_FUNCTION_SIGNATURE} TO "{admin}"',
            ):
                raw.execute(statement)  # type: ignore[union-attr]
    finally:
        engine.dispose()
