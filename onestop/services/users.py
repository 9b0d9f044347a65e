"""Staff accounts, roles and what each role may do: sign-in (throttled), Argon2id hashes, the
services' checks.

The desktop client signs people in and builds a Context with their ``role``; every service that
changes a dossier starts with ``require_role(ctx, action)``. The command line runs with
``role=None``: the local operator, who may do everything (protecting the machine is the OS
account's job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from onestop.domain import input_policy as policy
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound
from onestop.domain.ids import new_id_str
from onestop.domain.text import nfc

from .context import Context

ROLES = ("counter", "postal", "supervisor", "admin")

ROLE_LABELS_VI: dict[str, str] = {
    "counter": "Cán bộ một cửa",
    "postal": "Nhân viên bưu điện",
    "supervisor": "Lãnh đạo",
    "admin": "Quản trị hệ thống",
}


@dataclass(frozen=True)
class Action:
    roles: frozenset[str]
    verb_vi: str  # completes "Tài khoản ... không được phép ..."


# What each role may do. The window shows only these; the services refuse the rest. The
# administrator may do everything (see may()).
ACTIONS: dict[str, Action] = {
    "receive": Action(frozenset({"counter"}), "tiếp nhận hồ sơ"),
    "return": Action(frozenset({"counter"}), "trả kết quả"),
    "result_ready": Action(frozenset({"counter"}), "ghi nhận đã có kết quả"),
    "supplement": Action(frozenset({"counter", "supervisor"}), "yêu cầu bổ sung hồ sơ"),
    "refuse": Action(frozenset({"counter", "supervisor"}), "từ chối giải quyết hồ sơ"),
    "extend": Action(frozenset({"supervisor"}), "gia hạn hồ sơ"),
    "stop": Action(frozenset({"supervisor"}), "dừng giải quyết hồ sơ"),
    "print": Action(frozenset({"counter", "supervisor", "postal"}), "in biểu mẫu"),
    "search": Action(frozenset({"counter", "supervisor", "postal"}), "tra cứu hồ sơ"),
    "daily_log": Action(frozenset({"counter", "supervisor"}), "xem sổ theo dõi hồ sơ"),
    "postal": Action(frozenset({"postal"}), "làm nghiệp vụ bưu chính"),
    "users": Action(frozenset(), "quản lý tài khoản"),
}

MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")

# One account per role in the demo store; the sign-in screen lists them in demo mode only.
DEMO_PASSWORD = "demo1234"
DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("can.bo", "Nguyễn Thị Thu Hà", "counter"),
    ("buu.dien", "Trần Văn Bưu", "postal"),
    ("lanh.dao", "Lê Minh Đức", "supervisor"),
    ("quan.tri", "Phạm Quốc Trị", "admin"),
)
DEMO_USERNAMES = frozenset(name for name, _full_name, _role in DEMO_ACCOUNTS)


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


class RoleRefused(InputError):
    """The signed-in role may not do this; ``field`` is ``"role"``. Nothing was written."""


def may(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action``; None is the command line's local operator."""
    if role is None or role == "admin":
        return True
    rule = ACTIONS.get(action)
    return rule is not None and role in rule.roles


def require_role(ctx: Context, action: str) -> None:
    """Refuse (RoleRefused, field "role") unless the context's role may do ``action``."""
    role = getattr(ctx, "role", None)
    if may(role, action):
        return
    verb = ACTIONS[action].verb_vi if action in ACTIONS else action
    label = ROLE_LABELS_VI.get(role or "", role or "")
    raise RoleRefused("role", f"Tài khoản {label.lower()} không được phép {verb}")


# --- hashing ----------------------------------------------------------------------------------


def _hasher(demo: bool = False):
    # Imported here: argon2 is only needed when someone signs in or a password changes.
    from argon2 import PasswordHasher, Type

    if demo:
        # The demo passwords are printed on the sign-in screen: a costly hash protects nothing,
        # and a cheap one keeps creating a demo store (every test does) fast.
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    # argon2-cffi's defaults are RFC 9106's low-memory profile, Argon2id.
    return PasswordHasher(type=Type.ID)


def hash_password(password: str, *, demo: bool = False) -> str:
    return _hasher(demo).hash(password)


def is_demo_account(username: str | None, encoded: str | None) -> bool:
    """Whether an account is the demo's: one of its names (whatever its password became), or a
    hash made with the demo's parameters (only the demo makes those). Such an account never
    belongs in a real office's store nor at the centre: its password is printed on screen."""
    if username in DEMO_USERNAMES:
        return True
    from argon2 import extract_parameters
    from argon2.exceptions import InvalidHashError

    try:
        found = extract_parameters(encoded or "")
    except (InvalidHashError, ValueError):
        return False
    demo = _hasher(demo=True)
    return (found.time_cost, found.memory_cost, found.parallelism) == (
        demo.time_cost,
        demo.memory_cost,
        demo.parallelism,
    )


def _verify(encoded: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash of nothing anyone knows: verifying against it when the name is unknown takes as long
# as a real check, so the time of a refusal does not tell whether the account exists.
_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(hash_password(new_id_str()))
    return _DUMMY[0]


# --- accounts ---------------------------------------------------------------------------------


def _username(value: str | None) -> str:
    name = policy.clean(value, "username", limit=policy.NAME).lower()
    if not name:
        raise InputError("username", "Chưa nhập tên đăng nhập")
    if not _USERNAME.match(name):
        raise InputError(
            "username",
            "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
            "(2-100 ký tự), ví dụ can.bo.ha",
        )
    return name


def _password(value: str | None) -> str:
    password = value or ""
    if len(password) < MIN_PASSWORD:
        raise InputError("password", f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    if len(password) > 1024:
        raise InputError("password", "Mật khẩu quá dài (tối đa 1024 ký tự)")
    return password


def _role(value: str | None) -> str:
    if value not in ROLES:
        raise InputError("role", f"Vai trò phải là một trong: {', '.join(ROLES)}")
    return value


def to_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "username": row.username,
        "full_name": row.full_name,
        "role": row.role,
        "role_label": ROLE_LABELS_VI.get(row.role, row.role),
        "active": row.active,
    }


def add_user(
    ctx: Context, username: str, role: str, password: str, full_name: str | None = None
) -> dict[str, Any]:
    from sqlalchemy import select

    from onestop.store.tables_staff import Staff

    require_role(ctx, "users")
    name = _username(username)
    if name in DEMO_USERNAMES and not ctx.settings.demo:
        # Sync and publish treat these names as the demo's, and would refuse the account.
        raise InputError(
            "username", f"Tên đăng nhập '{name}' dành cho tài khoản trình diễn; hãy chọn tên khác"
        )
    role = _role(role)
    secret = _password(password)
    person = policy.clean(full_name, "full_name", limit=policy.NAME) or name
    encoded = hash_password(secret)
    with ctx.store.unit_of_work() as session:
        if session.scalar(select(Staff).where(Staff.username == name)) is not None:
            raise InputError("username", f"Tên đăng nhập '{name}' đã có")
        now = ctx.clock()
        row = Staff(
            id=new_id_str(),
            username=name,
            full_name=person,
            role=role,
            password_hash=encoded,
            active=True,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.commit()
        return to_json(row)


def _get(session: Any, username: str) -> Any:
    from sqlalchemy import select

    from onestop.store.tables_staff import Staff

    row = session.scalar(select(Staff).where(Staff.username == username))
    if row is None:
        raise NotFound("Tài khoản", username)
    return row


def set_password(ctx: Context, username: str, password: str) -> dict[str, Any]:
    """A new password; staff change their own, the administrator anyone's."""
    name = _username(username)
    if name != ctx.actor:
        require_role(ctx, "users")
    encoded = hash_password(_password(password))
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        row.password_hash = encoded
        row.updated_at = ctx.clock()
        session.commit()
        return to_json(row)


def set_active(ctx: Context, username: str, active: bool) -> dict[str, Any]:
    require_role(ctx, "users")
    name = _username(username)
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        row.active = active
        row.updated_at = ctx.clock()
        session.commit()
        return to_json(row)


def disable_user(ctx: Context, username: str) -> dict[str, Any]:
    """The account can no longer sign in; its name stays in the history it wrote."""
    return set_active(ctx, username, False)


def _with_lock(facts: dict[str, Any], lock: Any, now: datetime) -> dict[str, Any]:
    """The account's facts with its sign-in count and the lock in force (None if none)."""
    until = lock.locked_until if lock is not None else None
    return {
        **facts,
        "failures": lock.failures if lock is not None else 0,
        "locked_until": until.isoformat() if until is not None and until > now else None,
    }


def list_users(ctx: Context) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from onestop.store.tables_staff import SigninLock, Staff

    with ctx.store.reading() as session:
        rows = list(session.scalars(select(Staff).order_by(Staff.role, Staff.username)))
        names = [r.username for r in rows]
        locks = {
            lock.username: lock
            for lock in session.scalars(select(SigninLock).where(SigninLock.username.in_(names)))
        }
        now = ctx.clock()
        return [_with_lock(to_json(r), locks.get(r.username), now) for r in rows]


def unlock(ctx: Context, username: str) -> dict[str, Any]:
    """Lift a sign-in lock (administrators): the count of wrong passwords starts again."""
    from onestop.store.tables_staff import SigninAttempt, SigninLock

    require_role(ctx, "users")
    name = _username(username)
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        now = ctx.clock()
        lock = session.get(SigninLock, name)
        if lock is not None:
            lock.failures = 0
            lock.locked_until = None
            lock.updated_at = now
        session.add(
            SigninAttempt(
                id=new_id_str(), username=name, at=now, outcome="unlocked", actor=ctx.actor
            )
        )
        session.commit()
        return _with_lock(to_json(row), lock, now)


def _in_force(lock: Any, now: datetime) -> datetime | None:
    until = lock.locked_until if lock is not None else None
    return until if until is not None and until > now else None


def _record(ctx: Context, name: str, outcome: str, locked_until: datetime | None = None) -> None:
    from onestop.store.tables_staff import SigninAttempt

    with ctx.store.unit_of_work() as session:
        session.add(
            SigninAttempt(
                id=new_id_str(),
                username=name,
                at=ctx.clock(),
                outcome=outcome,
                locked_until=locked_until,
            )
        )
        session.commit()


def authenticate(ctx: Context, username: str, password: str) -> dict[str, Any]:
    """The account's facts when the password is right and the account active; otherwise
    InputError on "password" with one message for an unknown name and a wrong password, or
    AccountLocked after MAX_FAILURES wrong ones in a row. Every attempt is recorded
    (signin_attempts); unknown names are counted and locked alike, so nothing here tells
    which names exist."""
    from sqlalchemy import select

    from onestop.store.tables_staff import SigninAttempt, SigninLock, Staff

    wrong = InputError("password", "Sai tên đăng nhập hoặc mật khẩu")
    name = nfc(username or "").strip().lower()
    if not name:
        raise InputError("username", "Chưa nhập tên đăng nhập")
    if not password:
        raise InputError("password", "Chưa nhập mật khẩu")
    # Names longer than any account's are counted by their first 100 characters (the column's).
    key = name[:100]
    with ctx.store.reading() as session:
        until = _in_force(session.get(SigninLock, key), ctx.clock())
        row = session.scalar(select(Staff).where(Staff.username == name))
        facts = to_json(row) if row is not None else None
        encoded = row.password_hash if row is not None else None
    if until is not None:
        # Refused unchecked: no password is tried while locked, the right one included.
        _record(ctx, key, "locked_out", until)
        raise AccountLocked(until)
    if encoded is None:
        _verify(_dummy_hash(), password)
        right = False
    else:
        right = _verify(encoded, password)
    # Counted under the write lock: an attempt checked in parallel (a second window) moves
    # the count by one too, and a lock it set meanwhile holds for this one.
    with ctx.store.unit_of_work() as session:
        now = ctx.clock()
        lock = session.get(SigninLock, key)
        until = _in_force(lock, now)
        locked_now = None
        if until is not None:
            outcome = "locked_out"
        elif right:
            assert facts is not None
            outcome = "success" if facts["active"] else "disabled"
            if lock is not None:
                lock.failures = 0
                lock.locked_until = None
                lock.updated_at = now
        else:
            outcome = "wrong_password"
            if lock is None:
                lock = SigninLock(username=key, failures=0, updated_at=now)
                session.add(lock)
            lock.failures += 1
            delay = lock_delay(lock.failures)
            locked_now = now + delay if delay is not None else None
            lock.locked_until = locked_now
            lock.updated_at = now
        session.add(
            SigninAttempt(
                id=new_id_str(),
                username=key,
                at=now,
                outcome=outcome,
                locked_until=until or locked_now,
            )
        )
        session.commit()
    if until is not None:
        raise AccountLocked(until)
    if locked_now is not None:
        raise AccountLocked(locked_now)
    if not right:
        raise wrong
    assert facts is not None
    if not facts["active"]:
        raise InputError("username", "Tài khoản đã bị khóa; hãy liên hệ quản trị hệ thống")
    return facts


def demo_accounts(session: Any) -> dict[str, str]:
    """The demo's accounts in a store (see is_demo_account), id -> username."""
    from sqlalchemy import select

    from onestop.store.tables_staff import Staff

    found = session.execute(select(Staff.id, Staff.username, Staff.password_hash))
    return {r.id: r.username for r in found if is_demo_account(r.username, r.password_hash)}


def remove_demo_accounts(session: Any) -> list[str]:
    """Delete the demo's accounts from a store; returns their names. Staff rows are master
    data, not history: deleting them is allowed (events keep the actor's name)."""
    from sqlalchemy import delete

    from onestop.store.tables_staff import Staff

    found = demo_accounts(session)
    if found:
        session.execute(delete(Staff).where(Staff.id.in_(list(found))))
    return sorted(found.values())


def ensure_demo_accounts(ctx: Context) -> int:
    """Create the demo accounts that do not exist yet; returns how many were created."""
    from sqlalchemy import select

    from onestop.store.tables_staff import Staff

    created = 0
    with ctx.store.unit_of_work() as session:
        existing = set(session.scalars(select(Staff.username)))
        now = ctx.clock()
        for username, full_name, role in DEMO_ACCOUNTS:
            if username in existing:
                continue
            session.add(
                Staff(
                    id=new_id_str(),
                    username=username,
                    full_name=full_name,
                    role=role,
                    password_hash=hash_password(DEMO_PASSWORD, demo=True),
                    active=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            created += 1
        session.commit()
    return created
