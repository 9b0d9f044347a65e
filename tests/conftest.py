"""Test configuration: offscreen Qt, an in-memory keyring, real stores in temporary folders, and a
throwaway PostgreSQL cluster when the binaries exist (under CI=true a missing server fails)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("ONESTOP_DATA_DIR", None)
# Never the machine's keyring, in this process or a child (keyrings.alt, a test dependency,
# would otherwise be the default back end); the sync tests install an in-memory one.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from onestop.domain.clock import VN_TZ

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class FixedClock:
    """A clock the test moves by hand: receipts and due dates must not depend on today."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, value: datetime) -> None:
        self.now = value


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 16, 9, 5, tzinfo=VN_TZ))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ctx(data_dir: Path, clock: FixedClock):
    """A workstation on a real SQLite file, set up with the demo office and catalogue."""
    from onestop.services.context import Context
    from onestop.services.setup import initialize
    from onestop.store.db import open_local

    store = open_local(data_dir)
    context = Context(store=store, actor="can.bo.test", clock=clock)
    initialize(context, demo=True)
    yield context
    store.close()


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


class PgCluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="onestop-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        self.port = 5432
        self.as_root = os.geteuid() == 0

    def _run(self, *cmd: str) -> None:
        # PostgreSQL refuses to run as root: run it as the postgres user then.
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, text=True)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            str(self.bindir / "initdb"),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-D",
            str(self.data),
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )
        self._pg_ctl("start")

    def stop(self) -> None:
        try:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def restart(self) -> None:
        self._pg_ctl("-m", "fast", "restart")

    def _pg_ctl(self, *action: str) -> None:
        # A unix socket in our own folder, no TCP, no fsync: a throwaway server.
        opts = f"-k {self.socket} -c listen_addresses='' -p {self.port} -F"
        log = str(self.root / "log")
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-w", "-l", log, *action
        )

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket}&port={self.port}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(
            host=str(self.socket),
            port=self.port,
            user="postgres",
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = _pg_bin()
    if bindir is None:
        if IN_CI:
            pytest.fail("PostgreSQL binaries are missing under CI: the PostgreSQL tests must run")
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql)")
    cluster = PgCluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """A fresh, empty database on the throwaway cluster."""
    return pg_cluster.create_database()
