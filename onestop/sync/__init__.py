"""The sync engine: replication between a workstation's store and the central database, below
the services. It pushes events, pulls them by position, moves master data and leases dossier
numbers, on connections and sessions it is given; it knows stores and the domain, nothing of
the services. The program's one entry to it is onestop.services.sync (run_sync, status, the
central database's administration).
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Transitional, until the command line and the window use onestop.services.sync (issue 13).
    if name in ("SyncReport", "run_sync", "status"):
        from onestop.services import sync

        return getattr(sync, name)
    if name == "SyncError":
        from .errors import SyncError

        return SyncError
    raise AttributeError(name)
