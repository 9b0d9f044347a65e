"""Paper forms as PDF bytes (reportlab): receipt, notices, control slip, tracking book, handover."""

from onestop.documents.data import (
    BookRow,
    DocumentLine,
    DossierDoc,
    HandoverItem,
    HandoverRecord,
    Office,
    Step,
)
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
    "render_receipt",
    "vn_date",
    "vn_time",
]
