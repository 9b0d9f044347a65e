-- A read-only role for supervisors' reports (typically connected to a read replica, see
-- README.md). Row-level security applies to it like to any role but the owner: it sees the
-- agencies sync_roles maps it to, and nothing else. onestop's administrator cannot create roles
-- (it has no CREATEROLE, see setup.sql): run this as a superuser (the DBA), on the onestop
-- database:
--
--     psql -v role=bao_cao_quan_1 -v agency=000.00.19.H01 -f reports_role.sql onestop
--     psql -c "\password bao_cao_quan_1" onestop

\set ON_ERROR_STOP on

CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT SELECT ON dossiers, events, sync_log, sync_workstations, sync_code_leases,
    procedures, calendar_overrides, sync_agencies, sync_roles TO :"role";
INSERT INTO sync_roles (role_name, agency_code) VALUES (:'role', :'agency');
