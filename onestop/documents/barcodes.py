"""Code 128 (encoded by python-barcode) and QR symbols drawn as vector rectangles on a canvas.

Vector bars stay crisp on any printer. python-barcode does the encoding so that the drawing can
be checked by an independent decoder in the tests; reportlab's own encoder is deliberately unused.
"""

from __future__ import annotations

from functools import lru_cache

from barcode import Code128
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from onestop.documents.fonts import SANS, SANS_BOLD

# One printer dot at 300 dpi is 72/300 pt. A module of exactly 4 dots (0.96 pt, 0.339 mm) lands
# on whole dots at 300 and 600 dpi, so no bar is rounded thinner than its neighbours.
DOT = 72 / 300
MODULE = 4 * DOT
MIN_MODULE = 72 / 25.4 * 0.3  # 0.3 mm: below this a 300 dpi print stops decoding reliably
QUIET = 10  # modules of blank margin each side, as Code 128 requires


@lru_cache(maxsize=512)
def code128_runs(data: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """(total modules, ((start, width) of each bar ...)) of python-barcode's Code 128 pattern."""
    pattern = Code128(data).build()[0]
    runs: list[tuple[int, int]] = []
    start = None
    for i, bit in enumerate(pattern):
        if bit == "1" and start is None:
            start = i
        elif bit != "1" and start is not None:
            runs.append((start, i - start))
            start = None
    if start is not None:
        runs.append((start, len(pattern) - start))
    return len(pattern), tuple(runs)


def code128_width(data: str, module: float = MODULE) -> float:
    """Width of the symbol including both quiet zones."""
    return (code128_runs(data)[0] + 2 * QUIET) * module


def fit_module(data: str, avail: float) -> float:
    """The widest dot-aligned module that fits ``avail`` points, never below 0.3 mm."""
    modules = code128_runs(data)[0] + 2 * QUIET
    if modules * MODULE <= avail:
        return MODULE
    # A code too long for 4 dots gets what room there is, but never less than 0.3 mm: a wide
    # symbol that overflows a margin still scans, a thin one does not.
    return max(avail / modules, MIN_MODULE)


def draw_code128(
    canv: Canvas, data: str, x: float, y: float, *, module: float = MODULE, height: float = 28.0
) -> float:
    """Draws bars with their bottom at ``y`` and the left quiet zone starting at ``x``."""
    _, runs = code128_runs(data)
    # Shift the symbol (by less than a dot) so that its first bar starts on the page's 300 dpi
    # grid: with 4-dot modules every bar edge then falls on a printer dot boundary. Flowables
    # draw in translated coordinates, hence the absolute position.
    x0 = x + QUIET * module
    ax, _ = canv.absolutePosition(x0, y)
    x0 += round(ax / DOT) * DOT - ax
    path = canv.beginPath()
    for start, width in runs:
        path.rect(x0 + start * module, y, width * module, height)
    canv.drawPath(path, stroke=0, fill=1)
    return code128_width(data, module)


class Code128Flowable(Flowable):
    """A Code 128 symbol with the human-readable code centred under it."""

    def __init__(
        self,
        data: str,
        *,
        height: float = 28.0,
        module: float | None = None,
        font_size: float = 8.0,
        caption: str | None = None,
        bold: bool = False,
        align: str = "CENTER",
    ):
        super().__init__()
        self.data = data
        self.bar_height = height
        self.module = module
        self.font_size = font_size
        self.caption = data if caption is None else caption
        self.font = SANS_BOLD if bold else SANS
        self.hAlign = align
        self._module = module or MODULE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._module = self.module or fit_module(self.data, availWidth)
        self.width = code128_width(self.data, self._module)
        self.height = self.bar_height + (self.font_size * 1.3 if self.caption else 0)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        text_h = self.font_size * 1.3 if self.caption else 0
        draw_code128(canv, self.data, 0, text_h, module=self._module, height=self.bar_height)
        if self.caption:
            canv.setFont(self.font, self.font_size)
            canv.drawCentredString(self.width / 2, self.font_size * 0.25, self.caption)


@lru_cache(maxsize=256)
def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(data)
    qr.make()
    return tuple(tuple(bool(m) for m in row) for row in qr.modules)


def draw_qr(canv: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draws a QR symbol (with its 4-module quiet zone inside ``size``) at (x, y) bottom left."""
    rows = qr_modules(data)
    n = len(rows)
    m = size / (n + 8)
    path = canv.beginPath()
    for r, row in enumerate(rows):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(x + (4 + start) * m, y + size - (4 + r + 1) * m, (c - start) * m, m)
            else:
                c += 1
    canv.drawPath(path, stroke=0, fill=1)


class CodeBlock(Flowable):
    """The receipt's code line: Code 128 centred, and the lookup QR code at the right if any.

    When the QR does not fit beside the barcode at a decodable module width it goes below.
    """

    def __init__(self, code: str, qr_data: str | None, *, bar_height: float = 28.0):
        super().__init__()
        self.code = code
        self.qr_data = qr_data
        self.bar_height = bar_height
        self.qr_size = 54.0  # 19 mm: a phone camera reads it from a hand-held slip
        self.font_size = 8.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        caption_h = self.font_size * 1.3
        bar_block = self.bar_height + caption_h
        self._beside = False
        if self.qr_data:
            room = availWidth - self.qr_size - 6
            if code128_width(self.code, MIN_MODULE) <= room:
                self._beside = True
                self._module = fit_module(self.code, room)
                self.height = max(bar_block, self.qr_size)
                return self.width, self.height
        self._module = fit_module(self.code, availWidth)
        self.height = bar_block + (self.qr_size + 2 if self.qr_data else 0)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        caption_h = self.font_size * 1.3
        bar_w = code128_width(self.code, self._module)
        if self._beside:
            room = self.width - self.qr_size - 6
            bx = (room - bar_w) / 2
            by = (self.height - self.bar_height - caption_h) / 2 + caption_h
            draw_qr(canv, self.qr_data or "", self.width - self.qr_size, 0, self.qr_size)
        else:
            bx = (self.width - bar_w) / 2
            by = self.height - self.bar_height
            if self.qr_data:
                draw_qr(canv, self.qr_data, (self.width - self.qr_size) / 2, 0, self.qr_size)
        draw_code128(canv, self.code, bx, by, module=self._module, height=self.bar_height)
        canv.setFont(SANS, self.font_size)
        tw = stringWidth(self.code, SANS, self.font_size)
        canv.drawString(bx + (bar_w - tw) / 2, by - caption_h + self.font_size * 0.25, self.code)
