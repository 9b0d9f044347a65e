"""Benchmark of the form renderers: a warm two-copy receipt against a bare-canvas floor, and a
400-dossier tracking book. Run: ``uv run python tests/benchmarks/bench_documents.py``."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from onestop.documents import (
    BookRow,
    DocumentLine,
    DossierDoc,
    Office,
    render_book,
    render_receipt,
)
from onestop.documents.barcodes import draw_code128
from onestop.documents.fonts import SANS, SANS_BOLD, register_fonts
from onestop.documents.layout import A5, Document
from onestop.documents.vntext import vn_time

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
RECEIPT_TARGET = 0.030
BOOK_TARGET = 1.0

OFFICE = Office(agency_name="ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN", phone="0296 3841 234")
DOSSIER = DossierDoc(
    code="000.00.53.H48-261116-0099",
    procedure_code="1.001193",
    procedure_name="Đăng ký khai sinh",
    field="Hộ tịch",
    applicant_name="Đặng Thị Hoa Rây",
    id_number="089186000123",
    address="Số 12, đường Trần Hưng Đạo, phường Long Xuyên, tỉnh An Giang",
    phone="0912345678",
    email="hoaray@example.vn",
    documents=(
        DocumentLine("Tờ khai đăng ký khai sinh theo mẫu", "bản chính", 1),
        DocumentLine("Giấy chứng sinh do cơ sở y tế cấp", "bản chính", 1),
        DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ", "bản sao", 1),
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
)


def floor_receipt() -> bytes:
    """The same words and barcode drawn straight on a canvas: no layout, no wrapping, no
    tables. What any receipt costs at least with reportlab and these embedded fonts."""
    d = DOSSIER
    assert d.received_at and d.due_at and d.code
    lines = [
        OFFICE.agency_name,
        OFFICE.unit_name,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Long Xuyên, ngày 16 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {d.code}",
        f"Tiếp nhận hồ sơ của: {d.applicant_name}",
        f"CCCD/Hộ chiếu số: {d.id_number}",
        f"Địa chỉ: {d.address}",
        f"Số điện thoại: {d.phone}    E-mail: {d.email}",
        f"Nội dung yêu cầu giải quyết: {d.procedure_name}",
        *(f"{i}. {x.name} – {x.kind} – {x.count:02d}" for i, x in enumerate(d.documents, 1)),
        "2. Số lượng hồ sơ: 01 bộ.",
        f"3. Thời gian giải quyết hồ sơ theo quy định: {d.processing_text}.",
        f"4. Thời gian nhận hồ sơ: {vn_time(d.received_at)}.",
        f"5. Thời gian trả kết quả: {vn_time(d.due_at)}.",
        "6. Nơi trả kết quả: Qua dịch vụ bưu chính công ích đến địa chỉ: Số 12, đường Trần",
        "Hưng Đạo, phường Long Xuyên, tỉnh An Giang, miễn phí.",
        "7. Phí, lệ phí: 50.000 đ (Bằng chữ: Năm mươi nghìn đồng).",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 1234.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        d.applicant_name,
        d.receiver_name,
    ]
    # Same canvas settings as the forms (embedded fonts, compression, binary streams).
    with Document(A5, title="floor") as doc:
        canv = doc.canv
        for label in ("Liên 1: Lưu", "Liên 2: Giao người nộp"):
            y = A5[1] - 40
            for i, line in enumerate([label, *lines]):
                canv.setFont(SANS_BOLD if i % 5 == 0 else SANS, 9)
                canv.drawString(40, y, line)
                y -= 12
                if i == 7:
                    draw_code128(canv, d.code, 40, y - 28, height=26)
                    y -= 40
            canv.showPage()
        return doc.save()


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
                applicant_name="Đặng Thị Hoa Rây"
                if i % 2
                else "Công ty TNHH Thương mại Long Xuyên",
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


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm: fonts parsed, caches filled
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    t = time.perf_counter()
    register_fonts()
    print(f"font registration (cold, once per process): {1000 * (time.perf_counter() - t):.1f} ms")

    receipt = median_seconds(lambda: render_receipt(OFFICE, DOSSIER), 60)
    floor = median_seconds(floor_receipt, 60)
    rows = book_rows(400)
    book = median_seconds(
        lambda: render_book(OFFICE, rows, date(2026, 11, 1), date(2026, 11, 30)), 5
    )
    ok_receipt = receipt < RECEIPT_TARGET
    ok_book = book < BOOK_TARGET
    print(
        f"receipt, 2 copies, warm median: {1000 * receipt:.1f} ms "
        f"(target < {1000 * RECEIPT_TARGET:.0f} ms) {'OK' if ok_receipt else 'SLOW'}"
    )
    print(f"bare-canvas floor, same text and barcode: {1000 * floor:.1f} ms")
    print(f"receipt / floor ratio: {receipt / floor:.1f}x")
    print(
        f"tracking book, 400 dossiers, median: {1000 * book:.0f} ms "
        f"(target < {1000 * BOOK_TARGET:.0f} ms) {'OK' if ok_book else 'SLOW'}"
    )
    return 0 if ok_receipt and ok_book else 1


if __name__ == "__main__":
    sys.exit(main())
