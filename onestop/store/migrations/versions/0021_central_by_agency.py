"""The central database keyed by agency: every row a push or a pull touches names its agency,
every primary key and unique constraint of those tables begins with it, and row-level security
is a plain comparison with the role's agencies (events used to reach theirs through their
dossier). This is what declarative partitioning and Citus both require (see
packaging/central/README.md, "Scaling past one server").

1. ``events`` gets ``agency_code``, filled from its dossier; ``dossiers``, ``events``,
   ``sync_code_leases``, ``sync_workstations`` and ``sync_rows`` get primary keys (and
   ``dossiers.code``, ``events``' chain numbers their unique keys) that begin with the agency;
   events reference their dossier by (agency, id). The postal tables' foreign keys to dossiers
   are dropped at the centre only: there they stay empty (postal rows travel as ``sync_rows``),
   and a key to a table partitioned by agency would need the agency in them too.
2. The push functions and the chain check join and look up by agency first.
3. The large tables (``dossiers``, ``events``, ``sync_log``, ``sync_rows``) become partitioned
   ``BY HASH (agency_code)`` into a fixed number of partitions (16, or the database's setting
   ``onestop.partitions`` when the centre is created or upgraded: ``ALTER DATABASE onestop SET
   onestop.partitions = 32``), so a new agency needs no DDL. Each table is rebuilt as a
   partitioned one with the same columns, rows, keys, indexes, triggers, grants and policies;
   every partition has row-level security with the parent's policies and no grant at all, so a
   role reaches the rows only through the parent and its policies.

Local stores (SQLite) are not touched: this revision does nothing there.

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-01
"""

from alembic import op

revision = "0021"
down_revision = "0018"
branch_labels = None
depends_on = None

FIXED_PATH = "SET search_path = pg_catalog, public, pg_temp"
MINE = "agency_code::text = ANY ((SELECT public.onestop_agencies())::text[])"

# Primary keys and unique constraints of the tables a push or a pull touches: (table,
# constraint, columns). The names stay those the local stores use.
KEYS = (
    ("dossiers", "pk_dossiers", "PRIMARY KEY (agency_code, id)"),
    ("dossiers", "uq_dossiers_code", "UNIQUE (agency_code, code)"),
    ("events", "pk_events", "PRIMARY KEY (agency_code, id)"),
    ("sync_code_leases", "pk_sync_code_leases", "PRIMARY KEY (agency_code, id)"),
    ("sync_workstations", "pk_sync_workstations", "PRIMARY KEY (agency_code, workstation_id)"),
    ("sync_rows", "pk_sync_rows", "PRIMARY KEY (agency_code, id)"),
)
# Foreign keys to dossiers(id) of tables that stay empty at the centre.
POSTAL_KEYS = (
    ("postal_pickups", "fk_postal_pickups_dossier_id_dossiers"),
    ("postal_consignments", "fk_postal_consignments_dossier_id_dossiers"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _agency_on_every_row()
    _functions_by_agency()
    _partition_by_agency()


def _agency_on_every_row() -> None:
    op.execute("ALTER TABLE public.events ADD COLUMN agency_code varchar(40)")
    # The history is append-only: its own trigger is lifted for the one backfill (as 0013 did).
    op.execute("ALTER TABLE public.events DISABLE TRIGGER events_append_only")
    op.execute(
        "UPDATE public.events e SET agency_code = d.agency_code FROM public.dossiers d "
        "WHERE d.id = e.dossier_id"
    )
    op.execute("ALTER TABLE public.events ENABLE TRIGGER events_append_only")
    op.execute("ALTER TABLE public.events ALTER COLUMN agency_code SET NOT NULL")
    for table, name in POSTAL_KEYS:
        op.execute(f"ALTER TABLE public.{table} DROP CONSTRAINT IF EXISTS {name}")
    op.execute("ALTER TABLE public.events DROP CONSTRAINT fk_events_dossier_id_dossiers")
    for table, name, definition in KEYS:
        op.execute(f"ALTER TABLE public.{table} DROP CONSTRAINT {name}")
        op.execute(f"ALTER TABLE public.{table} ADD CONSTRAINT {name} {definition}")
    op.execute(
        "ALTER TABLE public.events ADD CONSTRAINT fk_events_dossier_id_dossiers "
        "FOREIGN KEY (agency_code, dossier_id) REFERENCES public.dossiers (agency_code, id)"
    )
    op.execute("DROP INDEX public.uq_events_chain")
    op.execute(
        "CREATE UNIQUE INDEX uq_events_chain ON public.events "
        "(agency_code, workstation_id, chain_seq)"
    )
    # Looked up by id alone only to refuse an id another agency already uses (onestop_push).
    op.execute("CREATE INDEX ix_dossiers_id ON public.dossiers (id)")
    op.execute("DROP POLICY agency_rows ON public.events")
    op.execute(f"CREATE POLICY agency_rows ON public.events USING ({MINE}) WITH CHECK ({MINE})")


def _functions_by_agency() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION public.onestop_check_chain() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE
          broken text[];
        BEGIN
          SELECT array_agg(n.id ORDER BY n.chain_seq) INTO broken FROM (
            SELECT n.id, n.chain_seq FROM onestop_new_events n
              LEFT JOIN public.events p ON p.agency_code = n.agency_code
                                       AND p.workstation_id = n.workstation_id
                                       AND p.chain_seq = n.chain_seq - 1
              WHERE n.chain_seq IS NULL OR n.chain_seq < 1
                 OR n.chain_hash IS NULL OR n.chain_hash !~ '^[0-9a-f]{64}$'
                 OR (n.chain_seq = 1 AND n.chain_prev IS DISTINCT FROM repeat('0', 64))
                 OR (n.chain_seq > 1 AND p.chain_hash IS DISTINCT FROM n.chain_prev)
              ORDER BY n.chain_seq LIMIT 20) n;
          IF broken IS NOT NULL THEN
            RAISE EXCEPTION 'onestop: events % break their workstation''s hash chain', broken
              USING ERRCODE = '42501',
                    DETAIL = json_build_object('reason', 'chain', 'events', broken)::text;
          END IF;
          RETURN NULL;
        END $$
        """
    )
    op.execute(PUSH_BEGIN)
    op.execute(PUSH)
    op.execute(PUSH_ROWS)


PARTITIONED = ("dossiers", "events", "sync_log", "sync_rows")
TABLE = "<table>"  # in a policy's statement, the table it is created on
DEFAULT_PARTITIONS = 16


def partition_count(bind) -> int:
    """How many hash partitions a table gets: the database's ``onestop.partitions`` setting,
    else 16 (a power of two: a later split of each partition in two keeps every agency whole)."""
    value = bind.exec_driver_sql("SELECT current_setting('onestop.partitions', true)").scalar()
    count = int(value) if value else DEFAULT_PARTITIONS
    if not 1 <= count <= 1024:
        raise ValueError(f"onestop.partitions = {count}: between 1 and 1024")
    return count


def _partition_by_agency() -> None:
    _rebuild(partition_count(op.get_bind()))


def _rebuild(count: int) -> None:
    """Every table of PARTITIONED rebuilt with its rows, keys, indexes, triggers, policies and
    grants: partitioned by agency in ``count`` partitions, or a plain table when 0."""
    bind = op.get_bind()
    # What each table has besides its columns, read before any of them is rebuilt (dropping
    # dossiers drops the events' key to it).
    shapes = {table: _shape(bind, table) for table in PARTITIONED}
    for table in PARTITIONED:
        op.execute(
            f"CREATE TABLE public.{table}_by_agency (LIKE public.{table} INCLUDING DEFAULTS "
            "INCLUDING GENERATED INCLUDING STORAGE)"
            + (" PARTITION BY HASH (agency_code)" if count else "")
        )
        for i in range(count):
            op.execute(
                f"CREATE TABLE public.{table}_p{i:02d} PARTITION OF public.{table}_by_agency "
                f"FOR VALUES WITH (MODULUS {count}, REMAINDER {i})"
            )
        op.execute(f"INSERT INTO public.{table}_by_agency SELECT * FROM public.{table}")
    for table in PARTITIONED:
        # CASCADE: the row type of dossiers may be a column of a push's stage in an idle
        # session (onestop_push_begin makes it again).
        op.execute(f"DROP TABLE public.{table} CASCADE")
        op.execute(f"ALTER TABLE public.{table}_by_agency RENAME TO {table}")
    for table in PARTITIONED:
        keys, _foreign, _indexes, _triggers, _policies, _grants = shapes[table]
        for name, definition in keys:
            op.execute(f"ALTER TABLE public.{table} ADD CONSTRAINT {name} {definition}")
    for table in PARTITIONED:
        _keys, foreign, indexes, triggers, policies, grants = shapes[table]
        for name, definition in foreign:
            op.execute(f"ALTER TABLE public.{table} ADD CONSTRAINT {name} {definition}")
        for definition in indexes + triggers:
            op.execute(definition)
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        partitions = [f"{table}_p{i:02d}" for i in range(count)]
        for target in [table, *partitions]:
            if target != table:
                op.execute(f"ALTER TABLE public.{target} ENABLE ROW LEVEL SECURITY")
            for policy in policies:
                op.execute(policy.replace(TABLE, f"public.{target}"))
        for grantee, privileges in grants:
            op.execute(f"GRANT {privileges} ON public.{table} TO {grantee}")
        # The partitions' own privileges: none but the owner's (who bypasses the policies
        # anyway); PUBLIC gets nothing on a new table.
        for partition in partitions:
            op.execute(f"REVOKE ALL ON public.{partition} FROM PUBLIC")


def _shape(bind, table: str):
    oid = f"'public.{table}'::regclass"
    # The primary key first: of two violated keys the server names the first index made, and a
    # race between two pushes is recognized by the primary key (onestop.sync.bulk.duplicate_key).
    keys, foreign = [], []
    for name, kind, definition in bind.exec_driver_sql(
        f"SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        f"WHERE conrelid = {oid} AND conparentid = 0 ORDER BY contype <> 'p', conname"
    ):
        (foreign if kind == "f" else keys).append((name, definition))
    indexes = [
        row[0]
        for row in bind.exec_driver_sql(
            f"SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = {oid} "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY i.indexrelid"
        )
    ]
    triggers = [
        row[0]
        for row in bind.exec_driver_sql(
            f"SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = {oid} "
            "AND NOT tgisinternal ORDER BY tgname"
        )
    ]
    policies = []
    for name, permissive, roles, command, qual, check in bind.exec_driver_sql(
        "SELECT policyname, permissive, roles::text[], cmd, qual, with_check FROM pg_policies "
        f"WHERE schemaname = 'public' AND tablename = '{table}' ORDER BY policyname"
    ):
        statement = f"CREATE POLICY {name} ON {TABLE} AS {permissive} FOR {command}"
        statement += f" TO {', '.join(roles)}"
        statement += f" USING ({qual})" if qual else ""
        statement += f" WITH CHECK ({check})" if check else ""
        policies.append(statement.replace("{table}", "\0").replace("\0", "{table}"))
    grants = [
        (grantee, privileges)
        for grantee, privileges in bind.exec_driver_sql(
            "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END, "
            "string_agg(a.privilege_type, ', ') FROM pg_class c, aclexplode(c.relacl) a "
            "LEFT JOIN pg_roles r ON r.oid = a.grantee "
            f"WHERE c.oid = {oid} AND a.grantee <> c.relowner GROUP BY 1"
        )
    ]
    return keys, foreign, indexes, triggers, policies, grants


def _due(alias: str) -> str:
    """The due date an event of the centre carries (inside a PL/pgSQL string literal)."""
    due = f"({alias}.payload->>''due_at'')::timestamptz"
    return (
        f"CASE {alias}.type WHEN ''received'' THEN {due} WHEN ''supplement_completed'' "
        f"THEN {due} WHEN ''extended'' THEN ({alias}.payload->>''new_due_at'')::timestamptz END"
    )


FACT_DEFAULTS = (
    '{"applicant_kind": "individual", "return_by": "counter", "channel": "counter", '
    '"sets": 1, "fee": 0}'
)
_COMPUTED = {
    "id": "p.dossier_id",
    "applicant_folded": "public.onestop_fold_text((n.facts).applicant_name)",
    "workstation_id": "n.workstation_id",
    "received_day": "to_char(p.received_at AT TIME ZONE ''Asia/Ho_Chi_Minh'', ''YYYY-MM-DD'')",
    "updated_at": "$1",
    **{c: f"p.{c}" for c in ("status", "received_at", "due_at", "original_due_at")},
    **{c: f"p.{c}" for c in ("extended", "result_at", "finished_at")},
}
_CASES = " ".join(f"WHEN '{c}' THEN '{e}'" for c, e in _COMPUTED.items())

# onestop_push_begin of migration 0009; the stage's agency is left empty by the workstation
# (its events have none) and given by onestop_push.
PUSH_BEGIN = f"""
CREATE OR REPLACE FUNCTION public.onestop_push_begin() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {FIXED_PATH} AS $$
BEGIN
  IF pg_catalog.to_regclass('pg_temp.onestop_push_events') IS NULL THEN
    CREATE TEMP TABLE onestop_push_events (LIKE public.events) ON COMMIT DELETE ROWS;
    ALTER TABLE pg_temp.onestop_push_events ALTER COLUMN agency_code DROP NOT NULL;
    ALTER TABLE pg_temp.onestop_push_events
      ADD COLUMN onestop_ord bigint GENERATED ALWAYS AS IDENTITY;
    CREATE TEMP TABLE onestop_push_fresh (id text, dossier_id text, type text,
      at timestamptz, ord bigint, workstation_id text, agency text, due timestamptz,
      facts public.dossiers) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE onestop_push_folded (dossier_id text, received_id text,
      status text, received_at timestamptz, due_at timestamptz,
      original_due_at timestamptz, extended boolean, result_at timestamptz,
      finished_at timestamptz) ON COMMIT DELETE ROWS;
    EXECUTE format('GRANT INSERT ON pg_temp.onestop_push_events TO %I', session_user);
  END IF;
  PERFORM public.onestop_check_stage();
  TRUNCATE pg_temp.onestop_push_events;
END $$
"""

# onestop_push of migration 0009, every statement on the centre's tables confined to the
# caller's agency (p_agency) first; an id looked up in every agency only to refuse it.
PUSH = f"""
CREATE OR REPLACE FUNCTION public.onestop_push(p_agency text, p_workstation text,
                                               p_now timestamptz, OUT accepted integer,
                                               OUT duplicates integer, OUT last_position bigint)
LANGUAGE plpgsql SECURITY DEFINER {FIXED_PATH} SET work_mem = '64MB' AS $$
DECLARE
  bad record;
  staged integer;
  ids text[];
  defaults public.dossiers;
  columns text;
  exprs text;
BEGIN
  PERFORM public.onestop_check_stage();
  PERFORM public.onestop_check_caller(p_agency, p_workstation);
  defaults := jsonb_populate_record(NULL::public.dossiers, '{FACT_DEFAULTS}'::jsonb);
  -- The events the centre lacks; agency: the caller's, when the dossier is its already.
  INSERT INTO pg_temp.onestop_push_fresh
    SELECT s.id, s.dossier_id, s.type, s.at, s.onestop_ord, s.workstation_id, d.agency_code,
           CASE s.type
             WHEN 'supplement_completed' THEN (s.payload->>'due_at')::timestamptz
             WHEN 'extended' THEN (s.payload->>'new_due_at')::timestamptz END,
           CASE s.type WHEN 'received' THEN json_populate_record(defaults, s.payload) END
    FROM pg_temp.onestop_push_events s
    LEFT JOIN public.dossiers d ON d.agency_code = p_agency AND d.id = s.dossier_id
    WHERE NOT EXISTS (SELECT 1 FROM public.events e
                      WHERE e.agency_code = p_agency AND e.id = s.id);
  -- A received event names the caller's agency; a dossier the caller's agency lacks is not
  -- another agency's (looked up by id: ids stay unique across agencies) and is received in
  -- this batch.
  SELECT f.dossier_id, (f.facts).code, (f.facts).agency_code AS agency INTO bad
    FROM pg_temp.onestop_push_fresh f
    WHERE f.type = 'received' AND (f.facts).agency_code IS DISTINCT FROM p_agency
    LIMIT 1;
  IF NOT FOUND THEN
    SELECT f.dossier_id, NULL::text AS code, d.agency_code AS agency INTO bad
      FROM pg_temp.onestop_push_fresh f, public.dossiers d
      WHERE f.agency IS NULL AND d.id = f.dossier_id LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    SELECT n.dossier_id, NULL::text AS code, NULL::text AS agency INTO bad FROM (
      SELECT f.dossier_id FROM pg_temp.onestop_push_fresh f WHERE f.agency IS NULL
      EXCEPT
      SELECT f.dossier_id FROM pg_temp.onestop_push_fresh f WHERE f.type = 'received'
    ) n LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'onestop: dossier % is not of agency %',
      coalesce(bad.code, bad.dossier_id), p_agency
      USING ERRCODE = '42501', DETAIL = json_build_object('reason', 'dossier',
        'dossier', bad.dossier_id, 'code', bad.code, 'agency', bad.agency,
        'expected', p_agency)::text;
  END IF;
  SELECT count(*) INTO staged FROM pg_temp.onestop_push_events;
  SELECT array_agg(f.id ORDER BY f.ord) INTO ids FROM pg_temp.onestop_push_fresh f;
  accepted := coalesce(array_length(ids, 1), 0);
  duplicates := staged - accepted;
  IF accepted > 0 THEN
    PERFORM 1 FROM public.dossiers d
      WHERE d.agency_code = p_agency
        AND d.id IN (SELECT f.dossier_id FROM pg_temp.onestop_push_fresh f
                     WHERE f.agency IS NOT NULL)
      ORDER BY d.id FOR UPDATE;
    INSERT INTO pg_temp.onestop_push_folded SELECT * FROM public.onestop_fold(
      'SELECT e.dossier_id, e.id, e.type, e.at, {_due("e")} AS due '
      'FROM public.events e WHERE e.agency_code = ' || quote_literal(p_agency) ||
      ' AND e.dossier_id IN (SELECT f.dossier_id FROM pg_temp.onestop_push_fresh f '
      'WHERE f.agency IS NOT NULL) '
      'UNION ALL SELECT f.dossier_id, f.id, f.type, f.at, '
      'CASE f.type WHEN ''received'' THEN (f.facts).due_at ELSE f.due END '
      'FROM pg_temp.onestop_push_fresh f');
    UPDATE public.dossiers d SET status = p.status, received_at = p.received_at,
        due_at = p.due_at, original_due_at = p.original_due_at, extended = p.extended,
        result_at = p.result_at, finished_at = p.finished_at, updated_at = p_now
      FROM pg_temp.onestop_push_folded p
      WHERE d.agency_code = p_agency AND d.id = p.dossier_id;
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(CASE a.attname {_CASES}
                        ELSE '(n.facts).' || quote_ident(a.attname) END, ', '
                      ORDER BY a.attnum)
      INTO columns, exprs
      FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = 'public.dossiers'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE format('INSERT INTO public.dossiers (%s) SELECT %s '
                   'FROM pg_temp.onestop_push_folded p '
                   'JOIN pg_temp.onestop_push_fresh n ON n.id = p.received_id '
                   'WHERE n.agency IS NULL', columns, exprs) USING p_now;
    -- The events as staged, but for their agency: the caller's (checked above).
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(CASE a.attname WHEN 'agency_code' THEN '$1'
                        ELSE 's.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum)
      INTO columns, exprs
      FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = 'public.events'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE format('INSERT INTO public.events (%s) SELECT %s FROM '
                   'pg_temp.onestop_push_events s WHERE s.id IN '
                   '(SELECT f.id FROM pg_temp.onestop_push_fresh f)', columns, exprs)
      USING p_agency;
    INSERT INTO public.sync_heads (agency_code, name, value)
      VALUES (p_agency, 'events', 0) ON CONFLICT DO NOTHING;
    UPDATE public.sync_heads SET value = value + accepted
      WHERE agency_code = p_agency AND name = 'events'
      RETURNING value INTO last_position;
    INSERT INTO public.sync_log (agency_code, position, workstation_id, pushed_at,
                                 count, event_ids)
      VALUES (p_agency, last_position - accepted + 1, p_workstation, p_now, accepted,
              array_to_json(ids));
  END IF;
  TRUNCATE pg_temp.onestop_push_events, pg_temp.onestop_push_fresh,
           pg_temp.onestop_push_folded;
END $$
"""

PUSH_ROWS = f"""
CREATE OR REPLACE FUNCTION public.onestop_push_rows(p_agency text, p_workstation text,
                                                    p_now timestamptz, p_changes json,
                                                    OUT accepted integer, OUT duplicates integer,
                                                    OUT last_position bigint)
LANGUAGE plpgsql SECURITY DEFINER {FIXED_PATH} AS $$
DECLARE
  ids text[];
  sent integer;
BEGIN
  PERFORM public.onestop_check_caller(p_agency, p_workstation);
  sent := json_array_length(p_changes);
  IF EXISTS (SELECT 1 FROM json_array_elements(p_changes) c
             JOIN public.events e ON e.agency_code = p_agency AND e.id = c->>'id') THEN
    RAISE EXCEPTION 'onestop: a row change takes the id of an event'
      USING ERRCODE = '42501';
  END IF;
  WITH given AS (
    SELECT c.* FROM ROWS FROM (json_to_recordset(p_changes)
      AS (id text, table_name text, row_id text, version text, data text))
      WITH ORDINALITY AS c(id, table_name, row_id, version, data, n)),
  fresh AS (
    INSERT INTO public.sync_rows (id, agency_code, table_name, row_id, version, data,
                                  workstation_id, pushed_at)
      SELECT g.id, p_agency, g.table_name, g.row_id, g.version, g.data, p_workstation,
             p_now FROM given g ORDER BY g.n
      ON CONFLICT (agency_code, id) DO NOTHING RETURNING id)
  SELECT array_agg(g.id ORDER BY g.n) INTO ids FROM given g JOIN fresh f ON f.id = g.id;
  accepted := coalesce(array_length(ids, 1), 0);
  duplicates := sent - accepted;
  IF accepted > 0 THEN
    INSERT INTO public.sync_heads (agency_code, name, value)
      VALUES (p_agency, 'events', 0) ON CONFLICT DO NOTHING;
    UPDATE public.sync_heads SET value = value + accepted
      WHERE agency_code = p_agency AND name = 'events'
      RETURNING value INTO last_position;
    INSERT INTO public.sync_log (agency_code, position, workstation_id, pushed_at,
                                 count, event_ids)
      VALUES (p_agency, last_position - accepted + 1, p_workstation, p_now, accepted,
              array_to_json(ids));
  END IF;
END $$
"""


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rebuild(0)
    # Functions first: the old ones read no agency from events.
    for statement in _earlier_functions():
        op.execute(statement)
    op.execute("DROP POLICY agency_rows ON public.events")
    through_dossier = "EXISTS (SELECT 1 FROM dossiers d WHERE d.id = events.dossier_id)"
    op.execute(
        f"CREATE POLICY agency_rows ON public.events USING ({through_dossier}) "
        f"WITH CHECK ({through_dossier})"
    )
    op.execute("DROP INDEX public.ix_dossiers_id")
    op.execute("DROP INDEX public.uq_events_chain")
    op.execute("CREATE UNIQUE INDEX uq_events_chain ON public.events (workstation_id, chain_seq)")
    op.execute("ALTER TABLE public.events DROP CONSTRAINT fk_events_dossier_id_dossiers")
    earlier = {
        "pk_dossiers": "PRIMARY KEY (id)",
        "uq_dossiers_code": "UNIQUE (code)",
        "pk_events": "PRIMARY KEY (id)",
        "pk_sync_code_leases": "PRIMARY KEY (id)",
        "pk_sync_workstations": "PRIMARY KEY (workstation_id)",
        "pk_sync_rows": "PRIMARY KEY (id)",
    }
    for table, name, _definition in KEYS:
        op.execute(f"ALTER TABLE public.{table} DROP CONSTRAINT {name}")
        op.execute(f"ALTER TABLE public.{table} ADD CONSTRAINT {name} {earlier[name]}")
    op.execute(
        "ALTER TABLE public.events ADD CONSTRAINT fk_events_dossier_id_dossiers "
        "FOREIGN KEY (dossier_id) REFERENCES public.dossiers (id)"
    )
    for table, name in POSTAL_KEYS:
        op.execute(
            f"ALTER TABLE public.{table} ADD CONSTRAINT {name} "
            "FOREIGN KEY (dossier_id) REFERENCES public.dossiers (id)"
        )
    op.execute("ALTER TABLE public.events DROP COLUMN agency_code")


def _earlier_functions() -> list[str]:
    """The functions this revision replaced, as migrations 0009 and 0013 create them (run with
    an ``op`` that only collects their statements)."""
    import importlib.util
    from pathlib import Path

    wanted = ("onestop_push_begin(", "onestop_push(", "onestop_push_rows(")
    wanted += ("onestop_check_chain(",)
    found: list[str] = []

    class Collect:
        @staticmethod
        def execute(statement: str) -> None:
            found.append(statement)

        @staticmethod
        def get_bind():
            return Collect

        @staticmethod
        def exec_driver_sql(*_args) -> None:
            pass

    here = Path(__file__).resolve().parent
    for name, function in (("0009_central_security", "_push_functions"),
                           ("0013_event_chain", "_centre_checks_links")):
        spec = importlib.util.spec_from_file_location(f"earlier_{name}", here / f"{name}.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        module.op = Collect  # type: ignore[attr-defined]
        getattr(module, function)()
    return [
        s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
        for s in found
        if "CREATE FUNCTION" in s and any(f"FUNCTION public.{w}" in s for w in wanted)
    ]
