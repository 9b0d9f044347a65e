"""The counter desk's reads while receiving: how often this workstation used each procedure (the
finder's ranking) and the warnings a receipt made now would carry (asked about before saving)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.services import counter
from onestop.services.counter import ReceptionWarning

from . import read

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = ["ReceptionWarning", "procedure_use", "warm_addresses", "warnings"]


def procedure_use(parent: QObject | None, ctx: Context) -> Op[dict[str, int]]:
    """Dossiers this workstation received in the last 90 days, by procedure code."""
    return read(parent, ctx, counter.procedure_use)


def warnings(
    parent: QObject | None, ctx: Context, procedure_code: str, id_number: str | None
) -> Op[list[ReceptionWarning]]:
    """The duplicate and office-hours warnings for a receipt made now."""
    return read(parent, ctx, counter.check, procedure_code, id_number)


def warm_addresses(parent: QObject | None, ctx: Context) -> Op[int]:
    """The address map's indexes built off the GUI thread (the first province pick is quick)."""
    return read(parent, ctx, counter.warm_addresses)
