"""A read replica for reports: a hot standby of the centre made with pg_basebackup (its own
primary cluster, streaming), a reports role made by packaging/central/reports_role.sql;
``report --central URL`` on the standby gives the local report's JSON over the whole agency,
and a counter pointed at the standby is told to sync with the primary."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

import psycopg
import pytest
import test_sync_support as support
from sqlalchemy.engine import make_url
from test_central_by_agency import OTHER
from test_sync_support import AGENCY, Central, Clock, make_workstations

from onestop.services.context import ensure_initialized
from onestop.services.report import report
from onestop.services.report_central import central_context
from onestop.services.sync import connect, create_role, init_central, publish
from onestop.sync.config import SyncSettings
from tests.conftest import PgCluster, _pg_bin
from tests.helpers import run_cli

memory_keyring = support.memory_keyring
template_root = support.template_root

REPORTS_SQL = Path(__file__).resolve().parents[2] / "packaging" / "central" / "reports_role.sql"
DAY = date(2026, 11, 16)


class Standby(PgCluster):
    """A hot standby of ``primary``, copied by pg_basebackup and streaming from it."""

    def __init__(self, primary: PgCluster) -> None:
        super().__init__(primary.bindir)
        self.primary = primary

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            tool(self, "pg_basebackup"),
            "-D",
            str(self.data),
            "-h",
            str(self.primary.socket),
            "-p",
            str(self.primary.port),
            "-U",
            "postgres",
            "-R",  # standby.signal and primary_conninfo: a streaming standby
            "-X",
            "stream",
            "--no-sync",
            # Without it the copy waits for a spread checkpoint: about two minutes here.
            "--checkpoint=fast",
        )
        self._pg_ctl("start")


def tool(cluster: PgCluster, name: str) -> str:
    """A PostgreSQL program beside the cluster's pg_ctl (which may be a symbolic link)."""
    return str(Path(os.path.realpath(cluster.bindir / "pg_ctl")).parent / name)


def sql(cluster: PgCluster, database: str, statement: str, *args):
    with psycopg.connect(
        host=str(cluster.socket), port=cluster.port, user="postgres", dbname=database
    ) as conn:
        return conn.execute(statement, args).fetchall()


def caught_up(primary: PgCluster, standby: PgCluster, database: str) -> None:
    lsn = sql(primary, database, "SELECT pg_current_wal_lsn()::text")[0][0]
    for _ in range(200):
        done = sql(standby, database, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", lsn)
        if done[0][0]:
            return
        time.sleep(0.05)
    raise AssertionError("the standby did not catch up")


@pytest.fixture
def replicated(tmp_path):
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found")
    primary = PgCluster(bindir)
    primary.start()
    standby = Standby(primary)
    try:
        url = primary.create_database()
        database = make_url(url).database
        central = Central(kind="postgresql", admin_url=url, cluster=primary, database=database)
        admin = support._admin_context(tmp_path, Clock())
        cfg, _ = SyncSettings().with_url(url)
        init_central(admin, cfg, None)
        engine = connect(cfg)
        publish(admin, engine)
        for number, agency in ((1, AGENCY), (2, AGENCY), (3, OTHER)):
            central.roles[number] = f"ws_{database}_{number}"
            create_role(engine, central.roles[number], None, agency)
        engine.dispose()
        admin.store.close()
        standby.start()
        yield central, primary, standby
    finally:
        try:
            standby.stop()
        finally:
            primary.stop()


@pytest.mark.postgres
def test_reports_read_the_standby_and_counters_sync_with_the_primary(
    replicated, tmp_path, template_root
):
    central, primary, standby = replicated
    database = central.database
    clock = Clock()
    a1, a2, b = make_workstations(tmp_path, template_root, central, clock, n=3)
    ensure_initialized(b.ctx, agency_code=OTHER)
    try:
        for r in range(3):
            for ws in (a1, a2, b):
                code = ws.receive(f"Phạm Văn {ws.number}{r}")
                if r:
                    ws.result(code)
                clock.tick(600)
                assert ws.sync().ok
        assert a1.sync().ok  # a1 now holds all of its agency's dossiers
        # The reports role, by the DBA's file (psql, as a superuser).
        role = f"bao_cao_{database}"
        prefix = ["runuser", "-u", "postgres", "--"] if primary.as_root else []
        import subprocess

        subprocess.run(
            [
                *prefix,
                tool(primary, "psql"),
                "-h",
                str(primary.socket),
                "-p",
                str(primary.port),
                "-U",
                "postgres",
                "-v",
                f"role={role}",
                "-v",
                f"agency={AGENCY}",
                "-f",
                str(REPORTS_SQL),
                database,
            ],
            check=True,
            capture_output=True,
        )
        caught_up(primary, standby, database)
        assert sql(standby, database, "SELECT pg_is_in_recovery()")[0][0]
        on_standby = standby.url(database, role)

        local = report(a1.ctx, DAY, DAY, by="counter").to_json()
        remote_ctx = central_context(a1.ctx, on_standby)
        try:
            remote = report(remote_ctx, DAY, DAY, by="counter").to_json()
        finally:
            remote_ctx.store.close()
        assert remote == local
        assert local["received"] == 6  # both counters of the agency, none of the other's

        # The command line: the same JSON as the local report (but the time it was seen).
        args = ("report", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--json")
        here = json.loads(run_cli(a1.folder, *args).stdout)
        there = json.loads(run_cli(a1.folder, *args, "--central", on_standby).stdout)
        here.pop("seen_at"), there.pop("seen_at")
        assert there == here

        # A counter pointed at the standby is told to sync with the primary, and keeps working.
        a1.receive("Đỗ Thị Hoa")
        refused = a1.sync(central_url=standby.url(database, central.roles[1]))
        assert not refused.ok
        assert "bản sao chỉ đọc" in refused.error
        assert a1.sync().ok
    finally:
        for ws in (a1, a2, b):
            ws.close()
