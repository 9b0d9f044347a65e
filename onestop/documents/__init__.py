"""Paper forms as PDF bytes (reportlab): receipt, notices, control slip, tracking book, handover.

Every renderer takes plain data from ``onestop.documents.data``, returns the PDF bytes and also
writes them to ``out`` when a path is given.
"""

from onestop.documents.book import render_book
from onestop.documents.control import render_control
from onestop.documents.data import (
    BookRow,
    DocumentLine,
    DossierDoc,
    HandoverItem,
    HandoverRecord,
    Office,
    Step,
)
from onestop.documents.handover import render_handover
from onestop.documents.notices import render_apology, render_refusal, render_stop, render_supplement
from onestop.documents.receipt import render_receipt
from onestop.documents.vntext import place_date, vn_date, vn_time

__all__ = [
    "BookRow",
    "DocumentLine",
    "DossierDoc",
    "HandoverItem",
    "HandoverRecord",
    "Office",
    "Step",
    "place_date",
    "render_apology",
    "render_book",
    "render_control",
    "render_handover",
    "render_receipt",
    "render_refusal",
    "render_stop",
    "render_supplement",
    "vn_date",
    "vn_time",
]
