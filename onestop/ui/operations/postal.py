"""The postal page's way to the postal service: one function per use case, each returning an
un-started Op (reads) or a write Op that broadcasts what it changed.

A hand-over, an outcome or an operator's status file changes postal rows and dossiers (a result
goes out for delivery, a pickup becomes a dossier, a result comes back); cancelling a pickup
changes postal rows only. Exporting the day's file writes a file, not the store: a read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onestop.services import postal
from onestop.ui.ops import Op

from . import Changes, read, write

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context

# What the page builds to call these and what it reads back: the service's input and result
# types, named here so that the page needs no service import of its own.
Attempt = postal.Attempt
HandoverLine = postal.HandoverLine
AttemptResult = postal.AttemptResult
DayLists = postal.DayLists
DeliveryItem = postal.DeliveryItem
ExportResult = postal.ExportResult
HandoverResult = postal.HandoverResult
ImportResult = postal.ImportResult
ListItem = postal.ListItem
OverdueItem = postal.OverdueItem
PickupItem = postal.PickupItem

__all__ = [
    "Attempt",
    "AttemptResult",
    "DayLists",
    "DeliveryItem",
    "ExportResult",
    "HandoverLine",
    "HandoverResult",
    "ImportResult",
    "ListItem",
    "OverdueItem",
    "PickupItem",
    "cancel_pickup",
    "day_lists",
    "export_day",
    "handover",
    "handover_pdf",
    "import_statuses",
    "record_attempt",
]


def _dossiers_and_postal(parent: QObject | None) -> Changes:
    return Changes(dossiers=True, postal=True, source=parent)


def day_lists(parent: QObject | None, ctx: Context, day: date) -> Op[postal.DayLists]:
    """The day's delivery and pickup lists, what is overdue, and their counts."""
    return read(parent, ctx, postal.day_lists, day)


def handover(
    parent: QObject | None,
    ctx: Context,
    kind: str,
    lines: Sequence[postal.HandoverLine],
    postman: str = "",
    officer: str = "",
    postman_number: str = "",
    postman_phone: str = "",
) -> Op[postal.HandoverResult]:
    return write(
        parent,
        ctx,
        _dossiers_and_postal(parent),
        postal.handover,
        kind,
        list(lines),
        postman_name=postman,
        officer_name=officer,
        postman_number=postman_number,
        postman_phone=postman_phone,
    )


def handover_pdf(parent: QObject | None, ctx: Context, number: str) -> Op[bytes]:
    return read(parent, ctx, postal.handover_pdf, number)


def record_attempt(
    parent: QObject | None, ctx: Context, code: str, attempt: postal.Attempt
) -> Op[postal.AttemptResult]:
    return write(parent, ctx, _dossiers_and_postal(parent), postal.record_attempt, code, attempt)


def cancel_pickup(
    parent: QObject | None, ctx: Context, ref: str, reason: str
) -> Op[postal.PickupItem]:
    changes = Changes(postal=True, source=parent)
    return write(parent, ctx, changes, postal.cancel_pickup, ref, reason)


def export_day(
    parent: QObject | None, ctx: Context, day: date, fmt: str, path: Path
) -> Op[postal.ExportResult]:
    return read(parent, ctx, postal.export_day, day, fmt, path)


def import_statuses(parent: QObject | None, ctx: Context, path: Path) -> Op[postal.ImportResult]:
    return write(parent, ctx, _dossiers_and_postal(parent), postal.import_statuses, path)
