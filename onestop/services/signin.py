"""Signing in: the password checked against the account's Argon2id hash, throttled (a name is
locked after repeated wrong passwords), every attempt recorded on the workstation; and a
signed-in person changing their own password."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.text import nfc
from onestop.store import repository_staff as staff

from .accounts import Account, set_password
from .context import Context
from .passwords import dummy_hash, verify_password

# Sign-in throttling: from the MAX_FAILURES-th wrong password in a row on, each one locks the
# name for LOCK_FIRST, doubled at every further one, at most LOCK_MAX. A success or an
# administrator's unlock starts the count again. While locked no password is checked at all.
MAX_FAILURES = 5
LOCK_FIRST = timedelta(seconds=30)
LOCK_MAX = timedelta(hours=1)


class AccountLocked(InputError):
    """Sign-in refused, the right password included: too many wrong ones in a row. ``until``:
    when the name may be tried again (an administrator can unlock it sooner)."""

    def __init__(self, until: datetime) -> None:
        local = until.astimezone(VN_TZ)
        super().__init__(
            "username",
            "Tài khoản đang bị tạm khóa vì nhập sai mật khẩu nhiều lần liên tiếp: hãy thử lại "
            f"sau {local:%H:%M:%S} ngày {local:%d/%m/%Y}, hoặc nhờ quản trị hệ thống mở khóa.",
        )
        self.until = until


def lock_delay(failures: int) -> timedelta | None:
    """How long ``failures`` wrong passwords in a row lock a name (None: not yet)."""
    if failures < MAX_FAILURES:
        return None
    # The exponent is bounded: past the cap it changes nothing, and 2**n would overflow.
    return min(LOCK_FIRST * 2 ** min(failures - MAX_FAILURES, 16), LOCK_MAX)


def _in_force(lock: Any, now: datetime) -> datetime | None:
    until = lock.locked_until if lock is not None else None
    return until if until is not None and until > now else None


def _record(ctx: Context, name: str, outcome: str, locked_until: datetime | None = None) -> None:
    with ctx.store.unit_of_work() as session:
        staff.record_attempt(session, name, ctx.clock(), outcome, locked_until=locked_until)
        session.commit()


def authenticate(ctx: Context, username: str, password: str) -> Account:
    """The account's facts when the password is right and the account active; otherwise
    InputError on "password" with one message for an unknown name and a wrong password, or
    AccountLocked after MAX_FAILURES wrong ones in a row. Every attempt is recorded
    (signin_attempts); unknown names are counted and locked alike, so nothing here tells
    which names exist."""
    wrong = InputError("password", msg("signin.wrong"))
    name = nfc(username or "").strip().lower()
    if not name:
        raise InputError("username", msg("username.missing"))
    if not password:
        raise InputError("password", msg("password.missing"))
    # Names longer than any account's are counted by their first 100 characters (the column's).
    key = name[:100]
    with ctx.store.reading() as session:
        until = _in_force(staff.signin_lock(session, key), ctx.clock())
        row = staff.account(session, name)
        facts = Account.of(row) if row is not None else None
        encoded = row.password_hash if row is not None else None
    if until is not None:
        # Refused unchecked: no password is tried while locked, the right one included.
        _record(ctx, key, "locked_out", until)
        raise AccountLocked(until)
    if encoded is None:
        verify_password(dummy_hash(), password)
        right = False
    else:
        right = verify_password(encoded, password)
    # Counted under the write lock: an attempt checked in parallel (a second window) moves
    # the count by one too, and a lock it set meanwhile holds for this one.
    with ctx.store.unit_of_work() as session:
        now = ctx.clock()
        lock = staff.signin_lock(session, key)
        until = _in_force(lock, now)
        locked_now = None
        if until is not None:
            outcome = "locked_out"
        elif right:
            assert facts is not None
            outcome = "success" if facts.active else "disabled"
            if lock is not None:
                lock.failures = 0
                lock.locked_until = None
                lock.updated_at = now
        else:
            outcome = "wrong_password"
            if lock is None:
                lock = staff.new_signin_lock(session, key, now)
            lock.failures += 1
            delay = lock_delay(lock.failures)
            locked_now = now + delay if delay is not None else None
            lock.locked_until = locked_now
            lock.updated_at = now
        staff.record_attempt(session, key, now, outcome, locked_until=until or locked_now)
        session.commit()
    if until is not None:
        raise AccountLocked(until)
    if locked_now is not None:
        raise AccountLocked(locked_now)
    if not right:
        raise wrong
    assert facts is not None
    if not facts.active:
        raise InputError("username", msg("account.locked"))
    return facts


def change_own_password(ctx: Context, current: str, new: str) -> Account:
    """The signed-in person (``ctx.actor``) sets a new password, proving the current one first
    (a wrong one counts towards the sign-in lock like any other)."""
    authenticate(ctx, ctx.actor, current)
    return set_password(ctx, ctx.actor, new)
