"""Security of the central database: each workstation's own role confined to its agency by
row-level security and unable to rewrite history; the password from the keyring or asked for
(never written to a file); TLS with a verified server certificate; the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import keyring
import psycopg
import pytest
import test_sync_support as support
from keyring.backends import fail
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from test_sync_support import AGENCY, Clock, make_workstations

from onestop.domain.errors import InputError
from onestop.resources import resource
from onestop.services.sync import connect, create_role, status
from onestop.store import tables_sync as ts
from onestop.sync import credentials
from onestop.sync.config import SyncSettings
from tests.helpers import run_cli

memory_keyring = support.memory_keyring
template_root = support.template_root
pg_central = support.pg_central
sqlite_central = support.sqlite_central

OTHER_AGENCY = "000.00.99.H99"
# Refused by row-level security, or before it: a workstation's role may not write these tables
# at all (migration 0009), nor create temporary tables.
REFUSED = r"row-level security|permission denied"


def _psycopg(central, user: str, password: str | None = None):
    url = make_url(central.admin_url)
    return psycopg.connect(
        host=url.query["host"],
        port=int(url.query["port"]),
        dbname=url.database,
        user=user,
        password=password,
    )


def _admin_engine(central):
    return connect(SyncSettings().with_url(central.admin_url)[0])


@pytest.mark.postgres
def test_a_workstation_role_writes_only_its_agency_and_never_rewrites_history(
    pg_central, tmp_path, template_root
):
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, pg_central, clock, n=1)
    ws.receive("Võ Thị Em")
    assert ws.sync().ok
    role = pg_central.roles[1]
    engine = _admin_engine(pg_central)
    other = f"other_{pg_central.database}"
    create_role(engine, other, None, OTHER_AGENCY)
    with engine.connect() as conn:
        registered = conn.execute(select(ts.SyncWorkstation.role_name)).scalars().all()
    engine.dispose()
    assert registered == [role]

    with _psycopg(pg_central, role) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        for statement in (
            "UPDATE events SET type = 'returned'",
            "DELETE FROM events",
            "TRUNCATE events",
            "UPDATE procedures SET fee = 1",
            "DELETE FROM sync_log",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
        # A dossier of another agency cannot be written by this role.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=REFUSED):
            conn.execute("CREATE TEMP TABLE copy AS SELECT * FROM dossiers")
            conn.execute(
                "UPDATE copy SET id = gen_random_uuid()::text, code = code || 'x', "
                "agency_code = %s",
                (OTHER_AGENCY,),
            )
            conn.execute("INSERT INTO dossiers SELECT * FROM copy")
        conn.rollback()

    with _psycopg(pg_central, other) as conn:
        # The other agency's role sees none of this agency's rows ...
        for table in ("dossiers", "events", "sync_log", "sync_workstations", "sync_code_leases"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        # ... and cannot slip an event into this agency's dossier.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=REFUSED):
            conn.execute(
                "INSERT INTO events VALUES ('e-x', %s, 'note', now(), now(), 'x', 'w', '{}')",
                (_dossier_id(pg_central),),
            )


def _dossier_id(central) -> str:
    with _psycopg(central, "postgres") as conn:
        return conn.execute("SELECT id FROM dossiers").fetchone()[0]


@pytest.mark.postgres
def test_a_workstation_of_another_agency_is_refused_with_a_clear_message(
    pg_central, tmp_path, template_root
):
    from onestop.services.context import ensure_initialized

    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    ensure_initialized(ws.ctx, agency_code=OTHER_AGENCY)
    ws.receive()
    report = ws.sync()
    assert not report.ok and report.error_kind == "forbidden"
    assert OTHER_AGENCY in report.error and "không được phép" in report.error
    assert status(ws.ctx)["pending"] == 1


# --- passwords ---------------------------------------------------------------------------------


@pytest.fixture
def password_role(pg_central, pg_cluster):
    """A workstation role that must give a password (SCRAM), through a pg_hba.conf line for that
    role alone, so the rest of the cluster keeps its trust authentication."""
    role = f"pw_{pg_central.database}"
    engine = _admin_engine(pg_central)
    create_role(engine, role, "mat-khau-dung", AGENCY)
    engine.dispose()
    hba = Path(pg_cluster.data) / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text(f"local all {role} scram-sha-256\n" + original)
    _reload(pg_central)
    pg_central.roles[1] = role
    yield role
    hba.write_text(original)
    _reload(pg_central)


def _reload(central) -> None:
    with _psycopg(central, "postgres") as conn:
        conn.execute("SELECT pg_reload_conf()")
    time.sleep(0.2)


class Prompts:
    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.messages: list[str] = []

    def __call__(self, message: str) -> str | None:
        self.messages.append(message)
        return self.answers.pop(0) if self.answers else None


@pytest.mark.postgres
def test_password_asked_once_then_taken_from_the_keyring(
    pg_central, password_role, memory_keyring, tmp_path, template_root
):
    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    ws.receive()
    ask = Prompts("mat-khau-dung")
    report = ws.sync(prompt=ask)
    assert report.ok, report.error
    assert len(ask.messages) == 1 and credentials.NO_KEYRING_VI not in ask.messages[0]
    account = SyncSettings.load(ws.ctx.store).account()
    assert memory_keyring.secrets[(credentials.SERVICE, account)] == "mat-khau-dung"
    # Next time: from the keyring, nobody is asked.
    ask_again = Prompts()
    assert ws.sync(prompt=ask_again).ok and ask_again.messages == []
    # The password is in no file of the workstation.
    for path in ws.folder.iterdir():
        assert b"mat-khau-dung" not in path.read_bytes(), path


@pytest.mark.postgres
def test_a_wrong_password_is_named_and_can_be_replaced(
    pg_central, password_role, memory_keyring, tmp_path, template_root
):
    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    ws.sync(prompt=Prompts("mat-khau-dung"))
    account = SyncSettings.load(ws.ctx.store).account()
    memory_keyring.set_password(credentials.SERVICE, account, "mat-khau-sai")
    report = ws.sync(prompt=Prompts())
    assert report.error_kind == "credentials"
    assert "Sai tên đăng nhập hoặc mật khẩu" in report.error and "--ask-password" in report.error
    fixed = ws.sync(prompt=Prompts("mat-khau-dung"), ask_password=True)
    assert fixed.ok
    assert memory_keyring.get_password(credentials.SERVICE, account) == "mat-khau-dung"


@pytest.mark.postgres
def test_without_a_keyring_the_password_is_asked_each_time_and_never_kept(
    pg_central, password_role, tmp_path, template_root
):
    keyring.set_keyring(fail.Keyring())  # as on this machine: no back end at all
    assert not credentials.keyring_available()
    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    for _ in range(2):
        ask = Prompts("mat-khau-dung")
        assert ws.sync(prompt=ask).ok
        assert len(ask.messages) == 1 and credentials.NO_KEYRING_VI in ask.messages[0]
    unattended = ws.sync()  # a background sync with nobody to ask
    assert unattended.error_kind == "credentials"
    assert "cần mật khẩu" in unattended.error and "keyring" in unattended.error


def test_a_password_in_the_url_is_refused_and_the_keyring_gives_it(memory_keyring):
    url = "postgresql://ws_1@10.0.0.5:5433/onestop?sslmode=verify-full&sslrootcert=/etc/ca.crt"
    with pytest.raises(InputError) as refused:
        SyncSettings().with_url(url.replace("ws_1@", "ws_1:bi-mat@"))
    assert refused.value.field == "central" and "bi-mat" not in refused.value.message
    settings, _ = SyncSettings().with_url(url)
    assert settings.sslmode == "verify-full" and settings.sslrootcert == "/etc/ca.crt"
    assert settings.account() == "ws_1@10.0.0.5:5433/onestop"
    assert credentials.remember(settings.account(), "bi-mat")
    url_ = settings.url(credentials.stored(settings.account()))
    assert url_.query["sslmode"] == "verify-full" and url_.query["sslrootcert"] == "/etc/ca.crt"
    assert url_.password == "bi-mat"


# --- TLS ---------------------------------------------------------------------------------------


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _certificates(folder: Path) -> None:
    """A certificate authority and a server certificate for localhost signed by it."""
    folder.mkdir(parents=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
             "/CN=onestop test CA", "-keyout", "ca.key", "-out", "ca.crt", cwd=folder)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
             "-keyout", "server.key", "-out", "server.csr", cwd=folder)  # fmt: skip
    (folder / "san.cnf").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "server.crt",
             cwd=folder)  # fmt: skip
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
             "/CN=someone else", "-keyout", "other.key", "-out", "other.crt",
             cwd=folder)  # fmt: skip


@pytest.fixture(scope="module")
def tls_server(pg_cluster):
    """A second throwaway cluster, listening on TCP with TLS only (hostssl), for these tests."""
    import socket
    import tempfile

    # Outside pytest's private temporary folder: the postgres user must reach it.
    root = Path(tempfile.mkdtemp(prefix="onestop-tls-"))
    certs = root / "certs"
    _certificates(certs)
    data = root / "data"
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres", "postgres")
        for path in [certs, *certs.iterdir()]:
            shutil.chown(path, "postgres", "postgres")
    os.chmod(certs / "server.key", 0o600)
    bindir = str(pg_cluster.bindir)
    subprocess.run(
        [*prefix, f"{bindir}/initdb", "-A", "trust", "-U", "postgres", "-D", str(data),
         "--no-sync", "-E", "UTF8", "--locale=C"],
        check=True, capture_output=True,
    )  # fmt: skip
    # TLS or nothing over TCP.
    (data / "pg_hba.conf").write_text(
        "local all all trust\nhostssl all all 127.0.0.1/32 trust\n"
        "hostnossl all all 127.0.0.1/32 reject\n"
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    opts = (
        f"-k {root} -c listen_addresses=127.0.0.1 -p {port} -F -c ssl=on "
        f"-c ssl_cert_file={certs / 'server.crt'} -c ssl_key_file={certs / 'server.key'}"
    )
    subprocess.run(
        [*prefix, f"{bindir}/pg_ctl", "-D", str(data), "-o", opts, "-w", "-l",
         str(root / "log"), "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    with psycopg.connect(host=str(root), port=port, user="postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE central")
    yield {"port": port, "certs": certs}
    subprocess.run(
        [*prefix, f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"],
        capture_output=True,
    )  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.postgres
@pytest.mark.slow
def test_tls_with_a_verified_server_certificate(tls_server, tmp_path, template_root):
    from onestop.services.context import Context
    from onestop.services.sync import init_central, publish
    from onestop.store.db import open_local

    port, certs = tls_server["port"], tls_server["certs"]
    url = f"postgresql://postgres@localhost:{port}/central"
    cfg, _ = SyncSettings().with_url(url)
    cfg = cfg.with_tls("verify-full", str(certs / "ca.crt"))
    admin = Context(store=open_local(tmp_path / "admin"), actor="quan.tri", clock=Clock())
    support.real_office(admin)
    init_central(admin, cfg, None)
    engine = connect(cfg)
    with engine.connect() as conn:
        assert conn.execute(
            text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        ).scalar()
    publish(admin, engine)
    engine.dispose()

    fake = type("C", (), {"url_for": lambda self, n: url})()
    a, b = make_workstations(tmp_path, template_root, fake, Clock(), n=2)  # type: ignore[arg-type]
    a.receive()
    ok = a.sync(sslmode="verify-full", sslrootcert=str(certs / "ca.crt"))
    assert ok.ok, ok.error
    assert status(a.ctx)["sslmode"] == "verify-full"
    # A server whose certificate the root does not vouch for is refused, with a TLS message.
    wrong = b.sync(sslmode="verify-full", sslrootcert=str(certs / "other.crt"))
    assert wrong.error_kind == "tls" and "TLS" in wrong.error
    # Without TLS the server does not even let us in.
    plain = b.sync(sslmode="disable")
    assert not plain.ok
    fixed = b.sync(sslmode="verify-full", sslrootcert=str(certs / "ca.crt"))
    assert fixed.ok and fixed.pulled == 1


# --- command line ------------------------------------------------------------------------------


def _cli(data_dir: Path, *args: str, stdin: str | None = None, check: int | None = 0):
    # The child never touches the machine's keyring.
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return run_cli(data_dir, *args, stdin=stdin, check=check, env=env)


def test_command_line_central_init_sync_and_status(tmp_path):
    central = f"sqlite:///{tmp_path / 'trung-tam.sqlite3'}"
    ws1, ws2 = tmp_path / "ws1", tmp_path / "ws2"
    for ws, number in ((ws1, "1"), (ws2, "2")):
        _cli(ws, "init", "--agency-code", AGENCY, "--workstation", number)
    _cli(ws1, "catalog", "import", str(resource("catalog", "demo.json")))
    init = json.loads(_cli(ws1, "central", "init", "--central", central, "--json").stdout)
    from onestop.store.db import head_revision

    assert init["revision"] == head_revision() and init["dialect"] == "sqlite"
    _cli(ws1, "central", "publish", "--central", central)
    code = json.loads(
        _cli(ws1, "receive", "--procedure", "1.001193", "--name", "Lý Thị Hoa", "--json").stdout
    )["code"]
    pending = json.loads(_cli(ws1, "sync", "status", "--json").stdout)
    assert pending["pending"] == 1 and pending["configured"] is False
    report = json.loads(_cli(ws1, "sync", "--central", central, "--json").stdout)
    assert report["ok"] and report["pushed"] == 1 and report["central_position"] == 1
    human = _cli(ws2, "sync", "--central", central).stdout
    assert "Đã đồng bộ" in human and "nhận 1 sự kiện" in human
    shown = json.loads(_cli(ws2, "show", code, "--json").stdout)
    assert shown["code"] == code and shown["events"][0]["type"] == "received"
    # The URL was remembered.
    after = json.loads(_cli(ws2, "sync", "status", "--json").stdout)
    assert after["central_url"] == central and after["online"] and after["pending"] == 0
    assert "Máy chủ trung tâm" in _cli(ws2, "sync", "status").stdout


def test_command_line_failures_exit_1_with_a_message_and_bad_urls_exit_2(tmp_path):
    ws = tmp_path / "ws"
    _cli(ws, "init", "--agency-code", AGENCY)
    down = _cli(ws, "sync", "--central", "postgresql://ws@/onestop?host=/nonexistent", check=1)
    assert "Không kết nối được máy chủ trung tâm" in down.stderr
    status_ = json.loads(_cli(ws, "sync", "status", "--json").stdout)
    assert status_["online"] is False and "Không kết nối" in status_["last_error"]
    bad = _cli(ws, "sync", "--central", "mysql://x@y/z", check=2)
    assert "PostgreSQL" in bad.stderr
    missing = _cli(ws, "sync", "--central", f"sqlite:///{tmp_path / 'none.sqlite3'}", check=1)
    assert "Không tìm thấy tệp máy chủ trung tâm" in missing.stderr


@pytest.mark.postgres
def test_command_line_role_and_sync_as_that_role_on_postgresql(pg_central, pg_cluster, tmp_path):
    ws = tmp_path / "ws"
    _cli(ws, "init", "--agency-code", AGENCY, "--workstation", "4")
    _cli(ws, "catalog", "import", str(resource("catalog", "demo.json")))
    role = f"cli_{pg_central.database}"
    created = _cli(
        ws, "central", "role", "--central", pg_central.admin_url, "--role", role,
        "--no-password", "--json",
    )  # fmt: skip
    assert json.loads(created.stdout) == {"role": role, "agency_code": AGENCY, "created": True}
    _cli(ws, "receive", "--procedure", "1.001193", "--name", "Đỗ Văn Giang")
    url = pg_cluster.url(pg_central.database, role)
    report = json.loads(_cli(ws, "sync", "--central", url, "--json").stdout)
    assert report["ok"] and report["pushed"] == 1
