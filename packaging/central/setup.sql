-- The central PostgreSQL of an office (or of a district serving several agencies): run once, as
-- a superuser, with psql:
--
--     psql -v admin_password="'...'" -f setup.sql
--
-- It creates the administrator role that owns the schema and the database itself. The schema
-- (tables, triggers, row-level security, the onestop_workstation group role and its grants) is
-- then created by the program, with the same migrations as every workstation's store:
--
--     onestop central init --central "postgresql://onestop_admin@central.example/onestop?sslmode=verify-full&sslrootcert=/etc/onestop/ca.crt"
--
-- Workstation roles are added with `onestop central role` (see README.md), or by hand with
-- workstation_role.sql.

\set ON_ERROR_STOP on

-- Owns the tables: row-level security does not apply to it (it is the administrator), so use it
-- for migrations and `onestop central publish` only, never from a counter.
-- CREATEROLE lets `onestop central init` create the group role onestop_workstation and
-- `onestop central role` create one login role per workstation.
CREATE ROLE onestop_admin LOGIN CREATEROLE PASSWORD :admin_password;

CREATE DATABASE onestop OWNER onestop_admin ENCODING 'UTF8' TEMPLATE template0;

\connect onestop

-- Nobody but the owner creates objects; PUBLIC keeps CONNECT and TEMPORARY (pushes stage their
-- batches in temporary tables; the migration also grants TEMPORARY to onestop_workstation).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO onestop_admin;

-- Passwords are stored as SCRAM-SHA-256 verifiers (the default since PostgreSQL 14).
ALTER SYSTEM SET password_encryption = 'scram-sha-256';
SELECT pg_reload_conf();
