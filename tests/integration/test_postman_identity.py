"""The postal employee on the hand-over record: a postal account keeps the employee's number at
the post and phone (``user add --role postal --employee-number --phone``, ``user contact``), and
the record made while it is signed in prints them beside the name; an officer recording the
hand-over may type them (``postal handover --postman-number --postman-phone``)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pypdf

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from onestop.services import accounts, dossiers, postal
from onestop.services.postal import HandoverLine
from onestop.services.reception import ReceiveRequest, receive
from tests.helpers import run_cli as run

ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"


def _ready(ctx, name: str) -> str:
    req = ReceiveRequest(
        procedure_code="1.001193",
        applicant_name=name,
        phone="0912345678",
        address=ADDRESS,
        return_by="post",
    )
    code = receive(ctx, req).code
    dossiers.mark_result_ready(ctx, code)
    return code


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def test_the_signed_in_postman_is_printed_with_number_and_phone(ctx, clock):
    made = accounts.add_user(
        ctx,
        "bd.lan",
        "postal",
        "mat-khau-rat-dai",
        "Đỗ Thị Lan",
        employee_number="BĐ-0457",
        phone="0912 000 457",
    )
    assert (made.employee_number, made.phone) == ("BĐ-0457", "0912000457")
    code = _ready(ctx, "Nguyễn Văn An")
    clock.set(clock.now + timedelta(minutes=10))
    postal_ctx = ctx.with_role("postal")
    postal_ctx.actor = "bd.lan"
    out = postal.handover(
        postal_ctx,
        "delivery",
        [HandoverLine(code, make_s10("RR", 4571))],
        officer_name="Nguyễn Thị Thu Hà",
    )
    assert (out.postman, out.postman_number, out.postman_phone) == (
        "Đỗ Thị Lan",
        "BĐ-0457",
        "0912000457",
    )
    text = _text(postal.handover_pdf(ctx, out.record))
    assert (
        "Ông/Bà Đỗ Thị Lan, nhân viên Bưu điện, mã số nhân viên BĐ-0457, điện thoại 0912000457"
        in text
    )
    assert "Ông/Bà Nguyễn Thị Thu Hà, cán bộ Bộ phận Một cửa" in text


def test_postal_contact_by_command_line(tmp_path):
    d = tmp_path / "store"
    run(d, "init", "--demo", "--json")
    added = json.loads(
        run(
            d,
            "user",
            "add",
            "bd.minh",
            "--role",
            "postal",
            "--full-name",
            "Lê Văn Minh",
            "--employee-number",
            "BĐ-0099",
            "--password-stdin",
            "--json",
            stdin="mat-khau-rat-dai\n",
        ).stdout
    )
    assert added["employee_number"] == "BĐ-0099" and "phone" not in added
    changed = run(d, "user", "contact", "bd.minh", "--phone", "0987654321").stdout
    assert "mã NV BĐ-0099, ĐT 0987654321" in changed
    # Not the post's employee: refused before any password is asked for.
    refused = run(
        d, "user", "add", "cb.moi", "--role", "counter", "--employee-number", "X1", check=2
    )
    assert "employee_number" in refused.stderr
    # An account of another role prints as it always did: no new keys.
    listed = json.loads(run(d, "user", "list", "--json").stdout)
    counter = next(u for u in listed if u["role"] == "counter")
    assert "employee_number" not in counter and "phone" not in counter

    # An officer recording the hand-over types the postman's number and phone.
    start = (datetime.now(VN_TZ) - timedelta(days=1)).replace(hour=8, minute=0, microsecond=0)
    code = json.loads(
        run(
            d,
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            "nguyễn văn an",
            "--phone",
            "0912345678",
            "--address",
            ADDRESS,
            "--return-by",
            "post",
            "--received-at",
            start.isoformat(timespec="minutes"),
            "--json",
        ).stdout
    )["code"]
    run(d, "result", code, "--at", (start + timedelta(hours=1)).isoformat(timespec="minutes"))
    out = json.loads(
        run(
            d,
            "postal",
            "handover",
            "--kind",
            "delivery",
            "--item",
            f"{code}={make_s10('RR', 99001)}",
            "--postman",
            "lê văn minh",
            "--postman-number",
            "BĐ-0099",
            "--postman-phone",
            "0987654321",
            "--json",
        ).stdout
    )
    assert out["postman_number"] == "BĐ-0099" and out["postman_phone"] == "0987654321"
    # The record reads back with them.
    again = json.loads(run(d, "postal", "record", out["record"], "--json").stdout)
    assert again["postman_number"] == "BĐ-0099"


def test_a_pickup_record_prints_each_request_reference(ctx, clock):
    from datetime import date

    from onestop.services.postal import PickupInput

    req = PickupInput(
        procedure_code="1.001193",
        applicant_name="Lê Thị Bích",
        phone="0987654321",
        address=ADDRESS,
        day=date(2026, 11, 16),
    )
    ref = postal.request_pickup(ctx, req).ref
    assert ref == "TG-1001"
    out = postal.handover(ctx, "pickup", [HandoverLine(ref, make_s10("EE", 1001))])
    text = _text(postal.handover_pdf(ctx, out.record))
    assert "Thu gom TG-1001" in text
