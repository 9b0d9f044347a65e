"""Staff accounts: create one, a new password, disable or enable, list with their sign-in locks,
lift a lock; the demo's accounts in a store. Managing accounts is the administrator's (role
action ``users``); staff change their own password."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from onestop.domain import input_policy as policy
from onestop.domain.errors import InputError, NotFound
from onestop.domain.identifiers import check_phone, require
from onestop.domain.messages import msg
from onestop.store import repository_staff as staff

from .context import Context
from .passwords import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    check_password,
    hash_password,
    is_demo_account,
)
from .roles import ROLES, require_role, role_label

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")


@dataclass(frozen=True)
class Account:
    """An account's facts (never its password hash)."""

    id: str
    username: str
    full_name: str
    role: str
    active: bool
    # A postal employee's number at the post and phone (printed on hand-over records).
    employee_number: str | None = None
    phone: str | None = None

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @classmethod
    def of(cls, row: Any) -> Account:
        return cls(
            row.id,
            row.username,
            row.full_name,
            row.role,
            row.active,
            employee_number=getattr(row, "employee_number", None),
            phone=getattr(row, "phone", None),
        )

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "role_label": self.role_label,
            "active": self.active,
        }
        # Only when recorded: the accounts of other roles print as they always have.
        if self.employee_number:
            out["employee_number"] = self.employee_number
        if self.phone:
            out["phone"] = self.phone
        return out


@dataclass(frozen=True)
class AccountStatus(Account):
    """An account with its sign-in count: wrong passwords in a row, and the lock in force (None
    if none)."""

    failures: int = 0
    locked_until: datetime | None = None

    @classmethod
    def with_lock(cls, row: Any, lock: Any, now: datetime) -> AccountStatus:
        until = lock.locked_until if lock is not None else None
        return cls(
            **vars(Account.of(row)),
            failures=lock.failures if lock is not None else 0,
            locked_until=until if until is not None and until > now else None,
        )

    def to_json(self) -> dict[str, Any]:
        until = self.locked_until
        return {
            **super().to_json(),
            "failures": self.failures,
            "locked_until": until.isoformat() if until is not None else None,
        }


# --- input --------------------------------------------------------------------------------------


def check_username(value: str | None) -> str:
    """A user name as stored (lower case), or InputError on "username"."""
    name = policy.clean(value, "username", limit=policy.NAME).lower()
    if not name:
        raise InputError("username", msg("username.missing"))
    if not _USERNAME.match(name):
        raise InputError("username", msg("username.form"))
    return name


def check_role(value: str | None) -> str:
    if value not in ROLES:
        raise InputError("role", msg("role.invalid", roles=", ".join(ROLES)))
    return value


# --- accounts -----------------------------------------------------------------------------------


def check_postal_contact(
    role: str, employee_number: str | None, phone: str | None
) -> tuple[str | None, str | None]:
    """A postal employee's number and phone as stored (None when not given); refused for the
    accounts of other roles, which are not the post's employees."""
    number = policy.optional(employee_number, "employee_number", limit=40)
    typed_phone = policy.optional(phone, "phone", limit=policy.NAME)
    if (number or typed_phone) and role != "postal":
        raise InputError("employee_number", msg("account.postal_only"))
    checked_phone = require(check_phone(typed_phone), "phone") if typed_phone else None
    return number, checked_phone


def add_user(
    ctx: Context,
    username: str,
    role: str,
    password: str,
    full_name: str | None = None,
    *,
    employee_number: str | None = None,
    phone: str | None = None,
) -> Account:
    require_role(ctx, "users")
    name = check_username(username)
    if name in DEMO_USERNAMES and not ctx.settings.demo:
        # Sync and publish treat these names as the demo's, and would refuse the account.
        raise InputError("username", msg("username.demo", name=name))
    role = check_role(role)
    number, phone = check_postal_contact(role, employee_number, phone)
    secret = check_password(password)
    person = policy.clean(full_name, "full_name", limit=policy.NAME) or name
    encoded = hash_password(secret)
    with ctx.store.unit_of_work() as session:
        if staff.account(session, name) is not None:
            raise InputError("username", msg("username.taken", name=name))
        row = staff.add_account(
            session,
            username=name,
            full_name=person,
            role=role,
            password_hash=encoded,
            now=ctx.clock(),
        )
        row.employee_number, row.phone = number, phone
        session.commit()
        return Account.of(row)


def _get(session: Any, username: str) -> Any:
    row = staff.account(session, username)
    if row is None:
        raise NotFound("Tài khoản", username)
    return row


def set_postal_contact(
    ctx: Context, username: str, employee_number: str | None, phone: str | None
) -> Account:
    """Record a postal account's employee number and phone (None keeps what it has, an empty
    text clears it)."""
    require_role(ctx, "users")
    name = check_username(username)
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        number, checked = check_postal_contact(
            row.role,
            row.employee_number if employee_number is None else employee_number,
            row.phone if phone is None else phone,
        )
        row.employee_number, row.phone = number, checked
        row.updated_at = ctx.clock()
        session.commit()
        return Account.of(row)


def set_password(ctx: Context, username: str, password: str) -> Account:
    """A new password; staff change their own, the administrator anyone's."""
    name = check_username(username)
    if name != ctx.actor:
        require_role(ctx, "users")
    encoded = hash_password(check_password(password))
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        row.password_hash = encoded
        row.updated_at = ctx.clock()
        session.commit()
        return Account.of(row)


def set_active(ctx: Context, username: str, active: bool) -> Account:
    require_role(ctx, "users")
    name = check_username(username)
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        row.active = active
        row.updated_at = ctx.clock()
        session.commit()
        return Account.of(row)


def disable_user(ctx: Context, username: str) -> Account:
    """The account can no longer sign in; its name stays in the history it wrote."""
    return set_active(ctx, username, False)


def list_users(ctx: Context) -> list[AccountStatus]:
    """Every account, by role then name, with its sign-in lock."""
    with ctx.store.reading() as session:
        rows = staff.accounts(session)
        locks = staff.signin_locks(session, [r.username for r in rows])
        now = ctx.clock()
        return [AccountStatus.with_lock(r, locks.get(r.username), now) for r in rows]


def count_active(ctx: Context) -> int:
    """How many accounts may sign in (a new office has none yet)."""
    with ctx.store.reading() as session:
        return staff.count_active(session)


def unlock(ctx: Context, username: str) -> AccountStatus:
    """Lift a sign-in lock (administrators): the count of wrong passwords starts again."""
    require_role(ctx, "users")
    name = check_username(username)
    with ctx.store.unit_of_work() as session:
        row = _get(session, name)
        now = ctx.clock()
        lock = staff.signin_lock(session, name)
        if lock is not None:
            lock.failures = 0
            lock.locked_until = None
            lock.updated_at = now
        staff.record_attempt(session, name, now, "unlocked", actor=ctx.actor)
        session.commit()
        return AccountStatus.with_lock(row, lock, now)


# --- the demo's accounts ----------------------------------------------------------------------


def demo_accounts(session: Any) -> dict[str, str]:
    """The demo's accounts in a store (see is_demo_account), id -> username."""
    found = staff.password_hashes(session)
    return {r.id: r.username for r in found if is_demo_account(r.username, r.password_hash)}


def remove_demo_accounts(session: Any) -> list[str]:
    """Delete the demo's accounts from a store (in the caller's transaction); their names."""
    found = demo_accounts(session)
    staff.delete_accounts(session, found)
    return sorted(found.values())


def ensure_demo_accounts(ctx: Context) -> int:
    """Create the demo accounts that do not exist yet; returns how many were created."""
    created = 0
    with ctx.store.unit_of_work() as session:
        existing = staff.usernames(session)
        now = ctx.clock()
        for username, full_name, role in DEMO_ACCOUNTS:
            if username in existing:
                continue
            staff.add_account(
                session,
                username=username,
                full_name=full_name,
                role=role,
                password_hash=hash_password(DEMO_PASSWORD, demo=True),
                now=now,
            )
            created += 1
        session.commit()
    return created
