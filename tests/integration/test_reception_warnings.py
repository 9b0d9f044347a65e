"""Warnings a receipt carries without being refused (issue 15): an open dossier of the same ID
number and procedure, a receipt time outside the office's sessions; the command line returns them
in ``warnings`` and still exits 0."""

from __future__ import annotations

import json
from datetime import datetime

from onestop.domain.clock import VN_TZ
from onestop.services import counter
from onestop.services.reception import ReceiveRequest, receive
from tests.helpers import run_cli

BIRTH = "1.001193"
ID = "001190012345"


def req(**kw) -> ReceiveRequest:
    base = {"procedure_code": BIRTH, "applicant_name": "Đặng Thị Hoa Rây", "id_number": ID}
    base.update(kw)
    return ReceiveRequest(**base)


def test_an_open_dossier_of_the_same_id_and_procedure_is_named(ctx):
    first = receive(ctx, req())
    assert first.warnings == () and "warnings" not in first.to_json()
    second = receive(ctx, req())
    assert [w.to_json() for w in second.warnings] == [
        {
            "code": "duplicate",
            "dossier": first.code,
            "message": f"Người có số giấy tờ {ID} đang có hồ sơ {first.code} cùng thủ tục "
            "chưa giải quyết xong",
        }
    ]
    assert second.to_json()["warnings"][0]["dossier"] == first.code
    # Another procedure, or no ID number: nothing to warn about.
    assert receive(ctx, req(procedure_code="1.000656")).warnings == ()
    assert receive(ctx, req(id_number=None)).warnings == ()
    # The window asks before saving with the same check.
    assert [w.dossier for w in counter.check(ctx, BIRTH, " 001190012345")] == [
        second.code,
        first.code,
    ]


def test_a_receipt_outside_the_sessions_is_warned_about_but_not_a_back_entry(ctx, clock):
    clock.set(datetime(2026, 11, 16, 12, 10, tzinfo=VN_TZ))  # Monday, lunch break
    r = receive(ctx, req(id_number=None))
    assert [w.code for w in r.warnings] == ["outside_hours"]
    assert "12:10 ngày 16/11/2026" in r.warnings[0].message
    assert "07:30-11:30, 13:30-17:00" in r.warnings[0].message
    clock.set(datetime(2026, 11, 21, 9, 0, tzinfo=VN_TZ))  # Saturday
    r = receive(ctx, req(id_number=None))
    assert [w.code for w in r.warnings] == ["outside_hours"]
    assert "ngày nghỉ" in r.warnings[0].message
    # A back-entry records when the dossier was really received: no warning.
    back = receive(
        ctx, req(id_number=None, received_at=datetime(2026, 11, 20, 18, 0, tzinfo=VN_TZ))
    )
    assert back.warnings == ()
    clock.set(datetime(2026, 11, 16, 13, 30, tzinfo=VN_TZ))
    assert receive(ctx, req(id_number=None)).warnings == ()
    assert counter.check(ctx, BIRTH, None) == []


def test_procedure_use_counts_this_workstations_last_90_days(ctx, clock):
    for _ in range(2):
        receive(ctx, req(id_number=None))
    receive(ctx, req(id_number=None, procedure_code="1.000656"))
    assert counter.procedure_use(ctx) == {BIRTH: 2, "1.000656": 1}
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=VN_TZ))
    assert counter.procedure_use(ctx) == {}


def test_receive_json_names_the_other_dossier_and_exits_0(tmp_path):
    run_cli(tmp_path, "init", "--demo")
    args = ("receive", "--procedure", BIRTH, "--name", "Lê Văn An", "--id-number", ID, "--json")
    first = json.loads(run_cli(tmp_path, *args).stdout)
    second = json.loads(run_cli(tmp_path, *args).stdout)
    # The real clock may be outside office hours: only the duplicate is certain.
    duplicates = [w for w in second["warnings"] if w["code"] == "duplicate"]
    assert duplicates == [
        {
            "code": "duplicate",
            "dossier": first["code"],
            "message": f"Người có số giấy tờ {ID} đang có hồ sơ {first['code']} cùng thủ tục "
            "chưa giải quyết xong",
        }
    ]
    assert all(w["code"] != "duplicate" for w in first.get("warnings", []))
    human = run_cli(tmp_path, *args[:-1]).stdout
    assert f"Cảnh báo: Người có số giấy tờ {ID} đang có hồ sơ" in human
