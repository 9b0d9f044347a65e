"""Refusals raised by the real services carry their catalogue id: the Vietnamese sentence is the
one the command line always printed, and the English one reads naturally (issue 15)."""

from __future__ import annotations

from datetime import datetime

import pytest

from onestop.domain.clock import VN_TZ, check_back_entry_days, recorded_time
from onestop.domain.errors import InputError
from onestop.domain.identifiers import check_s10, check_tax_code
from onestop.domain.messages import Message
from onestop.services import forms
from onestop.services.postal.handover import parse_item
from onestop.services.reception import ReceiveRequest, receive

PERMIT = "1.013225"  # construction permit: its cases must be chosen
HOUSE = "Nhà ở riêng lẻ"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


def refusal(call, *args, **kwargs) -> Message:
    with pytest.raises(InputError) as err:
        call(*args, **kwargs)
    message = err.value.message
    assert isinstance(message, Message), message
    return message


def request(**changes) -> ReceiveRequest:
    fields = {
        "procedure_code": PERMIT,
        "case": HOUSE,
        "applicant_name": "Trần Thị Bích Ngọc",
        "received_at": at(16, 9, 5),
        "phone": "0912345678",
    }
    return ReceiveRequest(**{**fields, **changes})


def test_receive_with_an_unknown_case_in_english(ctx, clock):
    clock.set(at(26, 12))
    refused = refusal(receive, ctx, request(case="Nhà chung cư"))
    assert refused.id == "case.unknown"
    assert refused.startswith("Không có trường hợp 'Nhà chung cư'; chọn một trong: ")
    assert refused.render("en").startswith("There is no case 'Nhà chung cư'; choose one of: ")
    duplicate = refusal(receive, ctx, request(documents=["Đơn", "Đơn"]))
    assert duplicate == "Giấy tờ 'Đơn' đã ghi ở trên (ghi trùng)"
    assert duplicate.render("en") == "Document 'Đơn' is already listed above (a duplicate)"


def test_extension_too_late_and_stop_without_reason_in_english(ctx, clock):
    clock.set(at(26, 12))
    permit = receive(ctx, request())
    supervisor = ctx.with_role("supervisor")
    clock.set(datetime(2026, 12, 8, 10, tzinfo=VN_TZ))  # the due date's own day
    new_due = datetime(2026, 12, 18, 17, tzinfo=VN_TZ)
    late = refusal(forms.extend, supervisor, permit.code, new_due, "Cần xác minh")
    assert late == (
        "Văn bản xin lỗi và gia hạn phải ban hành chậm nhất 01 ngày làm việc trước ngày hẹn trả "
        "(08/12/2026); hồ sơ đã trễ hạn: ghi nhận với --late (hồ sơ vẫn tính là trễ hạn)"
    )
    assert late.render("en") == (
        "The apology and extension must be issued at least 1 working day before the return "
        "date (08/12/2026); the dossier is already late: record it with --late (it still "
        "counts as late)"
    )
    stop = refusal(forms.stop, supervisor, permit.code, " ")
    assert stop.render("en") == "Give the reason for stopping the dossier"
    empty = refusal(forms.request_supplement, ctx, permit.code, [])
    assert empty == "Cần ghi ít nhất một giấy tờ cần bổ sung"
    assert empty.render("en") == "Write at least one document to add"


def test_times_numbers_and_postal_items_in_english():
    now = datetime(2026, 11, 26, 12, tzinfo=VN_TZ)
    early = refusal(recorded_time, at(1, 9), "at", lambda: now, back_entry_days=1)
    assert early.startswith("Chỉ được ghi lùi tối đa 1 ngày (sớm nhất 25/11/2026); thời điểm ")
    assert early.render("en").startswith(
        "Entries may go back at most 1 day (earliest 25/11/2026); 01/11/2026 09:00 is outside"
    )
    assert refusal(check_back_entry_days, 10**6).render("en") == (
        "The number of back-entry days must be from 0 to 36600"
    )
    tax = check_tax_code("12345").reason
    assert tax.endswith("số đã nhập có 5 chữ số")
    assert tax.render("en").endswith("the number typed has 5 digits")
    s10 = check_s10("RR12345678VN").reason
    assert s10.render("en").startswith("A consignment number has 13 characters (2 letters")
    item = refusal(parse_item, "HS-1")
    assert item == "'HS-1' không đúng dạng MÃ=SỐ_HIỆU_BƯU_GỬI[@GAM]"
    assert item.render("en") == "'HS-1' is not of the form CODE=CONSIGNMENT_NUMBER[@GRAMS]"
