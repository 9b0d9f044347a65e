"""The window's way to the office's settings and master data: the procedures offered, the
back-entry window. Writes declare ``Changes(master=True)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.services import catalog, setup
from onestop.services.catalog import ProcedureRow

from . import Changes, read, write

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = ["procedures", "set_back_entry_days"]


def procedures(parent: QObject | None, ctx: Context) -> Op[list[ProcedureRow]]:
    """The procedures offered, by field then code."""
    return read(parent, ctx, catalog.list_procedures)


def set_back_entry_days(parent: QObject | None, ctx: Context, days: int) -> Op[int]:
    """How many days back a recorded time may reach on this workstation (administrators)."""
    return write(parent, ctx, Changes(master=True, source=parent), setup.set_back_entry_days, days)
