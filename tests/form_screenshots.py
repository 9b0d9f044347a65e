"""Every printed form, rendered from a fresh demo store through the services, as PNG for looking at
the layout (clipped Vietnamese, overlapping lines) and for the README.

    uv run python tests/form_screenshots.py [OUT_DIR]

Writes resources/screenshots/forms/*.png (or OUT_DIR) with ``pdftoppm -r 100``; the clock stands
on Monday 16 November 2026, 15:40, and the officers act with their demo accounts.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from onestop.documents import DocumentLine, render_receipt
from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from onestop.services import dossiers, forms, postal, report
from onestop.services.context import Context
from onestop.services.forms import dossier_doc, office
from onestop.services.postal import HandoverLine, PickupInput
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.setup import initialize
from onestop.store import repository as repo
from onestop.store.db import open_local

ROOT = Path(__file__).resolve().parents[1]
ADDRESS = "Số 12, đường Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
NOW = datetime(2026, 11, 16, 15, 40, tzinfo=VN_TZ)


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


def png(pdf: bytes, out: Path, name: str, pages: int = 1) -> None:
    """The first ``pages`` pages of ``pdf`` as ``name``.png (``name``_pageN.png when several)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.pdf"
        path.write_bytes(pdf)
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", str(pages), path, stem],
            check=True,
        )
        made = sorted(Path(tmp).glob("page*.png"))
        for i, page in enumerate(made, 1):
            target = out / (f"{name}_page{i}.png" if len(made) > 1 else f"{name}.png")
            target.write_bytes(page.read_bytes())
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)


def receipt_variants(ctx: Context, code: str, out: Path) -> None:
    """The receipt with 30 documents (its list runs onto a second page) and on A4 halves."""
    with ctx.store.reading() as session:
        doc = dossier_doc(session, repo.dossier_by_code(session, code))
    many = tuple(
        DocumentLine(f"Giấy tờ kèm theo số {i} (bản sao có chứng thực)", "bản sao", 1)
        for i in range(1, 31)
    )
    png(
        render_receipt(office(ctx), replace(doc, documents=many), copies=1),
        out,
        "01_receipt_30_documents",
        2,
    )
    halves = replace(office(ctx), receipt_layout="a4_halves")
    png(render_receipt(halves, doc), out, "01_receipt_a4_halves")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    clock_now = [NOW]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_local(Path(tmp))
        base = Context(store=store, actor="can.bo", clock=lambda: clock_now[0])
        initialize(base, demo=True)
        counter = base  # can.bo, Nguyễn Thị Thu Hà, as the local operator (every action)
        leader = Context(store=store, actor="lanh.dao", clock=base.clock)

        def take(name: str, procedure: str, at: datetime, **kw) -> str:
            req = ReceiveRequest(
                procedure_code=procedure,
                applicant_name=name,
                id_number=kw.pop("id_number", "089186000123"),
                phone=kw.pop("phone", "0912345678"),
                address=kw.pop("address", ADDRESS),
                received_at=at,
                **kw,
            )
            return receive(counter, req).code

        a = take("Đặng Thị Hoa Rây", "1.004873", vn(2026, 11, 9, 9, 5), return_by="post")
        png(forms.receipt_pdf(counter, a), out, "01_receipt_a5")
        receipt_variants(counter, a, out)
        b = take("Nguyễn Văn An", "1.001612", vn(2026, 11, 9, 9, 40))
        forms.request_supplement(
            counter,
            b,
            ["Bản sao giấy tờ pháp lý của cá nhân", "Văn bản ủy quyền (trường hợp ủy quyền)"],
            at=vn(2026, 11, 10, 10, 0),
            reason="Hồ sơ chưa đủ thành phần theo quy định",
        )
        png(forms.supplement_pdf(counter, b), out, "02_supplement")
        c = take("Trần Văn Bình", "1.004884", vn(2026, 11, 9, 10, 15))
        forms.refuse(counter, c, ["Không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường"])
        png(forms.refusal_pdf(counter, c), out, "03_refusal")
        guided = forms.guide_at_counter(
            counter,
            "refusal",
            "1.000894",
            "Lê Thị Cúc",
            ["Hai bên nam, nữ phải có mặt khi đăng ký kết hôn"],
            at=vn(2026, 11, 16, 9, 0),
        )
        png(forms.guidance_pdf(counter, guided.id), out, "03_refusal_not_accepted")
        d = take("Phạm Văn Dũng", "1.004873", vn(2026, 11, 9, 14, 0))
        forms.extend(
            leader,
            d,
            vn(2026, 11, 19, 17, 0),
            "cần xác minh thêm thông tin tại nơi cư trú trước đây",
            at=vn(2026, 11, 11, 10, 0),
        )
        png(forms.apology_pdf(leader, d), out, "04_apology")
        e = take("Võ Thị Em", "1.001612", vn(2026, 11, 9, 14, 30))
        forms.stop(counter, e, "người nộp hồ sơ có văn bản rút hồ sơ", at=vn(2026, 11, 12, 8, 0))
        png(forms.stop_pdf(counter, e), out, "05_stop")
        dossiers.mark_result_ready(counter, a, at=vn(2026, 11, 11, 15, 0))
        png(forms.control_pdf(counter, a), out, "06_control")
        late = take("Hồ Văn Giang", "1.004873", vn(2026, 11, 10, 8, 30))
        forms.extend(
            leader,
            late,
            vn(2026, 11, 20, 17, 0),
            "chờ ý kiến của cơ quan liên quan",
            at=vn(2026, 11, 16, 8, 0),
            late=True,
        )
        for i, name in enumerate(("Ngô Thị Hạnh", "Bùi Văn Ích", "Lý Thị Kim"), 1):
            take(name, "1.001193", vn(2026, 11, 10, 9, 10 * i))
        for i in range(18):  # enough lines for a second page of the book
            take(f"Người nộp số {i + 1:02d}", "1.001612", vn(2026, 11, 12, 8, i * 3))
        png(forms.book_pdf(counter, date(2026, 11, 9), date(2026, 11, 16)), out, "07_book", 2)
        postal.handover(
            counter,
            "delivery",
            [HandoverLine(a, make_s10("RR", 12345678))],
            postman_name="Trần Văn Bưu",
            at=vn(2026, 11, 16, 10, 0),
        )
        record = postal.records_of_day(counter, date(2026, 11, 16))[0].record
        png(postal.handover_pdf(counter, record), out, "08_handover_delivery")
        pick = postal.request_pickup(
            counter,
            PickupInput(
                procedure_code="1.001193",
                applicant_name="Mai Thị Lan",
                phone="0987654321",
                address="Ấp Hòa Thạnh, Xã Mỹ Hòa Hưng, Tỉnh An Giang",
                day=date(2026, 11, 16),
            ),
        )
        clock_now[0] = NOW
        out_pickup = postal.handover(
            counter,
            "pickup",
            [HandoverLine(pick.ref, make_s10("EE", 87654321))],
            postman_name="Trần Văn Bưu",
            at=vn(2026, 11, 16, 14, 0),
        )
        png(postal.handover_pdf(counter, out_pickup.record), out, "08_handover_pickup")
        png(report.report_pdf(leader, date(2026, 11, 9), date(2026, 11, 16)), out, "09_report")
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots" / "forms")
