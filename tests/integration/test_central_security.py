"""Attacks on the central PostgreSQL database by the roles that connect to it: a workstation's
login role trying to reach another agency's rows by shadowing what the row-level security
policies read (temporary tables, functions, operators and types in pg_temp)."""

from __future__ import annotations

import psycopg
import pytest
import test_sync_support as support
from sqlalchemy.engine import make_url
from test_sync_support import AGENCY, Clock, make_workstations

from onestop.services.context import ensure_initialized
from onestop.sync.admin import create_role
from onestop.sync.config import SyncSettings
from onestop.sync.runner import connect

memory_keyring = support.memory_keyring
template_root = support.template_root
pg_central = support.pg_central

OTHER_AGENCY = "000.00.99.H99"


def _connect(central, user: str, **kw) -> psycopg.Connection:
    url = make_url(central.admin_url)
    return psycopg.connect(
        host=url.query["host"],
        port=int(url.query["port"]),
        dbname=url.database,
        user=user,
        **kw,
    )


@pytest.fixture
def two_agencies(pg_central, tmp_path, template_root):
    """Agency A (workstation 1, role roles[1]) and agency B (workstation 2, its own role), each
    with a dossier pushed, and a staff account (with its password hash) published for B."""
    engine = connect(SyncSettings().with_url(pg_central.admin_url)[0])
    role_b = f"b_{pg_central.database}"
    create_role(engine, role_b, None, OTHER_AGENCY)
    engine.dispose()
    pg_central.roles[2] = role_b
    a, b = make_workstations(tmp_path, template_root, pg_central, Clock(), n=2)
    ensure_initialized(b.ctx, agency_code=OTHER_AGENCY)
    a.receive("Nguyễn Văn An")
    b.receive("Trần Thị Bình")
    assert a.sync().ok and b.sync().ok
    with _connect(pg_central, "postgres") as conn:
        conn.execute(
            "INSERT INTO staff (id, username, full_name, role, password_hash, active, "
            "agency_code, created_at, updated_at) VALUES ('s-b', 'can.bo.b', 'Cán bộ B', "
            "'officer', '$argon2id$v=19$secret-of-b', true, %s, now(), now())",
            (OTHER_AGENCY,),
        )
    yield a, b
    a.close()
    b.close()


# What a role sees of every table that holds agencies' rows: (table, agency column or None).
SEEN = (
    ("dossiers", "agency_code"),
    ("sync_log", "agency_code"),
    ("sync_heads", "agency_code"),
    ("sync_code_leases", "agency_code"),
    ("sync_workstations", "agency_code"),
    ("sync_rows", "agency_code"),
    ("staff", "agency_code"),
    ("events", None),
    ("sync_roles", "agency_code"),
)


def _seen(conn: psycopg.Connection) -> dict[str, object]:
    """Per table, the agencies whose rows this connection reads (events: their dossiers'),
    always through the real tables (schema-qualified) and the real policies."""
    found: dict[str, object] = {}
    for table, column in SEEN:
        if column is None:
            query = (
                "SELECT DISTINCT d.agency_code FROM public.events e "
                "JOIN public.dossiers d ON d.id = e.dossier_id"
            )
        else:
            query = f"SELECT DISTINCT {column} FROM public.{table}"
        found[table] = sorted(str(r[0]) for r in conn.execute(query).fetchall())
    return found


def _writes_to_b(conn: psycopg.Connection) -> list[str]:
    """Writes into agency B's rows that got through (each tried in a savepoint)."""
    done = []
    attempts = {
        "update dossier": (
            "UPDATE public.dossiers SET status = 'returned' WHERE agency_code = %s",
            (OTHER_AGENCY,),
        ),
        "insert event": (
            "INSERT INTO public.events SELECT 'forged-' || id, id, 'note', now(), now(), 'x', "
            "workstation_id, '{}' FROM public.dossiers WHERE agency_code = %s",
            (OTHER_AGENCY,),
        ),
        "insert log": (
            "INSERT INTO public.sync_log (agency_code, position, workstation_id, pushed_at, "
            "count, event_ids) VALUES (%s, 999, 'w', now(), 1, '[\"x\"]')",
            (OTHER_AGENCY,),
        ),
        "move allocator": (
            "UPDATE public.sync_heads SET value = 0 WHERE agency_code = %s",
            (OTHER_AGENCY,),
        ),
    }
    for name, (sql, params) in attempts.items():
        try:
            with conn.transaction():
                cur = conn.execute(sql, params)
                if cur.rowcount:
                    done.append(name)
        except psycopg.errors.InsufficientPrivilege:
            pass
    return done


# Shadows for everything the policies and their function read, created in pg_temp (searched
# first for tables and types when a function's search_path does not place it).
SHADOWS = {
    "temp sync_roles (the issue's attack)": [
        "CREATE TEMP TABLE sync_roles (role_name text, agency_code text)",
        f"INSERT INTO pg_temp.sync_roles VALUES (current_user, '{OTHER_AGENCY}'), "
        f"(current_user, '{AGENCY}')",
    ],
    "temp function onestop_agencies": [
        "CREATE FUNCTION pg_temp.onestop_agencies() RETURNS text[] LANGUAGE sql AS "
        f"$$ SELECT ARRAY['{AGENCY}', '{OTHER_AGENCY}'] $$",
        "SET search_path = pg_temp, public, pg_catalog",
    ],
    "temp function array_agg and a temp type text": [
        "CREATE FUNCTION pg_temp.array_agg(text) RETURNS text[] LANGUAGE sql AS "
        f"$$ SELECT ARRAY['{AGENCY}', '{OTHER_AGENCY}'] $$",
        "CREATE DOMAIN pg_temp.text AS varchar",
        "SET search_path = pg_temp, public, pg_catalog",
    ],
    "temp operator = that is always true": [
        "CREATE FUNCTION pg_temp.always(varchar, name) RETURNS boolean LANGUAGE sql AS "
        "$$ SELECT true $$",
        "CREATE OPERATOR pg_temp.= (LEFTARG = varchar, RIGHTARG = name, PROCEDURE = "
        "pg_temp.always)",
        "SET search_path = pg_temp, public, pg_catalog",
    ],
    "every table shadowed": [
        f"CREATE TEMP TABLE {table} AS SELECT * FROM public.{table} WITH NO DATA"
        for table in (
            "dossiers",
            "events",
            "sync_log",
            "sync_heads",
            "sync_code_leases",
            "sync_workstations",
            "sync_rows",
            "staff",
        )
    ]
    + [
        "CREATE TEMP TABLE sync_roles (role_name text, agency_code text)",
        f"INSERT INTO pg_temp.sync_roles VALUES (current_user, '{OTHER_AGENCY}')",
    ],
}


@pytest.mark.postgres
@pytest.mark.parametrize("attack", list(SHADOWS))
def test_shadowing_in_pg_temp_never_widens_a_workstation_role(attack, pg_central, two_agencies):
    role_a = pg_central.roles[1]
    with _connect(pg_central, role_a) as conn:
        honest = _seen(conn)
        assert honest["dossiers"] == [AGENCY]
        assert not [table for table, seen in honest.items() if OTHER_AGENCY in seen]
        conn.rollback()
        try:
            for statement in SHADOWS[attack]:
                conn.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            # Refused outright (no TEMP privilege): nothing to shadow with.
            conn.rollback()
        assert _seen(conn) == honest, attack
        assert _writes_to_b(conn) == [], attack
        conn.rollback()
    # B's own workstation finds its dossier as it left it.
    with _connect(pg_central, "postgres") as conn:
        rows = conn.execute(
            "SELECT status FROM dossiers WHERE agency_code = %s", (OTHER_AGENCY,)
        ).fetchall()
    assert rows == [("received",)]


@pytest.mark.postgres
def test_every_function_of_the_schema_has_a_fixed_search_path(pg_central):
    """No function of ours resolves a name through the caller's search_path: each is declared
    with SET search_path starting at pg_catalog and ending with pg_temp."""
    with _connect(pg_central, "postgres") as conn:
        rows = conn.execute(
            "SELECT p.proname, p.proconfig FROM pg_proc p JOIN pg_namespace n "
            "ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
        ).fetchall()
    assert rows, "no functions found"
    for name, config in rows:
        paths = [c for c in (config or []) if c.startswith("search_path=")]
        assert len(paths) == 1, f"{name} has no fixed search_path"
        parts = [p.strip() for p in paths[0].removeprefix("search_path=").split(",")]
        assert parts[0] == "pg_catalog" and parts[-1] == "pg_temp", (name, parts)
