"""Sync with the central database, as the command line and the window use it: the one way in
above the services (ui and cli import this, never onestop.sync).

- ``run_sync(ctx, ...) -> SyncReport``: one sync (call it off the GUI thread); a failure comes
  back in the report, never raised into the counter's work.
- ``status(ctx) -> dict``: the status bar's figures, from the local store alone.
- ``SyncSettings``, ``connect``, ``connect_with_password``: where the centre is and opening it.
- ``init_central``, ``publish``, ``create_role``, ``setup_central``: the centre's
  administration (``setup_central`` is the DBA's one-time setup).
- ``SyncError``; ``keyring_available()`` and ``NO_KEYRING_VI`` for asking a password.

Names are loaded on first use, so that a command that does not sync loads neither the keyring
nor the central database's code.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onestop.sync.config import SyncSettings
    from onestop.sync.connection import connect, connect_with_password
    from onestop.sync.credentials import NO_KEYRING_VI, keyring_available
    from onestop.sync.dba import setup as setup_central
    from onestop.sync.errors import SyncError

    from .admin import create_role, init_central, publish
    from .report import SyncReport
    from .runner import run_sync
    from .state import status

# name -> (module, attribute)
_NAMES = {
    "SyncReport": ("onestop.services.sync.report", "SyncReport"),
    "run_sync": ("onestop.services.sync.runner", "run_sync"),
    "status": ("onestop.services.sync.state", "status"),
    "init_central": ("onestop.services.sync.admin", "init_central"),
    "publish": ("onestop.services.sync.admin", "publish"),
    "create_role": ("onestop.services.sync.admin", "create_role"),
    "SyncSettings": ("onestop.sync.config", "SyncSettings"),
    "connect": ("onestop.sync.connection", "connect"),
    "connect_with_password": ("onestop.sync.connection", "connect_with_password"),
    "setup_central": ("onestop.sync.dba", "setup"),
    "SyncError": ("onestop.sync.errors", "SyncError"),
    "keyring_available": ("onestop.sync.credentials", "keyring_available"),
    "NO_KEYRING_VI": ("onestop.sync.credentials", "NO_KEYRING_VI"),
}

__all__ = [
    "NO_KEYRING_VI",
    "SyncError",
    "SyncReport",
    "SyncSettings",
    "connect",
    "connect_with_password",
    "create_role",
    "init_central",
    "keyring_available",
    "publish",
    "run_sync",
    "setup_central",
    "status",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _NAMES[name]
    except KeyError:
        raise AttributeError(name) from None
    return getattr(import_module(module), attribute)
