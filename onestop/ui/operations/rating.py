"""The desktop client's rating operation: the citizen's rating of a dossier (a write: it
broadcasts that dossiers changed, so an open dashboard counts it at once)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.services import rating, users
from onestop.services.dossiers import DossierDetail

from . import Changes, write

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = ["may_rate", "rate"]


def may_rate(ctx: Context) -> bool:
    """Whether the signed-in role records ratings (answered at once, no store involved)."""
    return users.may(ctx.role, "rate")


def rate(parent: QObject | None, ctx: Context, code: str, score: str) -> Op[DossierDetail]:
    """The citizen's rating of ``code`` (one per dossier)."""
    return write(parent, ctx, Changes(dossiers=True, source=parent), rating.rate, code, score)
