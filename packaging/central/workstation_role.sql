-- One login role per workstation, confined to one agency: what `onestop central role` does, for
-- administrators who prefer psql. Run as onestop_admin on the onestop database:
--
--     psql -v role=ws_h01_1 -v agency=000.00.19.H01 -f workstation_role.sql onestop
--
-- The administrator has no CREATEROLE: the role is made by the DBA's function
-- onestop_roles.create_workstation_role (setup.sql), which makes plain workstation roles and
-- nothing else. Its password: `onestop central role --role ws_h01_1` asks for it and sends it
-- already hashed (SCRAM-SHA-256); or the DBA sets it as a superuser with psql's \password.
--
-- The role can then:
--   * read master data (procedures, calendar_overrides, staff, sync_agencies, ...) and the rows
--     of the agencies sync_roles maps it to (row-level security on every agency table);
--   * push events only through the centre's push function, which checks that every event is
--     its agency's and writes the dossier rows as the projection of the events;
--   * never INSERT, UPDATE or DELETE an event, a dossier or a log row directly.

\set ON_ERROR_STOP on

SELECT onestop_roles.create_workstation_role(:'role', NULL);
INSERT INTO sync_roles (role_name, agency_code) VALUES (:'role', :'agency')
  ON CONFLICT DO NOTHING;
