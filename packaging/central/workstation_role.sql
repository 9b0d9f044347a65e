-- One login role per workstation, confined to one agency: what `onestop central role` does, for
-- administrators who prefer psql. Run as onestop_admin on the onestop database:
--
--     psql -v role=ws_h01_1 -v agency=000.00.19.H01 -f workstation_role.sql onestop
--     psql -c "\password ws_h01_1" onestop        -- the password, hashed by psql, never in clear
--
-- The role can then:
--   * read master data (procedures, calendar_overrides, staff, sync_agencies, ...);
--   * INSERT events and log positions, INSERT/UPDATE dossier projections, take code leases,
--     all for the agencies sync_roles maps it to (row-level security on every agency table);
--   * never UPDATE or DELETE an event (no such grant; the append-only trigger refuses it too).

\set ON_ERROR_STOP on

CREATE ROLE :"role" LOGIN IN ROLE onestop_workstation;
INSERT INTO sync_roles (role_name, agency_code) VALUES (:'role', :'agency');
