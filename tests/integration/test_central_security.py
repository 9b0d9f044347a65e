"""Attacks on the central PostgreSQL database by the roles that connect to it: a workstation's
login role trying to reach another agency's rows by shadowing what the row-level security
policies read (temporary tables, functions, operators and types in pg_temp); the central
administrator trying to run programs on the server or to make roles beyond workstations'."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
import test_sync_support as support
from sqlalchemy.engine import make_url
from test_sync_support import AGENCY, Central, Clock, make_workstations

from onestop.services import dossiers
from onestop.services.context import ensure_initialized
from onestop.services.sync import connect, create_role, init_central, publish
from onestop.sync.config import SyncSettings
from tests.helpers import chain_events, run_cli

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


def _grant_temporary(central, role: str) -> None:
    """What a DBA might do by habit (PUBLIC has TEMPORARY on a new database): the role gets it
    back, so that the functions' own defence is what is tested."""
    with _connect(central, "postgres", autocommit=True) as conn:
        conn.execute(f'GRANT TEMPORARY ON DATABASE "{central.database}" TO "{role}"')


@pytest.mark.postgres
@pytest.mark.parametrize("temporary", ["revoked", "granted back"])
@pytest.mark.parametrize("attack", list(SHADOWS))
def test_shadowing_in_pg_temp_never_widens_a_workstation_role(
    attack, temporary, pg_central, two_agencies
):
    role_a = pg_central.roles[1]
    if temporary == "granted back":
        _grant_temporary(pg_central, role_a)
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
            assert temporary == "revoked"
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


# --- the central administrator ----------------------------------------------------------------

SETUP_SQL = Path(__file__).resolve().parents[2] / "packaging" / "central" / "setup.sql"


def _psql(cluster, *args: str) -> subprocess.CompletedProcess:
    # Beside the server's own binaries (pg_ctl may be a link to them).
    psql = Path(os.path.realpath(cluster.bindir / "pg_ctl")).parent / "psql"
    return subprocess.run(
        [str(psql), "-X", "-q", "-h", str(cluster.socket), "-p",
         str(cluster.port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip


def admin_central(cluster, tmp_path: Path, *, via: str = "psql") -> Central:
    """A central database set up the way a DBA does it (setup.sql with psql, or 'onestop
    central setup'), then initialised, published and given two workstation roles by its
    administrator: a login role that is neither superuser nor CREATEROLE."""
    database = "a_" + uuid.uuid4().hex[:12]
    admin = f"adm_{database}"
    if via == "psql":
        _psql(cluster, "-d", "postgres", "-v", f"admin={admin}", "-v", f"database={database}",
              "-f", str(SETUP_SQL))  # fmt: skip
    else:
        superuser = cluster.url(database)
        _cli(tmp_path / "dba", "central", "setup", "--central", superuser, "--admin-role", admin,
             "--no-password")  # fmt: skip
    central = Central(
        kind="postgresql",
        admin_url=cluster.url(database, admin),
        cluster=cluster,
        database=database,
    )
    ctx = support._admin_context(tmp_path, Clock())
    try:
        cfg, _ = SyncSettings().with_url(central.admin_url)
        init_central(ctx, cfg, None)
        engine = connect(cfg)
        try:
            publish(ctx, engine)
            for number in (1, 2):
                role = f"ws_{database}_{number}"
                assert create_role(engine, role, None, AGENCY)["created"]
                central.roles[number] = role
        finally:
            engine.dispose()
    finally:
        ctx.store.close()
    return central


def _cli(data_dir: Path, *args: str, check: int | None = 0, stdin: str | None = None):
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return run_cli(data_dir, *args, stdin=stdin, check=check, env=env)


@pytest.fixture
def psql_central(pg_cluster, tmp_path) -> Central:
    return admin_central(pg_cluster, tmp_path / "central", via="psql")


def _refused(conn: psycopg.Connection, statement: str) -> psycopg.Error:
    """Run a statement that must be refused; returns the server's error."""
    with pytest.raises(psycopg.Error) as caught, conn.transaction():
        conn.execute(statement)
    return caught.value


@pytest.mark.postgres
def test_the_administrator_can_neither_run_programs_nor_make_roles(psql_central):
    admin = make_url(psql_central.admin_url).username
    with _connect(psql_central, admin, autocommit=True) as conn:
        attributes = conn.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
            "FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert attributes == (False, False, False, False, False)
        # The attack: grant itself the right to run programs, then run one.
        for statement in (
            f'GRANT pg_execute_server_program TO "{admin}"',
            f'GRANT pg_read_server_files, pg_write_server_files TO "{admin}"',
            "CREATE ROLE evil LOGIN SUPERUSER",
            "CREATE ROLE evil LOGIN",
            f'ALTER ROLE "{admin}" CREATEROLE',
            "ALTER ROLE postgres PASSWORD 'taken'",
            "COPY (SELECT 1) TO PROGRAM 'id'",
            "CREATE FUNCTION evil() RETURNS int LANGUAGE c AS 'libc', 'getpid'",
            "CREATE OR REPLACE FUNCTION onestop_roles.create_workstation_role(text, text) "
            "RETURNS boolean LANGUAGE sql AS $$ SELECT true $$",
            "ALTER FUNCTION onestop_roles.create_workstation_role(text, text) SECURITY INVOKER",
        ):
            assert _refused(conn, statement).sqlstate == "42501", statement
        conn.execute("CREATE TABLE IF NOT EXISTS copy_target (line text)")
        copy = _refused(conn, "COPY copy_target FROM PROGRAM 'id'")
        assert copy.sqlstate == "42501" and "pg_execute_server_program" in str(copy)
        # The one privileged thing it may do: a plain workstation role, through the function,
        # which refuses every other role and anything but a hashed password.
        for name, verifier in (
            ("postgres", None),
            (admin, None),
            ("onestop_role_maker", None),
            ("onestop_workstation", None),
            ('x"; GRANT pg_execute_server_program TO public; --', None),
            ("Upper", None),
            (f"ws_{psql_central.database}_9", "mat-khau-ro"),
        ):
            _refused(
                conn,
                "SELECT onestop_roles.create_workstation_role("
                f"{_literal(name)}, {_literal(verifier)})",
            )
        memberships = conn.execute(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
            "WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        ).fetchall()
        assert memberships == []
        roles = conn.execute(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, "
            "pg_has_role(oid, 'onestop_workstation', 'MEMBER') FROM pg_roles "
            "WHERE rolname LIKE %s ORDER BY 1",
            (f"ws_{psql_central.database}_%",),
        ).fetchall()
        assert [r[1:] for r in roles] == [(False, False, False, True, True)] * 2


def _literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


@pytest.mark.postgres
def test_central_init_role_and_sync_as_the_administrator_set_up_by_the_command_line(
    pg_cluster, tmp_path, template_root
):
    central = admin_central(pg_cluster, tmp_path / "central", via="cli")
    with _connect(central, "postgres") as conn:
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        ).fetchone()[0]
    assert owner == make_url(central.admin_url).username
    # The command line's own 'central role', as that administrator.
    ws = tmp_path / "cli-ws"
    _cli(ws, "init", "--demo", "--workstation", "3")
    _cli(ws, "init", "--agency-code", AGENCY)  # a real office's store (the demo never syncs)
    role = f"cli_{central.database}"
    created = _cli(ws, "central", "role", "--central", central.admin_url, "--role", role,
                   "--no-password", "--json")  # fmt: skip
    assert json.loads(created.stdout) == {"role": role, "agency_code": AGENCY, "created": True}
    _cli(ws, "receive", "--procedure", "1.001193", "--name", "Đỗ Văn Giang")
    report = json.loads(
        _cli(ws, "sync", "--central", pg_cluster.url(central.database, role), "--json").stdout
    )
    assert report["ok"] and report["pushed"] == 1
    # And the fixture's roles sync too.
    a, b = make_workstations(tmp_path, template_root, central, Clock(), n=2)
    code = a.receive()
    assert a.sync().ok
    assert b.sync().ok and b.sync().pulled == 0
    assert {d.code for d in dossiers.list_dossiers(b.ctx)} >= {code}
    # A name taken by a role that is not a workstation's is refused (exit 2), nothing created.
    refused = _cli(ws, "central", "role", "--central", central.admin_url, "--role", "postgres",
                   "--no-password", check=2)  # fmt: skip
    assert "--role" in refused.stderr or "role" in refused.stderr


def test_setup_sql_creates_the_same_role_function_as_the_command():
    from onestop.sync import dba

    assert dba.ROLE_FUNCTION in SETUP_SQL.read_text()


@pytest.mark.postgres
def test_setup_again_takes_createrole_and_granted_roles_from_an_older_administrator(
    pg_cluster, tmp_path
):
    """An administrator made by the older setup.sql (CREATEROLE), that already granted itself
    pg_execute_server_program: running the setup again leaves it neither."""
    database = "o_" + uuid.uuid4().hex[:12]
    admin = f"adm_{database}"
    with psycopg.connect(
        host=str(pg_cluster.socket), port=pg_cluster.port, user="postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE ROLE "{admin}" LOGIN CREATEROLE')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{admin}"')
    with psycopg.connect(
        host=str(pg_cluster.socket), port=pg_cluster.port, user=admin, dbname=database,
        autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(f'GRANT pg_execute_server_program TO "{admin}"')
    _cli(tmp_path / "dba", "central", "setup", "--central", pg_cluster.url(database),
         "--admin-role", admin, "--no-password")  # fmt: skip
    with psycopg.connect(
        host=str(pg_cluster.socket), port=pg_cluster.port, user=admin, dbname=database,
        autocommit=True,
    ) as conn:  # fmt: skip
        assert conn.execute(
            "SELECT rolcreaterole, pg_has_role(current_user, 'pg_execute_server_program', "
            "'MEMBER') FROM pg_roles WHERE rolname = current_user"
        ).fetchone() == (False, False)
        assert _refused(conn, "COPY (SELECT 1) TO PROGRAM 'id'").sqlstate == "42501"
    # Only a superuser sets a database up: the administrator itself is told so (exit 1).
    denied = _cli(tmp_path / "dba", "central", "setup", "--central",
                  pg_cluster.url(database, admin), "--admin-role", "other_admin",
                  "--no-password", check=1)  # fmt: skip
    assert "superuser" in denied.stderr


# --- dossier rows at the centre are the projection of accepted events --------------------------


def _central_state(central) -> tuple:
    """Dossiers, events, the log and the heads as the owner sees them."""
    with _connect(central, "postgres") as conn:
        return tuple(
            conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("dossiers", "events", "sync_log", "sync_heads", "sync_rows")
        )


@pytest.mark.postgres
def test_a_workstation_role_writes_no_dossier_event_or_log_row_directly(
    pg_central, tmp_path, template_root
):
    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    code = ws.receive("Võ Thị Em")
    ws.result(code)
    report = ws.sync()
    assert report.ok and report.lease_remaining > 0  # leases are still the role's to take
    before = _central_state(pg_central)
    forged_event = (
        "INSERT INTO public.events SELECT 'forged', id, 'returned', now(), now(), 'x', "
        "workstation_id, '{}' FROM public.dossiers"
    )
    with _connect(pg_central, pg_central.roles[1]) as conn:
        for statement in (
            # Supervisors' reports read these rows: no write without an event behind it.
            "UPDATE public.dossiers SET status = 'returned', finished_at = now()",
            "DELETE FROM public.dossiers",
            "INSERT INTO public.dossiers SELECT (jsonb_populate_record(d, "
            '\'{"id": "x", "code": "x"}\')).* FROM public.dossiers d',
            forged_event,
            "DELETE FROM public.events",
            "INSERT INTO public.sync_log (agency_code, position, workstation_id, pushed_at, "
            f"count, event_ids) VALUES ('{AGENCY}', 99, 'w', now(), 1, '[\"forged\"]')",
            "UPDATE public.sync_log SET count = 0",
            "DELETE FROM public.sync_log",
            # The events allocator: neither moved, rewound, replaced nor removed.
            "UPDATE public.sync_heads SET value = 0 WHERE name = 'events'",
            "UPDATE public.sync_heads SET value = value + 100 WHERE name = 'events'",
            f"INSERT INTO public.sync_heads VALUES ('{AGENCY}', 'events', 1000) "
            "ON CONFLICT (agency_code, name) DO UPDATE SET value = 1000",
            "DELETE FROM public.sync_heads",
            "INSERT INTO public.sync_rows VALUES ('r', "
            f"'{AGENCY}', 'guidance', 'g', 'v', '{{}}', 'w', now())",
        ):
            try:
                with conn.transaction():
                    cur = conn.execute(statement)
                    assert cur.rowcount == 0, statement
            except psycopg.errors.InsufficientPrivilege:
                pass
        # Nor a log row through the row changes' function, under an event's id.
        event_id = conn.execute("SELECT id FROM public.events LIMIT 1").fetchone()[0]
        change = json.dumps([{"id": event_id, "table_name": "guidance", "row_id": "g",
                              "version": "v", "data": "{}"}])  # fmt: skip
        workstation = ws.ctx.settings.workstation_id
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "SELECT * FROM public.onestop_push_rows(%s, %s, now(), %s::json)",
                (AGENCY, workstation, change),
            )
    assert _central_state(pg_central) == before


def _stage(conn: psycopg.Connection, events: list[dict]) -> None:
    """A batch staged the way the push stages it (onestop.sync.central)."""
    from onestop.sync import bulk
    from onestop.sync.projection import EVENTS

    names, types, convert = bulk._pg_plan(EVENTS)
    conn.execute("SELECT public.onestop_push_begin()")
    with (
        conn.cursor() as cur,
        cur.copy(f"COPY pg_temp.onestop_push_events ({names}) FROM STDIN (FORMAT BINARY)") as copy,
    ):
        copy.set_types(types)
        for event in events:
            copy.write_row(convert(event))


def _event(dossier_id: str, kind: str, payload: dict, workstation: str = "w") -> dict:
    from datetime import datetime

    from onestop.domain.clock import VN_TZ

    at = datetime(2026, 11, 16, 10, 0, tzinfo=VN_TZ)
    return {
        "id": str(uuid.uuid4()),
        "dossier_id": dossier_id,
        "type": kind,
        "at": at,
        "recorded_at": at,
        "actor": "x",
        "workstation_id": workstation,
        "payload": payload,
    }


@pytest.mark.postgres
def test_the_push_takes_only_events_of_the_callers_agencies(pg_central, two_agencies):
    a, _b = two_agencies
    with _connect(pg_central, "postgres") as conn:
        b_dossier = conn.execute(
            "SELECT id FROM dossiers WHERE agency_code = %s", (OTHER_AGENCY,)
        ).fetchone()[0]
        received = conn.execute(
            "SELECT payload FROM events e JOIN dossiers d ON d.id = e.dossier_id "
            "WHERE d.agency_code = %s AND e.type = 'received'",
            (AGENCY,),
        ).fetchone()[0]
    before = _central_state(pg_central)
    role_a = pg_central.roles[1]
    ws_a = a.ctx.settings.workstation_id
    new_b = str(uuid.uuid4())
    attempts = {
        "an event in B's dossier": (AGENCY, [_event(b_dossier, "result_ready", {})]),
        "a new dossier received for B": (
            AGENCY,
            [_event(new_b, "received", {**received, "agency_code": OTHER_AGENCY, "code": "B-1"})],
        ),
        "a dossier with no received event": (AGENCY, [_event(new_b, "note", {})]),
        "B's own push": (
            OTHER_AGENCY,
            [_event(new_b, "received", {**received, "agency_code": OTHER_AGENCY, "code": "B-2"})],
        ),
    }
    for name, (agency, events) in attempts.items():
        with _connect(pg_central, role_a) as conn:
            _stage(conn, events)
            with pytest.raises(psycopg.Error) as refused:
                conn.execute("SELECT * FROM public.onestop_push(%s, %s, now())", (agency, ws_a))
            assert refused.value.sqlstate in ("42501", "23503"), name
    # The stage is the push's own: no other table, view or function can stand in for it.
    with _connect(pg_central, role_a) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TEMP VIEW onestop_push_events AS SELECT * FROM public.events")
        conn.rollback()
        conn.execute("SELECT public.onestop_push_begin()")
        for statement in (
            "DROP TABLE pg_temp.onestop_push_events",
            "ALTER TABLE pg_temp.onestop_push_events ENABLE ROW LEVEL SECURITY",
            "CREATE TRIGGER t BEFORE INSERT ON pg_temp.onestop_push_events "
            "FOR EACH ROW EXECUTE FUNCTION public.onestop_events_append_only()",
        ):
            assert _refused(conn, statement).sqlstate == "42501", statement
    assert _central_state(pg_central) == before


@pytest.mark.postgres
@pytest.mark.parametrize("planted", ["onestop_push_events", "onestop_push_fresh"])
@pytest.mark.parametrize("kind", ["view", "table"])
def test_a_stage_of_the_roles_own_is_refused_even_with_temporary_granted_back(
    planted, kind, pg_central, two_agencies
):
    """A role given TEMPORARY again puts its own table or view where the push stages its
    batch, before the push makes it: the owner's function refuses to read or write it."""
    role_a = pg_central.roles[1]
    _grant_temporary(pg_central, role_a)
    before = _central_state(pg_central)
    with _connect(pg_central, role_a) as conn:
        if kind == "view":
            conn.execute(f"CREATE TEMP VIEW {planted} AS SELECT * FROM public.events")
        else:
            conn.execute(f"CREATE TEMP TABLE {planted} AS SELECT * FROM public.events")
        with pytest.raises(psycopg.Error) as refused:
            _stage(conn, [])
            conn.execute("SELECT * FROM public.onestop_push(%s, 'w', now())", (AGENCY,))
        assert refused.value.sqlstate in ("42501", "42P07"), refused.value
    assert _central_state(pg_central) == before


@pytest.mark.postgres
def test_the_dossier_row_is_the_projection_whatever_the_payload_claims(pg_central, tmp_path,
                                                                        template_root):  # fmt: skip
    """A received event whose payload carries the projected and derived columns too (status,
    applicant_folded, received_day, ...): the centre writes what the events say."""
    from onestop.domain.text import fold
    from onestop.sync import central as ops
    from onestop.sync.projection import new_dossier

    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    code = ws.receive("Đặng Thị Ánh")
    ws.result(code)
    assert ws.sync().ok  # registered
    with _connect(pg_central, "postgres") as conn:
        payload = conn.execute("SELECT payload FROM events WHERE type = 'received'").fetchone()[0]
    dossier = str(uuid.uuid4())
    claims = {
        "status": "returned",
        "applicant_folded": "ai do khac",
        "received_day": "1999-01-01",
        "finished_at": "2026-11-16T10:00:00+07:00",
        "extended": True,
        "updated_at": "1999-01-01T00:00:00+00:00",
        "workstation_id": "someone-else",
        "id": "another-id",
    }
    events = [_event(dossier, "received", {**payload, **claims, "code": code + "-2"},
                     ws.ctx.settings.workstation_id)]  # fmt: skip
    with _connect(pg_central, "postgres") as conn:
        head = conn.execute(
            "SELECT chain_seq, chain_hash FROM events WHERE workstation_id = %s "
            "ORDER BY chain_seq DESC LIMIT 1",
            (events[0]["workstation_id"],),
        ).fetchone()
    chain_events(events, {events[0]["workstation_id"]: (head[0], head[1])})
    engine = connect(SyncSettings().with_url(pg_central.url_for(1))[0])
    try:
        with engine.begin() as conn:
            now = Clock()()
            pushed = ops.push(conn, agency=AGENCY, workstation_id=events[0]["workstation_id"],
                              events=events, now=now)  # fmt: skip
        assert pushed.accepted == 1
    finally:
        engine.dispose()
    expected = new_dossier(events, now)
    assert expected["status"] == "received" and expected["applicant_folded"] == fold(
        payload["applicant_name"]
    )
    admin = pg_central.engine()
    try:
        with admin.connect() as conn:
            from sqlalchemy import select

            from onestop.sync.projection import DOSSIERS

            row = dict(
                conn.execute(select(DOSSIERS).where(DOSSIERS.c.id == dossier)).mappings().one()
            )
    finally:
        admin.dispose()
    # The centre's fold keeps no count of supplement requests (migration 0022: NULL there).
    assert row.pop("supplements") is None
    del expected["supplements"]
    assert row == expected
