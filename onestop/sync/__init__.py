"""Replication between a workstation's store and the central database: push events, pull by
position, master data, leased dossier numbers. The desktop client's entry points are
``run_sync(ctx) -> SyncReport`` (call it from a background thread) and ``status(ctx) -> dict``
(local only, cheap enough for a status bar).

Imported lazily, so that the receiving path (which draws leased numbers from
onestop.sync.leases) does not load the keyring or the central-database code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import SyncError
    from .runner import SyncReport, run_sync, status

__all__ = ["SyncError", "SyncReport", "run_sync", "status"]


def __getattr__(name: str) -> Any:
    if name in ("SyncReport", "run_sync", "status"):
        from . import runner

        return getattr(runner, name)
    if name == "SyncError":
        from .errors import SyncError

        return SyncError
    raise AttributeError(name)
