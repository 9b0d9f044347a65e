-- onestop's centre on Citus: where every table goes. NOT RUN HERE: Citus is not packaged for
-- this project's Debian 12 / PostgreSQL 15 image and could not be installed to try it. What is
-- checked, against a real PostgreSQL catalogue (tests/integration/test_central_citus.py): every
-- table of the centre is named below exactly once; every table distributed below has
-- agency_code in every primary key and unique constraint (what Citus requires of a distributed
-- table); and no statement of a push or a pull joins two distributed tables except on the
-- agency, so each touches the shards of one agency: one worker.
--
-- Run it on the coordinator after 'onestop central init' made the schema (as a superuser,
-- with the citus extension created):
--
--     psql -v ON_ERROR_STOP=1 -f citus.sql onestop
--
-- Known gaps to check on the Citus version chosen (none could be tried here):
--   * row-level security policies on distributed tables are propagated to the shards by
--     Citus 12 and later only; with an older one, workstations must not reach workers directly;
--   * triggers on distributed tables (the append-only history, the hash-chain check with its
--     transition table) need citus.enable_unsafe_triggers and run on the workers' shards;
--   * the push functions stage a batch in temporary tables on the coordinator and join them to
--     the distributed tables (Citus plans such local-distributed joins by sending the local
--     rows along); they are SECURITY DEFINER, owned by onestop's administrator, who must
--     exist on every node.

\set ON_ERROR_STOP on

BEGIN;

-- What a sync touches, by agency: co-located, so that every statement of a push or a pull, and
-- the key of events to their dossier, stays on the worker holding the agency. Partitioned
-- tables (dossiers, events, sync_log, sync_rows) distribute with their partitions.
SELECT create_distributed_table('dossiers', 'agency_code');
SELECT create_distributed_table('events', 'agency_code', colocate_with => 'dossiers');
SELECT create_distributed_table('sync_log', 'agency_code', colocate_with => 'dossiers');
SELECT create_distributed_table('sync_rows', 'agency_code', colocate_with => 'dossiers');
SELECT create_distributed_table('sync_heads', 'agency_code', colocate_with => 'dossiers');
SELECT create_distributed_table('sync_code_leases', 'agency_code', colocate_with => 'dossiers');
SELECT create_distributed_table('sync_workstations', 'agency_code', colocate_with => 'dossiers');

-- Master data and the mapping of roles to agencies: small, read by every agency's statements
-- (the policies read sync_roles), so copied to every worker.
SELECT create_reference_table('sync_roles');
SELECT create_reference_table('sync_agencies');
SELECT create_reference_table('sync_master_versions');
SELECT create_reference_table('sync_central');
SELECT create_reference_table('procedures');
SELECT create_reference_table('calendar_overrides');
SELECT create_reference_table('staff');
SELECT create_reference_table('onestop_fold_characters');
SELECT create_reference_table('alembic_version');

-- Tables of a workstation's store that the centre has (one schema for both) and leaves empty:
-- reference tables, so that no statement ever finds a table Citus does not know.
SELECT create_reference_table('settings');
SELECT create_reference_table('counters');
SELECT create_reference_table('guidance');
SELECT create_reference_table('postal_handover_records');
SELECT create_reference_table('postal_pickups');
SELECT create_reference_table('postal_consignments');
SELECT create_reference_table('postal_charges');
SELECT create_reference_table('signin_locks');
SELECT create_reference_table('signin_attempts');
SELECT create_reference_table('sync_state');
SELECT create_reference_table('sync_pushed');
SELECT create_reference_table('sync_leases');
SELECT create_reference_table('sync_row_versions');

COMMIT;
