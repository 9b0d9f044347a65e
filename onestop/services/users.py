"""Staff accounts, roles and signing in, under one name: what ``onestop.services.users`` offered
before it was split by job (roles, passwords, accounts, signin), re-exported for its callers."""

from __future__ import annotations

from onestop.domain.errors import InputError, NotFound

from .accounts import (
    Account,
    AccountStatus,
    add_user,
    check_postal_contact,
    check_role,
    check_username,
    count_active,
    demo_accounts,
    disable_user,
    ensure_demo_accounts,
    list_users,
    remove_demo_accounts,
    set_active,
    set_password,
    set_postal_contact,
    unlock,
)
from .passwords import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    MIN_PASSWORD,
    hash_password,
    is_demo_account,
)
from .roles import ACTIONS, ROLE_LABELS_VI, ROLES, Action, RoleRefused, may, require_role
from .signin import (
    LOCK_FIRST,
    LOCK_MAX,
    MAX_FAILURES,
    AccountLocked,
    authenticate,
    change_own_password,
    lock_delay,
)

__all__ = [
    "ACTIONS",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_USERNAMES",
    "LOCK_FIRST",
    "LOCK_MAX",
    "MAX_FAILURES",
    "MIN_PASSWORD",
    "ROLES",
    "ROLE_LABELS_VI",
    "Account",
    "AccountLocked",
    "AccountStatus",
    "Action",
    "InputError",
    "NotFound",
    "RoleRefused",
    "add_user",
    "authenticate",
    "change_own_password",
    "check_postal_contact",
    "check_role",
    "check_username",
    "count_active",
    "demo_accounts",
    "disable_user",
    "ensure_demo_accounts",
    "hash_password",
    "is_demo_account",
    "list_users",
    "lock_delay",
    "may",
    "remove_demo_accounts",
    "require_role",
    "set_active",
    "set_password",
    "set_postal_contact",
    "unlock",
]
