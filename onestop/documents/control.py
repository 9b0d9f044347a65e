"""Mẫu 06: the control slip that travels with the file (Phiếu kiểm soát quá trình giải quyết hồ
sơ): each hand-over with its time, its deadline and whether it was early, on time or late."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from onestop.documents.barcodes import Code128Flowable
from onestop.documents.data import DossierDoc, Office, Step
from onestop.documents.layout import (
    A5,
    MM,
    Document,
    HeaderBlock,
    field,
    flow,
    grid_style,
    p,
    page_marks,
    styles,
)
from onestop.documents.vntext import local, nfc, para, place_date, vn_time

TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
VERDICTS = ("early", "on_time", "late")
VERDICT_LABELS = ("Trước hạn", "Đúng hạn", "Quá hạn")

MARGIN_X = 13 * MM
MARGIN_TOP = 11 * MM
MARGIN_BOTTOM = 12 * MM
FRAME_W = A5[0] - 2 * MARGIN_X
FRAME_H = A5[1] - MARGIN_TOP - MARGIN_BOTTOM


def _when(dt: object) -> str:
    """Time over date, to keep the narrow columns narrow."""
    if dt is None:
        return ""
    t = local(dt)  # type: ignore[arg-type]
    return f"{t:%H:%M}<br/>{t:%d/%m/%Y}"


def _table(steps: Sequence[Step], blank_rows: int, size: float) -> Table:
    st = styles(size, condensed_cells=True)
    head, cell, center = st.cell_head, st.cell, st.cell_center
    rows: list[list[object]] = [
        [
            p("TT", head),
            p("Giao, nhận hồ sơ", head),
            p("Thời gian giao, nhận", head),
            p("Hạn xử lý", head),
            p("Kết quả", head),
            "",
            "",
            p("Ký nhận", head),
        ],
        ["", "", "", "", *(p(label.replace(" ", "<br/>"), head) for label in VERDICT_LABELS), ""],
    ]
    for i, s in enumerate(steps, 1):
        handover = f"Giao: {para(s.from_party)}<br/>Nhận: {para(s.to_party)}" + (
            f"<br/><i>{para(s.action)}</i>" if s.action else ""
        )
        marks = [p("X", center) if s.verdict == v else "" for v in VERDICTS]
        rows.append(
            [
                p(str(i), center),
                p(handover, cell),
                p(_when(s.at), center),
                p(_when(s.due_at), center),
                *marks,
                "",
            ]
        )
    for i in range(len(steps) + 1, len(steps) + 1 + blank_rows):
        rows.append(
            [p(str(i), center), p("Giao:<br/>Nhận:<br/>&nbsp;", cell), "", "", "", "", "", ""]
        )
    mark_w = 28.0  # "Trước" must not break inside the word
    fixed = [16.0, 0.0, 46.0, 46.0, mark_w, mark_w, mark_w, 36.0]
    fixed[1] = FRAME_W - sum(fixed)
    style = grid_style(
        [
            ("SPAN", (4, 0), (6, 0)),
            *((("SPAN", (c, 0), (c, 1))) for c in (0, 1, 2, 3, 7)),
            ("VALIGN", (4, 2), (6, -1), "MIDDLE"),
        ],
        header_rows=2,
        pad=2,
    )
    return Table(rows, colWidths=fixed, repeatRows=2, style=style, splitInRow=1)


def render_control(
    office: Office,
    dossier: DossierDoc,
    steps: Sequence[Step],
    *,
    blank_rows: int = 0,
    out: Path | None = None,
) -> bytes:
    """The control slip on A5. ``blank_rows`` adds empty numbered rows for hand-overs still to
    be written in by hand (the slip is often printed at reception and filled in as it goes)."""
    if dossier.code is None or dossier.received_at is None:
        raise ValueError("a control slip needs the dossier code and the time received")
    st = styles(8.5)
    code = nfc(dossier.code)
    story: list[Flowable] = [
        HeaderBlock(
            office.agency_name,
            office.unit_name,
            size=st.size - 0.5,
            date_line=place_date(office.place, dossier.received_at),
        ),
        p(TITLE, st.title),
        p(f"Mã hồ sơ: <b>{para(code)}</b>", st.center),
        Spacer(1, 2),
        Code128Flowable(code, height=22),
        p("(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", st.center_italic),
        Spacer(1, 3),
        field("Người nộp hồ sơ:", dossier.applicant_name, st.body, bold=True),
        field("Thủ tục:", dossier.procedure_name, st.body),
        field("Cơ quan chủ trì giải quyết:", dossier.handling_agency, st.body),
        p(f"Thời gian nhận hồ sơ: {vn_time(dossier.received_at)}", st.body),
    ]
    if dossier.due_at is not None:
        story.append(p(f"Thời gian hẹn trả kết quả: <b>{vn_time(dossier.due_at)}</b>", st.body))
    story += [Spacer(1, 4), _table(steps, blank_rows, st.size)]

    running = f"{TITLE} – Mã hồ sơ: {code}"

    def decorate(c: Canvas, page: int, continues: list[bool]) -> None:
        page_marks(
            c,
            page,
            continues[0],
            left=MARGIN_X,
            right=A5[0] - MARGIN_X,
            top=A5[1] - MARGIN_TOP * 0.6,
            bottom=MARGIN_BOTTOM * 0.45,
            running=running,
        )

    with Document(A5, title=f"{TITLE} {code}", subject=dossier.procedure_name) as doc:
        flow(doc.canv, A5, [(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H)], [story], decorate)
        return doc.save(out)
