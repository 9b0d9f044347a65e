"""The periodic report on the handling of dossiers, in the layout offices file: dossiers to handle
(received in the period by channel, carried over), resolved (early, on time, late), still in
progress (within the limit, overdue), refused and stopped; per field with its procedures under
it; the agency header and the period. As a PDF (A4 landscape, DejaVu fonts embedded) and as an
XLSX workbook with the same lines and columns."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, LongTable, Spacer

from onestop.documents.data import Office
from onestop.documents.fonts import COND, COND_BOLD, SANS_ITALIC
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
from onestop.documents.vntext import nfc, short_date, vn_date
from onestop.domain.report import Figures

TITLE = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"
# (group heading, column heading) in order; "Trước hạn" and "Đúng hạn" are apart here (their sum
# is what the figures call on_time), so that the three resolved columns add up to the total.
COLUMNS = (
    ("Số hồ sơ phải giải quyết", "Tổng số"),
    ("Số hồ sơ phải giải quyết", "Trực tiếp"),
    ("Số hồ sơ phải giải quyết", "Bưu chính"),
    ("Số hồ sơ phải giải quyết", "Trực tuyến"),
    ("Số hồ sơ phải giải quyết", "Kỳ trước chuyển qua"),
    ("Đã giải quyết", "Tổng số"),
    ("Đã giải quyết", "Trước hạn"),
    ("Đã giải quyết", "Đúng hạn"),
    ("Đã giải quyết", "Quá hạn"),
    ("Đang giải quyết", "Tổng số"),
    ("Đang giải quyết", "Trong hạn"),
    ("Đang giải quyết", "Quá hạn"),
    ("Khác", "Từ chối"),
    ("Khác", "Dừng"),
)


def values(f: Figures) -> list[int]:
    """One line's numbers, in the order of COLUMNS."""
    channels = f.received_by_channel
    return [
        f.received + f.carried_over,
        channels.get("counter", 0),
        channels.get("postal", 0),
        channels.get("online", 0),
        f.carried_over,
        f.resolved,
        f.early,
        f.on_time - f.early,
        f.late,
        f.open,
        f.within_limit,
        f.overdue,
        f.refused,
        f.stopped,
    ]


@dataclass(frozen=True)
class Line:
    """One line of the report: level 0 the whole office, 1 a field, 2 a procedure of it."""

    label: str
    level: int
    figures: Figures


@dataclass(frozen=True)
class Sheet:
    office: Office
    first: date
    last: date
    lines: tuple[Line, ...]  # the total first, then each field followed by its procedures


def _numbering(lines: Sequence[Line]) -> list[str]:
    marks, field_n, proc_n = [], 0, 0
    for line in lines:
        if line.level == 0:
            marks.append("")
        elif line.level == 1:
            field_n, proc_n = field_n + 1, 0
            marks.append(_roman(field_n))
        else:
            proc_n += 1
            marks.append(str(proc_n))
    return marks


def _roman(n: int) -> str:
    out = ""
    for value, sign in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sign, n - value
    return out if n == 0 and out else str(n)


def _period(sheet: Sheet) -> str:
    return f"Kỳ báo cáo: từ {vn_date(sheet.first)} đến {vn_date(sheet.last)}"


def render_pdf(sheet: Sheet, *, out: Path | None = None) -> bytes:
    st = styles(9.0)
    page_w, page_h = A4_LANDSCAPE
    margin = 10 * MM
    frame_w = page_w - 2 * margin
    number_w, cell_w = 22.0, 40.0
    label_w = frame_w - number_w - cell_w * len(COLUMNS)
    head = styles(7.0, condensed_cells=True)
    groups = [g for g, _ in COLUMNS]
    data: list[list[object]] = [
        [p("STT", head.cell_head), p("Lĩnh vực, thủ tục hành chính", head.cell_head)]
        + [p(g, head.cell_head) for g in groups],
        ["", ""] + [p(c, head.cell_head) for _, c in COLUMNS],
    ]
    for mark, line in zip(_numbering(sheet.lines), sheet.lines, strict=True):
        label = "TỔNG CỘNG" if line.level == 0 else nfc(line.label)
        data.append([mark, p(label, head.cell)] + [str(v) for v in values(line.figures)])
    extra: list[tuple] = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
    start = 0
    for i in range(1, len(groups) + 1):  # span each group heading over its columns
        if i == len(groups) or groups[i] != groups[start]:
            extra.append(("SPAN", (2 + start, 0), (2 + i - 1, 0)))
            start = i
    extra += [
        ("FONTNAME", (0, 2), (-1, -1), COND),
        ("FONTSIZE", (0, 2), (-1, -1), 7.5),
        ("ALIGN", (2, 2), (-1, -1), "CENTER"),
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
    ]
    for row, line in enumerate(sheet.lines, start=2):
        if line.level < 2:
            extra.append(("FONTNAME", (0, row), (-1, row), COND_BOLD))
    table = LongTable(
        data,
        colWidths=[number_w, label_w] + [cell_w] * len(COLUMNS),
        repeatRows=2,
        style=grid_style(extra, header_rows=2),
    )
    office = sheet.office
    story: list[Flowable] = [
        HeaderBlock(office.agency_name, office.unit_name, size=8.5, left_share=0.5),
        p(TITLE, st.title),
        p(_period(sheet), st.center_italic),
        Spacer(1, 6),
        table,
    ]
    total = PageTotal()
    running = f"{TITLE} – {short_date(sheet.first)} đến {short_date(sheet.last)}"

    def decorate(c, page: int, continues: Sequence[bool]) -> None:
        y = margin * 0.45
        small_text(c, margin, y, running, size=7, font=SANS_ITALIC)
        total.draw(c, page_w - margin, y, page, size=7)

    with Document(A4_LANDSCAPE, title=f"{TITLE} {short_date(sheet.first)}") as doc:
        frame = (margin, margin, frame_w, page_h - 2 * margin)
        pages = flow(doc.canv, A4_LANDSCAPE, [frame], [story], decorate)
        total.define(doc.canv, pages)
        return doc.save(out)


def render_xlsx(sheet: Sheet, *, out: Path | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    ws.title = "Báo cáo"
    bold = Font(bold=True)
    ws.append([nfc(sheet.office.agency_name).upper()])
    ws.append([nfc(sheet.office.unit_name).upper()])
    ws.append([TITLE])
    ws.append([_period(sheet)])
    for row in range(1, 4):
        ws.cell(row, 1).font = bold
    ws.append([])
    ws.append(["STT", "Lĩnh vực, thủ tục hành chính"] + [g for g, _ in COLUMNS])
    ws.append(["", ""] + [c for _, c in COLUMNS])
    for row in (6, 7):
        for cell in ws[row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for mark, line in zip(_numbering(sheet.lines), sheet.lines, strict=True):
        label = "TỔNG CỘNG" if line.level == 0 else nfc(line.label)
        ws.append([mark, label, *values(line.figures)])
        if line.level < 2:
            for cell in ws[ws.max_row]:
                cell.font = bold
    ws.column_dimensions["B"].width = 48
    buf = io.BytesIO()
    book.save(buf)
    data = buf.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data


__all__ = ["COLUMNS", "Line", "Sheet", "render_pdf", "render_xlsx", "values"]
