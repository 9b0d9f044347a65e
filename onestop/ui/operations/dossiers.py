"""The desktop client's dossier operations: look a dossier up, list and search dossiers, mark its
result ready and hand it back. Each returns an un-started Op (onestop.ui.ops); the writes
broadcast that dossiers changed, so every open page and dossier window refreshes itself."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from onestop.services import dossiers, users
from onestop.services.dossiers import (
    DocumentItem,
    DossierDetail,
    DossierSummary,
    EventView,
    WaitingResult,
)

from . import Changes, read, write

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = [
    "DocumentItem",
    "DossierDetail",
    "DossierSummary",
    "EventView",
    "WaitingResult",
    "day",
    "mark_result_ready",
    "may",
    "return_result",
    "search",
    "show",
    "waiting",
]


def changed(parent: QObject | None, *, postal: bool = False) -> Changes:
    """What a change to a dossier made by ``parent`` touches (``postal``: also the lists of the
    post, e.g. a result to deliver by post that is now ready, or one the post brought back)."""
    return Changes(dossiers=True, postal=postal, source=parent)


def may(ctx: Context, action: str) -> bool:
    """Whether the signed-in role may do ``action`` (no store involved: answered at once)."""
    return users.may(ctx.role, action)


def show(parent: QObject | None, ctx: Context, code: str) -> Op[DossierDetail]:
    return read(parent, ctx, dossiers.show, code)


def _page(ctx: Context, text: str, offset: int, limit: int) -> list[DossierSummary]:
    # The service answers newest first up to a limit: a page is the tail of a longer answer
    # (FTS5 stops at the limit, so a page deeper costs little).
    return dossiers.find(ctx, text, limit=offset + limit)[offset:]


def search(
    parent: QObject | None, ctx: Context, text: str, offset: int, limit: int
) -> Op[list[DossierSummary]]:
    """One page of the dossiers matching ``text`` (codes, folded names, ID and phone numbers)."""
    return read(parent, ctx, _page, text, offset, limit)


def waiting(parent: QObject | None, ctx: Context, text: str = "") -> Op[list[WaitingResult]]:
    """Results waiting to be collected at the counter, oldest first, narrowed by ``text``."""
    return read(parent, ctx, dossiers.waiting, text)


def day(parent: QObject | None, ctx: Context, received: date) -> Op[list[DossierSummary]]:
    """The dossiers received that day, in receipt order."""
    return read(parent, ctx, dossiers.list_dossiers, received)


def mark_result_ready(parent: QObject | None, ctx: Context, code: str) -> Op[DossierDetail]:
    return write(parent, ctx, changed(parent, postal=True), dossiers.mark_result_ready, code)


def return_result(
    parent: QObject | None,
    ctx: Context,
    code: str,
    recipient: str,
    id_number: str | None,
    authorised: bool = False,
) -> Op[DossierDetail]:
    return write(
        parent,
        ctx,
        changed(parent, postal=True),
        dossiers.return_result,
        code,
        recipient,
        id_number=id_number,
        authorised=authorised,
    )
