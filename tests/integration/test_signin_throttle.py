"""Sign-in throttling on a real store: after 5 wrong passwords in a row an account is locked for
a delay that doubles (30 s, 1 min, ... at most 1 h), the right password included; unknown names
are treated alike; every attempt, lockout and unlock is recorded on the workstation; the
administrator lifts a lock (service, ``user unlock NAME`` as a real process)."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest

from onestop.domain.errors import InputError, NotFound
from onestop.services import users
from onestop.services.context import Context
from onestop.store.db import STORE_FILE
from tests.helpers import run_cli

RIGHT, WRONG = "mat-khau-dung", "mat-khau-sai"


def _attempt(ctx: Context, name: str, password: str) -> str:
    """``ok`` or the refusal's message."""
    try:
        users.authenticate(ctx, name, password)
    except InputError as exc:
        return exc.message
    return "ok"


def _log(data_dir: Path, name: str) -> list[tuple]:
    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        return conn.execute(
            "SELECT outcome, locked_until IS NOT NULL, actor FROM signin_attempts "
            "WHERE username = ? ORDER BY at, id",
            (name,),
        ).fetchall()
    finally:
        conn.close()


def _as_admin(ctx: Context) -> Context:
    return Context(store=ctx.store, actor="quan.tri", clock=ctx.clock, role="admin")


def test_thirty_wrong_passwords_then_the_right_one_is_refused(ctx, clock, data_dir):
    """The attack as the tester ran it, on an account with a real (costly) hash."""
    users.add_user(ctx, "ha.nguyen", "counter", RIGHT)
    started = time.perf_counter()
    answers = [_attempt(ctx, "ha.nguyen", WRONG) for _ in range(30)]
    took = time.perf_counter() - started
    assert answers[:4] == ["Sai tên đăng nhập hoặc mật khẩu"] * 4
    assert all("tạm khóa" in a for a in answers[4:])
    assert "09:05:30" in answers[4]  # the clock stands at 09:05:00 + 30 s
    refused = _attempt(ctx, "ha.nguyen", RIGHT)
    assert "tạm khóa" in refused and "09:05:30" in refused and "16/11/2026" in refused
    # While locked no password is checked: the 25 refusals cost next to nothing.
    print(f"30 wrong passwords: {took:.2f} s")
    log = _log(data_dir, "ha.nguyen")
    assert [o for o, _, _ in log].count("wrong_password") == 5
    assert [o for o, _, _ in log].count("locked_out") == 26
    assert sum(1 for o, lock, _ in log if o == "wrong_password" and lock) == 1


def test_the_lock_doubles_at_each_further_failure_up_to_an_hour(ctx, clock):
    users.add_user(ctx, "tam", "postal", RIGHT)
    for _ in range(4):
        _attempt(ctx, "tam", WRONG)
    delays = []
    for _ in range(10):
        with pytest.raises(users.AccountLocked) as locked:
            users.authenticate(ctx, "tam", WRONG)
        until = locked.value.until
        delays.append((until - clock()).total_seconds())
        # One second before the end the right password is still refused; at the end it would
        # pass: move past it and try again with a wrong one.
        clock.set(until - timedelta(seconds=1))
        assert "tạm khóa" in _attempt(ctx, "tam", RIGHT)
        clock.set(until)
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert _attempt(ctx, "tam", RIGHT) == "ok"
    # A success starts the count again.
    for _ in range(4):
        assert _attempt(ctx, "tam", WRONG) == "Sai tên đăng nhập hoặc mật khẩu"
    assert _attempt(ctx, "tam", RIGHT) == "ok"


def test_an_unknown_name_is_locked_alike_so_locking_does_not_tell_which_names_exist(ctx):
    users.add_user(ctx, "co.that", "counter", RIGHT)
    for name in ("co.that", "khong.co"):
        for _ in range(4):
            assert _attempt(ctx, name, WRONG) == "Sai tên đăng nhập hoặc mật khẩu"
    assert _attempt(ctx, "co.that", WRONG) == _attempt(ctx, "khong.co", WRONG)
    assert _attempt(ctx, "CO.THAT ", RIGHT) == _attempt(ctx, "khong.co", RIGHT)


def test_the_administrator_unlocks_and_it_is_recorded(ctx, data_dir):
    users.add_user(ctx, "thu.ha", "counter", RIGHT)
    for _ in range(5):
        _attempt(ctx, "thu.ha", WRONG)
    listed = {u.username: u for u in users.list_users(ctx)}
    assert listed["thu.ha"].locked_until is not None and listed["thu.ha"].failures == 5
    counter = Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")
    with pytest.raises(users.RoleRefused):
        users.unlock(counter, "thu.ha")
    with pytest.raises(NotFound):
        users.unlock(_as_admin(ctx), "khong.co")
    done = users.unlock(_as_admin(ctx), "thu.ha")
    assert done.locked_until is None and done.failures == 0
    assert _attempt(ctx, "thu.ha", RIGHT) == "ok"
    log = _log(data_dir, "thu.ha")
    assert log[-2] == ("unlocked", 0, "quan.tri") and log[-1][0] == "success"
    # A disabled account's right password is recorded as such, and still refused.
    users.disable_user(_as_admin(ctx), "thu.ha")
    assert "liên hệ quản trị" in _attempt(ctx, "thu.ha", RIGHT)
    assert _log(data_dir, "thu.ha")[-1][0] == "disabled"


def test_a_lock_is_local_to_the_workstation_and_never_replicated():
    """Sign-in happens against the local store: lockouts stay there (see the migration)."""
    from onestop.sync import rows

    assert "signin_attempts" not in rows.REPLICATED and "signin_locks" not in rows.REPLICATED


def test_user_unlock_on_the_command_line(tmp_path):
    from onestop.services.setup import open_workstation

    d = tmp_path / "ws"
    run_cli(d, "user", "add", "ngoc", "--role", "counter", "--password-stdin", stdin=RIGHT + "\n")
    ctx = Context(store=open_workstation(d))
    try:
        for _ in range(5):
            _attempt(ctx, "ngoc", WRONG)
        assert "tạm khóa" in _attempt(ctx, "ngoc", RIGHT)
        listed = json.loads(run_cli(d, "user", "list", "--json").stdout)
        assert {u["username"]: u["locked_until"] for u in listed}["ngoc"] is not None
        unlocked = json.loads(run_cli(d, "user", "unlock", "ngoc", "--json").stdout)
        assert unlocked["username"] == "ngoc" and unlocked["locked_until"] is None
        assert "ngoc" in run_cli(d, "user", "unlock", "ngoc").stdout
        assert _attempt(ctx, "ngoc", RIGHT) == "ok"
        missing = run_cli(d, "user", "unlock", "khong.co", check=2)
        assert "khong.co" in missing.stderr
        assert run_cli(d, "user", "unlock", check=2).returncode == 2
    finally:
        ctx.store.close()
