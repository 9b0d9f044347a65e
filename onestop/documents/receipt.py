"""Mẫu 01: the receipt with the return appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from onestop.documents.barcodes import CodeBlock
from onestop.documents.data import DossierDoc, Office
from onestop.documents.layout import (
    A4_LANDSCAPE,
    A5,
    MM,
    Document,
    HeaderBlock,
    Para,
    Signature,
    Styles,
    field,
    flow,
    grid_style,
    p,
    page_marks,
    signatures,
    story_height,
    styles,
)
from onestop.documents.vntext import nfc, para, place_date, two_digits, vn_time
from onestop.domain.catalog import SHOWN_KIND
from onestop.domain.text import amount_in_words, format_vnd, sentence_case

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp")

# A5 page geometry; an A4 half uses the same frame so both layouts paginate identically.
MARGIN_X = 14 * MM
MARGIN_TOP = 11 * MM
MARGIN_BOTTOM = 12 * MM
FRAME_W = A5[0] - 2 * MARGIN_X
FRAME_H = A5[1] - MARGIN_TOP - MARGIN_BOTTOM
# Body sizes tried in turn so that a long list still fits one page; below 8 pt the form stops
# being comfortable to read, so a longer list continues on a following page instead.
SIZES = (9.0, 8.5, 8.0)


def _return_place(office: Office, d: DossierDoc) -> str:
    if d.return_by == "post":
        address = para(d.return_address or d.address) or "." * 40
        text = f"Qua dịch vụ bưu chính công ích đến địa chỉ: {address}"
        return text + (", miễn phí" if office.free_postal_return else "")
    return "Tại Bộ phận Một cửa"


def _fee(fee: int) -> str:
    if fee <= 0:
        return "Không thu"
    return f"{format_vnd(fee)} (Bằng chữ: {sentence_case(amount_in_words(fee))})"


def _documents_table(d: DossierDoc, st: Styles, width: float) -> Table:
    head = [
        p("TT", st.cell_head),
        p("Tên giấy tờ", st.cell_head),
        p("Hình thức", st.cell_head),
        p("Số lượng", st.cell_head),
    ]
    rows: list[list[object]] = [head]
    kept = [doc for doc in d.documents if doc.kind != SHOWN_KIND]
    for i, doc in enumerate(kept, 1):
        rows.append(
            [
                p(str(i), st.cell_center),
                p(para(doc.name), st.cell),
                p(para(doc.kind), st.cell_center),
                p(two_digits(doc.count), st.cell_center),
            ]
        )
    if not kept:
        rows.append([p("", st.cell), p("(không có)", st.cell), "", ""])
    kind_w = st.size * 9.2
    count_w = st.size * 4.6
    num_w = st.size * 2.4
    widths = [num_w, width - num_w - kind_w - count_w, kind_w, count_w]
    t = Table(rows, colWidths=widths, repeatRows=1, style=grid_style(), splitInRow=1)
    t.spaceBefore = 2
    t.spaceAfter = 2
    return t


def _case_line(d: DossierDoc, st: Styles) -> list[Flowable]:
    if not d.case_name:
        return []
    return [p(f"Trường hợp: <b>{para(d.case_name)}</b>", st.body)]


def _shown_line(d: DossierDoc, st: Styles) -> list[Flowable]:
    """Papers only shown for checking: named, and said to be handed back, never listed as kept."""
    shown = [doc.name for doc in d.documents if doc.kind == SHOWN_KIND]
    if not shown:
        return []
    names = "; ".join(para(name) for name in shown)
    return [p(f"Giấy tờ xuất trình để đối chiếu (đã trả lại người nộp): {names}.", st.body)]


class _CopyLabel(Para):
    """The "(Liên 1: Lưu)" line, the only flowable that differs between the copies."""


def _copy_label(label: str, st: Styles) -> _CopyLabel:
    return _CopyLabel(f"({para(label)})", st.center_italic)


def _is_label(f: Flowable) -> bool:
    return isinstance(f, _CopyLabel)


def _story(office: Office, d: DossierDoc, label: str, st: Styles, width: float) -> list[Flowable]:
    assert d.code is not None and d.received_at is not None and d.due_at is not None
    body = st.body
    dots = "." * 30
    qr = f"{office.lookup_url}{nfc(d.code)}" if office.lookup_url else None
    contacts = f"Số điện thoại: {para(d.phone) or '.' * 20}"
    contacts += f"&nbsp;&nbsp;&nbsp;&nbsp;E-mail: {para(d.email) or '.' * 20}"
    procedure = f"<b>{para(d.procedure_name)}</b>"
    meta = [f"Mã thủ tục: {para(d.procedure_code)}"] if d.procedure_code else []
    if d.field:
        meta.append(f"Lĩnh vực: {para(d.field)}")
    if meta:
        procedure += f" ({'; '.join(meta)})"

    story: list[Flowable] = [
        HeaderBlock(
            office.agency_name,
            office.unit_name,
            size=st.size - 1,
            date_line=place_date(office.place, d.received_at),
        ),
        p(TITLE, st.title),
        _copy_label(label, st),
        p(f"Mã hồ sơ: <b>{para(d.code)}</b>", st.center),
        Spacer(1, 2),
        CodeBlock(nfc(d.code), qr, bar_height=26),
        Spacer(1, 3),
        field("Tiếp nhận hồ sơ của:", d.applicant_name, body, bold=True),
        field("CCCD/Hộ chiếu số:", d.id_number, body),
        field("Địa chỉ:", d.address, body),
        p(contacts, body),
        p(f"Nội dung yêu cầu giải quyết: {procedure}", body),
        *_case_line(d, st),
        p("1. Thành phần hồ sơ nộp gồm:", body),
        _documents_table(d, st, width),
        *_shown_line(d, st),
        p(f"2. Số lượng hồ sơ: {two_digits(d.sets)} bộ.", body),
        p(f"3. Thời gian giải quyết hồ sơ theo quy định: {para(d.processing_text) or dots}.", body),
        p(f"4. Thời gian nhận hồ sơ: <b>{vn_time(d.received_at)}</b>.", body),
        p(f"5. Thời gian trả kết quả: <b>{vn_time(d.due_at)}</b>.", body),
        p(f"6. Nơi trả kết quả: {_return_place(office, d)}.", body),
        p(f"7. Phí, lệ phí: {_fee(d.fee)}.", body),
    ]
    if d.handling_agency:
        story.append(p(f"8. Cơ quan chủ trì giải quyết: {para(d.handling_agency)}.", body))
    if d.book_volume or d.book_number is not None:
        volume = para(d.book_volume) if d.book_volume else "....."
        number = str(d.book_number) if d.book_number is not None else "....."
        story.append(p(f"Vào Sổ theo dõi hồ sơ, Quyển số: {volume}, Số thứ tự: {number}.", body))
    if d.notes:
        story.append(p(f"Ghi chú: {para(d.notes)}", body))
    story.append(
        signatures(
            [
                Signature("NGƯỜI NỘP HỒ SƠ", name=d.applicant_name),
                Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=d.receiver_name),
            ],
            width,
            st,
            space=40,
        )
    )
    hints = []
    if office.lookup_url:
        hints.append(f"Tra cứu hồ sơ: {para(office.lookup_url)}{para(d.code)}")
    if office.phone:
        hints.append(f"Điện thoại hỗ trợ: {para(office.phone)}")
    if hints:
        story.append(Spacer(1, 4))
        story.append(p(" – ".join(hints), st.small_italic))
    return story


def _decorate_copy(c: Canvas, x0: float, label: str, code: str, page: int, more: bool) -> None:
    """The copy's label at the foot of each of its pages, page numbers once it runs over."""
    page_marks(
        c,
        page,
        more,
        left=x0 + MARGIN_X,
        right=x0 + A5[0] - MARGIN_X,
        top=A5[1] - MARGIN_TOP * 0.6,
        bottom=MARGIN_BOTTOM * 0.45,
        running=f"{TITLE} – Mã hồ sơ: {code} – {label}",
        label=label,
    )


def render_receipt(
    office: Office, dossier: DossierDoc, *, copies: int = 2, out: Path | None = None
) -> bytes:
    """The receipt, one copy per label: ``copies=2`` prints "Liên 1: Lưu" and "Liên 2: Giao
    người nộp"; ``copies=1`` prints only the applicant's copy (a reprint).

    ``office.receipt_layout`` "a5_pages": each copy on its own A5 page(s); "a4_halves": the two
    copies side by side on A4 landscape, to be cut along the dashed line. A document list too
    long for one page (after shrinking the type to 8 pt) continues on following pages of the
    same copy, with the header table row repeated.
    """
    if dossier.code is None or dossier.received_at is None or dossier.due_at is None:
        raise ValueError("a receipt needs the dossier code, the time received and the due time")
    if copies not in (1, 2):
        raise ValueError("copies must be 1 or 2")
    labels = COPY_LABELS if copies == 2 else COPY_LABELS[1:]
    code = nfc(dossier.code)

    for size in SIZES:
        st = styles(size)
        story = _story(office, dossier, labels[0], st, FRAME_W)
        if story_height(story, FRAME_W) <= FRAME_H:
            break
    # The copies differ only in their label: they share every other flowable (wrapped once,
    # drawn once per copy), which halves the cost of the second copy.
    stories = [story]
    for label in labels[1:]:
        stories.append([_copy_label(label, st) if _is_label(f) else f for f in story])

    halves = office.receipt_layout == "a4_halves"
    pagesize = A4_LANDSCAPE if halves else A5
    frame = (MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H)
    with Document(pagesize, title=f"{TITLE} {code}", subject=dossier.procedure_name) as doc:
        if halves:
            half = A4_LANDSCAPE[0] / 2
            lefts = [i * half + (half - A5[0]) / 2 for i in range(len(labels))]
            frames = [(x + MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H) for x in lefts]

            def decorate(c: Canvas, page: int, continues: list[bool]) -> None:
                for x, label, more in zip(lefts, labels, continues, strict=True):
                    _decorate_copy(c, x, label, code, page, more)
                # Cut line between the halves.
                c.saveState()
                c.setDash(3, 3)
                c.setLineWidth(0.3)
                c.line(half, 6 * MM, half, A5[1] - 6 * MM)
                c.restoreState()

            flow(doc.canv, pagesize, frames, stories, decorate)
        else:
            for label, story in zip(labels, stories, strict=True):

                def decorate(c: Canvas, page: int, more: list[bool], label: str = label) -> None:
                    _decorate_copy(c, 0, label, code, page, more[0])

                flow(doc.canv, pagesize, [frame], [story], decorate)
        return doc.save(out)


__all__ = ["COPY_LABELS", "render_receipt"]
