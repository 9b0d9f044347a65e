"""Receiving dossiers through the service on a real SQLite store: codes, due dates, refusals that
write nothing, two workstations that never talk, search folding."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.setup import initialize
from onestop.store.db import open_local
from tests.helpers import dump_ctx

BIRTH = "1.001193"  # Đăng ký khai sinh: in the day
HOUSE = "Nhà ở riêng lẻ"  # the construction permit's case of 15 working days


def req(**kw) -> ReceiveRequest:
    base = {"procedure_code": BIRTH, "applicant_name": "Đặng Thị Hoa Rây"}
    base.update(kw)
    return ReceiveRequest(**base)


def test_receive_assigns_code_due_date_and_records_the_event(ctx):
    r = receive(ctx, req(id_number="001190012345", phone="0912 345 678"))
    assert re.fullmatch(r"000\.00\.00\.H00-261116-1000", r.code)
    assert r.received_at == datetime(2026, 11, 16, 9, 5, tzinfo=VN_TZ)
    # In-the-day procedure received before the cut-off: due at the end of the same day.
    assert r.due_at == datetime(2026, 11, 16, 17, 0, tzinfo=VN_TZ)
    shown = dossiers.show(ctx, r.code)
    assert shown.status == "received"
    assert shown.applicant_name == "Đặng Thị Hoa Rây"
    assert shown.phone == "0912345678"
    assert [e.type for e in shown.events] == ["received"]
    event = shown.events[0]
    assert event.actor == "can.bo.test"
    assert event.workstation == ctx.settings.workstation_id
    assert event.payload["code"] == r.code


def test_codes_follow_one_daily_series_and_restart_next_day(ctx, clock):
    codes = [receive(ctx, req()).code for _ in range(3)]
    assert [c[-4:] for c in codes] == ["1000", "1001", "1002"]
    clock.set(clock.now + timedelta(days=1))
    assert receive(ctx, req()).code.endswith("-261117-1000")


def test_back_entry_takes_the_day_of_receipt_and_future_is_refused(ctx, clock):
    earlier = datetime(2026, 11, 13, 16, 0, tzinfo=VN_TZ)  # Friday after the cut-off
    r = receive(ctx, req(received_at=earlier))
    assert "-261113-" in r.code
    assert r.due_at == datetime(2026, 11, 16, 17, 0, tzinfo=VN_TZ)  # moved to Monday
    before = dump_ctx(ctx)
    with pytest.raises(InputError) as err:
        receive(ctx, req(received_at=clock.now + timedelta(hours=1)))
    assert err.value.field == "received_at"
    assert dump_ctx(ctx) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant_name": "  "}, "name"),
        ({"id_number": "12345"}, "id_number"),
        ({"id_number": "099190012345"}, "id_number"),
        ({"phone": "0123"}, "phone"),
        ({"email": "an@@x"}, "email"),
        ({"procedure_code": "9.999999"}, "procedure"),
        ({"return_by": "post"}, "address"),
        ({"return_by": "drone"}, "return_by"),
        ({"sets": 0}, "sets"),
    ],
)
def test_refused_input_names_the_field_and_writes_nothing(ctx, change, field):
    receive(ctx, req())  # the store is not empty
    before = dump_ctx(ctx)
    with pytest.raises(InputError) as err:
        receive(ctx, req(**change))
    assert err.value.field == field
    assert err.value.message
    assert dump_ctx(ctx) == before


def test_two_workstations_never_issue_the_same_code(tmp_path, clock):
    """Two counters of one agency receive on the same day without ever talking to each other."""
    contexts = []
    for number in (1, 2):
        store = open_local(tmp_path / f"ws{number}")
        c = Context(store=store, actor=f"quay{number}", clock=clock)
        initialize(c, demo=True, workstation_number=number, agency_code="000.00.19.H01")
        contexts.append(c)
    codes = [receive(c, req()).code for _ in range(150) for c in contexts]
    assert len(codes) == len(set(codes)) == 300
    assert all(c.startswith("000.00.19.H01-261116-") for c in codes)
    for c in contexts:
        c.store.close()


def test_result_then_return_and_the_refusals_in_between(ctx, clock):
    code = receive(ctx, req()).code
    before = dump_ctx(ctx)
    with pytest.raises(StateError):
        dossiers.return_result(ctx, code, "Đặng Thị Hoa Rây", id_number="001090012345")
    assert dump_ctx(ctx) == before
    clock.set(clock.now + timedelta(hours=2))
    assert dossiers.mark_result_ready(ctx, code).status == "result_ready"
    done = dossiers.return_result(ctx, code, "nguyễn văn an", id_number="001090012345")
    assert done.status == "returned"
    assert done.events[-1].payload == {
        "recipient": "Nguyễn Văn An",
        "recipient_id": "001090012345",
    }
    with pytest.raises(NotFound):
        dossiers.show(ctx, "000.00.00.H00-261116-9999")


def test_search_folds_case_diacritics_and_d_stroke(ctx):
    receive(ctx, req(applicant_name="Đặng Thị Hoa Rây", phone="0912345678"))
    receive(ctx, req(applicant_name="Nguyễn Văn An", id_number="001090012345"))
    nfd = unicodedata.normalize("NFD", "đặng THỊ hoa")
    for query in ("dang thi hoa ray", "DANG hoa", nfd, "Rây", "hoa ra"):
        assert [d.applicant_name for d in dossiers.find(ctx, query)] == ["Đặng Thị Hoa Rây"]
    assert dossiers.find(ctx, "0912345")[0].applicant_name == "Đặng Thị Hoa Rây"
    assert dossiers.find(ctx, "001090")[0].applicant_name == "Nguyễn Văn An"
    code = dossiers.find(ctx, "nguyen an")[0].code
    assert dossiers.find(ctx, code)[0].code == code
    # FTS5 syntax typed by a user is taken literally, never as a query operator.
    assert dossiers.find(ctx, '"an*') == dossiers.find(ctx, "an") != []
    assert dossiers.find(ctx, "an OR dang") == []
    assert dossiers.find(ctx, "tran") == []


def test_list_by_day_and_status(ctx, clock):
    a = receive(ctx, req()).code
    clock.set(clock.now + timedelta(minutes=5))
    b = receive(ctx, req(applicant_name="Lê Văn Bình")).code
    dossiers.mark_result_ready(ctx, b)
    day = clock.now.date()
    assert [d.code for d in dossiers.list_dossiers(ctx, day)] == [a, b]
    assert [d.code for d in dossiers.list_dossiers(ctx, day, "result_ready")] == [b]
    with pytest.raises(InputError):
        dossiers.list_dossiers(ctx, day, "lost")


def test_overdue_and_due_within_working_days(ctx, clock):
    from onestop.domain.clock import VN_TZ as TZ

    clock.set(datetime(2026, 11, 20, 9, 0, tzinfo=TZ))  # Friday
    today = receive(ctx, req()).code  # in the day: due today 17:00
    permit = receive(ctx, req(procedure_code="1.013225", case=HOUSE)).code  # 15 working days
    clock.set(datetime(2026, 11, 20, 10, 0, tzinfo=TZ))
    assert [d.code for d in dossiers.due_within(ctx, 0)] == [today]
    assert dossiers.overdue(ctx) == []
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=TZ))  # Monday: yesterday's promise is broken
    late = dossiers.overdue(ctx)
    assert [d.code for d in late] == [today]
    assert late[0].overdue is True
    assert dossiers.due_within(ctx, 3) == []
    assert [d.code for d in dossiers.due_within(ctx, 15)] == [permit]
    with pytest.raises(InputError):
        dossiers.due_within(ctx, -1)


def test_a_dossier_awaiting_a_supplement_is_not_listed_overdue(ctx, clock):
    from onestop.domain.clock import VN_TZ as TZ
    from onestop.services import forms

    clock.set(datetime(2026, 11, 20, 9, 0, tzinfo=TZ))
    code = receive(ctx, req()).code
    forms.request_supplement(ctx, code, ["Giấy chứng sinh"])
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    assert dossiers.overdue(ctx) == []
    assert dossiers.show(ctx, code).overdue is False
