"""Registers the bundled DejaVu fonts with reportlab, once per process.

The standard PDF fonts (Helvetica, Times) have no Vietnamese glyphs and print differently on
every machine; every visible character of our forms is drawn with these embedded TrueType fonts.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from onestop.resources import resource

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
COND = "DejaVuSansCondensed"
COND_BOLD = "DejaVuSansCondensed-Bold"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    COND: "DejaVuSansCondensed.ttf",
    COND_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Parses the TTF files on first use only: parsing costs tens of milliseconds per font."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
        # <b> and <i> inside Paragraph markup resolve through these mappings; without them
        # reportlab would fall back to a standard Type 1 font.
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS_ITALIC)
        addMapping(SANS, 1, 1, SANS_BOLD)
        addMapping(COND, 0, 0, COND)
        addMapping(COND, 1, 0, COND_BOLD)
        addMapping(COND, 0, 1, SANS_ITALIC)
        addMapping(COND, 1, 1, COND_BOLD)
        _registered = True
