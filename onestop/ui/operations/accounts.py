"""The window's way to the account services: list, create, new password, disable or enable, lift
a sign-in lock, sign in, change one's own password. Writes declare ``Changes(accounts=True)``.

The sign-in window imports this module only once its store is open (SQLAlchemy is loaded by
then): importing it earlier would load the services before the window first paints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.services import users
from onestop.services.users import Account, AccountStatus

from . import Changes, read, write

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "add",
    "authenticate",
    "change_own_password",
    "count_active",
    "list_accounts",
    "set_active",
    "set_password",
    "unlock",
]

DEMO_ACCOUNTS = users.DEMO_ACCOUNTS
DEMO_PASSWORD = users.DEMO_PASSWORD


def _changed(parent: QObject | None) -> Changes:
    return Changes(accounts=True, source=parent)


def list_accounts(parent: QObject | None, ctx: Context) -> Op[list[AccountStatus]]:
    return read(parent, ctx, users.list_users)


def count_active(parent: QObject | None, ctx: Context) -> Op[int]:
    return read(parent, ctx, users.count_active)


def add(
    parent: QObject | None,
    ctx: Context,
    username: str,
    role: str,
    password: str,
    full_name: str | None = None,
) -> Op[Account]:
    return write(parent, ctx, _changed(parent), users.add_user, username, role, password, full_name)


def set_password(parent: QObject | None, ctx: Context, username: str, password: str) -> Op[Account]:
    return write(parent, ctx, _changed(parent), users.set_password, username, password)


def set_active(parent: QObject | None, ctx: Context, username: str, active: bool) -> Op[Account]:
    return write(parent, ctx, _changed(parent), users.set_active, username, active)


def unlock(parent: QObject | None, ctx: Context, username: str) -> Op[AccountStatus]:
    return write(parent, ctx, _changed(parent), users.unlock, username)


def authenticate(parent: QObject | None, ctx: Context, username: str, password: str) -> Op[Account]:
    """Sign in (Argon2id: slow by design, hence an op). A success clears the name's count of
    wrong passwords, which the accounts page shows: an accounts change."""
    return write(parent, ctx, _changed(parent), users.authenticate, username, password)


def change_own_password(
    parent: QObject | None, ctx: Context, current: str, new: str
) -> Op[Account]:
    return write(parent, ctx, _changed(parent), users.change_own_password, current, new)
