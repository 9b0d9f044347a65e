"""The demo never reaches a real office: the store the first start creates (demo accounts with the
published password, demo dossiers) is turned into a real office's only when nothing was recorded
in it, or set aside whole with ``init --discard-demo``; ``central publish`` and sync refuse a demo
store and demo accounts. Every attack runs through the real process on a scratch data folder,
against a real SQLite or PostgreSQL centre."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import test_sync_support as support
from sqlalchemy import create_engine, func, insert, select
from test_sync_support import AGENCY, Clock, make_workstations

from onestop.resources import resource
from onestop.services import users
from onestop.store import tables as t
from onestop.store.db import STORE_FILE
from onestop.store.tables_staff import Staff
from tests.helpers import dump, run_cli

memory_keyring = support.memory_keyring
template_root = support.template_root
central = support.central
pg_central = support.pg_central

DEMO_NAMES = {name for name, _full, _role in users.DEMO_ACCOUNTS}
REAL = ["--agency-code", AGENCY, "--agency-name", "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN"]


def _cli(data_dir: Path, *args: str, stdin: str | None = None, check: int | None = 0):
    # The child never touches the machine's keyring.
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return run_cli(data_dir, *args, stdin=stdin, check=check, env=env)


def _rows(data_dir: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def _usernames(data_dir: Path) -> set[str]:
    return {r[0] for r in _rows(data_dir, "SELECT username FROM staff")}


def _receive(data_dir: Path, name: str = "Lý Thị Hoa") -> str:
    out = _cli(data_dir, "receive", "--procedure", support.BIRTH, "--name", name, "--json")
    return json.loads(out.stdout)["code"]


def _put_demo_account(data_dir: Path) -> None:
    """What a store set up by an earlier version holds: quan.tri with the published password."""
    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        conn.execute(
            "INSERT INTO staff (id, username, full_name, role, password_hash, active, created_at,"
            " updated_at) VALUES ('d-quan-tri', 'quan.tri', 'Phạm Quốc Trị', 'admin', ?, 1,"
            " '2026-11-16 01:00:00.000000', '2026-11-16 01:00:00.000000')",
            (users.hash_password(users.DEMO_PASSWORD, demo=True),),
        )
        conn.commit()
    finally:
        conn.close()


# --- init --------------------------------------------------------------------------------------


def test_init_of_a_real_agency_on_the_first_start_store_removes_the_demo_accounts(tmp_path):
    d = tmp_path / "office"
    # The first start (any command, or the window) creates the demo store.
    first = json.loads(_cli(d, "user", "list", "--json").stdout)
    assert {u["username"] for u in first} == DEMO_NAMES
    out = json.loads(_cli(d, "init", *REAL, "--workstation", "2", "--json").stdout)
    assert out["demo"] is False and out["agency_code"] == AGENCY
    assert sorted(out["demo_accounts_removed"]) == sorted(DEMO_NAMES)
    assert out["demo_store_set_aside"] is None
    assert not _usernames(d)
    # The demo catalogue is the national one: kept, the office can receive at once.
    assert out["procedures_imported"] == 0
    assert _rows(d, "SELECT count(*) FROM procedures")[0][0] >= 25
    human = _cli(d, "init", *REAL).stdout
    assert "trình diễn" not in human  # nothing more to remove the second time
    # The published password opens nothing, on the command line or in the window.
    refused = _cli(d, "user", "passwd", "quan.tri", "--password-stdin", stdin="x" * 9, check=2)
    assert "quan.tri" in refused.stderr


def test_init_says_in_words_which_demo_accounts_it_removed(tmp_path):
    d = tmp_path / "office"
    _cli(d, "init", "--demo")
    human = _cli(d, "init", *REAL).stdout
    assert "Đã xóa 4 tài khoản trình diễn" in human and "quan.tri" in human


def test_init_of_a_real_agency_on_a_used_demo_store_refuses_and_says_how_to_go_on(tmp_path):
    d = tmp_path / "office"
    code = _receive(d)  # practice on the first-start demo store
    (demo_id,) = _rows(d, "SELECT value FROM settings WHERE key = 'workstation_id'")[0]
    before = dump(d)
    refused = _cli(d, "init", *REAL, check=2)
    assert "--discard-demo" in refused.stderr and "1 hồ sơ" in refused.stderr
    assert "--data-dir" in refused.stderr
    assert dump(d) == before
    # The way forward: the demo store is set aside whole (nothing deleted from its history), and
    # the office starts on a new store without a demo account or a demo dossier.
    out = json.loads(_cli(d, "init", *REAL, "--discard-demo", "--json").stdout)
    aside = Path(out["demo_store_set_aside"])
    assert aside.parent == d and aside.name.startswith("onestop-demo-") and aside.is_file()
    assert out["demo"] is False and out["agency_code"] == AGENCY
    assert not _usernames(d)
    assert _rows(d, "SELECT count(*) FROM dossiers")[0][0] == 0
    assert _rows(d, "SELECT count(*) FROM events")[0][0] == 0
    _cli(d, "show", code, check=2)
    kept = sqlite3.connect(aside)
    try:
        assert kept.execute("SELECT code FROM dossiers").fetchall() == [(code,)]
    finally:
        kept.close()
    # A new workstation identity: nothing of the demo's is carried to the centre.
    assert out["workstation_id"] not in demo_id
    # Receiving works on the office's store (its catalogue comes from a file or the centre).
    _cli(d, "catalog", "import", str(resource("catalog", "demo.json")))
    assert _receive(d).startswith(AGENCY + "-")


def test_discard_demo_never_touches_a_real_office_store(tmp_path):
    d = tmp_path / "office"
    _cli(d, "init", *REAL)
    before = dump(d)
    refused = _cli(d, "init", *REAL, "--discard-demo", check=2)
    assert "--discard-demo" in refused.stderr
    both = _cli(d, "init", "--demo", "--discard-demo", check=2)
    assert "--discard-demo" in both.stderr
    assert dump(d) == before
    assert sorted(p.name for p in d.iterdir() if p.name.startswith("onestop-demo")) == []


def test_init_demo_on_a_real_office_store_is_refused(tmp_path):
    d = tmp_path / "office"
    _cli(d, "init", *REAL)
    before = dump(d)
    refused = _cli(d, "init", "--demo", check=2)
    assert "--demo" in refused.stderr and "--data-dir" in refused.stderr
    assert dump(d) == before
    assert not _usernames(d)


def test_a_real_office_cannot_take_the_demo_agency_code(tmp_path):
    fresh = tmp_path / "fresh"
    refused = _cli(fresh, "init", check=2)
    assert "agency_code" in refused.stderr
    same = _cli(fresh, "init", "--agency-code", "000.00.00.H00", check=2)
    assert "agency_code" in same.stderr and "000.00.00.H00" in same.stderr
    demo = tmp_path / "demo"
    _cli(demo, "init", "--demo")
    before = dump(demo)
    _cli(demo, "init", "--workstation", "3", check=2)
    assert dump(demo) == before


def test_demo_account_names_stay_the_demos(tmp_path):
    d = tmp_path / "office"
    _cli(d, "init", *REAL)
    refused = _cli(
        d, "user", "add", "quan.tri", "--role", "admin", "--password-stdin", stdin="mat-khau-dai",
        check=2,
    )  # fmt: skip
    assert "username" in refused.stderr and "quan.tri" in refused.stderr
    assert not _usernames(d)


# --- central publish ---------------------------------------------------------------------------


def _central_staff(central) -> dict[str, str | None]:
    engine = central.engine()
    try:
        with engine.connect() as conn:
            return dict(conn.execute(select(Staff.username, Staff.agency_code)).all())
    finally:
        engine.dispose()


def _central_count(central, table) -> int:
    engine = central.engine()
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def test_publish_from_a_demo_store_is_refused(central, tmp_path):
    before = _central_staff(central)
    for d, setup in (
        (tmp_path / "first-start", ["user", "list"]),
        (tmp_path / "demo-with-a-real-code", ["init", "--demo", *REAL]),
    ):
        _cli(d, *setup)
        refused = _cli(d, "central", "publish", "--central", central.admin_url, check=2)
        assert "trình diễn" in refused.stderr and "demo" in refused.stderr
    after = _central_staff(central)
    assert after == before and not DEMO_NAMES & set(after)


def test_publish_refuses_a_demo_account_left_in_a_real_store(central, tmp_path):
    d = tmp_path / "office"
    _cli(d, "init", *REAL)
    _put_demo_account(d)
    before = _central_staff(central)
    refused = _cli(d, "central", "publish", "--central", central.admin_url, check=2)
    assert "staff" in refused.stderr and "quan.tri" in refused.stderr
    assert _central_staff(central) == before


def test_publish_from_a_real_office_removes_demo_accounts_spread_earlier(central, tmp_path):
    """An earlier version published quan.tri (published password, every agency): the next
    publish from a real office takes it off the centre, and saying so."""
    engine = central.engine()
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(Staff.__table__).values(
                    id="d-quan-tri", username="quan.tri", full_name="Phạm Quốc Trị", role="admin",
                    password_hash=users.hash_password(users.DEMO_PASSWORD, demo=True),
                    active=True, agency_code=None, created_at=Clock().now, updated_at=Clock().now,
                )
            )  # fmt: skip
    finally:
        engine.dispose()
    d = tmp_path / "office"
    _cli(d, "init", *REAL)
    out = json.loads(_cli(d, "central", "publish", "--central", central.admin_url, "--json").stdout)
    assert out["demo_accounts_removed"] == ["quan.tri"]
    assert "quan.tri" not in _central_staff(central)


# --- sync --------------------------------------------------------------------------------------


def test_sync_from_a_demo_store_is_refused_and_nothing_reaches_the_centre(central, tmp_path):
    before = (_central_count(central, t.Event), _central_count(central, t.Dossier))
    # A demo store carrying the office's own code: the centre (and on PostgreSQL the
    # workstation role's row-level security) would take its dossiers as the office's.
    d = tmp_path / "demo"
    _cli(d, "init", "--demo", *REAL, "--workstation", "1")
    _receive(d)
    refused = _cli(d, "sync", "--central", central.url_for(1), "--json", check=1)
    report = json.loads(refused.stdout)
    assert report["ok"] is False and report["error_kind"] == "demo"
    assert "kho trình diễn" in refused.stderr and "init" in refused.stderr
    assert report["pushed"] == 0 and report["pulled"] == 0
    assert (_central_count(central, t.Event), _central_count(central, t.Dossier)) == before
    status = json.loads(_cli(d, "sync", "status", "--json").stdout)
    assert status["pending"] == 1 and "kho trình diễn" in status["last_error"]


def test_sync_never_takes_demo_accounts_from_the_centre(central, tmp_path, template_root):
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, central, clock, n=1)
    # This counter holds quan.tri from a sync of an earlier version; the centre still has it.
    _put_demo_account(ws.folder)
    engine = central.engine()
    try:
        with engine.begin() as conn:
            for name, full_name, role in users.DEMO_ACCOUNTS:
                conn.execute(
                    insert(Staff.__table__).values(
                        id=f"d-{name}", username=name, full_name=full_name, role=role,
                        password_hash=users.hash_password(users.DEMO_PASSWORD, demo=True),
                        active=True, agency_code=None, created_at=clock.now, updated_at=clock.now,
                    )
                )  # fmt: skip
    finally:
        engine.dispose()
    report = ws.sync()
    assert report.ok, report.error
    assert sorted(report.demo_accounts_refused) == sorted(DEMO_NAMES)
    assert not DEMO_NAMES & _usernames(ws.folder)
    # And the next sync, with nothing new at the centre, finds nothing more to refuse.
    again = ws.sync()
    assert again.ok and again.demo_accounts_refused == []
    assert not DEMO_NAMES & _usernames(ws.folder)
    ws.close()


@pytest.mark.postgres
def test_the_reported_attack_end_to_end_on_postgresql(pg_central, tmp_path):
    """The tester's path: first start, init of the real agency, publish; then a workstation role
    of the agency reads the accounts its counter would sign in with. None is a demo account."""
    d = tmp_path / "office"
    _cli(d, "user", "list")
    _cli(d, "init", *REAL)
    _cli(d, "central", "publish", "--central", pg_central.admin_url)
    own = create_engine(pg_central.url_for(1))
    try:
        with own.connect() as conn:
            seen = set(conn.execute(select(Staff.username)).scalars())
    finally:
        own.dispose()
    assert not DEMO_NAMES & seen
