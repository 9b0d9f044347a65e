"""What printing needs ready before the first document: the PDF fonts with Vietnamese glyphs
(parsing them is the slow part of the first receipt)."""

from __future__ import annotations


def prepare_fonts() -> None:
    """Register the documents' fonts now (once per process; later calls return at once). Call it
    off the GUI thread: parsing the TrueType files holds the GIL for a while."""
    from onestop.documents.fonts import register_fonts

    register_fonts()
