"""The central database's security: functions that resolve no name through the caller's
search_path, and dossier rows that change only as the projection of accepted events.

1. Row-level security called ``onestop_agencies()``, which read ``sync_roles`` by its bare name:
   PostgreSQL searches a session's temporary schema first for tables, so a workstation's role
   that created ``pg_temp.sync_roles`` mapped itself to any agency. Every function of the
   schema now runs with ``SET search_path = pg_catalog, public, pg_temp`` (temporary schema
   last) and names the tables it reads with their schema; nobody but the owner creates objects
   in public; workstation roles lose TEMPORARY (nothing of theirs needs it any more).

2. A workstation's role could INSERT, UPDATE and DELETE its agency's dossier rows, which the
   supervisors' reports read, with no event behind the change. It now writes no dossier, event
   or log row and cannot touch the events allocator: its push goes through the SECURITY
   DEFINER function ``onestop_push`` (owned by the schema's owner, fixed search_path), see
   onestop.sync.central for the design and why.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from alembic import op

from onestop.store.fold_table import fold_runs

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Temporary schema last: searched only for what pg_catalog and public lack (and never for
# functions or operators).
FIXED_PATH = "SET search_path = pg_catalog, public, pg_temp"

WORKSTATION_ROLE = "onestop_workstation"
MINE = "agency_code::text = ANY ((SELECT public.onestop_agencies())::text[])"

# The dossier's columns that its received event's payload gives, when the payload lacks them
# (onestop.sync.projection: the columns' plain defaults).
FACT_DEFAULTS = (
    '{"applicant_kind": "individual", "return_by": "counter", "channel": "counter", '
    '"sets": 1, "fee": 0}'
)
# onestop.domain.dossier.TRANSITIONS when this was written: event type -> (statuses it may
# start from, status it leads to or None). tests/integration/test_central_projection.py checks
# the fold below against the domain's projection on random histories of every event type.
TRANSITIONS = {
    "supplement_requested": (("received", "transferred"), "supplement_requested"),
    "supplement_completed": (("supplement_requested",), "received"),
    "transferred": (("received",), "transferred"),
    "result_ready": (("received", "transferred"), "result_ready"),
    "extended": (("received", "transferred"), None),
    "returned": (("result_ready", "undeliverable"), "returned"),
    "refused": (("received", "transferred", "supplement_requested"), "refused"),
    "stopped": (("received", "transferred", "supplement_requested"), "stopped"),
    "postal_handover": (("result_ready",), "out_for_delivery"),
    "delivered": (("out_for_delivery",), "delivered"),
    "undeliverable": (("out_for_delivery",), "undeliverable"),
    # delivery_attempt, rated, note, and any type unknown here: nothing in the dossier's row.
}
# What an event does to the row besides its status (PL/pgSQL, inside the fold's loop).
EFFECTS = {
    "supplement_completed": "due := e.due; due_set := true;",
    "extended": "due := e.due; due_set := true; ext := true;",
    "result_ready": "res := e.at;",
    "returned": "fin := e.at;",
    "delivered": "fin := e.at;",
    "refused": "fin := e.at;",
    "stopped": "fin := e.at;",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _fixed_paths()
    _push_functions()


def _fixed_paths() -> None:
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


def _due(alias: str) -> str:
    """The due date an event of the centre carries (inside a PL/pgSQL string literal: quotes
    doubled)."""
    due = f"({alias}.payload->>''due_at'')::timestamptz"
    return (
        f"CASE {alias}.type WHEN ''received'' THEN {due} WHEN ''supplement_completed'' "
        f"THEN {due} WHEN ''extended'' THEN ({alias}.payload->>''new_due_at'')::timestamptz END"
    )


def _fold_cases() -> str:
    cases = []
    for kind, (sources, target) in TRANSITIONS.items():
        allowed = ", ".join(f"'{s}'" for s in sources)
        condition = f"st IN ({allowed})"
        if kind == "extended":
            condition += " AND NOT ext"  # the return date moves once and only once
        effect = EFFECTS.get(kind, "")
        if target is not None:
            effect += f" st := '{target}';"
        cases.append(f"WHEN '{kind}' THEN IF {condition} THEN {effect} END IF;")
    return "\n          ".join(cases)


def _push_functions() -> None:
    bind = op.get_bind()
    op.execute(
        'CREATE TABLE public.onestop_fold_characters (first integer PRIMARY KEY, kind "char" '
        "NOT NULL, shift integer, folded text)"
    )
    runs = fold_runs()
    bind.exec_driver_sql(
        "INSERT INTO public.onestop_fold_characters SELECT * FROM unnest(%(f)s::int[], "
        "%(k)s::\"char\"[], %(s)s::int[], %(t)s::text[])",
        {
            "f": [r[0] for r in runs],
            "k": [r[1] for r in runs],
            "s": [r[2] for r in runs],
            "t": [r[3] for r in runs],
        },
    )
    # onestop.domain.text.fold in SQL, equal to it on every text (a test proves it against the
    # server). Latin letters and Vietnamese's, the common case, are decomposed and stripped by
    # the server's own functions: within those blocks (assigned long ago, their decompositions
    # fixed by Unicode's stability policy) they agree with Python's; anything else goes
    # character by character through the table computed above by Python itself.
    op.execute(
        rf"""
        CREATE FUNCTION public.onestop_fold_text(s text) RETURNS text
        LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE {FIXED_PATH} AS $$
        DECLARE
          t text;
        BEGIN
          IF s ~ '^[\u0001-\u024f\u0300-\u036f\u1e00-\u1eff]*$' THEN
            t := translate(regexp_replace(normalize(s, NFKD), '[\u0300-\u036f]+', '', 'g'),
                           'đĐðÐ', 'dddd');
            IF t ~ '^[\u0001-\u007f]*$' THEN
              RETURN btrim(regexp_replace(lower(t COLLATE "C"), '[^a-z0-9]+', ' ', 'g'));
            END IF;
          END IF;
          RETURN (
            SELECT coalesce(btrim(regexp_replace(string_agg(
                     CASE f.kind WHEN 'k' THEN c.ch WHEN 's' THEN ' ' WHEN 'd' THEN ''
                       WHEN 'o' THEN chr(ascii(c.ch) + f.shift) ELSE f.folded END,
                     '' ORDER BY c.n), ' +', ' ', 'g')), '')
            FROM regexp_split_to_table(s, '') WITH ORDINALITY AS c(ch, n),
            LATERAL (SELECT x.kind, x.shift, x.folded FROM public.onestop_fold_characters x
                     WHERE x.first <= ascii(c.ch) ORDER BY x.first DESC LIMIT 1) f);
        END $$
        """
    )
    # onestop.domain.dossier.project (and onestop.sync.projection._fold) in PL/pgSQL: the
    # events given by a query (dossier_id, id, type, at, due: the payload's due date of a
    # received or supplement_completed event, the new one of an extended event, as
    # timestamptz) folded, one row per dossier, in (time, id) order like the domain. Internal: only the owner's
    # functions call it (the query is theirs, never a caller's).
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_fold(p_source text)
        RETURNS TABLE (dossier_id text, received_id text, status text, received_at timestamptz,
                       due_at timestamptz, original_due_at timestamptz, extended boolean,
                       result_at timestamptz, finished_at timestamptz)
        LANGUAGE plpgsql STABLE {FIXED_PATH} SET work_mem = '64MB' AS $$
        DECLARE
          e record;
          cur text;
          st text;
          rid text;
          rat timestamptz;
          orig timestamptz;
          due timestamptz;
          due_set boolean;
          ext boolean;
          res timestamptz;
          fin timestamptz;
        BEGIN
          FOR e IN EXECUTE 'SELECT s.dossier_id::text AS d, s.id::text AS id, s.type::text AS k, '
              || 's.at AS at, s.due::timestamptz AS due FROM (' || p_source || ') s '
              || 'ORDER BY s.dossier_id, s.at, s.id COLLATE "C"' LOOP
            IF cur IS DISTINCT FROM e.d THEN
              IF cur IS NOT NULL THEN
                dossier_id := cur; received_id := rid; status := st; received_at := rat;
                due_at := CASE WHEN due_set THEN due ELSE orig END; original_due_at := orig;
                extended := ext; result_at := res; finished_at := fin;
                RETURN NEXT;
              END IF;
              cur := e.d; st := 'received'; rid := NULL; rat := NULL; orig := NULL;
              due := NULL; due_set := false; ext := false; res := NULL; fin := NULL;
            END IF;
            CASE e.k
              WHEN 'received' THEN
                IF rid IS NULL THEN rid := e.id; rat := e.at; orig := e.due; END IF;
              {_fold_cases()}
              ELSE NULL;
            END CASE;
          END LOOP;
          IF cur IS NOT NULL THEN
            dossier_id := cur; received_id := rid; status := st; received_at := rat;
            due_at := CASE WHEN due_set THEN due ELSE orig END; original_due_at := orig;
            extended := ext; result_at := res; finished_at := fin;
            RETURN NEXT;
          END IF;
        END $$
        """
    )
    # The connected role, not the function's owner: session_user (a role's SET ROLE does not
    # change it). The tables' owner and superusers write any agency's rows (the owner's
    # functions write them on a workstation's behalf); a workstation's role those sync_roles
    # maps it to.
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_session_is_owner() RETURNS boolean
        LANGUAGE sql STABLE {FIXED_PATH} AS $$
          SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = session_user
                         AND (r.rolsuper OR r.rolbypassrls))
              OR session_user = (SELECT pg_catalog.pg_get_userbyid(c.relowner)
                                 FROM pg_catalog.pg_class c
                                 WHERE c.oid = 'public.dossiers'::regclass)
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_may_write(p_agency text) RETURNS boolean
        LANGUAGE sql STABLE {FIXED_PATH} AS $$
          SELECT public.onestop_session_is_owner()
              OR EXISTS (SELECT 1 FROM public.sync_roles m WHERE m.role_name = session_user
                         AND m.agency_code = p_agency)
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_check_caller(p_agency text, p_workstation text)
        RETURNS void LANGUAGE plpgsql STABLE {FIXED_PATH} AS $$
        BEGIN
          IF NOT public.onestop_may_write(p_agency) THEN
            RAISE EXCEPTION 'onestop: role % may not write the rows of agency %',
              session_user, p_agency
              USING ERRCODE = '42501', DETAIL = json_build_object('reason', 'agency',
                'role', session_user, 'agency', p_agency)::text;
          END IF;
          -- A workstation registered by another role is not this role's to speak for.
          IF EXISTS (SELECT 1 FROM public.sync_workstations w
                     WHERE w.workstation_id = p_workstation AND w.role_name <> session_user)
             AND NOT public.onestop_session_is_owner() THEN
            RAISE EXCEPTION 'onestop: workstation % belongs to another role', p_workstation
              USING ERRCODE = '42501', DETAIL = json_build_object('reason', 'workstation',
                'role', session_user, 'workstation', p_workstation)::text;
          END IF;
        END $$
        """
    )
    # The push's staging tables, in the session's temporary schema, created and owned by the
    # function's owner: the workstation's role (which has no TEMPORARY privilege, hence can
    # create nothing there) may only INSERT (COPY) its batch into the first.
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_push_begin() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER {FIXED_PATH} AS $$
        BEGIN
          IF pg_catalog.to_regclass('pg_temp.onestop_push_events') IS NULL THEN
            CREATE TEMP TABLE onestop_push_events (LIKE public.events) ON COMMIT DELETE ROWS;
            ALTER TABLE pg_temp.onestop_push_events
              ADD COLUMN onestop_ord bigint GENERATED ALWAYS AS IDENTITY;
            -- The events the centre lacks, what the push needs of each: the agency of its
            -- dossier if the centre has it, the due date it carries, and for a received event
            -- its payload read once as the dossier's columns.
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
    )
    # What the push reads and writes are the tables onestop_push_begin made: plain tables, the
    # owner's, in this session's temporary schema, with no rule, trigger or policy that could
    # run code (a role that somehow has TEMPORARY could otherwise have put its own there
    # first).
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_check_stage() RETURNS void
        LANGUAGE plpgsql STABLE {FIXED_PATH} AS $$
        BEGIN
          IF (SELECT count(*) FROM pg_catalog.pg_class c
              WHERE c.oid IN (pg_catalog.to_regclass('pg_temp.onestop_push_events'),
                              pg_catalog.to_regclass('pg_temp.onestop_push_fresh'),
                              pg_catalog.to_regclass('pg_temp.onestop_push_folded'))
                AND c.relkind = 'r' AND c.relnamespace = pg_catalog.pg_my_temp_schema()
                AND c.relowner = (SELECT r.oid FROM pg_catalog.pg_roles r
                                  WHERE r.rolname = current_user)
                AND NOT c.relhasrules AND NOT c.relhastriggers AND NOT c.relrowsecurity) <> 3
          THEN
            RAISE EXCEPTION 'onestop: the push stage is not the push''s own'
              USING ERRCODE = '42501';
          END IF;
        END $$
        """
    )
    # The dossier row's columns that are not the received payload's facts: (column, SQL).
    computed = {
        "id": "p.dossier_id",
        "applicant_folded": "public.onestop_fold_text((n.facts).applicant_name)",
        "workstation_id": "n.workstation_id",
        "received_day": "to_char(p.received_at AT TIME ZONE ''Asia/Ho_Chi_Minh'', "
        "''YYYY-MM-DD'')",
        "updated_at": "$1",
    }
    computed |= {c: f"p.{c}" for c in ("status", "received_at", "due_at", "original_due_at")}
    computed |= {c: f"p.{c}" for c in ("extended", "result_at", "finished_at")}
    # Each as a text literal of the CASE below (the quotes inside it doubled already).
    cases = " ".join(f"WHEN '{c}' THEN '{e}'" for c, e in computed.items())
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_push(p_agency text, p_workstation text,
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
          -- Only the events the centre lacks (a retried batch brings some it has). A received
          -- event's payload is read once, as the dossier's columns: a key it lacks gives the
          -- column's default, a key it has (even null) its value, like
          -- onestop.sync.projection (payload.get(column, default)).
          defaults := jsonb_populate_record(NULL::public.dossiers, '{FACT_DEFAULTS}'::jsonb);
          INSERT INTO pg_temp.onestop_push_fresh
            SELECT s.id, s.dossier_id, s.type, s.at, s.onestop_ord, s.workstation_id,
                   (SELECT d.agency_code FROM public.dossiers d WHERE d.id = s.dossier_id),
                   CASE s.type
                     WHEN 'supplement_completed' THEN (s.payload->>'due_at')::timestamptz
                     WHEN 'extended' THEN (s.payload->>'new_due_at')::timestamptz END,
                   CASE s.type WHEN 'received' THEN json_populate_record(defaults, s.payload) END
            FROM pg_temp.onestop_push_events s
            WHERE NOT EXISTS (SELECT 1 FROM public.events e WHERE e.id = s.id);
          -- Every new event is the caller's agency's: a received event by the agency its
          -- payload names, an event of a dossier the centre has by that dossier's agency, of a
          -- new dossier by its received event in this batch. (Each query scans the batch
          -- alone: temporary tables have no statistics, and a join the planner misjudged
          -- would go row by row.)
          SELECT f.dossier_id, (f.facts).code, (f.facts).agency_code AS agency INTO bad
            FROM pg_temp.onestop_push_fresh f
            WHERE f.type = 'received' AND (f.facts).agency_code IS DISTINCT FROM p_agency
            LIMIT 1;
          IF NOT FOUND THEN
            SELECT f.dossier_id, NULL::text AS code, f.agency INTO bad
              FROM pg_temp.onestop_push_fresh f WHERE f.agency <> p_agency LIMIT 1;
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
            -- Dossiers the centre has that get new events are locked first, in id order (two
            -- pushes cannot deadlock on them): a concurrent push of the same dossier's events
            -- waits, then folds a history that includes ours.
            PERFORM 1 FROM public.dossiers d
              WHERE d.id IN (SELECT f.dossier_id FROM pg_temp.onestop_push_fresh f
                             WHERE f.agency IS NOT NULL)
              ORDER BY d.id FOR UPDATE;
            -- The projection of every dossier with new events, from its whole history: the
            -- centre's events and the new ones.
            INSERT INTO pg_temp.onestop_push_folded SELECT * FROM public.onestop_fold(
              'SELECT e.dossier_id, e.id, e.type, e.at, {_due('e')} AS due '
              'FROM public.events e WHERE e.dossier_id IN '
              '(SELECT f.dossier_id FROM pg_temp.onestop_push_fresh f '
              'WHERE f.agency IS NOT NULL) '
              'UNION ALL SELECT f.dossier_id, f.id, f.type, f.at, '
              'CASE f.type WHEN ''received'' THEN (f.facts).due_at ELSE f.due END '
              'FROM pg_temp.onestop_push_fresh f');
            -- Dossiers the centre had: their projection only (their facts stay).
            UPDATE public.dossiers d SET status = p.status, received_at = p.received_at,
                due_at = p.due_at, original_due_at = p.original_due_at, extended = p.extended,
                result_at = p.result_at, finished_at = p.finished_at, updated_at = p_now
              FROM pg_temp.onestop_push_folded p WHERE d.id = p.dossier_id;
            -- New dossiers: the facts of the received event's payload (nothing else of it),
            -- their projection, and what derives from the event. Column by column, from the
            -- table itself, so that a column a later migration adds is a fact too.
            SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
                   string_agg(CASE a.attname {cases}
                                ELSE '(n.facts).' || quote_ident(a.attname) END, ', '
                              ORDER BY a.attnum)
              INTO columns, exprs
              FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = 'public.dossiers'::regclass AND a.attnum > 0
                AND NOT a.attisdropped;
            EXECUTE format('INSERT INTO public.dossiers (%s) SELECT %s '
                           'FROM pg_temp.onestop_push_folded p '
                           'JOIN pg_temp.onestop_push_fresh n ON n.id = p.received_id '
                           'WHERE n.agency IS NULL', columns, exprs) USING p_now;
            SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
              FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = 'public.events'::regclass AND a.attnum > 0
                AND NOT a.attisdropped;
            EXECUTE format('INSERT INTO public.events (%s) SELECT %s FROM '
                           'pg_temp.onestop_push_events s WHERE s.id IN '
                           '(SELECT f.id FROM pg_temp.onestop_push_fresh f)', columns, columns);
            -- Last, just before the caller commits: the allocator's lock is held only this
            -- long (onestop.sync.central).
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
    )
    # Replicated rows' changes: inserted (once: the change's id is the key) and given positions
    # by the owner's function too, so that no log row is ever the workstation's own writing.
    op.execute(
        f"""
        CREATE FUNCTION public.onestop_push_rows(p_agency text, p_workstation text,
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
          -- A change that names an event would stand in the log beside it.
          IF EXISTS (SELECT 1 FROM json_array_elements(p_changes) c
                     JOIN public.events e ON e.id = c->>'id') THEN
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
              ON CONFLICT (id) DO NOTHING RETURNING id)
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
    )
    _grants()


# Functions a workstation's role calls; the rest are the owner's alone (PUBLIC may execute
# any new function unless told otherwise).
CALLED = ("onestop_push_begin()", "onestop_push(text, text, timestamptz)")
CALLED += ("onestop_push_rows(text, text, timestamptz, json)",)
INTERNAL = ("onestop_fold(text)", "onestop_check_stage()", "onestop_session_is_owner()")
INTERNAL += ("onestop_may_write(text)", "onestop_check_caller(text, text)")


def _grants() -> None:
    for signature in CALLED + INTERNAL:
        op.execute(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC")
    grants = [f"GRANT EXECUTE ON FUNCTION public.{s} TO {WORKSTATION_ROLE}" for s in CALLED]
    # History, projections and positions: read, never written, by a workstation's role.
    grants.append(
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.dossiers, public.events, "
        f"public.sync_log, public.sync_rows FROM {WORKSTATION_ROLE}"
    )
    # Temporary objects were the staging tables of its pushes; the push makes its own now.
    grants.append(
        f"EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, {WORKSTATION_ROLE}', "
        "current_database())"
    )
    op.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WORKSTATION_ROLE}') "
        f"THEN {'; '.join(_statements(grants))}; END IF; END $$"
    )
    # sync_heads: the agency's rows are read; only lease allocators ('lease:<day>:<width>')
    # are the role's to create and move, never the events allocator.
    op.execute("DROP POLICY agency_rows ON public.sync_heads")
    lease = f"{MINE} AND name LIKE 'lease:%'"
    op.execute(f"CREATE POLICY agency_read ON public.sync_heads FOR SELECT USING ({MINE})")
    op.execute(f"CREATE POLICY lease_insert ON public.sync_heads FOR INSERT WITH CHECK ({lease})")
    op.execute(
        f"CREATE POLICY lease_update ON public.sync_heads FOR UPDATE USING ({lease}) "
        f"WITH CHECK ({lease})"
    )


def _statements(grants: list[str]) -> list[str]:
    """Each statement as PL/pgSQL runs it: dynamic, the role may be missing at migration."""
    return [g if g.startswith("EXECUTE ") else f"EXECUTE '{g}'" for g in grants]


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for signature in CALLED + INTERNAL + ("onestop_fold_text(text)",):
        op.execute(f"DROP FUNCTION public.{signature}")
    op.execute("DROP TABLE public.onestop_fold_characters")
    for policy in ("agency_read", "lease_insert", "lease_update"):
        op.execute(f"DROP POLICY {policy} ON public.sync_heads")
    op.execute(f"CREATE POLICY agency_rows ON public.sync_heads USING ({MINE}) WITH CHECK ({MINE})")
    grants = [
        f"GRANT INSERT ON public.events, public.sync_log, public.sync_rows TO {WORKSTATION_ROLE}",
        f"GRANT INSERT, UPDATE ON public.dossiers TO {WORKSTATION_ROLE}",
        f"EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC, {WORKSTATION_ROLE}', "
        "current_database())",
    ]
    op.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WORKSTATION_ROLE}') "
        f"THEN {'; '.join(_statements(grants))}; END IF; END $$"
    )
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
