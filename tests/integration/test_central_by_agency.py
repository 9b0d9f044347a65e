"""The centre keyed by agency (migration 0021): an existing centre of the old shape, filled by
real pushes, is upgraded without losing a position or changing a dossier; afterwards every
table a push or a pull touches carries the agency in its keys, and syncing goes on."""

from __future__ import annotations

import psycopg
import pytest
import test_sync_support as support
from alembic import command
from sqlalchemy.engine import make_url
from test_sync_support import AGENCY, Central, Clock, make_workstations

from onestop.services.context import ensure_initialized
from onestop.services.sync import connect, create_role, init_central, publish
from onestop.store.db import alembic_config, make_engine
from onestop.sync.config import SyncSettings
from tests.helpers import before_revision

memory_keyring = support.memory_keyring
template_root = support.template_root

OTHER = "000.00.99.H99"


OLD = before_revision("0021")
# Tables a push or a pull touches, and the key their rows are compared by.
TOUCHED = {
    "dossiers": "id",
    "events": "id",
    "sync_log": "agency_code, position",
    "sync_heads": "agency_code, name",
    "sync_code_leases": "id",
    "sync_workstations": "workstation_id",
    "sync_rows": "id",
    "sync_roles": "role_name, agency_code",
}


def connect_as(central: Central, user: str = "postgres", **kw) -> psycopg.Connection:
    url = make_url(central.admin_url)
    return psycopg.connect(
        host=url.query["host"],
        port=int(url.query["port"]),
        dbname=url.database,
        user=user,
        **kw,
    )


def rows_of(central: Central) -> dict[str, list[dict]]:
    with connect_as(central) as conn:
        found = {}
        for table, key in TOUCHED.items():
            cur = conn.execute(f"SELECT * FROM public.{table} ORDER BY {key}")
            names = [d.name for d in cur.description]
            found[table] = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        return found


def old_centre(tmp_path, request, monkeypatch) -> Central:
    """A centre at the schema before 0021, with two agencies' roles; the program is told that
    the revision before 0021 is its head while the centre is created and filled (the old
    program did so)."""
    from onestop.store import db
    from onestop.sync.central import schema

    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    database = make_url(url).database
    central = Central(kind="postgresql", admin_url=url, cluster=cluster, database=database)
    monkeypatch.setattr(db, "head_revision", lambda: OLD)
    # The centre this program opens meanwhile is migrated to OLD, as the old program did.
    real = command.upgrade
    # The old program read events by id alone (they had no agency then).
    import onestop.sync.central as centre

    fetch = centre.fetch
    monkeypatch.setattr(centre, "fetch", lambda conn, ids, agency=None: fetch(conn, ids))

    def old_upgrade(cfg, _target) -> None:
        # The workstations run this program's model, so their stores are at its head (what
        # 0021 and later add to a SQLite store does not concern the old centre); the centre
        # stays at OLD.
        sqlite = cfg.attributes["engine"].dialect.name == "sqlite"
        real(cfg, "head" if sqlite else OLD)

    monkeypatch.setattr(db.command, "upgrade", old_upgrade)
    monkeypatch.setattr(schema, "head_revision", lambda: OLD)
    admin = support._admin_context(tmp_path, Clock())
    cfg, _ = SyncSettings().with_url(url)
    init_central(admin, cfg, None)
    engine = connect(cfg)
    publish(admin, engine)
    for number in (1, 2):
        central.roles[number] = f"ws_{database}_{number}"
        create_role(engine, central.roles[number], None, AGENCY)
    central.roles[3] = f"b_{database}"
    create_role(engine, central.roles[3], None, OTHER)
    engine.dispose()
    admin.store.close()
    return central


def fill(workstations, clock: Clock, rounds: int = 3) -> None:
    for r in range(rounds):
        for ws in workstations:
            code = ws.receive(f"Nguyễn Văn {r}{ws.number}")
            ws.receive(f"Trần Thị {r}{ws.number}")
            ws.result(code)
            if r % 2:
                ws.give_back(code, to=f"Nguyễn Văn {r}{ws.number}")
            clock.tick()
            report = ws.sync()
            assert report.ok, (report.error, report.error_detail)


def upgrade(central: Central, monkeypatch) -> None:
    from onestop.store import db
    from onestop.sync.central import schema

    monkeypatch.undo()
    assert db.head_revision() != OLD and schema.head_revision() != OLD
    admin_store = make_engine(central.admin_url)
    command.upgrade(alembic_config(admin_store), "head")
    admin_store.dispose()


@pytest.mark.postgres
def test_an_old_centre_is_upgraded_without_losing_a_position_or_changing_a_dossier(
    tmp_path, request, monkeypatch, template_root
):
    central = old_centre(tmp_path, request, monkeypatch)
    clock = Clock()
    a1, a2, b = make_workstations(tmp_path, template_root, central, clock, n=3)
    ensure_initialized(b.ctx, agency_code=OTHER)
    workstations = [a1, a2, b]
    try:
        fill(workstations, clock)
        before = rows_of(central)
        assert "agency_code" not in before["events"][0]
        upgrade(central, monkeypatch)
        after = rows_of(central)
        agency_of = {d["id"]: d["agency_code"] for d in before["dossiers"]}
        for event in after["events"]:
            assert event.pop("agency_code") == agency_of[event["dossier_id"]]
        for dossier in after["dossiers"]:  # a later revision's column, NULL at a centre (0022)
            assert dossier.pop("supplements") is None
        for table in TOUCHED:
            assert after[table] == before[table], table
        # Syncing goes on: new events take the next positions, and a new counter of agency A
        # pulls every position of A, gap-free, and no event of B.
        fill(workstations, clock, rounds=2)
        with connect_as(central) as conn:
            for agency in (AGENCY, OTHER):
                runs = conn.execute(
                    "SELECT position, count FROM sync_log WHERE agency_code = %s ORDER BY position",
                    (agency,),
                ).fetchall()
                expected = 1
                for position, count in runs:
                    assert position == expected
                    expected += count
                head = conn.execute(
                    "SELECT value FROM sync_heads WHERE agency_code = %s AND name = 'events'",
                    (agency,),
                ).fetchone()[0]
                assert head == expected - 1
        support.sync_all_until_quiet([a1, a2])
        with connect_as(central) as conn:
            centre_a = conn.execute(
                "SELECT id, status FROM dossiers WHERE agency_code = %s ORDER BY id", (AGENCY,)
            ).fetchall()
        for ws in (a1, a2):
            with ws.ctx.store.engine.connect() as conn:
                held = conn.exec_driver_sql("SELECT id, status FROM dossiers ORDER BY id")
                assert [tuple(r) for r in held] == [tuple(r) for r in centre_a]
    finally:
        for ws in workstations:
            ws.close()


@pytest.mark.postgres
def test_every_key_of_the_tables_a_sync_touches_begins_with_the_agency(
    tmp_path, request, monkeypatch, template_root
):
    central = support.make_central("postgresql", tmp_path, request, n=1)
    with connect_as(central) as conn:
        keys = conn.execute(
            "SELECT c.conrelid::regclass::text, c.conname, "
            "array(SELECT a.attname::text FROM unnest(c.conkey) k "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) "
            "FROM pg_constraint c WHERE c.contype IN ('p', 'u') AND c.conparentid = 0 "
            "AND c.conrelid::regclass::text = ANY(%s)",
            (list(TOUCHED),),
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexrelid::regclass::text, array(SELECT a.attname::text FROM unnest("
            "i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k) "
            "FROM pg_index i WHERE i.indisunique AND i.indrelid::regclass::text = ANY(%s)",
            (list(TOUCHED),),
        ).fetchall()
        policy = conn.execute(
            "SELECT qual FROM pg_policies WHERE tablename = 'events' AND policyname = 'agency_rows'"
        ).fetchone()[0]
    assert {k[0] for k in keys} == set(TOUCHED)
    for table, name, columns in keys:
        assert "agency_code" in columns, (table, name, columns)
    for name, columns in indexes:
        assert "agency_code" in columns, (name, columns)
    assert "dossiers" not in policy and "agency_code" in policy


PARTITIONED = ("dossiers", "events", "sync_log", "sync_rows")


def partitions(conn: psycopg.Connection, table: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass "
            "ORDER BY 1",
            (f"public.{table}",),
        ).fetchall()
    ]


@pytest.mark.postgres
def test_the_large_tables_are_partitioned_by_agency_with_row_security_on_every_partition(
    tmp_path, request, template_root
):
    central = support.make_central("postgresql", tmp_path, request, n=1)
    with connect_as(central) as conn:
        for table in PARTITIONED:
            strategy, key = conn.execute(
                "SELECT p.partstrat, a.attname FROM pg_partitioned_table p JOIN pg_attribute a "
                "ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] "
                "WHERE p.partrelid = %s::regclass",
                (f"public.{table}",),
            ).fetchone()
            assert (strategy, key) == ("h", "agency_code"), table
            parts = partitions(conn, table)
            assert len(parts) == 16, table
            parent = conn.execute(
                "SELECT policyname, cmd, roles::text, qual, with_check FROM pg_policies "
                "WHERE tablename = %s ORDER BY 1",
                (table,),
            ).fetchall()
            assert parent
            for part in parts:
                secured, acl = conn.execute(
                    "SELECT relrowsecurity, relacl::text FROM pg_class WHERE oid = %s::regclass",
                    (part,),
                ).fetchone()
                assert secured, part
                # Only the owner's own privileges (or none written yet).
                assert acl is None or "onestop_workstation" not in acl, (part, acl)
                own = conn.execute(
                    "SELECT policyname, cmd, roles::text, qual, with_check FROM pg_policies "
                    "WHERE tablename = %s ORDER BY 1",
                    (part,),
                ).fetchall()
                assert own == parent, part


@pytest.mark.postgres
def test_a_workstation_or_reports_role_reaches_no_partition_directly(tmp_path, request):
    """The attack: a role that may read its agency's rows through the parent (and its policies)
    asks a partition directly, where another agency's rows are: refused, every partition."""
    central = support.make_central("postgresql", tmp_path, request, n=1)
    clock = Clock()
    template = request.getfixturevalue("template_root")
    (ws,) = make_workstations(tmp_path, template, central, clock, n=1)
    reports = f"r_{central.database}"
    try:
        ws.receive("Lê Văn An")
        assert ws.sync().ok
        with connect_as(central, autocommit=True) as conn:
            conn.execute(f'CREATE ROLE "{reports}" LOGIN')
            conn.execute(
                f"GRANT SELECT ON dossiers, events, sync_log, sync_workstations, sync_code_leases, "
                f'procedures, calendar_overrides, sync_agencies, sync_roles TO "{reports}"'
            )
            conn.execute(
                "INSERT INTO sync_roles (role_name, agency_code) VALUES (%s, %s)",
                (reports, OTHER),
            )
            parts = {t: partitions(conn, t) for t in PARTITIONED}
        for role in (central.roles[1], reports):
            with connect_as(central, role) as conn:
                # Through the parent: the role's own agency only (reports: OTHER, none here).
                seen = conn.execute("SELECT DISTINCT agency_code FROM public.events").fetchall()
                assert seen == ([(AGENCY,)] if role != reports else [])
                for names in parts.values():
                    for part in names:
                        with pytest.raises(psycopg.errors.InsufficientPrivilege):
                            conn.execute(f"SELECT * FROM {part}")
                        conn.rollback()
                        with pytest.raises(psycopg.errors.InsufficientPrivilege):
                            conn.execute(f"DELETE FROM {part}")
                        conn.rollback()
    finally:
        ws.close()
        with connect_as(central, autocommit=True) as conn:
            conn.execute("DELETE FROM sync_roles WHERE role_name = %s", (reports,))
            conn.execute(f'DROP OWNED BY "{reports}"')
            conn.execute(f'DROP ROLE IF EXISTS "{reports}"')


@pytest.mark.postgres
def test_the_number_of_partitions_is_the_databases_setting(tmp_path, request):
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    database = make_url(url).database
    with psycopg.connect(
        host=str(cluster.socket),
        port=cluster.port,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'ALTER DATABASE "{database}" SET onestop.partitions = 4')
    admin = support._admin_context(tmp_path, Clock())
    init_central(admin, SyncSettings().with_url(url)[0], None)
    admin.store.close()
    central = Central(kind="postgresql", admin_url=url, cluster=cluster, database=database)
    with connect_as(central) as conn:
        assert [len(partitions(conn, t)) for t in PARTITIONED] == [4, 4, 4, 4]
