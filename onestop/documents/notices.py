"""Mẫu 02-05, the A5 letters to the applicant: supplement request, refusal, apology with a new
return date, and stop-processing notice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from onestop.documents.barcodes import Code128Flowable
from onestop.documents.data import DossierDoc, Office
from onestop.documents.layout import (
    A5,
    FILL_IN_NAME,
    MM,
    NUMBER_LINE,
    Document,
    HeaderBlock,
    Signature,
    Styles,
    balanced_split,
    field,
    flow,
    p,
    page_marks,
    plain_style,
    signatures,
    styles,
)
from onestop.documents.vntext import nfc, para, place_date, vn_date, vn_time

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
# Mẫu 04 of Circular 03/2025/TT-VPCP (the 2018 form was "... và hẹn lại ngày trả kết quả").
APOLOGY_TITLE = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
STOP_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"

MARGIN_X = 15 * MM
MARGIN_TOP = 11 * MM
MARGIN_BOTTOM = 12 * MM
FRAME_W = A5[0] - 2 * MARGIN_X
FRAME_H = A5[1] - MARGIN_TOP - MARGIN_BOTTOM
HEAD_SIGNATURE = Signature("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)")


def _balanced_title(title: str, st: Styles) -> str:
    """A title too long for one line broken into even lines ("... GIA HẠN / THỜI GIAN GIẢI
    QUYẾT"), not a full line and a short tail."""
    lines = balanced_split(nfc(title), st.title.fontName, st.title.fontSize, FRAME_W - 2)
    return "<br/>".join(para(line) for line in lines)


def _phone(number: str) -> str:
    """A phone number kept on one line."""
    return para(number).replace(" ", "&nbsp;")


def _opening(
    office: Office,
    title: str,
    code: str | None,
    at: datetime,
    st: Styles,
    addressee: str | None = None,
) -> list[Flowable]:
    story: list[Flowable] = [
        HeaderBlock(
            office.agency_name,
            office.unit_name,
            size=st.size - 1,
            number_line=NUMBER_LINE,
            date_line=place_date(office.place, at),
        ),
        p(_balanced_title(title, st), st.title),
    ]
    if code:
        story += [
            p(f"Mã hồ sơ: <b>{para(code)}</b>", st.center),
            Spacer(1, 2),
            Code128Flowable(nfc(code), height=22),
        ]
    story.append(Spacer(1, 4))
    if addressee:
        story += [p(f"Kính gửi: Ông/Bà <b>{para(addressee)}</b>", st.center), Spacer(1, 3)]
    return story


def _applicant(d: DossierDoc, st: Styles, *, label: str = "Hồ sơ của:") -> list[Flowable]:
    rows: list[Flowable] = [field(label, d.applicant_name, st.body, bold=True)]
    if d.address:
        rows.append(field("Địa chỉ:", d.address, st.body))
    contacts = []
    if d.phone:
        contacts.append(f"Số điện thoại: {para(d.phone)}")
    if d.email:
        contacts.append(f"E-mail: {para(d.email)}")
    if contacts:
        rows.append(p("&nbsp;&nbsp;&nbsp;&nbsp;".join(contacts), st.body))
    rows.append(p(f"Nội dung yêu cầu giải quyết: <b>{para(d.procedure_name)}</b>", st.body))
    return rows


def _numbered(items: Sequence[str], st: Styles) -> list[Flowable]:
    return [p(f"{i}. {para(item)}", st.indent) for i, item in enumerate(items, 1)]


def _recipients(d: DossierDoc, st: Styles) -> Table:
    """'Nơi nhận' at the left of the head's signature, as on official letters."""
    lines = [
        p("<b><i>Nơi nhận:</i></b>", st.small),
        p(f"- Ông/Bà {para(d.applicant_name)};", st.small),
        p("- Lưu: hồ sơ.", st.small),
    ]
    sig = signatures([HEAD_SIGNATURE], FRAME_W * 0.55, st)
    t = Table([[lines, sig]], colWidths=[FRAME_W * 0.45, FRAME_W * 0.55], style=plain_style())
    t.spaceBefore = 6
    return t


def _render(
    title: str, code: str | None, story: list[Flowable], out: Path | None, subject: str
) -> bytes:
    running = f"{title} – Mã hồ sơ: {code}" if code else title

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

    with Document(A5, title=f"{title} {code or ''}".strip(), subject=subject) as doc:
        flow(doc.canv, A5, [(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H)], [story], decorate)
        return doc.save(out)


def render_supplement(
    office: Office,
    dossier: DossierDoc,
    missing: Sequence[str],
    at: datetime,
    reason: str | None = None,
    *,
    officer: str = "",
    out: Path | None = None,
) -> bytes:
    """Mẫu 02: everything missing, asked at once and numbered, the reason, and whom to contact:
    ``officer``, the guiding officer who recorded the request ("" leaves the name to be written
    by hand), at the office's phone. Works for a dossier not accepted at the counter
    (``dossier.code`` None: no barcode, applicant and procedure only)."""
    if not missing:
        raise ValueError("a supplement request lists at least one missing item")
    st = styles(9.0)
    story = _opening(office, SUPPLEMENT_TITLE, dossier.code, at, st)
    story += _applicant(dossier, st)
    if dossier.code and dossier.received_at:
        story.append(p(f"Thời gian nhận hồ sơ: {vn_time(dossier.received_at)}.", st.body))
    story.append(p("Yêu cầu ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", st.body))
    story += _numbered(missing, st)
    story.append(p(f"Lý do: {para(reason) if reason else '.' * 60}", st.body))
    who = f"<b>{para(officer)}</b>" if officer else FILL_IN_NAME
    phone = _phone(office.phone) if office.phone else "." * 24
    story.append(
        p(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với người hướng"
            f" dẫn: Ông/Bà {who}, số điện thoại {phone} để được hướng dẫn./.",
            st.body,
        )
    )
    story.append(signatures([None, Signature("NGƯỜI HƯỚNG DẪN", name=officer)], FRAME_W, st))
    return _render(SUPPLEMENT_TITLE, dossier.code, story, out, dossier.procedure_name)


def render_refusal(
    office: Office,
    dossier: DossierDoc,
    reasons: Sequence[str],
    at: datetime,
    *,
    out: Path | None = None,
) -> bytes:
    """Mẫu 03: refusal with its specific reasons, numbered (also for ``code`` None)."""
    if not reasons:
        raise ValueError("a refusal states at least one reason")
    st = styles(9.0)
    story = _opening(office, REFUSAL_TITLE, dossier.code, at, st)
    story += _applicant(dossier, st, label="Tiếp nhận hồ sơ của:")
    if dossier.code and dossier.received_at:
        story.append(p(f"Thời gian nhận hồ sơ: {vn_time(dossier.received_at)}.", st.body))
    story.append(
        p(
            "Qua xem xét, chúng tôi thông báo không tiếp nhận, giải quyết hồ sơ này"
            " với lý do cụ thể như sau:",
            st.body,
        )
    )
    story += _numbered(reasons, st)
    story.append(p("Xin thông báo để ông/bà được biết và thực hiện./.", st.body))
    story.append(
        signatures(
            [None, Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=dossier.receiver_name)],
            FRAME_W,
            st,
        )
    )
    return _render(REFUSAL_TITLE, dossier.code, story, out, dossier.procedure_name)


def _require_received(dossier: DossierDoc, form: str) -> tuple[str, datetime, datetime]:
    if dossier.code is None or dossier.received_at is None or dossier.due_at is None:
        raise ValueError(f"{form} needs the dossier code, the time received and the due time")
    return dossier.code, dossier.received_at, dossier.due_at


def render_apology(
    office: Office,
    dossier: DossierDoc,
    new_due: datetime,
    reason: str,
    at: datetime,
    *,
    out: Path | None = None,
) -> bytes:
    """Mẫu 04: apology for a late result and the new return date."""
    code, received, due = _require_received(dossier, "an apology")
    if new_due <= due:
        raise ValueError("the new return date must be later than the current one")
    st = styles(9.0)
    story = _opening(office, APOLOGY_TITLE, code, at, st, dossier.applicant_name)
    story += [
        p(
            f"Ngày {vn_date(received).removeprefix('ngày ')}, chúng tôi đã tiếp nhận hồ sơ của"
            f" ông/bà đề nghị giải quyết thủ tục: <b>{para(dossier.procedure_name)}</b>"
            f" (mã hồ sơ: {para(code)}). Thời gian hẹn trả kết quả: {vn_time(due)}.",
            st.justify,
        ),
        p(
            f"Đến nay, hồ sơ của ông/bà chưa được giải quyết xong đúng hạn, lý do: {para(reason)}.",
            st.justify,
        ),
        p(
            "Sự chậm trễ này đã gây phiền hà, tốn kém thời gian và chi phí đi lại của ông/bà."
            " Chúng tôi trân trọng xin lỗi ông/bà và đề nghị gia hạn thời gian giải quyết,"
            f" hẹn trả kết quả giải quyết hồ sơ vào: <b>{vn_time(new_due)}</b>.",
            st.justify,
        ),
    ]
    if dossier.return_by == "post":
        address = para(dossier.return_address or dossier.address)
        story.append(
            p(
                f"Kết quả sẽ được gửi qua dịch vụ bưu chính công ích đến địa chỉ: {address}.",
                st.justify,
            )
        )
    story.append(p("Rất mong nhận được sự thông cảm của ông/bà./.", st.justify))
    story.append(_recipients(dossier, st))
    return _render(APOLOGY_TITLE, code, story, out, dossier.procedure_name)


def render_stop(
    office: Office,
    dossier: DossierDoc,
    reason: str,
    at: datetime,
    *,
    out: Path | None = None,
) -> bytes:
    """Mẫu 05: notice that processing of the dossier stops (the 2025 form; its exact fields are
    not confirmed, so it states the dossier, the moment, the reason and what to do next)."""
    code, received, _ = _require_received(dossier, "a stop notice")
    st = styles(9.0)
    story = _opening(office, STOP_TITLE, code, at, st, dossier.applicant_name)
    contact = f" (điện thoại {_phone(office.phone)})" if office.phone else ""
    story += [
        p(
            f"Ngày {vn_date(received).removeprefix('ngày ')}, chúng tôi đã tiếp nhận hồ sơ của"
            f" ông/bà đề nghị giải quyết thủ tục: <b>{para(dossier.procedure_name)}</b>"
            f" (mã hồ sơ: {para(code)}).",
            st.justify,
        ),
        p(
            f"Chúng tôi thông báo dừng giải quyết hồ sơ nêu trên kể từ {vn_time(at)},"
            f" lý do: {para(reason)}.",
            st.justify,
        ),
        p(
            f"Đề nghị ông/bà liên hệ Bộ phận Một cửa{contact} để được hướng dẫn và nhận lại hồ sơ.",
            st.justify,
        ),
        p("Xin thông báo để ông/bà được biết./.", st.justify),
        _recipients(dossier, st),
    ]
    return _render(STOP_TITLE, code, story, out, dossier.procedure_name)
