"""The window's way to the office's settings and master data: the procedures offered, the
back-entry window. Writes declare ``Changes(master=True)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.services import catalog, setup
from onestop.services.catalog import ProcedureRow

from . import Changes, read, write

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context, OfficeSettings
    from onestop.ui.ops import Op

__all__ = ["procedures", "save_settings", "set_back_entry_days"]


def procedures(parent: QObject | None, ctx: Context) -> Op[list[ProcedureRow]]:
    """The procedures offered, by field then code."""
    return read(parent, ctx, catalog.list_procedures)


def set_back_entry_days(parent: QObject | None, ctx: Context, days: int) -> Op[int]:
    """How many days back a recorded time may reach on this workstation (administrators)."""
    return write(parent, ctx, Changes(master=True, source=parent), setup.set_back_entry_days, days)


def save_settings(
    parent: QObject | None, ctx: Context, back_entry_days: int, unit_name: str, phone: str
) -> Op[OfficeSettings]:
    """The settings page: back-entry window, the unit's name on the forms, the office phone."""
    return write(
        parent,
        ctx,
        Changes(master=True, source=parent),
        _update_office,
        back_entry_days,
        unit_name,
        phone,
    )


def _update_office(
    ctx: Context, back_entry_days: int, unit_name: str, phone: str
) -> OfficeSettings:
    return setup.update_office(
        ctx, back_entry_days=back_entry_days, unit_name=unit_name, phone=phone or None
    )
