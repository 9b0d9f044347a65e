"""Transitional: the names onestop.sync.runner had, until the command line and the window use
onestop.services.sync (issue 13)."""

from __future__ import annotations

from onestop.services.sync import SyncReport, run_sync, status

from .connection import connect, connect_with_password

__all__ = ["SyncReport", "connect", "connect_with_password", "run_sync", "status"]
