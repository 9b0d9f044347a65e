-- The central PostgreSQL of an office (or of a district serving several agencies): run once, as
-- a superuser, with psql (what 'onestop central setup' does too):
--
--     psql -v admin=onestop_admin -v database=onestop -f setup.sql
--     psql -c "\password onestop_admin"       -- the password, hashed by psql, never in clear
--
-- (admin and database default to these names.) It creates onestop's administrator, a login role
-- WITHOUT superuser, CREATEROLE or CREATEDB: it owns the database and its schema, and nothing else.
-- With CREATEROLE, PostgreSQL 15 would let it grant itself pg_execute_server_program and run
-- programs on the server (COPY ... FROM PROGRAM). The one thing it needs that takes CREATEROLE,
-- a login role per workstation, goes through the function onestop_roles.create_workstation_role,
-- owned by the NOLOGIN role onestop_role_maker and executable by the administrator alone (see
-- README.md, "Threat model", and onestop/sync/dba.py for why it is built this way).
--
-- Running it again repairs an existing setup: an administrator made by an older setup.sql (with
-- CREATEROLE) loses that attribute and every role membership.
--
-- The schema (tables, triggers, row-level security, grants) is then created by the program, as
-- the administrator, with the same migrations as every workstation's store:
--
--     onestop central init --central "postgresql://onestop_admin@central.example/onestop?sslmode=verify-full&sslrootcert=/etc/onestop/ca.crt"

\set ON_ERROR_STOP on
\if :{?admin}
\else
  \set admin onestop_admin
\endif
\if :{?database}
\else
  \set database onestop
\endif

-- The administrator: owns the database and the schema; row-level security does not apply to it,
-- so use it for migrations, 'central publish' and 'central role' only, never from a counter.
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'admin') AS new_admin \gset
\if :new_admin
  CREATE ROLE :"admin" LOGIN;
\endif
ALTER ROLE :"admin" NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SELECT format('REVOKE %I FROM %I', r.rolname, :'admin') FROM pg_auth_members m
  JOIN pg_roles r ON r.oid = m.roleid
  WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = :'admin') \gexec

SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') AS new_database \gset
\if :new_database
  CREATE DATABASE :"database" OWNER :"admin" ENCODING 'UTF8' TEMPLATE template0;
\else
  ALTER DATABASE :"database" OWNER TO :"admin";
\endif

-- The group role every workstation's login role belongs to (roles are cluster-wide: another
-- office database on the same server may have made it already), and the role that makes them.
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onestop_workstation') AS new_group \gset
\if :new_group
  CREATE ROLE onestop_workstation NOLOGIN;
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onestop_role_maker') AS new_maker \gset
\if :new_maker
  CREATE ROLE onestop_role_maker NOLOGIN NOINHERIT CREATEROLE;
\endif
GRANT onestop_workstation TO onestop_role_maker WITH ADMIN OPTION;

\connect :"database"

-- Nobody but the administrator creates objects in public.
ALTER SCHEMA public OWNER TO :"admin";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- The role-creating function, in a schema of the superuser's that the administrator can use but
-- not change.
CREATE SCHEMA IF NOT EXISTS onestop_roles;
REVOKE ALL ON SCHEMA onestop_roles FROM PUBLIC;
GRANT USAGE ON SCHEMA onestop_roles TO :"admin";
CREATE OR REPLACE FUNCTION onestop_roles.create_workstation_role(
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
$fn$;
ALTER FUNCTION onestop_roles.create_workstation_role(text, text) OWNER TO onestop_role_maker;
REVOKE ALL ON FUNCTION onestop_roles.create_workstation_role(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onestop_roles.create_workstation_role(text, text) TO :"admin";

-- Passwords are stored as SCRAM-SHA-256 verifiers (the default since PostgreSQL 14).
ALTER SYSTEM SET password_encryption = 'scram-sha-256';
SELECT pg_reload_conf();
