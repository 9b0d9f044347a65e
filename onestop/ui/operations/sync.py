"""Sync with the central database as the window runs it: the status bar's figures and one sync
round, each on a worker thread through onestop.services.sync. A round that brought something
from the centre broadcasts it, so that open pages show what other workstations recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from onestop.services import sync as sync_service
from onestop.ui.ops import Op

from . import Changes, broadcast, read

if TYPE_CHECKING:
    from onestop.services.context import Context
    from onestop.services.sync import SyncReport

# Master data kinds (onestop.sync.central.master) and what they change on screen.
_ACCOUNTS = ("staff",)


def status(parent: QObject | None, ctx: Context) -> Op[dict[str, Any]]:
    """The sync status from the local store alone (configured, pending, last sync...)."""
    return read(parent, ctx, sync_service.status)


def run(parent: QObject | None, ctx: Context, password: str | None = None) -> Op[SyncReport]:
    """One sync round; a failure comes back in the report. What it pulled is broadcast (also
    when the window that started it closed meanwhile)."""
    op = Op(
        lambda c: sync_service.run_sync(c, password=password), ctx=ctx, parent=parent, label="sync"
    )
    op.after_success(lambda report: broadcast(pulled_changes(report)))
    return op


def pulled_changes(report: SyncReport) -> Changes:
    """What a sync round changed here: pulled events and row changes touch dossiers and the
    postal lists (the count does not tell which); master data by its kinds."""
    pulled = report.pulled > 0
    kinds = set(report.master)
    return Changes(
        dossiers=pulled,
        postal=pulled,
        master=bool(kinds - set(_ACCOUNTS)),
        accounts=bool(kinds & set(_ACCOUNTS)),
    )


def keyring_available() -> bool:
    """Whether a password typed once can be kept in the OS keyring."""
    return sync_service.keyring_available()


def no_keyring_text() -> str:
    """What the person is told when no keyring keeps the password (Vietnamese)."""
    return sync_service.NO_KEYRING_VI
