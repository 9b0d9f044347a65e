"""The desktop client's reception operations: receiving a dossier with its receipt, and the
guidance forms given instead when documents are missing (the catalogue the counter's form offers
comes from operations.office)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.services import forms, reception
from onestop.services.forms import GuidanceGiven
from onestop.services.reception import Received, ReceiveRequest

from . import Changes, write
from .dossiers import changed

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = ["GuidanceGiven", "ReceiveRequest", "Received", "guide", "receive"]


def _receive_and_print(ctx: Context, req: ReceiveRequest) -> tuple[Received, bytes]:
    received = reception.receive(ctx, req)
    return received, forms.receipt_pdf(ctx, received.code)


def receive(
    parent: QObject | None, ctx: Context, req: ReceiveRequest
) -> Op[tuple[Received, bytes]]:
    """Receive the dossier and render its receipt, in one trip to the worker."""
    return write(parent, ctx, changed(parent), _receive_and_print, req)


def _guide_and_print(
    ctx: Context, kind: str, code: str, name: str, items: list[str], phone: str | None
) -> tuple[GuidanceGiven, bytes]:
    given = forms.guide_at_counter(ctx, kind, code, name, items, phone=phone)  # type: ignore[arg-type]
    return given, forms.guidance_pdf(ctx, given.id)


def guide(
    parent: QObject | None,
    ctx: Context,
    kind: str,
    procedure_code: str,
    applicant_name: str,
    items: list[str],
    phone: str | None,
) -> Op[tuple[GuidanceGiven, bytes]]:
    """Record the guidance given for a dossier not accepted, and render its form. No page lists
    guidance: the write changes nothing on screen."""
    return write(
        parent, ctx, Changes(), _guide_and_print, kind, procedure_code, applicant_name, items, phone
    )
