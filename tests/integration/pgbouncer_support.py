"""A throwaway PgBouncer in transaction pooling mode in front of the test PostgreSQL cluster
(no tests here): its own folder, a unix socket, trust authentication for the roles it is told
(the cluster trusts its socket too), and the URL a workstation's role connects with."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path


def binary() -> str | None:
    return shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )


class PgBouncer:
    """PgBouncer for one cluster; ``users`` are the roles it lets through (trust)."""

    def __init__(self, cluster, users: list[str], *, pool_size: int = 10, port: int = 6432):
        self.cluster = cluster
        self.root = Path(tempfile.mkdtemp(prefix="onestop-pgbouncer-"))
        self.port = port
        self.pool_size = pool_size
        self.users = list(users)
        self.process: subprocess.Popen | None = None

    def _write(self) -> None:
        auth = "".join(f'"{user}" ""\n' for user in self.users)
        (self.root / "users.txt").write_text(auth, encoding="utf-8")
        ini = f"""[databases]
* = host={self.cluster.socket} port={self.cluster.port}

[pgbouncer]
listen_addr =
listen_port = {self.port}
unix_socket_dir = {self.root}
auth_type = trust
auth_file = {self.root / "users.txt"}
pool_mode = transaction
default_pool_size = {self.pool_size}
max_client_conn = 2000
max_db_connections = {self.pool_size * 2}
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = {self.root / "pgbouncer.log"}
pidfile = {self.root / "pgbouncer.pid"}
"""
        (self.root / "pgbouncer.ini").write_text(ini, encoding="utf-8")

    def start(self) -> PgBouncer:
        self._write()
        as_root = os.geteuid() == 0
        if as_root:
            shutil.chown(self.root, "postgres", "postgres")
            for f in self.root.iterdir():
                shutil.chown(f, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
        self.process = subprocess.Popen(
            [*prefix, str(binary()), str(self.root / "pgbouncer.ini")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = self.root / f".s.PGSQL.{self.port}"
        for _ in range(100):
            if socket.exists():
                return self
            time.sleep(0.05)
        raise RuntimeError("pgbouncer did not start: " + self.log())

    def log(self) -> str:
        path = self.root / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def url(self, database: str, user: str) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.root}&port={self.port}"

    def stop(self) -> None:
        pidfile = self.root / "pgbouncer.pid"
        if pidfile.exists():
            # The pgbouncer this object started (runuser's child): immediate shutdown.
            os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)
