"""The postal service on a real SQLite store: home delivery and home pickup end to end, the
two-attempt rule, refusals that write nothing, postage and the monthly statement, the operator's
files, and the handover record's barcodes decoded by an independent reader."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.identifiers import make_s10
from onestop.services import dossiers, postal, reception
from onestop.services.context import Context, ensure_initialized
from onestop.services.postal import Attempt, HandoverLine, PickupInput
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.setup import initialize
from onestop.store.db import open_local
from tests.helpers import dump

BIRTH = "1.001193"  # Đăng ký khai sinh: in the day, postal
MARRIAGE = "1.000894"  # needs both people in person: not postal
ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
ADDRESS_2 = "Ấp Hòa Thạnh, Xã Mỹ Hòa Hưng, Tỉnh An Giang"
ID = "001190012345"


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


def s10(n: int, prefix: str = "RR") -> str:
    return make_s10(prefix, n)


def by_post(ctx, name: str = "Nguyễn Văn An", address: str = ADDRESS, **kw) -> str:
    req = ReceiveRequest(
        procedure_code=BIRTH,
        applicant_name=name,
        phone="0912345678",
        address=address,
        return_by="post",
        **kw,
    )
    return receive(ctx, req).code


def ready(ctx, clock, **kw) -> str:
    code = by_post(ctx, **kw)
    dossiers.mark_result_ready(ctx, code)
    return code


def refs(rows: list) -> list[str]:
    return [r.ref for r in rows]


# --- home delivery ------------------------------------------------------------------------------


def test_delivery_end_to_end(ctx, clock):
    code = by_post(ctx)
    assert postal.day_list(ctx, clock.now.date(), "delivery") == []
    clock.set(vn(2026, 11, 16, 14, 0))
    dossiers.mark_result_ready(ctx, code)
    # On the list of every day from the result until it is handed over.
    for day in (date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)):
        rows = postal.day_list(ctx, day, "delivery")
        assert refs(rows) == [code]
        assert rows[0].consignment is None and rows[0].status == "result_ready"
    assert rows[0].name == "Nguyễn Văn An"
    assert rows[0].address == ADDRESS and rows[0].phone == "0912345678"
    assert rows[0].ward == "Phường Long Xuyên"
    assert postal.day_list(ctx, date(2026, 11, 15), "delivery") == []

    clock.set(vn(2026, 11, 18, 8, 30))
    out = postal.handover(
        ctx, "delivery", [HandoverLine(code, s10(12345678).lower())], postman_name="trần văn bưu"
    )
    assert out.record == "BBGN-2026-01-00001"
    assert out.to_json()["items"] == [
        {
            "ref": code,
            "code": code,
            "consignment": "RR123456785VN",
            "name": "Nguyễn Văn An",
            "zone": "intra_province",
            "postage": 22000,
            "payer": "agency",
        }
    ]
    shown = dossiers.show(ctx, code).to_json()
    assert shown["status"] == "out_for_delivery"
    ev = shown["events"][-1]
    assert ev["type"] == "postal_handover"
    assert ev["payload"] == {
        "consignment": "RR123456785VN",
        "record": "BBGN-2026-01-00001",
        "postman": "Trần Văn Bưu",
    }
    # Handed over today: still on today's list with its consignment, gone from tomorrow's.
    today = postal.day_list(ctx, date(2026, 11, 18), "delivery")
    assert today[0].consignment == "RR123456785VN"
    assert today[0].status == "out_for_delivery"
    assert postal.day_list(ctx, date(2026, 11, 19), "delivery") == []

    clock.set(vn(2026, 11, 18, 15, 0))
    done = postal.record_attempt(
        ctx, code, Attempt("delivered", recipient="nguyễn văn an", id_number=ID)
    )
    assert done.status == "delivered"
    assert done.to_json()["finished_at"] == vn(2026, 11, 18, 15, 0).isoformat()
    payload = done.to_json()["events"][-1]["payload"]
    assert payload == {
        "consignment": "RR123456785VN",
        "recipient": "Nguyễn Văn An",
        "recipient_id": ID,
    }
    with pytest.raises(StateError):
        postal.record_attempt(ctx, code, Attempt("failed", reason="x"))


def test_delivered_needs_the_recipients_name_and_a_valid_id(ctx, clock, data_dir):
    code = ready(ctx, clock)
    postal.handover(ctx, "delivery", [HandoverLine(code, s10(1))])
    before = dump(data_dir)
    for attempt, field in [
        (Attempt("delivered", id_number=ID), "recipient"),
        (Attempt("delivered", recipient="An"), "id_number"),
        (Attempt("delivered", recipient="An", id_number="12345"), "id_number"),
        (Attempt("failed"), "reason"),
        (Attempt("failed", reason="vắng", caused_by="neighbour"), "caused_by"),
        (Attempt("lost", reason="x"), "outcome"),
    ]:
        with pytest.raises(InputError) as err:
            postal.record_attempt(ctx, code, attempt)
        assert err.value.field == field
    with pytest.raises(NotFound):
        postal.record_attempt(ctx, "000.00.00.H00-261116-9999", Attempt("failed", reason="x"))
    assert dump(data_dir) == before


def test_two_failed_attempts_two_working_days_apart_return_the_result(ctx, clock, data_dir):
    clock.set(vn(2026, 11, 20, 8, 0))  # Friday
    code = ready(ctx, clock)
    postal.handover(ctx, "delivery", [HandoverLine(code, s10(2))])
    clock.set(vn(2026, 11, 20, 10, 0))
    first = postal.record_attempt(ctx, code, Attempt("failed", reason="Không có người nhận"))
    assert first.status == "out_for_delivery"
    assert first.attempt == 1
    # Two working days after a Friday: the weekend does not count, nor Tuesday 24 November
    # (Ngày Văn hóa Việt Nam, a day off from 2026 on): Monday 23, then Wednesday 25.
    assert first.next_attempt_on == "2026-11-25"
    # The re-attempt is on the lists of its day (and after, while not reported), not before.
    assert postal.day_list(ctx, date(2026, 11, 24), "delivery") == []
    again = postal.day_list(ctx, date(2026, 11, 25), "delivery")
    assert refs(again) == [code]
    assert again[0].consignment == s10(2) and again[0].next_attempt_on == "2026-11-25"
    assert refs(postal.day_list(ctx, date(2026, 11, 26), "delivery")) == [code]

    # A second failure before the scheduled day is refused and writes nothing.
    clock.set(vn(2026, 11, 23, 16, 0))
    before = dump(data_dir)
    with pytest.raises(StateError) as err:
        postal.record_attempt(ctx, code, Attempt("failed", reason="vắng"))
    assert "25/11/2026" in err.value.message
    assert dump(data_dir) == before

    clock.set(vn(2026, 11, 25, 9, 30))
    second = postal.record_attempt(ctx, code, Attempt("failed", reason="Vẫn vắng nhà"))
    assert second.status == "undeliverable"
    assert [e["type"] for e in second.to_json()["events"]][-3:] == [
        "delivery_attempt",
        "delivery_attempt",
        "undeliverable",
    ]
    assert second.to_json()["events"][-2]["payload"]["attempt"] == 2
    assert postal.day_list(ctx, date(2026, 11, 26), "delivery") == []
    with pytest.raises(StateError):
        postal.record_attempt(ctx, code, Attempt("failed", reason="lần ba"))
    # Back at the counter: returned as usual.
    returned = dossiers.return_result(ctx, code, "Nguyễn Văn An", id_number=ID).to_json()
    assert returned["status"] == "returned"
    # The repeat trip and the return were caused by the citizen's absence: the citizen pays.
    st = postal.statement(ctx, "2026-11")
    charges = st.items[0].charges
    assert [(c.kind, c.payer, c.amount) for c in charges] == [
        ("first_trip", "agency", 22000),
        ("repeat_trip", "citizen", 10000),
        ("return_to_agency", "citizen", 11000),
    ]


def test_a_wrong_consignment_number_refuses_the_whole_handover(ctx, clock, data_dir):
    a, b = ready(ctx, clock), ready(ctx, clock, name="Trần Thị Bé")
    bad = s10(3)[:10] + str((int(s10(3)[10]) + 1) % 10) + "VN"
    before = dump(data_dir)
    for lines in (
        [HandoverLine(a, s10(4)), HandoverLine(b, bad)],
        [HandoverLine(a, s10(4)), HandoverLine(b, "RR12345VN")],
        [HandoverLine(a, s10(4)), HandoverLine(b, s10(4))],  # one number for two dossiers
        [HandoverLine(a, s10(4)), HandoverLine(a, s10(5))],
        [],
    ):
        with pytest.raises(InputError) as err:
            postal.handover(ctx, "delivery", lines)
        assert err.value.field in ("consignment", "item")
    with pytest.raises(InputError, match="số kiểm tra"):
        postal.handover(ctx, "delivery", [HandoverLine(a, s10(4)), HandoverLine(b, bad)])
    assert dump(data_dir) == before
    assert {dossiers.show(ctx, c).to_json()["status"] for c in (a, b)} == {"result_ready"}


def test_handover_of_a_dossier_not_ready_is_refused_whole(ctx, clock, data_dir):
    done = ready(ctx, clock)
    waiting = by_post(ctx, name="Chưa Có Kết Quả")
    at_counter = receive(ctx, ReceiveRequest(procedure_code=BIRTH, applicant_name="Tại Quầy")).code
    dossiers.mark_result_ready(ctx, at_counter)
    before = dump(data_dir)
    with pytest.raises(StateError) as err:
        postal.handover(
            ctx, "delivery", [HandoverLine(done, s10(6)), HandoverLine(waiting, s10(7))]
        )
    assert waiting in err.value.message and "Đã tiếp nhận" in err.value.message
    with pytest.raises(StateError) as err:
        postal.handover(ctx, "delivery", [HandoverLine(at_counter, s10(8))])
    assert err.value.field == "return_by"
    with pytest.raises(NotFound):
        postal.handover(ctx, "delivery", [HandoverLine("000.00.00.H00-261116-9999", s10(8))])
    assert dump(data_dir) == before
    # Handed over once, a second hand-over of the same dossier is refused too.
    postal.handover(ctx, "delivery", [HandoverLine(done, s10(6))])
    with pytest.raises(StateError):
        postal.handover(ctx, "delivery", [HandoverLine(done, s10(9))])
    # And a consignment number cannot serve twice.
    other = ready(ctx, clock, name="Người Khác")
    with pytest.raises(InputError, match="đã có trong một biên bản"):
        postal.handover(ctx, "delivery", [HandoverLine(other, s10(6))])


def test_handover_time_checks(ctx, clock):
    code = ready(ctx, clock)
    with pytest.raises(InputError) as err:
        postal.handover(
            ctx, "delivery", [HandoverLine(code, s10(10))], at=clock.now + timedelta(hours=1)
        )
    assert err.value.field == "at"
    with pytest.raises(InputError) as err:
        postal.handover(ctx, "delivery", [HandoverLine(code, s10(10))], at=vn(2026, 11, 16, 8, 0))
    assert err.value.field == "at"


# --- home pickup --------------------------------------------------------------------------------


def pickup(ctx, day: date, **kw) -> postal.PickupItem:
    base = {
        "procedure_code": BIRTH,
        "applicant_name": "lê thị bích",
        "phone": "0987 654 321",
        "address": ADDRESS_2,
        "day": day,
    }
    base.update(kw)  # may replace the day too
    return postal.request_pickup(ctx, PickupInput(**base))


def test_pickup_request_is_validated_and_writes_nothing_when_refused(ctx, clock, data_dir):
    before = dump(data_dir)
    for kw, field in [
        ({"procedure_code": MARRIAGE}, "procedure"),
        ({"procedure_code": "9.999999"}, "procedure"),
        ({"phone": "0123"}, "phone"),
        ({"applicant_name": "  "}, "name"),
        ({"address": ""}, "address"),
        ({"id_number": "12"}, "id_number"),
        ({"day": date(2025, 11, 17)}, "date"),
        ({"return_by": "drone"}, "return_by"),
    ]:
        with pytest.raises(InputError) as err:
            pickup(ctx, kw.pop("day", date(2026, 11, 17)), **kw)
        assert err.value.field == field, kw
    assert dump(data_dir) == before


def test_pickup_end_to_end(ctx, clock):
    p = pickup(ctx, date(2026, 11, 17))
    other_day = pickup(ctx, date(2026, 11, 18), applicant_name="Phạm Văn Dũng")
    assert p.name == "Lê Thị Bích" and p.phone == "0987654321"
    assert p.status == "requested"
    rows = postal.day_list(ctx, date(2026, 11, 17), "pickup")
    assert refs(rows) == [p.ref]
    assert rows[0].ward == "Xã Mỹ Hòa Hưng" and rows[0].consignment is None
    assert refs(postal.day_list(ctx, date(2026, 11, 18), "pickup")) == [other_day.ref]

    # Tuesday 16:20: after the cut-off, so day 0 moves to Wednesday; the receipt time is the
    # signature of the handover record all the same.
    clock.set(vn(2026, 11, 17, 16, 25))
    signed = vn(2026, 11, 17, 16, 20)
    out = postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(20, "EE"))], at=signed)
    assert out.kind == "pickup"
    item = out.items[0]
    assert item.ref == p.ref and item.consignment == s10(20, "EE")
    code = item.code
    shown = dossiers.show(ctx, code).to_json()
    assert shown["received_at"] == signed.isoformat()
    assert shown["channel"] == "postal"
    assert shown["status"] == "received"
    assert shown["return_by"] == "post" and shown["return_address"] == ADDRESS_2
    assert shown["due_at"] == vn(2026, 11, 18, 17, 0).isoformat()
    payload = shown["events"][0]["payload"]
    assert payload["pickup_id"] == p.id
    assert payload["handover_record"] == out.record
    assert payload["consignment"] == s10(20, "EE")
    assert code.startswith("000.00.00.H00-261117-")

    rows = postal.day_list(ctx, date(2026, 11, 17), "pickup")
    assert rows[0].status == "received"
    assert rows[0].code == code and rows[0].consignment == s10(20, "EE")
    with pytest.raises(StateError):
        postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(21, "EE"))])
    with pytest.raises(NotFound):
        postal.handover(ctx, "pickup", [HandoverLine("no-such-request", s10(21, "EE"))])

    receipt = pypdf.PdfReader(io.BytesIO(postal.pickup_receipt_pdf(ctx, p.ref)))
    text = "".join(page.extract_text() for page in receipt.pages)
    assert code in text and "Lê Thị Bích" in text
    with pytest.raises(StateError):
        postal.pickup_receipt_pdf(ctx, other_day.ref)

    # The dossier then follows the usual path, here back home by post.
    clock.set(vn(2026, 11, 18, 9, 0))
    dossiers.mark_result_ready(ctx, code)
    assert refs(postal.day_list(ctx, date(2026, 11, 18), "delivery")) == [code]


def test_a_pickup_request_is_cancelled_before_the_post_collects_it(ctx, clock, data_dir):
    """The citizen calls back: the request is cancelled with its reason, shows as cancelled on
    the day's list, and can no longer be handed over; a request the post collected already,
    one cancelled twice, or a cancellation without a reason is refused, writing nothing."""
    p = pickup(ctx, date(2026, 11, 17))
    kept = pickup(ctx, date(2026, 11, 17), applicant_name="Phạm Văn Dũng")
    forgotten = pickup(ctx, date(2026, 11, 17), applicant_name="Đỗ Văn Em")
    before = dump(data_dir)
    for ref, reason, error in [
        (p.ref, " ", InputError),
        ("no-such-request", "Gọi lại", NotFound),
    ]:
        with pytest.raises(error):
            postal.cancel_pickup(ctx, ref, reason)
    assert dump(data_dir) == before

    out = postal.cancel_pickup(ctx, p.ref, "Công dân tự mang hồ sơ đến quầy")
    assert out.status == "cancelled" and out.status_label == "Đã hủy"
    assert out.cancel_reason == "Công dân tự mang hồ sơ đến quầy"
    rows = {r.ref: r for r in postal.day_list(ctx, date(2026, 11, 17), "pickup")}
    assert rows[p.ref].status == "cancelled" and rows[kept.ref].status == "requested"
    with pytest.raises(StateError, match="đã bị hủy"):
        postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(30, "EE"))])
    with pytest.raises(StateError, match="đã được hủy"):
        postal.cancel_pickup(ctx, p.ref, "Lần nữa")

    clock.set(vn(2026, 11, 17, 10, 0))
    postal.handover(ctx, "pickup", [HandoverLine(kept.ref, s10(31, "EE"))])
    before = dump(data_dir)
    with pytest.raises(StateError, match="không hủy được"):
        postal.cancel_pickup(ctx, kept.ref, "Gọi lại")
    assert dump(data_dir) == before
    # Not overdue with the post either: a cancelled request is nobody's to collect.
    late = {r.ref for r in postal.overdue(ctx, date(2026, 11, 20)) if r.kind == "pickup"}
    assert late == {forgotten.ref}


def test_pickup_handover_refused_whole_writes_nothing(ctx, clock, data_dir):
    a = pickup(ctx, date(2026, 11, 16))
    b = pickup(ctx, date(2026, 11, 16), applicant_name="Phạm Văn Dũng")
    before = dump(data_dir)
    with pytest.raises(InputError):
        postal.handover(ctx, "pickup", [HandoverLine(a.ref, s10(30)), HandoverLine(b.ref, "RR1")])
    with pytest.raises(NotFound):
        postal.handover(
            ctx, "pickup", [HandoverLine(a.ref, s10(30)), HandoverLine("nope", s10(31))]
        )
    assert dump(data_dir) == before


def test_an_interrupted_pickup_handover_completes_once(ctx, clock, monkeypatch):
    """A crash after the record and some dossiers committed: the next run finishes the others and
    never receives a dossier twice."""
    reqs = [pickup(ctx, date(2026, 11, 16), applicant_name=n) for n in ("An", "Bình", "Chi")]
    real = reception.receive
    calls = []

    def crash_on_second(ctx_, req):
        calls.append(req.extra["pickup_id"])
        received = real(ctx_, req)
        if len(calls) == 2:  # the second dossier committed, then the process dies
            raise KeyboardInterrupt
        return received

    monkeypatch.setattr(reception, "receive", crash_on_second)
    lines = [HandoverLine(r.ref, s10(40 + i)) for i, r in enumerate(reqs)]
    with pytest.raises(KeyboardInterrupt):
        postal.handover(ctx, "pickup", lines)
    monkeypatch.setattr(reception, "receive", real)
    assert len(dossiers.list_dossiers(ctx)) == 2

    rows = postal.day_list(ctx, date(2026, 11, 16), "pickup")  # completes what is pending
    assert {r.status for r in rows} == {"received"}
    codes = [r.code for r in rows]
    assert len(set(codes)) == 3
    assert len(dossiers.list_dossiers(ctx)) == 3
    record = postal.record_json(ctx, "BBGN-2026-01-00001")
    assert sorted(i.code for i in record.items) == sorted(codes)
    received_at = {dossiers.show(ctx, c).to_json()["received_at"] for c in codes}
    assert len(received_at) == 1


# --- postage and the statement ------------------------------------------------------------------


def test_statement_sums_postage_by_payer_and_month(ctx, clock):
    tariff = postal.tariff_view(ctx).to_json()
    tariff["province_code"] = "91"  # An Giang: addresses elsewhere are inter-province
    postal.set_tariff(ctx, tariff)
    a = ready(ctx, clock, name="Một")
    b = ready(ctx, clock, name="Hai", address="5 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh")
    c = ready(ctx, clock, name="Ba")
    out = postal.handover(
        ctx,
        "delivery",
        [HandoverLine(a, s10(50)), HandoverLine(b, s10(51), 1200), HandoverLine(c, s10(52))],
    )
    assert [i.zone for i in out.items] == [
        "intra_province",
        "inter_province",
        "intra_province",
    ]
    # 500 g local 22.000; 1.200 g inter-province: the 2 kg band, 58.000.
    assert [i.postage for i in out.items] == [22000, 58000, 22000]
    assert out.postage == 102000
    clock.set(vn(2026, 11, 16, 15, 0))
    postal.record_attempt(
        ctx, a, Attempt("failed", reason="Sai địa chỉ do bưu tá", caused_by="post")
    )
    postal.record_attempt(ctx, c, Attempt("failed", reason="Vắng nhà"))
    p = pickup(ctx, date(2026, 11, 16))
    postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(53, "EE"))])

    # December: the citizen pays for the first trips now (office setting).
    ensure_initialized(ctx, postage_payer="citizen")
    clock.set(vn(2026, 12, 1, 9, 0))
    d = ready(ctx, clock, name="Bốn")
    postal.handover(ctx, "delivery", [HandoverLine(d, s10(54))])
    clock.set(vn(2026, 12, 1, 10, 0))
    postal.record_attempt(ctx, c, Attempt("failed", reason="Vẫn vắng"))

    nov = postal.statement(ctx, "2026-11")
    assert nov.payer == "citizen"  # the setting now
    assert nov.month == "2026-11"
    assert [i.consignment for i in nov.items] == [s10(50), s10(51), s10(52), s10(53, "EE")]
    assert nov.count == 4 and nov.trips == 6
    assert [i.postage for i in nov.items] == [32000, 58000, 32000, 22000]
    assert nov.by_payer == {"agency": 124000, "citizen": 10000, "post": 10000}
    assert nov.by_charge == {"first_trip": 124000, "repeat_trip": 20000, "return_to_agency": 0}
    assert nov.postage == 144000 == sum(i.postage for i in nov.items)
    assert nov.agency_total == 124000

    dec = postal.statement(ctx, "2026-12")
    assert [(i.consignment, i.postage) for i in dec.items] == [
        (s10(52), 11000),  # handed over in November, returned in December
        (s10(54), 22000),
    ]
    assert dec.by_payer == {"agency": 0, "citizen": 33000, "post": 0}
    assert postal.statement(ctx, "2027-01").items == ()
    with pytest.raises(InputError) as err:
        postal.statement(ctx, "11/2026")
    assert err.value.field == "month"


def test_tariff_is_validated_before_it_is_stored(ctx, data_dir):
    good = postal.tariff_view(ctx).to_json()
    before = dump(data_dir)
    bad = {**good, "zones": {**good["zones"], "inter_province": {"bands": []}}}
    with pytest.raises(InputError) as err:
        postal.set_tariff(ctx, bad)
    assert err.value.field == "tariff.zones.inter_province.bands"
    with pytest.raises(InputError):
        postal.set_tariff(ctx, {**good, "province_code": "99"})
    assert dump(data_dir) == before
    assert postal.tariff(ctx).postage("intra_province", 3100) == 36000 + 3 * 4000


# --- numbering ----------------------------------------------------------------------------------


def test_record_numbers_are_unique_across_workstations_without_talking(tmp_path, clock):
    numbers = []
    for ws in (1, 2):
        store = open_local(tmp_path / f"ws{ws}")
        ctx = Context(store=store, actor="can.bo", clock=clock)
        initialize(ctx, demo=True, workstation_number=ws)
        for i in range(2):
            code = ready(ctx, clock, name=f"Người {i}")
            out = postal.handover(ctx, "delivery", [HandoverLine(code, s10(ws * 100 + i))])
            numbers.append(out.record)
        store.close()
    assert numbers == [
        "BBGN-2026-01-00001",
        "BBGN-2026-01-00002",
        "BBGN-2026-02-00001",
        "BBGN-2026-02-00002",
    ]


# --- overdue ------------------------------------------------------------------------------------


def test_overdue_with_the_post(ctx, clock):
    a = ready(ctx, clock, name="Một")
    b = ready(ctx, clock, name="Hai")
    postal.handover(ctx, "delivery", [HandoverLine(a, s10(60)), HandoverLine(b, s10(61))])
    postal.record_attempt(ctx, b, Attempt("failed", reason="Vắng"))  # re-attempt Wed 18
    late_pickup = pickup(ctx, date(2026, 11, 16))
    assert postal.overdue(ctx, date(2026, 11, 16)) == []
    # Local service time 2 working days: Mon + 2 = Wed 18; late from Thursday.
    late = postal.overdue(ctx, date(2026, 11, 19))
    assert [(r.kind, r.ref) for r in late] == [
        ("pickup", late_pickup.ref),
        ("delivery", a),
        ("delivery", b),
    ]
    assert "18/11/2026" in late[1].reason and "phát lại" in late[2].reason


# --- documents and files ------------------------------------------------------------------------


def rasterise(pdf: bytes) -> list:
    from PIL import Image

    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        subprocess.run(
            [tool, "-r", "300", "-gray", str(src), str(Path(tmp, "page"))],
            check=True,
            capture_output=True,
        )
        return [Image.open(f).copy() for f in sorted(Path(tmp).glob("page*.pgm"))]


def test_handover_record_pdf_barcodes_decode(ctx, clock):
    import zxingcpp

    codes = [ready(ctx, clock, name=n) for n in ("Nguyễn Văn An", "Trần Thị Bé", "Đặng Văn Cường")]
    ctx.actor = "can.bo"  # a demo account: the record prints the officer's full name
    numbers = [s10(70 + i) for i in range(3)]
    out = postal.handover(
        ctx,
        "delivery",
        [HandoverLine(c, n) for c, n in zip(codes, numbers, strict=True)],
        postman_name="Võ Văn Bưu",
        post_office="Bưu cục Long Xuyên",
    )
    pdf = postal.handover_pdf(ctx, out.record.lower())
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert out.record in text and "Võ Văn Bưu" in text and "Đặng Văn Cường" in text
    assert "Nguyễn Thị Thu Hà" in text and "Bưu cục Long Xuyên" in text
    found = []
    for img in rasterise(pdf):
        found += [
            r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.Code128)
        ]
    assert sorted(found) == sorted(codes + numbers)
    with pytest.raises(NotFound):
        postal.handover_pdf(ctx, "BBGN-2026-01-09999")


def test_export_and_import_of_the_operators_files(ctx, clock, data_dir, tmp_path):
    a = ready(ctx, clock, name="Một")
    b = ready(ctx, clock, name="Hai")
    c = ready(ctx, clock, name="Ba")
    lines = [HandoverLine(a, s10(80)), HandoverLine(b, s10(81)), HandoverLine(c, s10(82))]
    postal.handover(ctx, "delivery", lines)
    assert postal.export_day(ctx, date(2026, 11, 16), "csv", tmp_path / "day.csv").rows == 3
    raw = (tmp_path / "day.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Vietnamese correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["consignment"] for r in rows] == [s10(80), s10(81), s10(82)]
    assert rows[0]["code"] == a and rows[0]["name"] == "Một" and rows[0]["postage"] == "22000"
    assert postal.export_day(ctx, date(2026, 11, 16), "xlsx", tmp_path / "day.xlsx").rows == 3
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "day.xlsx").worksheets[0]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    assert grid[0] == list(postal.EXPORT_COLUMNS)
    assert [r[0] for r in grid[1:]] == [s10(80), s10(81), s10(82)]
    assert postal.export_day(ctx, date(2026, 11, 17), "csv", tmp_path / "none.csv").rows == 0

    clock.set(vn(2026, 11, 18, 17, 0))
    status = tmp_path / "status.csv"
    status.write_text(
        # The operator's own columns (here "Bưu cục") are ignored.
        "Số hiệu bưu gửi,Kết quả,Thời gian,Người nhận,Số giấy tờ,Lý do,Bưu cục\n"
        f"{s10(81)},failed,2026-11-16T16:00,,,Vắng nhà,BC Long Xuyên\n"
        f"{s10(80)},delivered,2026-11-17T10:00,Nguyễn Văn Một,{ID},,BC Long Xuyên\n"
        f"{s10(81)},failed,2026-11-18T09:00,,,Vẫn vắng,BC Long Xuyên\n",
        encoding="utf-8-sig",
    )
    # A bad row refuses the whole file, naming its line; nothing is applied.
    bad = tmp_path / "bad.csv"
    bad.write_text(
        status.read_text(encoding="utf-8-sig") + f"{s10(82)},delivered,2026-11-17T11:00,Ba,,,\n"
    )
    before = dump(data_dir)
    with pytest.raises(InputError) as err:
        postal.import_statuses(ctx, bad)
    assert err.value.field == "dòng 5.id_number"
    with pytest.raises(InputError, match="thiếu cột 'outcome'"):
        postal.import_statuses(ctx, tmp_path / "day.csv")
    # A state conflict (second failure too early) also refuses the whole file.
    early = tmp_path / "early.csv"
    early.write_text(
        "consignment,outcome,at,recipient,id_number,reason\n"
        f"{s10(80)},delivered,2026-11-17T10:00,Một,{ID},\n"
        f"{s10(81)},failed,2026-11-16T16:00,,,Vắng\n"
        f"{s10(81)},failed,2026-11-17T09:00,,,Vắng\n"
    )
    with pytest.raises(InputError) as err:
        postal.import_statuses(ctx, early)
    assert err.value.field.startswith("dòng 4.")
    assert dump(data_dir) == before

    out = postal.import_statuses(ctx, status)
    assert out.to_json() == {"rows": 3, "applied": 3, "unchanged": 0, "codes": [b, a, b]}
    assert dossiers.show(ctx, a).to_json()["status"] == "delivered"
    assert dossiers.show(ctx, b).to_json()["status"] == "undeliverable"
    assert dossiers.show(ctx, c).to_json()["status"] == "out_for_delivery"
    # A cumulative file imported again changes nothing.
    after = dump(data_dir)
    assert postal.import_statuses(ctx, status).unchanged == 3
    assert dump(data_dir) == after


def test_postal_migration_downgrades_and_upgrades_again(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from onestop.store.db import alembic_config, open_store, sqlite_url

    store = open_store(sqlite_url(tmp_path))
    try:
        postal_tables = {
            "postal_pickups",
            "postal_handover_records",
            "postal_consignments",
            "postal_charges",
        }
        assert postal_tables <= set(inspect(store.engine).get_table_names())
        command.downgrade(alembic_config(store.engine), "0002")
        assert not postal_tables & set(inspect(store.engine).get_table_names())
        command.upgrade(alembic_config(store.engine), "head")
        assert postal_tables <= set(inspect(store.engine).get_table_names())
    finally:
        store.close()


def test_roles_postal_staff_do_the_postal_work_others_are_refused(ctx, clock, data_dir):
    code = ready(ctx, clock)
    p = pickup(ctx, date(2026, 11, 16))
    ctx.role = "supervisor"
    before = dump(data_dir)
    for action in (
        lambda: postal.handover(ctx, "delivery", [HandoverLine(code, s10(90))]),
        lambda: postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(91))]),
        lambda: pickup(ctx, date(2026, 11, 17)),
        lambda: postal.set_tariff(ctx, postal.tariff_view(ctx).to_json()),
    ):
        with pytest.raises(InputError) as err:
            action()
        assert err.value.field == "role"
    assert dump(data_dir) == before
    # Postal staff record both hand-overs; the pickup becomes a dossier although the postal
    # role may not receive at the counter otherwise.
    ctx.role = "postal"
    postal.handover(ctx, "delivery", [HandoverLine(code, s10(90))])
    out = postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(91))])
    assert dossiers.show(ctx, out.items[0].code).to_json()["channel"] == "postal"
    with pytest.raises(InputError) as err:
        receive(ctx, ReceiveRequest(procedure_code=BIRTH, applicant_name="Tại Quầy"))
    assert err.value.field == "role"
    # Outcomes are the post's to report: the counter may not record them.
    ctx.role = "counter"
    with pytest.raises(InputError) as err:
        postal.record_attempt(ctx, code, Attempt("failed", reason="Vắng"))
    assert err.value.field == "role"
    ctx.role = "postal"
    assert postal.record_attempt(ctx, code, Attempt("failed", reason="Vắng")).attempt == 1


@pytest.mark.postgres
def test_both_flows_on_postgresql(pg_url, clock, tmp_path, monkeypatch):
    """The central database runs the same queries: times compared exactly (the pickup's dossier
    found again by its time of receipt), months, joins."""
    from tests.helpers import open_pg_store

    store = open_pg_store(pg_url)
    try:
        ctx = Context(store=store, actor="can.bo", clock=clock)
        initialize(ctx, demo=True)
        code = ready(ctx, clock)
        postal.handover(ctx, "delivery", [HandoverLine(code, s10(1))])
        assert refs(postal.day_list(ctx, date(2026, 11, 16), "delivery")) == [code]
        first = postal.record_attempt(ctx, code, Attempt("failed", reason="Vắng"))
        assert first.next_attempt_on == "2026-11-18"
        p = pickup(ctx, date(2026, 11, 16))
        real = reception.receive

        def dies_after_commit(ctx_, req):
            real(ctx_, req)
            raise KeyboardInterrupt

        monkeypatch.setattr(reception, "receive", dies_after_commit)
        with pytest.raises(KeyboardInterrupt):
            postal.handover(ctx, "pickup", [HandoverLine(p.ref, s10(2, "EE"))])
        monkeypatch.setattr(reception, "receive", real)
        # Recovery finds the committed dossier by its exact time of receipt: no second one.
        assert postal.complete_pending_pickups(ctx) == 1
        assert len(dossiers.list_dossiers(ctx)) == 2
        out = postal.record_json(ctx, "BBGN-2026-01-00002")
        shown = dossiers.show(ctx, out.items[0].code).to_json()
        assert shown["received_at"] == out.to_json()["at"] and shown["channel"] == "postal"
        st = postal.statement(ctx, "2026-11")
        assert st.by_payer == {"agency": 44000, "citizen": 10000, "post": 0}
        assert postal.export_day(ctx, date(2026, 11, 16), "csv", tmp_path / "d.csv").rows == 2
        assert postal.handover_pdf(ctx, out.record).startswith(b"%PDF")
        assert postal.overdue(ctx, date(2026, 11, 19))[0].ref == code
    finally:
        store.close()


def test_status_file_in_xlsx_with_date_cells(ctx, clock, tmp_path):
    from openpyxl import Workbook

    code = ready(ctx, clock)
    postal.handover(ctx, "delivery", [HandoverLine(code, s10(95))])
    clock.set(vn(2026, 11, 17, 9, 0))
    wb = Workbook()
    ws = wb.active
    ws.append(["consignment", "outcome", "at", "recipient", "id_number"])
    # Spreadsheets hold times as date cells without a zone: Vietnam's local time is meant.
    ws.append([s10(95), "Phát thành công", datetime(2026, 11, 16, 15, 30), "Nguyễn Văn An", ID])
    wb.save(tmp_path / "status.xlsx")
    assert postal.import_statuses(ctx, tmp_path / "status.xlsx").applied == 1
    shown = dossiers.show(ctx, code).to_json()
    assert shown["status"] == "delivered"
    assert shown["finished_at"] == vn(2026, 11, 16, 15, 30).isoformat()
