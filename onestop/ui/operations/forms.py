"""The desktop client's follow-up actions behind the paper forms (supplement, refusal, extension,
stop) and the printing of every form. Writes broadcast that dossiers changed; prints are reads
that give the PDF's bytes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from onestop.services import forms
from onestop.services.dossiers import DossierDetail

from . import read, write
from .dossiers import changed

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

# The forms printed from a dossier's history, by the name the dossier view uses.
PRINTS: dict[str, Callable[[Context, str], bytes]] = {
    "receipt": forms.receipt_pdf,
    "control": forms.control_pdf,
    "supplement": forms.supplement_pdf,
    "refusal": forms.refusal_pdf,
    "apology": forms.apology_pdf,
    "stop": forms.stop_pdf,
}


def _request_supplement(
    ctx: Context, code: str, missing: list[str], reason: str | None
) -> DossierDetail:
    return forms.request_supplement(ctx, code, missing, reason=reason)


def request_supplement(
    parent: QObject | None, ctx: Context, code: str, missing: list[str], reason: str = ""
) -> Op[DossierDetail]:
    """Mẫu 02: what is missing and why; the signed-in officer is the one the form names."""
    return write(parent, ctx, changed(parent), _request_supplement, code, missing, reason or None)


def complete_supplement(parent: QObject | None, ctx: Context, code: str) -> Op[DossierDetail]:
    return write(parent, ctx, changed(parent), forms.complete_supplement, code)


def refuse(
    parent: QObject | None, ctx: Context, code: str, reasons: list[str]
) -> Op[DossierDetail]:
    return write(parent, ctx, changed(parent), forms.refuse, code, reasons)


def _extend_to(
    ctx: Context, code: str, day: date, reason: str, late: bool = False
) -> DossierDetail:
    return forms.extend(ctx, code, forms.closing_time(ctx, day), reason, late=late)


def extend(
    parent: QObject | None,
    ctx: Context,
    code: str,
    day: date,
    reason: str,
    late: bool = False,
) -> Op[DossierDetail]:
    """Apology and a new return date: the end of the office's day ``day``; ``late`` for a
    dossier already late (the apology on the due date's day or after: still counted late)."""
    return write(parent, ctx, changed(parent), _extend_to, code, day, reason, late)


def extension_too_late(ctx: Context, due_at: datetime) -> bool:
    """Whether an apology now comes too late for the law (on the due date's day or after)."""
    return forms.extension_too_late(ctx.clock(), due_at)


def stop(parent: QObject | None, ctx: Context, code: str, reason: str) -> Op[DossierDetail]:
    return write(parent, ctx, changed(parent), forms.stop, code, reason)


def print_form(parent: QObject | None, ctx: Context, form: str, code: str) -> Op[bytes]:
    """The PDF of one of the dossier's forms (``PRINTS``)."""
    return read(parent, ctx, PRINTS[form], code)


def book(parent: QObject | None, ctx: Context, day: date) -> Op[bytes]:
    """The tracking book (Mẫu 07) of the dossiers received that day."""
    return read(parent, ctx, forms.book_pdf, day)
