"""Follow-up actions behind the forms (supplement, refusal, extension, stop, counter guidance) and
printing them: states, the restarted clock, the single extension, and the PDFs read back."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, StateError
from onestop.services import dossiers, forms
from onestop.services.reception import ReceiveRequest, receive
from onestop.store import repository as repo
from tests.helpers import dump_ctx

PERMIT = "1.013225"  # construction permit: 15 working days for a detached house
HOUSE = "Nhà ở riêng lẻ"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture
def permit(ctx, clock):
    clock.set(at(26, 12))
    return receive(
        ctx,
        ReceiveRequest(
            procedure_code=PERMIT,
            case=HOUSE,
            applicant_name="Trần Thị Bích Ngọc",
            received_at=at(16, 9, 5),
            phone="0912345678",
        ),
    )


def test_supplement_stops_then_restarts_the_clock(ctx, permit):
    # Day 0 is Monday 16; 15 working days skipping Culture Day (24 Nov) end on 8 December.
    assert permit.due_at == datetime(2026, 12, 8, 17, tzinfo=VN_TZ)
    missing = ["Bản vẽ mặt bằng công trình", "Giấy chứng nhận quyền sử dụng đất"]
    asked = forms.request_supplement(ctx, permit.code, missing, at=at(17, 10))
    assert asked.status == "supplement_requested"
    assert asked.events[-1].payload == {"missing": missing}
    # Completed Thursday 19 after the cut-off: day 0 is Friday 20; Tuesday 24 is Culture Day.
    done = forms.complete_supplement(ctx, permit.code, at=at(19, 16, 30))
    assert done.status == "received"
    assert done.to_json()["due_at"] == "2026-12-14T17:00:00+07:00"
    text = text_of(forms.supplement_pdf(ctx, permit.code))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert all(m in text for m in missing)
    assert "Trần Thị Bích Ngọc" in text


def test_extension_once_only_and_the_apology_letter(ctx, permit):
    new_due = datetime(2026, 12, 18, 17, tzinfo=VN_TZ)
    done = forms.extend(ctx, permit.code, new_due, "Cần xác minh hiện trạng", at=at(20, 9))
    assert done.to_json()["due_at"] == new_due.isoformat()
    assert done.extended is True
    before = dump_ctx(ctx)
    with pytest.raises(StateError) as err:
        forms.extend(ctx, permit.code, new_due + timedelta(days=4), "lần hai", at=at(21, 9))
    assert "một lần" in err.value.message
    assert dump_ctx(ctx) == before
    text = text_of(forms.apology_pdf(ctx, permit.code))
    assert "VĂN BẢN XIN LỖI" in text
    assert "18 tháng 12 năm 2026" in text
    assert "Cần xác minh hiện trạng" in text


@pytest.mark.parametrize(
    ("new_due", "field"),
    [
        (datetime(2026, 12, 1, 17, tzinfo=VN_TZ), "new_due"),  # before the current due date
        (datetime(2026, 12, 19, 17, tzinfo=VN_TZ), "new_due"),  # a Saturday
    ],
)
def test_bad_new_due_dates_are_refused(ctx, permit, new_due, field):
    before = dump_ctx(ctx)
    with pytest.raises(InputError) as err:
        forms.extend(ctx, permit.code, new_due, "lý do", at=at(20, 9))
    assert err.value.field == field
    assert dump_ctx(ctx) == before


def test_refusal_and_stop_end_the_dossier(ctx, clock):
    clock.set(at(26, 12))
    a = receive(
        ctx, ReceiveRequest(procedure_code=PERMIT, applicant_name="Lê Văn Tám", case=HOUSE)
    ).code
    b = receive(
        ctx, ReceiveRequest(procedure_code=PERMIT, applicant_name="Lê Văn Chín", case=HOUSE)
    ).code
    assert (
        forms.refuse(ctx, a, ["Công trình nằm trong hành lang an toàn giao thông"]).status
        == "refused"
    )
    assert forms.stop(ctx, b, "Người nộp rút hồ sơ").status == "stopped"
    assert "hành lang an toàn giao thông" in text_of(forms.refusal_pdf(ctx, a))
    assert "Người nộp rút hồ sơ" in text_of(forms.stop_pdf(ctx, b))
    with pytest.raises(StateError):
        dossiers.mark_result_ready(ctx, a)
    with pytest.raises(InputError) as err:
        forms.refuse(ctx, b, ["  "])
    assert err.value.field == "reason"


def test_guidance_at_the_counter_is_recorded_without_a_code(ctx):
    g = forms.guide_at_counter(
        ctx, "refusal", "1.000894", "lê văn tám", ["Hai bên nam, nữ phải có mặt"]
    )
    assert g.applicant_name == "Lê Văn Tám"
    text = text_of(forms.guidance_pdf(ctx, g.id))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hai bên nam, nữ phải có mặt" in text
    assert "Mã hồ sơ" not in text
    with pytest.raises(InputError) as err:
        forms.guide_at_counter(ctx, "supplement", "nope", "An", ["x"])
    assert err.value.field == "procedure"


def test_control_slip_judges_the_result_against_the_due_date(ctx, permit, clock):
    dossiers.mark_result_ready(ctx, permit.code, at=at(25, 10))
    text = text_of(forms.control_pdf(ctx, permit.code))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    with ctx.store.reading() as session:
        row = repo.dossier_by_code(session, permit.code)
        events = repo.events_of(session, row.id)
    steps = forms.control_steps(events)
    assert [s.verdict for s in steps] == [None, "early"]


def test_tracking_book_lists_the_day_in_receipt_order(ctx, clock):
    clock.set(at(16, 8))
    names = ["Nguyễn Văn An", "Đặng Thị Hoa Rây", "Phạm Minh Đức"]
    codes = []
    for i, name in enumerate(names):
        clock.set(at(16, 8 + i))
        codes.append(
            receive(
                ctx, ReceiveRequest(procedure_code=PERMIT, applicant_name=name, case=HOUSE)
            ).code
        )
    rows = forms.book_rows(ctx, at(16, 0).date(), at(16, 0).date())
    assert [r.code for r in rows] == codes
    text = text_of(forms.book_pdf(ctx, at(16, 0).date()))
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert all(n in text for n in names)
    with pytest.raises(InputError):
        forms.book_rows(ctx, at(17, 0).date(), at(16, 0).date())


def test_roles_are_checked_by_the_services(ctx, permit):
    from dataclasses import replace

    postal = replace(ctx, role="postal")
    counter = replace(ctx, role="counter")
    before = dump_ctx(ctx)
    for action in (
        lambda c: forms.refuse(c, permit.code, ["lý do"]),
        lambda c: forms.stop(c, permit.code, "lý do"),
        lambda c: forms.request_supplement(c, permit.code, ["giấy tờ"]),
    ):
        with pytest.raises(InputError) as err:
            action(postal)
        assert err.value.field == "role"
    new_due = datetime(2026, 12, 18, 17, tzinfo=VN_TZ)
    with pytest.raises(InputError) as err:  # extension is the supervisor's decision
        forms.extend(counter, permit.code, new_due, "lý do", at=at(20, 9))
    assert err.value.field == "role"
    assert dump_ctx(ctx) == before
    supervisor = replace(ctx, role="supervisor")
    assert forms.extend(supervisor, permit.code, new_due, "lý do", at=at(20, 9)).extended
