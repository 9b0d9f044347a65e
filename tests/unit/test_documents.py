"""The paper forms, checked on the real PDFs: text read back with pypdf, font dictionaries,
page sizes, and barcodes decoded by zxing-cpp from a 300 dpi rendering by poppler."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
import zxingcpp
from barcode import Code128
from PIL import Image

from onestop.documents import (
    BookRow,
    DocumentLine,
    DossierDoc,
    HandoverItem,
    HandoverRecord,
    Office,
    Step,
    place_date,
    render_apology,
    render_book,
    render_control,
    render_handover,
    render_receipt,
    render_refusal,
    render_stop,
    render_supplement,
    vn_date,
    vn_time,
)
from onestop.documents.barcodes import DOT, MIN_MODULE, MODULE, code128_runs, draw_code128
from onestop.documents.book import COLUMNS

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
A5 = (419.53, 595.28)
A4 = (595.28, 841.89)
STANDARD_14 = (
    "Helvetica",
    "Times",
    "Courier",
    "Symbol",
    "ZapfDingbats",
)
CODE = "000.00.53.H48-261116-0099"
NAME = "Đặng Thị Hoa Rây"


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def office() -> Office:
    return Office(
        agency_name="ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        phone="0296 3841 234",
        lookup_url="https://dichvucong.angiang.gov.vn/tra-cuu?ma=",
    )


@pytest.fixture
def dossier() -> DossierDoc:
    return DossierDoc(
        code=CODE,
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        field="Hộ tịch",
        applicant_name=NAME,
        id_number="089186000123",
        address="Số 12, đường Trần Hưng Đạo, phường Long Xuyên, tỉnh An Giang",
        phone="0912345678",
        email="hoaray@example.vn",
        documents=(
            DocumentLine("Tờ khai đăng ký khai sinh theo mẫu", "bản chính", 1),
            DocumentLine("Giấy chứng sinh do cơ sở y tế cấp", "bản chính", 1),
            DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ", "bản sao", 2),
        ),
        processing_text="15 ngày làm việc",
        received_at=datetime(2026, 11, 16, 9, 5, tzinfo=TZ),
        due_at=datetime(2026, 12, 7, 16, 0, tzinfo=TZ),
        return_by="post",
        return_address="Số 12, đường Trần Hưng Đạo, phường Long Xuyên, tỉnh An Giang",
        fee=50_000,
        receiver_name="Nguyễn Văn Tiếp",
        book_volume="01/2026",
        book_number=1234,
        handling_agency="Phòng Văn hóa - Xã hội",
    )


def thirty_documents() -> tuple[DocumentLine, ...]:
    return tuple(
        DocumentLine(
            f"Tài liệu số {i:02d}: bản vẽ thiết kế mặt bằng, mặt cắt và thuyết minh kèm theo"
            if i % 3 == 0
            else f"Tài liệu số {i:02d}",
            "bản sao chứng thực" if i % 2 else "bản chính",
            i % 3 + 1,
        )
        for i in range(1, 31)
    )


def s10(prefix: str, serial: int) -> str:
    """A valid UPU S10 consignment number (weights 8 6 4 2 3 5 9 7)."""
    digits = f"{serial:08d}"
    total = sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = {10: 0, 11: 5}.get(11 - total % 11, 11 - total % 11)
    return f"{prefix}{digits}{check}VN"


def book_rows(n: int) -> list[BookRow]:
    t = datetime(2026, 11, 2, 7, 30, tzinfo=TZ)
    rows = []
    for i in range(n):
        t += timedelta(minutes=7 + i % 23)
        rows.append(
            BookRow(
                number=1001 + i,
                code=f"000.00.53.H48-{t:%y%m%d}-{i + 1:04d}",
                procedure_name=(
                    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp"
                    if i % 4 == 0
                    else "Đăng ký khai sinh"
                ),
                sets=1 + i % 3,
                applicant_name=NAME if i % 2 else "Công ty TNHH Thương mại Dịch vụ Long Xuyên",
                address_phone=f"Số {i}, đường Hà Hoàng Hổ, phường Mỹ Xuyên – 09{i:08d}",
                handling_agency="Phòng Văn hóa - Xã hội",
                received_at=t,
                due_at=t + timedelta(days=10),
                sent_at=t + timedelta(hours=2) if i % 2 else None,
                result_at=t + timedelta(days=8) if i % 3 == 0 else None,
                returned_at=t + timedelta(days=9) if i % 5 == 0 else None,
                notes="Trả qua bưu điện" if i % 7 == 0 else "",
            )
        )
    return rows


def handover_record(n: int = 3, kind: str = "pickup") -> HandoverRecord:
    names = (NAME, "Nguyễn Văn An", "Công ty TNHH Thương mại Dịch vụ Xuất nhập khẩu Long Xuyên")
    items = tuple(
        HandoverItem(
            f"000.00.53.H48-261116-{i + 1:04d}",
            s10("RR", 12_345_678 + 97 * i),
            names[i % 3],
            f"Số {i + 3}, đường Lý Thái Tổ, phường Mỹ Thới, tỉnh An Giang",
        )
        for i in range(n)
    )
    return HandoverRecord(
        number="15/BB-BPMC",
        kind=kind,  # type: ignore[arg-type]
        at=datetime(2026, 11, 16, 14, 30, tzinfo=TZ),
        items=items,
        officer_name="Nguyễn Văn Tiếp",
        postman_name="Phạm Văn Bưu",
        post_office="Bưu điện phường Long Xuyên",
    )


# --- helpers ------------------------------------------------------------------------------------


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page with whitespace runs collapsed (line breaks fall between words)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def all_fonts(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    """Every font dictionary reachable from the pages' resources, form XObjects included."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts: dict[int, pypdf.generic.DictionaryObject] = {}
    seen: set[int] = set()

    def walk(resources: object) -> None:
        if resources is None:
            return
        res = resources.get_object()  # type: ignore[attr-defined]
        if id(res) in seen:
            return
        seen.add(id(res))
        for ref in (res.get("/Font") or {}).values():
            font = ref.get_object()
            fonts[id(font)] = font
        for ref in (res.get("/XObject") or {}).values():
            xobj = ref.get_object()
            if xobj.get("/Subtype") == "/Form":
                walk(xobj.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return list(fonts.values())


def need_pdftoppm() -> str:
    tool = shutil.which("pdftoppm")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is required under CI")
        pytest.skip("pdftoppm (poppler-utils) not installed")
    return tool


def rasterise(pdf: bytes, *, dpi: int = 300) -> list[Image.Image]:
    """Every page as a greyscale image, rendered by poppler (an independent PDF renderer)."""
    tool = need_pdftoppm()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        subprocess.run(
            [tool, "-r", str(dpi), "-gray", str(src), str(Path(tmp, "page"))],
            check=True,
            capture_output=True,
        )
        # pdftoppm pads page numbers to equal width, so the names sort in page order.
        return [Image.open(f).copy() for f in sorted(Path(tmp).glob("page*.pgm"))]


def decode_code128(pdf: bytes) -> list[str]:
    found: list[str] = []
    for img in rasterise(pdf):
        found += [
            r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.Code128)
        ]
    return found


# --- helpers of the package ---------------------------------------------------------------------


def test_vietnamese_dates_follow_the_decree_zero_padding() -> None:
    assert vn_date(date(2026, 11, 16)) == "ngày 16 tháng 11 năm 2026"
    # Days below 10 and the months 1 and 2 take a leading zero; other months do not.
    assert vn_date(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert vn_date(date(2026, 1, 9)) == "ngày 09 tháng 01 năm 2026"
    assert vn_date(date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"


def test_times_print_in_vietnam_time() -> None:
    assert vn_time(datetime(2026, 11, 16, 9, 5, tzinfo=TZ)) == (
        "09 giờ 05 phút, ngày 16 tháng 11 năm 2026"
    )
    # 02:05 UTC is 09:05 in Hà Nội; 20:00 UTC on the 15th is already the 16th there.
    assert vn_time(datetime(2026, 11, 16, 2, 5, tzinfo=UTC)).startswith("09 giờ 05 phút")
    assert vn_date(datetime(2026, 11, 15, 20, 0, tzinfo=UTC)) == "ngày 16 tháng 11 năm 2026"
    assert place_date("Long Xuyên", date(2026, 11, 16)) == "Long Xuyên, ngày 16 tháng 11 năm 2026"


def test_code128_pattern_comes_from_python_barcode() -> None:
    modules, runs = code128_runs(CODE)
    assert modules > 11 * len(CODE) // 2
    assert runs[0][0] == 0  # the start character begins with a bar
    assert MODULE >= MIN_MODULE >= 0.3 * 72 / 25.4 - 1e-9


class _RecordingCanvas:
    """Just enough of a canvas to capture the rectangles of a barcode drawn at an offset."""

    def __init__(self, offset: float):
        self.offset = offset
        self.rects: list[tuple[float, float, float, float]] = []

    def absolutePosition(self, x: float, y: float) -> tuple[float, float]:
        return x + self.offset, y

    def beginPath(self) -> _RecordingCanvas:
        return self

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.rects.append((x, y, w, h))

    def drawPath(self, path: object, stroke: int, fill: int) -> None:
        assert fill == 1 and stroke == 0


def test_bars_reproduce_the_pattern_on_the_printer_grid() -> None:
    canv = _RecordingCanvas(offset=13.37)
    width = draw_code128(canv, CODE, 0.5, 10.0)  # type: ignore[arg-type]
    pattern = Code128(CODE).build()[0]
    assert width == pytest.approx((len(pattern) + 20) * MODULE)
    first = canv.rects[0][0]
    # The first bar starts on a 300 dpi dot in page coordinates, after the quiet zone.
    dots = (first + canv.offset) / DOT
    assert dots == pytest.approx(round(dots), abs=1e-6)
    assert first - 0.5 == pytest.approx(10 * MODULE, abs=DOT)
    modules = ["0"] * len(pattern)
    for x, _, w, _ in canv.rects:
        start, run = round((x - first) / MODULE), round(w / MODULE)
        assert w == pytest.approx(run * MODULE)
        modules[start : start + run] = ["1"] * run
    assert "".join(modules) == pattern


# --- the receipt --------------------------------------------------------------------------------


def test_receipt_carries_the_required_content(office: Office, dossier: DossierDoc) -> None:
    pdf = render_receipt(office, dossier)
    text = text_of(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "Long Xuyên, ngày 16 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        NAME,
        "089186000123",
        "0912345678",
        "hoaray@example.vn",
        "Đăng ký khai sinh",
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh do cơ sở y tế cấp",
        "Giấy chứng nhận kết hôn của cha, mẹ",
        "bản sao",
        "Số lượng hồ sơ: 01 bộ",
        "15 ngày làm việc",
        "Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 16 tháng 11 năm 2026",
        "Thời gian trả kết quả: 16 giờ 00 phút, ngày 07 tháng 12 năm 2026",
        "Qua dịch vụ bưu chính công ích đến địa chỉ: Số 12, đường Trần Hưng Đạo",
        "miễn phí",
        "50.000",
        "Năm mươi nghìn đồng",
        "Quyển số: 01/2026",
        "Số thứ tự: 1234",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Nguyễn Văn Tiếp",
    ):
        assert expected in text, expected


def test_receipt_two_copies_on_a5_pages(office: Office, dossier: DossierDoc) -> None:
    pdf = render_receipt(office, dossier)
    pages = page_texts(pdf)
    assert len(pages) == 2
    for w, h in page_sizes(pdf):
        assert w == pytest.approx(A5[0], abs=0.01)
        assert h == pytest.approx(A5[1], abs=0.01)
    assert "Liên 1: Lưu" in pages[0] and "Liên 2" not in pages[0]
    assert "Liên 2: Giao người nộp" in pages[1] and "Liên 1" not in pages[1]


def test_receipt_counter_return_and_no_fee(office: Office, dossier: DossierDoc) -> None:
    d = dataclasses.replace(dossier, return_by="counter", fee=0)
    text = text_of(render_receipt(office, d, copies=1))
    assert "Tại Bộ phận Một cửa" in text
    assert "bưu chính" not in text
    assert "Không thu" in text
    assert "Liên 2: Giao người nộp" in text and "Liên 1" not in text


def test_receipt_on_a4_halves(office: Office, dossier: DossierDoc) -> None:
    o = dataclasses.replace(office, receipt_layout="a4_halves")
    pdf = render_receipt(o, dossier)
    assert page_sizes(pdf) == [pytest.approx((A4[1], A4[0]), abs=0.01)]
    text = text_of(pdf)
    assert "Liên 1: Lưu" in text and "Liên 2: Giao người nộp" in text
    assert text.count(NAME) >= 2


def test_decomposed_input_is_printed_composed(office: Office, dossier: DossierDoc) -> None:
    nfd = unicodedata.normalize("NFD", NAME)
    assert nfd != NAME
    text = text_of(render_receipt(office, dataclasses.replace(dossier, applicant_name=nfd)))
    assert NAME in text


def test_receipt_with_thirty_documents_keeps_every_name(
    office: Office, dossier: DossierDoc
) -> None:
    docs = thirty_documents()
    d = dataclasses.replace(dossier, documents=docs)
    pdf = render_receipt(office, d)
    pages = page_texts(pdf)
    text = " ".join(pages)
    for doc in docs:
        assert doc.name in text, doc.name
    # Each copy continues on its own pages: a copy's pages carry its label only.
    first = [i for i, t in enumerate(pages) if "Liên 1: Lưu" in t]
    second = [i for i, t in enumerate(pages) if "Liên 2: Giao người nộp" in t]
    assert len(first) == len(second) >= 2
    assert max(first) < min(second)
    assert "xem tiếp trang sau" in pages[0]
    assert "(tiếp theo)" in pages[1]
    # The signatures are not lost at the end of each copy.
    assert text.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 2
    # Halves keep the copies paired page by page.
    o = dataclasses.replace(office, receipt_layout="a4_halves")
    halves = page_texts(render_receipt(o, d))
    assert len(halves) == len(first)
    for doc in docs:
        assert " ".join(halves).count(doc.name) == 2


def test_receipt_needs_a_code(office: Office, dossier: DossierDoc) -> None:
    with pytest.raises(ValueError):
        render_receipt(office, dataclasses.replace(dossier, code=None))
    with pytest.raises(ValueError):
        render_receipt(office, dossier, copies=3)


def test_receipt_barcode_decodes_at_300_dpi(office: Office, dossier: DossierDoc) -> None:
    pdf = render_receipt(office, dossier)
    decoded = decode_code128(pdf)
    assert decoded == [CODE, CODE]  # one per copy


def test_receipt_qr_code_points_to_the_lookup(office: Office, dossier: DossierDoc) -> None:
    pdf = render_receipt(office, dossier, copies=1)
    [img] = rasterise(pdf)
    qr = [r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert qr == [f"{office.lookup_url}{CODE}"]


def test_out_path_receives_the_same_bytes(office: Office, dossier: DossierDoc, tmp_path) -> None:
    target = tmp_path / "receipt.pdf"
    data = render_receipt(office, dossier, out=target)
    assert data.startswith(b"%PDF-") and target.read_bytes() == data


# --- fonts of every form ------------------------------------------------------------------------


def all_forms(office: Office, dossier: DossierDoc) -> dict[str, bytes]:
    at = datetime(2026, 11, 16, 10, 0, tzinfo=TZ)
    t0 = dossier.received_at
    assert t0 is not None
    steps = [
        Step(t0, "Bộ phận Một cửa", "Phòng Văn hóa - Xã hội", "Chuyển hồ sơ", t0, "on_time"),
        Step(
            t0 + timedelta(days=2), "Phòng Văn hóa - Xã hội", "Lãnh đạo", "Trình ký", None, "late"
        ),
    ]
    return {
        "receipt": render_receipt(office, dossier),
        "supplement": render_supplement(office, dossier, ["Bản sao giấy chứng nhận kết hôn"], at),
        "refusal": render_refusal(office, dossier, ["Không thuộc thẩm quyền"], at),
        "apology": render_apology(office, dossier, t0 + timedelta(days=30), "cần xác minh", at),
        "stop": render_stop(office, dossier, "người nộp rút hồ sơ", at),
        "control": render_control(office, dossier, steps),
        "book": render_book(office, book_rows(30), date(2026, 11, 1), date(2026, 11, 30)),
        "handover": render_handover(office, handover_record()),
    }


def test_every_font_is_embedded_truetype_and_no_standard_font(
    office: Office, dossier: DossierDoc
) -> None:
    for name, pdf in all_forms(office, dossier).items():
        fonts = all_fonts(pdf)
        assert fonts, name
        for font in fonts:
            base = str(font.get("/BaseFont"))
            assert font.get("/Subtype") == "/TrueType", (name, base)
            assert not any(std in base for std in STANDARD_14), (name, base)
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, (name, base)
            assert "DejaVu" in base, (name, base)
        assert b"Helvetica" not in pdf and b"/Type1" not in pdf, name


def test_every_form_prints_composed_text(office: Office, dossier: DossierDoc) -> None:
    for name, pdf in all_forms(office, dossier).items():
        text = text_of(pdf)
        assert unicodedata.is_normalized("NFC", text), name


def test_user_text_is_not_markup(office: Office, dossier: DossierDoc) -> None:
    d = dataclasses.replace(
        dossier, applicant_name="Công ty A & B <Việt Nam>", notes="x <b>y</b> & z"
    )
    text = text_of(render_receipt(office, d))
    assert "Công ty A & B <Việt Nam>" in text
    assert "x <b>y</b> & z" in text


def test_stream_encoding_switch_is_restored(
    office: Office, dossier: DossierDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab import rl_config

    import onestop.documents.receipt as receipt_module

    before = rl_config.useA85
    render_receipt(office, dossier)
    assert rl_config.useA85 == before

    def broken_flow(*args: object, **kwargs: object) -> int:
        assert rl_config.useA85 == 0  # binary streams while the document is open
        raise RuntimeError("layout failed")

    monkeypatch.setattr(receipt_module, "flow", broken_flow)
    with pytest.raises(RuntimeError):
        render_receipt(office, dossier)
    assert rl_config.useA85 == before


def test_a_document_longer_than_a_page_splits_inside_its_row(
    office: Office, dossier: DossierDoc
) -> None:
    huge = DocumentLine("Bản thuyết minh " * 900, "bản chính", 1)
    d = dataclasses.replace(dossier, documents=(huge, *dossier.documents))
    pages = page_texts(render_receipt(office, d, copies=1))
    assert len(pages) > 2
    assert "Giấy chứng nhận kết hôn của cha, mẹ" in " ".join(pages)


# --- the letters --------------------------------------------------------------------------------


def test_supplement_lists_everything_missing(office: Office, dossier: DossierDoc) -> None:
    missing = ["Bản sao Giấy chứng nhận kết hôn", "Văn bản ủy quyền có chứng thực", "Tờ khai đủ"]
    at = datetime(2026, 11, 16, 9, 30, tzinfo=TZ)
    pdf = render_supplement(office, dossier, missing, at, reason="Thiếu thành phần hồ sơ")
    text = text_of(pdf)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    for i, item in enumerate(missing, 1):
        assert f"{i}. {item}" in text
    assert "Thiếu thành phần hồ sơ" in text and NAME in text and CODE in text
    assert page_sizes(pdf) == [pytest.approx(A5, abs=0.01)]
    assert decode_code128(pdf) == [CODE]


def test_supplement_and_refusal_without_a_code(office: Office, dossier: DossierDoc) -> None:
    walk_in = DossierDoc(
        code=None,
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        applicant_name=NAME,
    )
    at = datetime(2026, 11, 16, 9, 30, tzinfo=TZ)
    for pdf in (
        render_supplement(office, walk_in, ["Giấy chứng sinh"], at),
        render_refusal(office, walk_in, ["Không thuộc thẩm quyền", "Người nộp không có quyền"], at),
    ):
        text = text_of(pdf)
        assert NAME in text and "Đăng ký khai sinh" in text
        assert "Mã hồ sơ" not in text
        assert decode_code128(pdf) == []
    assert "2. Người nộp không có quyền" in text


def test_apology_states_old_and_new_dates(office: Office, dossier: DossierDoc) -> None:
    new_due = datetime(2026, 12, 14, 16, 0, tzinfo=TZ)
    at = datetime(2026, 12, 4, 8, 0, tzinfo=TZ)
    text = text_of(render_apology(office, dossier, new_due, "cần xác minh thêm", at))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "16 giờ 00 phút, ngày 07 tháng 12 năm 2026" in text
    assert "16 giờ 00 phút, ngày 14 tháng 12 năm 2026" in text
    assert "cần xác minh thêm" in text and f"Kính gửi: Ông/Bà {NAME}" in text
    with pytest.raises(ValueError):
        render_apology(office, dossier, dossier.due_at, "x", at)  # type: ignore[arg-type]


def test_stop_notice(office: Office, dossier: DossierDoc) -> None:
    at = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
    text = text_of(render_stop(office, dossier, "người nộp rút hồ sơ", at))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "10 giờ 00 phút, ngày 20 tháng 11 năm 2026" in text
    assert "người nộp rút hồ sơ" in text and CODE in text


def test_control_slip_marks_each_step(office: Office, dossier: DossierDoc) -> None:
    t0 = datetime(2026, 11, 16, 9, 5, tzinfo=TZ)
    steps = [
        Step(t0, "Bộ phận Một cửa", "Phòng Văn hóa - Xã hội", "Chuyển hồ sơ", t0, "on_time"),
        Step(t0 + timedelta(days=1), "Phòng Văn hóa - Xã hội", "Lãnh đạo", "Trình ký", t0, "late"),
        Step(t0 + timedelta(days=2), "Lãnh đạo", "Bộ phận Một cửa", "Trả kết quả", None, "early"),
    ]
    pdf = render_control(office, dossier, steps, blank_rows=2)
    text = text_of(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    for label in ("Trước hạn", "Đúng hạn", "Quá hạn"):
        assert label in text
    assert text.split().count("X") == 3
    assert "Giao: Phòng Văn hóa - Xã hội" in text and "Nhận: Lãnh đạo" in text
    assert page_sizes(pdf) == [pytest.approx(A5, abs=0.01)]
    assert decode_code128(pdf) == [CODE]


# --- the tracking book --------------------------------------------------------------------------


def test_book_of_400_rows(office: Office) -> None:
    rows = book_rows(400)
    pdf = render_book(office, rows, date(2026, 11, 1), date(2026, 11, 30))
    pages = page_texts(pdf)
    assert len(pages) > 10
    for w, h in page_sizes(pdf):
        assert (w, h) == (pytest.approx(A4[1], abs=0.01), pytest.approx(A4[0], abs=0.01))
    text = " ".join(pages)
    for row in rows:
        assert row.code in text, row.code
    assert "SỔ THEO DÕI HỒ SƠ" in pages[0]
    assert "Từ ngày 01 tháng 11 năm 2026 đến ngày 30 tháng 11 năm 2026" in pages[0]
    # The header row repeats on every page, with every column.
    for page in pages:
        for column in ("Mã hồ sơ", "Tên TTHC", "Cơ quan chủ trì giải quyết", "Ghi chú"):
            assert column in page
        assert "(13)" in page
    # "Trang x/y" with the real total on each page.
    for i, page in enumerate(pages, 1):
        assert re.search(rf"Trang {i}/\s*{len(pages)}\b", page), page[-80:]
    assert len(COLUMNS) == 13


# --- the handover record ------------------------------------------------------------------------


def test_handover_barcodes_decode(office: Office) -> None:
    record = handover_record(4)
    assert record.items[0].consignment == "RR123456785VN"
    pdf = render_handover(office, record)
    decoded = set(decode_code128(pdf))
    for item in record.items:
        assert item.code in decoded
        assert item.consignment in decoded
    text = text_of(pdf)
    assert "BIÊN BẢN GIAO NHẬN HỒ SƠ" in text
    assert "ĐẠI DIỆN BỘ PHẬN MỘT CỬA" in text and "NHÂN VIÊN BƯU ĐIỆN" in text
    assert "Tổng số: 04 hồ sơ" in text
    assert "Phạm Văn Bưu" in text and "Bưu điện phường Long Xuyên" in text


def test_handover_of_results_over_several_pages(office: Office) -> None:
    record = handover_record(20, kind="delivery")
    pdf = render_handover(office, record)
    pages = page_texts(pdf)
    assert len(pages) > 1
    text = " ".join(pages)
    assert "BIÊN BẢN GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ" in text
    assert "Tổng số: 20 kết quả giải quyết hồ sơ" in text
    for item in record.items:
        assert item.consignment in text
    assert all(page_sizes(pdf)[i] == pytest.approx(A4, abs=0.01) for i in range(len(pages)))
    # Signatures come once, after the last item.
    assert text.count("NHÂN VIÊN BƯU ĐIỆN") == 1
    assert text.index("NHÂN VIÊN BƯU ĐIỆN") > text.index(record.items[-1].consignment)
