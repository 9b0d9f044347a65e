"""The handover record between the counter and the post (Biên bản giao nhận hồ sơ / kết quả):
each dossier with its code and consignment number as Code 128 barcodes, so both sides can scan
instead of reading 25-character codes aloud."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from onestop.documents.barcodes import Code128Flowable
from onestop.documents.data import HandoverRecord, Office
from onestop.documents.fonts import SANS_ITALIC
from onestop.documents.layout import (
    A4,
    FILL_IN_NAME,
    MM,
    Document,
    HeaderBlock,
    PageTotal,
    Signature,
    flow,
    grid_style,
    p,
    signatures,
    small_text,
    styles,
)
from onestop.documents.vntext import nfc, para, place_date, two_digits, vn_time

TITLES = {
    "pickup": "BIÊN BẢN GIAO NHẬN HỒ SƠ",
    "delivery": "BIÊN BẢN GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
}
PERSON_HEADS = {
    "pickup": "Người nộp hồ sơ, địa chỉ",
    "delivery": "Người nhận kết quả, địa chỉ nhận",
}
PAGE_W, PAGE_H = A4
MARGIN_X = 18 * MM
MARGIN_TOP = 14 * MM
MARGIN_BOTTOM = 14 * MM
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
BAR_H = 22.0  # 7.8 mm: comfortable for a hand-held scanner


def _items_table(record: HandoverRecord) -> Table:
    st = styles(9.0)
    rows: list[list[object]] = [
        [
            p("TT", st.cell_head),
            p("Mã hồ sơ / Số hiệu bưu gửi", st.cell_head),
            p(PERSON_HEADS[record.kind], st.cell_head),
            p("Ghi chú", st.cell_head),
        ]
    ]
    for i, item in enumerate(record.items, 1):
        rows.append(
            [
                p(str(i), st.cell_center),
                [
                    Code128Flowable(
                        nfc(item.code), height=BAR_H, caption=f"Mã hồ sơ: {nfc(item.code)}"
                    ),
                    Spacer(1, 5),
                    Code128Flowable(
                        nfc(item.consignment),
                        height=BAR_H,
                        caption=f"Số hiệu bưu gửi: {nfc(item.consignment)}",
                    ),
                ],
                [p(f"<b>{para(item.applicant_name)}</b>", st.cell), p(para(item.address), st.cell)],
                p(f"Thu gom {para(item.reference)}", st.cell) if item.reference else "",
            ]
        )
    # The barcode column is as wide as the longest code at 4 printer dots per module.
    bar_w = 310.0
    widths = [22.0, bar_w, FRAME_W - 22 - bar_w - 50, 50.0]
    style = grid_style(
        [("VALIGN", (0, 1), (-1, -1), "MIDDLE"), ("ALIGN", (1, 1), (1, -1), "CENTER")], pad=4
    )
    return Table(rows, colWidths=widths, repeatRows=1, style=style)


def _named(name: str) -> str:
    """A party's name in bold, or a dotted line to write it by hand when nobody was named."""
    return f"<b>{para(name)}</b>" if name else FILL_IN_NAME


def render_handover(office: Office, record: HandoverRecord, *, out: Path | None = None) -> bytes:
    """A4 portrait; "pickup" records dossiers the postman brings in (they count as submitted
    at the signature), "delivery" records results handed to the post for home delivery."""
    if not record.items:
        raise ValueError("a handover record lists at least one dossier")
    st = styles(9.5)
    title = TITLES[record.kind]
    officer = f"Ông/Bà {_named(record.officer_name)}, cán bộ Bộ phận Một cửa"
    postman = f"Ông/Bà {_named(record.postman_name)}, nhân viên {para(record.post_office)}"
    postman += "".join(
        f", {label} {para(value)}"
        for label, value in (
            ("mã số nhân viên", record.postman_number),
            ("điện thoại", record.postman_phone),
        )
        if value
    )
    giver, taker = (postman, officer) if record.kind == "pickup" else (officer, postman)
    what = "hồ sơ" if record.kind == "pickup" else "kết quả giải quyết hồ sơ"
    n = len(record.items)
    story: list[Flowable] = [
        HeaderBlock(
            office.agency_name,
            office.unit_name,
            size=9,
            number_line=f"Số: {record.number}",
            date_line=place_date(office.place, record.at),
        ),
        p(title, st.title),
        Spacer(1, 6),
        p(f"Hôm nay, vào lúc {vn_time(record.at)}, tại Bộ phận Một cửa, chúng tôi gồm:", st.body),
        p(f"<b>Bên giao:</b> {giver}", st.indent),
        p(f"<b>Bên nhận:</b> {taker}", st.indent),
        p(f"Hai bên cùng kiểm đếm và giao nhận {two_digits(n)} {what} như sau:", st.body),
        Spacer(1, 3),
        _items_table(record),
        Spacer(1, 3),
        p(f"<b>Tổng số: {two_digits(n)} {what}.</b>", st.body),
        p(
            "Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.",
            st.body,
        ),
        signatures(
            [
                Signature("ĐẠI DIỆN BỘ PHẬN MỘT CỬA", name=record.officer_name),
                Signature("NHÂN VIÊN BƯU ĐIỆN", name=record.postman_name),
            ],
            FRAME_W,
            st,
            space=50,
        ),
    ]
    total = PageTotal()
    running = f"{title} – Số: {nfc(record.number)}"

    def decorate(c: Canvas, page: int, continues: list[bool]) -> None:
        y = MARGIN_BOTTOM * 0.45
        small_text(c, MARGIN_X, y, running, size=7, font=SANS_ITALIC)
        total.draw(c, PAGE_W - MARGIN_X, y, page, size=7)

    with Document(A4, title=f"{title} {record.number}", subject=record.post_office) as doc:
        frame = (MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H)
        pages = flow(doc.canv, A4, [frame], [story], decorate)
        total.define(doc.canv, pages)
        return doc.save(out)
