"""Issue 14, items 4-7, through the real command line on a scratch store: extensions refused on
the due date's day unless ``--late`` (and then still late in the figures), Mẫu 04's 2025 title,
Mẫu 02's reason and contact, the "Số" line of forms 02-05, officers named by their accounts and
never by an operating-system login, and the configurable unit name on every form."""

from __future__ import annotations

import getpass
import io
import json
import re

import pypdf
import pytest

from tests.helpers import dump
from tests.helpers import run_cli as run

PROC = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days
UNIT = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG MẪU"
# Received Mon 9 Nov 2026 09:00: day 0 that day, due Thu 12 Nov at the closing (17:00).
RECEIVED = "2026-11-09T09:00+07:00"
DUE = "2026-11-12T17:00:00+07:00"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("law_forms")
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")
    return d


def receive(store, name: str, *, user: str | None = None) -> dict:
    who = ["--user", user] if user else []
    out = run(
        store,
        *who,
        "receive",
        "--procedure",
        PROC,
        "--name",
        name,
        "--received-at",
        RECEIVED,
        "--json",
    )
    return json.loads(out.stdout)


def pdf_text(store, tmp_path, kind: str, target: str | None = None, *extra: str) -> str:
    out = tmp_path / f"{kind}.pdf"
    args = [kind, target] if target else [kind]
    run(store, "print", *args, "--out", str(out), *extra)
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_demo_prints_the_2025_unit_and_never_a_login(store, tmp_path):
    code = receive(store, "Trần Thị Bích")["code"]
    assert json.loads(run(store, "show", code, "--json").stdout)["due_at"] == DUE
    text = pdf_text(store, tmp_path, "receipt", code)
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text
    # Received by the operating system's user, who has no account: no name, a line to fill in.
    login = getpass.getuser()
    assert not re.search(rf"\b{re.escape(login)}\b", text)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) ....." in text
    # An account prints its full name.
    code2 = receive(store, "Lê Văn Cường", user="can.bo")["code"]
    assert "Nguyễn Thị Thu Hà" in pdf_text(store, tmp_path, "receipt", code2)


def test_extension_on_the_due_day_is_refused_unless_late(store, tmp_path):
    code = receive(store, "Phạm Văn Đức")["code"]
    before = dump(store)
    proc = run(
        store,
        "extend",
        code,
        "--new-due",
        "2026-11-19T17:00+07:00",
        "--reason",
        "cần xác minh",
        "--at",
        "2026-11-12T09:00+07:00",
        check=2,
    )
    assert "at" in proc.stderr and "--late" in proc.stderr
    assert dump(store) == before
    # --late for a dossier still in time says something untrue: refused too.
    proc = run(
        store,
        "extend",
        code,
        "--new-due",
        "2026-11-19T17:00+07:00",
        "--reason",
        "cần xác minh",
        "--at",
        "2026-11-11T09:00+07:00",
        "--late",
        check=2,
    )
    assert "late" in proc.stderr
    assert dump(store) == before
    # Late, with --late: recorded, and still overdue in the figures after the new date was set.
    out = json.loads(
        run(
            store,
            "extend",
            code,
            "--new-due",
            "2026-12-18T17:00+07:00",
            "--reason",
            "cần xác minh thêm",
            "--at",
            "2026-11-13T09:00+07:00",
            "--late",
            "--json",
        ).stdout
    )
    assert out["due_at"] == "2026-12-18T17:00:00+07:00"
    extended = [e for e in out["events"] if e["type"] == "extended"]
    assert extended[0]["payload"]["late"] is True
    assert extended[0]["payload"]["previous_due_at"] == DUE
    text = pdf_text(store, tmp_path, "apology", code)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "HẸN LẠI NGÀY" not in text
    assert "18 tháng 12 năm 2026" in text and "12 tháng 11 năm 2026" in text
    assert re.search(r"Số: …+/…+", text)

    def figures() -> dict:
        report = run(store, "report", "--from", "2026-11-09", "--to", "2026-11-30", "--json")
        return json.loads(report.stdout)

    # Open after the late apology: overdue against the date without the extension.
    seen = figures()
    assert seen["overdue"] >= 1
    run(store, "result", code, "--at", "2026-11-20T10:00+07:00")
    seen = figures()
    assert seen["late_with_apology"] == 1 and seen["late"] >= 1


def test_an_extension_a_working_day_before_is_allowed(store):
    code = receive(store, "Võ Thị Em")["code"]
    out = json.loads(
        run(
            store,
            "extend",
            code,
            "--new-due",
            "2026-11-19T17:00+07:00",
            "--reason",
            "cần xác minh",
            "--at",
            "2026-11-11T16:00+07:00",
            "--json",
        ).stdout
    )
    extended = next(e for e in out["events"] if e["type"] == "extended")
    assert "late" not in extended["payload"]


def test_supplement_names_its_reason_and_the_officer_who_asked(store, tmp_path):
    # Received by the operating system's user; the request recorded by the account can.bo.
    code = receive(store, "Đặng Thị Hoa Rây")["code"]
    run(
        store,
        "--user",
        "can.bo",
        "supplement",
        code,
        "--missing",
        "Bản sao giấy khai sinh",
        "--reason",
        "Thiếu giấy tờ chứng minh nhân thân",
        "--at",
        "2026-11-10T09:00+07:00",
    )
    text = pdf_text(store, tmp_path, "supplement", code)
    assert "Lý do: Thiếu giấy tờ chứng minh nhân thân" in text
    assert "Ông/Bà Nguyễn Thị Thu Hà, số điện thoại 0296 3 999 999" in text
    assert re.search(r"Số: …+/…+", text)
    # The refusal and the stop notice carry the number line too.
    code2 = receive(store, "Bùi Văn Giang")["code"]
    run(store, "refuse", code2, "--reason", "Không thuộc thẩm quyền", "--at", RECEIVED)
    assert re.search(r"Số: …+/…+", pdf_text(store, tmp_path, "refusal", code2))
    code3 = receive(store, "Hồ Thị Hạnh")["code"]
    run(store, "stop", code3, "--reason", "Người nộp rút hồ sơ", "--at", RECEIVED)
    assert re.search(r"Số: …+/…+", pdf_text(store, tmp_path, "stop", code3))


def test_supplement_by_a_login_leaves_the_officer_to_be_named(store, tmp_path):
    code = receive(store, "Ngô Văn Ích")["code"]
    run(store, "supplement", code, "--missing", "Tờ khai", "--at", "2026-11-10T09:00+07:00")
    text = pdf_text(store, tmp_path, "supplement", code)
    assert "Lý do: ....." in text and "người hướng dẫn: Ông/Bà ....." in text
    assert not re.search(rf"\b{re.escape(getpass.getuser())}\b", text)


def test_the_unit_name_is_configurable_and_on_every_form(tmp_path):
    d = tmp_path / "office"
    out = json.loads(
        run(
            d,
            "init",
            "--agency-code",
            "000.00.53.H48",
            "--agency-name",
            "Ủy ban nhân dân phường Mẫu",
            "--unit-name",
            UNIT,
            "--office-phone",
            "0296 3 852 852",
            "--back-entry-days",
            "3650",
            "--json",
        ).stdout
    )
    assert out["unit_name"] == UNIT
    before = dump(d)
    proc = run(d, "init", "--unit-name", "  ", "--json", check=2)
    assert "unit_name" in proc.stderr
    assert dump(d) == before


def test_every_demo_form_carries_the_unit(store, tmp_path):
    code = receive(store, "Lý Thị Kim")["code"]
    for kind in ("receipt", "control"):
        assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in pdf_text(store, tmp_path, kind, code)
    book = pdf_text(store, tmp_path, "book", None, "--date", "2026-11-09")
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in book


def test_calendar_marks_projected_years_estimated(store):
    announced = json.loads(run(store, "calendar", "2026", "--json").stdout)
    days = announced["days_off"] + announced["working_weekends"]
    assert days and all(d["estimated"] is False for d in days)
    projected = json.loads(run(store, "calendar", "2027", "--json").stdout)
    assert projected["days_off"] and all(d["estimated"] is True for d in projected["days_off"])
    due = json.loads(
        run(
            store, "due", "--days", "10", "--received-at", "2026-11-20T09:00+07:00", "--json"
        ).stdout
    )
    assert "estimated" not in due


def test_the_tracking_book_in_book_order_with_overdue_and_extensions(tmp_path):
    d = tmp_path / "book"
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")

    def receive_at(name: str, at: str) -> str:
        out = run(d, "receive", "--procedure", PROC, "--name", name, "--received-at", at, "--json")
        return json.loads(out.stdout)["code"]

    # Entered in this order, the second one back-dated before the first: the book numbers
    # follow the entry (1, 2), the receipt times do not.
    first = receive_at("Trịnh Văn Một", "2026-11-09T10:00+07:00")
    second = receive_at("Mai Thị Hai", "2026-11-09T09:00+07:00")
    run(
        d,
        "extend",
        first,
        "--new-due",
        "2026-11-19T17:00+07:00",
        "--reason",
        "cần xác minh",
        "--at",
        "2026-11-11T10:00+07:00",
    )
    run(d, "result", first, "--at", "2026-11-18T10:00+07:00")
    text = pdf_text(d, tmp_path, "book", None, "--date", "2026-11-09")
    # STT in book order: 1 (the first entered) before 2.
    assert text.index(first) < text.index(second)
    assert re.search(rf"\b1 {re.escape(first)}", text) and re.search(
        rf"\b2 {re.escape(second)}", text
    )
    # The extended dossier shows both dates and the extension; it counts late.
    assert "12/11/2026 Gia hạn đến 17:00 19/11/2026" in text
    assert "Xin lỗi, gia hạn ngày 11/11/2026" in text and "Trễ hạn" in text
    # The other one is still owed, past its due date (12 Nov): marked overdue.
    assert "QUÁ HẠN" in text


@pytest.mark.parametrize("officer", [None, "Lê Văn Tâm"])
def test_the_handover_record_never_names_a_login(store, tmp_path, officer):
    from onestop.domain.identifiers import make_s10

    address = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
    at = "2026-11-16T08:00+07:00"
    out = run(
        store,
        "receive",
        "--procedure",
        "1.001193",
        "--name",
        "Trương Văn Bưu Gửi",
        "--phone",
        "0912345678",
        "--address",
        address,
        "--return-by",
        "post",
        "--received-at",
        at,
        "--json",
    )
    code = json.loads(out.stdout)["code"]
    run(store, "result", code, "--at", "2026-11-16T09:00+07:00")
    named = ["--officer", officer] if officer else []
    s10 = make_s10("RR", 11112222 if officer else 33334444)
    record = json.loads(
        run(
            store,
            "postal",
            "handover",
            "--kind",
            "delivery",
            "--item",
            f"{code}={s10}",
            "--postman",
            "Trần Văn Bưu",
            "--at",
            "2026-11-16T10:00+07:00",
            *named,
            "--json",
        ).stdout
    )["record"]
    text = pdf_text(store, tmp_path, "handover", record)
    assert not re.search(rf"\b{re.escape(getpass.getuser())}\b", text)
    if officer:
        assert f"Ông/Bà {officer}, cán bộ Bộ phận Một cửa" in text
    else:
        assert "Ông/Bà ....." in text
