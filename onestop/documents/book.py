"""Mẫu 07: the tracking book (Sổ theo dõi hồ sơ), the reception log on A4 landscape, with its
header row repeated on every page and "Trang x/y" at the foot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Spacer

from onestop.documents.data import BookRow, Office
from onestop.documents.fonts import COND, SANS_ITALIC
from onestop.documents.layout import (
    A4_LANDSCAPE,
    MM,
    Document,
    HeaderBlock,
    PageTotal,
    flow,
    grid_style,
    p,
    small_text,
    styles,
)
from onestop.documents.vntext import local, nfc, short_date, vn_date

TITLE = "SỔ THEO DÕI HỒ SƠ"
COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Số lượng hồ sơ",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả",
    "Trả kết quả (ngày, ký nhận)",
    "Ghi chú",
)
# Widths in points of all columns but the code and the procedure, which share what is left.
_FIXED = {0: 24, 3: 32, 4: 74, 5: 98, 6: 66, 7: 44, 8: 44, 9: 50, 10: 44, 11: 58, 12: 46}

PAGE_W, PAGE_H = A4_LANDSCAPE
MARGIN_X = 10 * MM
MARGIN_TOP = 10 * MM
MARGIN_BOTTOM = 11 * MM
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

OVERDUE_SHADE = colors.Color(1.0, 0.88, 0.88)
CELL_FONT = COND
CELL_SIZE = 7.0
CELL_LEADING = 8.4
PAD = 2.0


def wrap_cell(text: str, width: float) -> str:
    """Pre-wrapped plain-string cell ("\\n" between lines).

    Five thousand Paragraphs for a 400-row book cost most of a second; measuring words with
    ``stringWidth`` and letting the table draw plain lines is an order of magnitude cheaper.
    Words wider than the column (long codes, e-mail addresses) are cut by characters rather
    than overflowing into the next column.
    """
    text = nfc(text)
    if not text:
        return ""
    out: list[str] = []
    for line in simpleSplit(text, CELL_FONT, CELL_SIZE, width):
        if stringWidth(line, CELL_FONT, CELL_SIZE) <= width:
            out.append(line)
            continue
        piece = ""
        for ch in line:
            if piece and stringWidth(piece + ch, CELL_FONT, CELL_SIZE) > width:
                out.append(piece)
                piece = ch
            else:
                piece += ch
        out.append(piece)
    return "\n".join(out)


def _when(dt: datetime | None) -> str:
    if dt is None:
        return ""
    t = local(dt)
    return f"{t:%H:%M}\n{t:%d/%m/%Y}"


def _procedure(row: BookRow) -> str:
    # A procedure with cases has different times and fees per case: the book names the case.
    return (
        f"{row.procedure_name} – Trường hợp: {row.case_name}"
        if row.case_name
        else row.procedure_name
    )


def _number(r: BookRow, volumes: int) -> str:
    """STT: the running number in its book; with several books (counters) in one print, the
    book's counter under it ("Q.01")."""
    if r.number is None:
        return ""
    if volumes > 1 and r.volume:
        return f"{r.number}\nQ.{r.volume.split('/')[0]}"
    return str(r.number)


def _due(r: BookRow) -> str:
    """The due date; an extended dossier shows the date it had, then the new one."""
    if r.previous_due_at is None:
        return _when(r.due_at)
    return f"{_when(r.previous_due_at)}\nGia hạn đến\n{_when(r.due_at)}"


def _notes(r: BookRow) -> str:
    """What the book marks before the status: overdue or late, and the extension."""
    marks = []
    if r.overdue:
        marks.append("QUÁ HẠN")
    elif r.late:
        marks.append("Trễ hạn")
    if r.extended_at is not None:
        when = local(r.extended_at)
        late = " (đã trễ hạn)" if r.late_extension else ""
        marks.append(f"Xin lỗi, gia hạn ngày {when:%d/%m/%Y}{late}")
    if r.notes:
        marks.append(r.notes)
    return "; ".join(marks)


def _widths(rows: Sequence[BookRow]) -> list[float]:
    longest = max((stringWidth(nfc(r.code), CELL_FONT, CELL_SIZE) for r in rows), default=60.0)
    code_w = min(max(longest + 2 * PAD + 1, 64.0), 120.0)
    widths = [float(_FIXED.get(i, 0)) for i in range(len(COLUMNS))]
    widths[1] = code_w
    widths[2] = FRAME_W - sum(widths)
    return widths


def _table(rows: Sequence[BookRow]) -> LongTable:
    st = styles(8.0, condensed_cells=True)
    widths = _widths(rows)
    inner = [w - 2 * PAD for w in widths]
    data: list[list[object]] = [
        [p(h, st.cell_head) for h in COLUMNS],
        [p(f"({i})", st.cell_head) for i in range(1, len(COLUMNS) + 1)],
    ]
    volumes = len({r.volume for r in rows})
    for r in rows:
        data.append(
            [
                _number(r, volumes),
                wrap_cell(r.code, inner[1]),
                wrap_cell(_procedure(r), inner[2]),
                str(r.sets),
                wrap_cell(r.applicant_name, inner[4]),
                wrap_cell(r.address_phone, inner[5]),
                wrap_cell(r.handling_agency, inner[6]),
                _when(r.received_at),
                _due(r),
                _when(r.sent_at),
                _when(r.result_at),
                # Room under the date for the applicant's signature.
                (_when(r.returned_at) + "\n\n") if r.returned_at else "",
                wrap_cell(_notes(r), inner[12]),
            ]
        )
    style = grid_style(
        [
            ("FONTNAME", (0, 2), (-1, -1), CELL_FONT),
            ("FONTSIZE", (0, 2), (-1, -1), CELL_SIZE),
            ("LEADING", (0, 2), (-1, -1), CELL_LEADING),
            ("ALIGN", (0, 2), (0, -1), "CENTER"),
            ("ALIGN", (3, 2), (3, -1), "CENTER"),
            ("ALIGN", (7, 2), (11, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            # Overdue lines stand out on the page as well as in their notes.
            *(
                ("BACKGROUND", (0, i), (-1, i), OVERDUE_SHADE)
                for i, r in enumerate(rows, 2)
                if r.overdue
            ),
        ],
        header_rows=2,
        pad=PAD,
    )
    return LongTable(data, colWidths=widths, repeatRows=2, style=style, splitInRow=1)


def render_book(
    office: Office,
    rows: Sequence[BookRow],
    start: date,
    end: date,
    *,
    out: Path | None = None,
) -> bytes:
    """The tracking book for the dossiers received from ``start`` to ``end`` (inclusive), in
    the order given (the running number continues through the year, so it is not renumbered)."""
    st = styles(9.0)
    period = f"Từ {vn_date(start)} đến {vn_date(end)}"
    story: list[Flowable] = [
        HeaderBlock(office.agency_name, office.unit_name, size=8.5, left_share=0.5),
        p(TITLE, st.title),
        p(period, st.center_italic),
        Spacer(1, 6),
        _table(rows),
    ]
    total = PageTotal()
    running = f"{TITLE} – {nfc(office.unit_name)} – {short_date(start)} đến {short_date(end)}"

    def decorate(c: Canvas, page: int, continues: list[bool]) -> None:
        y = MARGIN_BOTTOM * 0.45
        small_text(c, MARGIN_X, y, running, size=7, font=SANS_ITALIC)
        total.draw(c, PAGE_W - MARGIN_X, y, page, size=7)

    title = f"{TITLE} {short_date(start)}-{short_date(end)}"
    with Document(A4_LANDSCAPE, title=title) as doc:
        frame = (MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H)
        pages = flow(doc.canv, A4_LANDSCAPE, [frame], [story], decorate)
        total.define(doc.canv, pages)
        return doc.save(out)


__all__ = ["COLUMNS", "render_book"]
