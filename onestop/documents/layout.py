"""Shared layout of the forms: styles, the two-column state header, signatures and pagination.

Pagination is done here rather than by a reportlab DocTemplate so that one sheet can carry two
independent streams (the two copies of a receipt side by side on A4) and each page knows whether
its copy continues on the next one.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from onestop import __version__
from onestop.documents.fonts import COND, COND_BOLD, SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from onestop.documents.vntext import nfc, para

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)  # 419.53 x 595.28 pt
A4 = (210 * MM, 297 * MM)
A4_LANDSCAPE = (A4[1], A4[0])

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
# The official letters' number line (forms 02-05), filled in by hand from the register.
NUMBER_LINE = "Số: ……/……"
FILL_IN_NAME = "." * 36


@dataclass(frozen=True)
class Styles:
    size: float
    body: ParagraphStyle
    justify: ParagraphStyle
    indent: ParagraphStyle  # numbered items: hanging indent
    title: ParagraphStyle
    subtitle: ParagraphStyle
    center: ParagraphStyle
    center_italic: ParagraphStyle
    right_italic: ParagraphStyle
    small: ParagraphStyle
    small_italic: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    sig_title: ParagraphStyle
    sig_note: ParagraphStyle
    sig_name: ParagraphStyle


@lru_cache(maxsize=16)
def styles(size: float = 9.0, *, condensed_cells: bool = False) -> Styles:
    """Paragraph styles at a body size; every one names a DejaVu font (never reportlab's
    Helvetica default)."""
    register_fonts()
    lead = round(size * 1.32, 2)

    def ps(name: str, font: str = SANS, sz: float = size, **kw: object) -> ParagraphStyle:
        kw.setdefault("leading", round(sz * 1.32, 2))
        return ParagraphStyle(name, fontName=font, fontSize=sz, **kw)  # type: ignore[arg-type]

    cell_font = COND if condensed_cells else SANS
    cell_bold = COND_BOLD if condensed_cells else SANS_BOLD
    cs = size - 1
    return Styles(
        size=size,
        body=ps("body", spaceBefore=1.5),
        justify=ps("justify", alignment=TA_JUSTIFY, spaceBefore=2, firstLineIndent=14),
        indent=ps("indent", leftIndent=14, firstLineIndent=-10, spaceBefore=1),
        title=ps("title", SANS_BOLD, size + 2.5, alignment=TA_CENTER, spaceBefore=6),
        subtitle=ps("subtitle", SANS_BOLD, size, alignment=TA_CENTER, spaceBefore=1),
        center=ps("center", alignment=TA_CENTER),
        center_italic=ps("center_italic", SANS_ITALIC, alignment=TA_CENTER),
        right_italic=ps("right_italic", SANS_ITALIC, alignment=TA_RIGHT),
        small=ps("small", sz=size - 1.5, spaceBefore=1),
        small_italic=ps("small_italic", SANS_ITALIC, size - 1.5, spaceBefore=1),
        cell=ps("cell", cell_font, cs, leading=round(cs * 1.22, 2)),
        cell_center=ps(
            "cell_center", cell_font, cs, leading=round(cs * 1.22, 2), alignment=TA_CENTER
        ),
        cell_head=ps("cell_head", cell_bold, cs, leading=round(cs * 1.22, 2), alignment=TA_CENTER),
        sig_title=ps("sig_title", SANS_BOLD, alignment=TA_CENTER, leading=lead),
        sig_note=ps("sig_note", SANS_ITALIC, size - 1, alignment=TA_CENTER),
        sig_name=ps("sig_name", SANS_BOLD, alignment=TA_CENTER),
    )


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width.

    A form is wrapped several times at the same width (fit test, frame, table cell geometry,
    and the two copies of a receipt share their flowables); breaking lines is the dominant
    cost of a warm render, so it is done once per width.
    """

    _wrapped_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() may drop blPara to push the paragraph on: then break again.
        if availWidth == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph from markup we wrote; user text inside must already go through ``para``.
    NFC again here so that no literal of ours can slip through decomposed."""
    return Para(nfc(text), style)


def field(label: str, value: str | None, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """'Label: value' with the value escaped; an empty value prints a dotted line to fill in."""
    v = para(value) if value else "." * 40
    if bold and value:
        v = f"<b>{v}</b>"
    return Para(f"{label} {v}", style)


# --- the state header ---------------------------------------------------------------------------


@lru_cache(maxsize=256)
def balanced_split(text: str, font: str, size: float, max_width: float) -> tuple[str, ...]:
    """Wraps like ``simpleSplit`` but evens out the lines ("ỦY BAN NHÂN DÂN / PHƯỜNG LONG
    XUYÊN" rather than a full line and a lone "XUYÊN"), as centred headings are typeset.
    Cached: an office prints the same header all day, and the search below costs a dozen
    trial wraps."""
    lines = simpleSplit(text, font, size, max_width)
    if len(lines) <= 1:
        return tuple(lines)
    lo, hi = max_width / len(lines), max_width
    for _ in range(12):
        mid = (lo + hi) / 2
        if len(simpleSplit(text, font, size, mid)) <= len(lines):
            hi = mid
        else:
            lo = mid
    return tuple(simpleSplit(text, font, size, hi))


class HeaderBlock(Flowable):
    """Agency and unit at left, national motto at right, each centred in its column, with the
    customary rules under the unit name and under "Độc lập - Tự do - Hạnh phúc"; optionally a
    "Số: ..." line at left and the place-and-date line (italic) under the motto."""

    def __init__(
        self,
        agency: str,
        unit: str,
        *,
        size: float = 8.0,
        number_line: str | None = None,
        date_line: str | None = None,
        left_share: float = 0.42,
    ):
        super().__init__()
        self.agency = nfc(agency).upper()
        self.unit = nfc(unit).upper()
        self.size = size
        self.number_line = nfc(number_line) if number_line else None
        self.date_line = nfc(date_line) if date_line else None
        self.left_share = left_share

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        lw = availWidth * self.left_share
        rw = availWidth - lw
        s = self.size
        # The motto must stay on one line: shrink it (and everything with it) if the column is
        # narrow, switching to the condensed face first.
        self._font, self._bold = SANS, SANS_BOLD
        if stringWidth(MOTTO_1, SANS_BOLD, s) > rw - 4:
            self._font, self._bold = COND, COND_BOLD
            s = min(s, (rw - 4) / stringWidth(MOTTO_1, COND_BOLD, 1))
        self._s = s
        self._lead = s * 1.25
        self._agency_lines = balanced_split(self.agency, self._font, s, lw - 4)
        self._unit_lines = balanced_split(self.unit, self._bold, s, lw - 4)
        left_n = len(self._agency_lines) + len(self._unit_lines)
        self._rows = max(left_n, 2)
        h = self._rows * self._lead + 6
        if self.number_line or self.date_line:
            h += self._lead + 6
        self.height = h
        self._lw, self._rw = lw, rw
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        s, lead, lw, rw = self._s, self._lead, self._lw, self._rw
        top = self.height
        y = top - s
        cx = lw / 2
        c.setFont(self._font, s)
        for line in self._agency_lines:
            c.drawCentredString(cx, y, line)
            y -= lead
        c.setFont(self._bold, s)
        for line in self._unit_lines:
            c.drawCentredString(cx, y, line)
            y -= lead
        c.setLineWidth(0.6)
        rule_y = y + lead - s * 0.45
        c.line(cx - lw * 0.18, rule_y, cx + lw * 0.18, rule_y)

        rx = lw + rw / 2
        y = top - s
        c.drawCentredString(rx, y, MOTTO_1)
        y -= lead
        c.drawCentredString(rx, y, MOTTO_2)
        half = stringWidth(MOTTO_2, self._bold, s) / 2
        c.line(rx - half, y - s * 0.45, rx + half, y - s * 0.45)

        y = top - self._rows * lead - 6 - s
        if self.number_line:
            c.setFont(self._font, s)
            c.drawCentredString(cx, y, self.number_line)
        if self.date_line:
            c.setFont(SANS_ITALIC, s)
            c.drawCentredString(rx, y, self.date_line)


# --- tables and signatures ----------------------------------------------------------------------


def grid_style(
    extra: Sequence[tuple] = (), *, header_rows: int = 1, pad: float = 2.5
) -> TableStyle:
    """Thin full grid, top-aligned cells, header rows shaded lightly; the font is set even though
    cells are Paragraphs so that no plain-string cell could ever fall back to Helvetica."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            *extra,
        ]
    )


def plain_style(extra: Sequence[tuple] = ()) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )


@dataclass(frozen=True)
class Signature:
    title: str  # "NGƯỜI NỘP HỒ SƠ"
    note: str = "(Ký và ghi rõ họ tên)"
    # Printed under the space left for the signature; "" leaves a dotted line to name by hand
    # (an officer without an account: never an operating-system login), None nothing at all.
    name: str | None = None
    above: str | None = None  # an italic line above the title (place and date)


def signatures(
    sigs: Sequence[Signature | None], width: float, st: Styles, *, space: float = 46
) -> Table:
    """Signature columns side by side; ``None`` leaves a column empty (a single signature
    sits at the right, as on official letters). One non-splittable table, so the block
    moves to the next page whole rather than losing its names."""
    row = []
    for sig in sigs:
        if sig is None:
            row.append("")
            continue
        cell: list[Flowable] = []
        if sig.above:
            cell.append(Para(para(sig.above), st.center_italic))
        cell.append(Para(para(sig.title), st.sig_title))
        if sig.note:
            cell.append(Para(para(sig.note), st.sig_note))
        cell.append(Spacer(1, space))
        if sig.name:
            cell.append(Para(para(sig.name), st.sig_name))
        elif sig.name is not None:
            # An officer the program cannot name (no account): a line to write the name by hand.
            cell.append(Para(FILL_IN_NAME, st.center))
        row.append(cell)
    n = len(sigs)
    t = Table([row], colWidths=[width / n] * n, style=plain_style())
    t.spaceBefore = 8
    return t


# --- pagination ---------------------------------------------------------------------------------

Rect = tuple[float, float, float, float]  # x, y, width, height
Decorate = Callable[[Canvas, int, bool], None]  # (canvas, page within the stream, continues)


def fill(frame: Frame, story: list[Flowable], canv: Canvas) -> None:
    """Moves flowables from the front of ``story`` into ``frame``, splitting the one that does
    not fit (tables repeat their header rows). Leaves the rest in ``story``."""
    while story:
        head = story[0]
        if frame.add(head, canv, trySplit=1):
            story.pop(0)
            continue
        parts = frame.split(head, canv)
        if parts and frame.add(parts[0], canv, trySplit=1):
            story[0:1] = parts[1:]
            return
        if frame._atTop:
            # Nothing of it fits even on an empty page: fail loudly instead of looping.
            raise LayoutError(f"{head.__class__.__name__} does not fit on an empty page")
        return


def new_frame(rect: Rect) -> Frame:
    x, y, w, h = rect
    return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def story_height(story: Sequence[Flowable], width: float) -> float:
    """Height the story would take in one endless frame (for shrink-to-fit decisions)."""
    total = 0.0
    first = True
    for f in story:
        _, h = f.wrap(width, 1e6)
        total += h + f.getSpaceAfter() + (0 if first else f.getSpaceBefore())
        first = False
    return total


class Document:
    """A canvas writing to memory, used as ``with Document(...) as doc: ...; return doc.save(out)``.

    While open it turns off reportlab's ASCII85 wrapping of compressed streams: binary streams
    are valid PDF, a fifth smaller, and skipping the pure-Python encoder saves a sixth of a
    warm receipt. The switch is process-wide in reportlab (``rl_config.useA85``, read when a
    page or the file is written) and is put back on exit; a concurrent render elsewhere only
    ever sees a different but equally valid stream encoding.
    """

    def __init__(self, pagesize: tuple[float, float], *, title: str, subject: str = ""):
        register_fonts()
        self._buf = io.BytesIO()
        # initialFontName: reportlab otherwise primes each page with Helvetica.
        self.canv = Canvas(self._buf, pagesize=pagesize, initialFontName=SANS, pageCompression=1)
        self.canv.setTitle(nfc(title))
        self.canv.setSubject(nfc(subject))
        self.canv.setCreator(f"onestop {__version__}")
        self.canv.setAuthor("onestop")
        self._a85 = rl_config.useA85

    def __enter__(self) -> Document:
        rl_config.useA85 = 0
        return self

    def __exit__(self, *exc: object) -> None:
        rl_config.useA85 = self._a85

    def save(self, out: Path | None = None) -> bytes:
        self.canv.save()
        data = self._buf.getvalue()
        if out is not None:
            Path(out).write_bytes(data)
        return data


class PageTotal:
    """'Trang 3/12' without laying out twice: the total is a form XObject that every page
    references and that is defined once the last page is known."""

    def __init__(self, name: str = "onestop_page_total"):
        self.name = name

    def draw(self, canv: Canvas, x_right: float, y: float, page: int, size: float = 7.5) -> None:
        label = f"Trang {page}/"
        width_total = stringWidth("000", SANS, size)
        canv.setFont(SANS, size)
        canv.drawRightString(x_right - width_total, y, label)
        canv.saveState()
        canv.translate(x_right - width_total, y)
        canv.doForm(self.name)
        canv.restoreState()
        self._size = size

    def define(self, canv: Canvas, total: int) -> None:
        canv.beginForm(self.name)
        canv.setFont(SANS, getattr(self, "_size", 7.5))
        canv.drawString(0, 0, str(total))
        canv.endForm()


def flow(
    canv: Canvas,
    pagesize: tuple[float, float],
    frames: Sequence[Rect],
    stories: Sequence[list[Flowable]],
    decorate: Callable[[Canvas, int, Sequence[bool]], None] | None = None,
) -> int:
    """Lays out parallel stories, story i always in frame i of each page, until all are empty.
    ``decorate(canvas, page, continues)`` draws running headers and footers; ``continues[i]``
    says whether story i goes on after this page. Returns the number of pages."""
    canv.setPageSize(pagesize)
    page = 0
    while any(stories):
        page += 1
        for rect, story in zip(frames, stories, strict=True):
            if story:
                fill(new_frame(rect), story, canv)
        if decorate is not None:
            decorate(canv, page, [bool(s) for s in stories])
        canv.showPage()
    return page


def small_text(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    *,
    size: float = 7,
    align: str = TA_LEFT,
    font: str = SANS,
) -> None:
    canv.setFont(font, size)
    text = nfc(text)
    if align == TA_CENTER:
        canv.drawCentredString(x, y, text)
    elif align == TA_RIGHT:
        canv.drawRightString(x, y, text)
    else:
        canv.drawString(x, y, text)


def page_marks(
    c: Canvas,
    page: int,
    continues: bool,
    *,
    left: float,
    right: float,
    top: float,
    bottom: float,
    running: str,
    label: str | None = None,
) -> None:
    """Marks of a stream that may run over several pages: "Trang k – xem tiếp trang sau" at
    the foot once it needs a second page, and from page 2 on a running line saying whose
    continuation this is (a loose A5 sheet must still be attributable to its dossier)."""
    if label:
        small_text(c, left, bottom, label, size=6.5, font=SANS_ITALIC)
    if page > 1 or continues:
        tail = " – xem tiếp trang sau" if continues else ""
        small_text(c, right, bottom, f"Trang {page}{tail}", size=6.5, align=TA_RIGHT)
    if page > 1:
        line = f"{running} (tiếp theo)"
        # Within the side margins: a long title, code and copy label overran an A5 page's width.
        size = fitted_size(nfc(line), SANS, 6.5, right - left)
        small_text(c, (left + right) / 2, top, line, size=size, align=TA_CENTER)


def fitted_size(text: str, font: str, size: float, width: float, smallest: float = 4.5) -> float:
    """``size``, or the smaller size at which ``text`` fits ``width`` (never below ``smallest``:
    a running line stays legible; the longest one any form makes fits at it)."""
    wide = stringWidth(text, font, size)
    return size if wide <= width else max(smallest, size * width / wide)
