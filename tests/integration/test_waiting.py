"""Results waiting to be collected at the counter: ready or brought back by the post, not yet
handed over, oldest first, searchable by name, phone or code, with how long each has waited."""

from __future__ import annotations

import json
from datetime import timedelta

from onestop.services import dossiers
from onestop.services.reception import ReceiveRequest, receive
from tests.helpers import run_cli


def _ready(ctx, clock, name: str, phone: str | None = None) -> str:
    code = receive(ctx, ReceiveRequest("1.001193", name, phone=phone)).code
    clock.set(clock.now + timedelta(hours=1))
    dossiers.mark_result_ready(ctx, code)
    return code


def test_the_waiting_list_is_oldest_first_searchable_and_says_how_long(ctx, clock):
    first = _ready(ctx, clock, "Đặng Thị Hoa Rây", phone="0912345678")
    clock.set(clock.now + timedelta(days=2))
    second = _ready(ctx, clock, "Nguyễn Văn An", phone="0987654321")
    third = _ready(ctx, clock, "Nguyễn Thị Bích")
    dossiers.return_result(ctx, third, "Nguyễn Thị Bích", id_number="001190012345")
    receive(ctx, ReceiveRequest("1.001193", "Nguyễn Văn Anh"))  # no result yet
    clock.set(clock.now + timedelta(hours=5))

    rows = dossiers.waiting(ctx)
    assert [r.code for r in rows] == [first, second]
    assert rows[0].waited_days == 2 and rows[1].waited_days == 0
    assert rows[1].to_json()["waited_hours"] == 6
    assert rows[0].to_json()["ready_at"] == rows[0].ready_at.isoformat()
    assert [r.code for r in dossiers.waiting(ctx, "hoa ray")] == [first]
    assert [r.code for r in dossiers.waiting(ctx, "NGUYEN an")] == [second]
    assert [r.code for r in dossiers.waiting(ctx, "0987")] == [second]
    assert [r.code for r in dossiers.waiting(ctx, second[-6:])] == [second]
    assert dossiers.waiting(ctx, "bich") == []  # handed over already
    assert dossiers.waiting(ctx, "%") == []


def test_list_waiting_on_the_command_line(ctx, clock, data_dir):
    first = _ready(ctx, clock, "Đặng Thị Hoa Rây", phone="0912345678")
    second = _ready(ctx, clock, "Nguyễn Văn An")
    out = json.loads(run_cli(data_dir, "list", "--waiting", "--json").stdout)
    assert [r["code"] for r in out] == [first, second]
    assert {"ready_at", "waited_days", "waited_hours"} <= set(out[0])
    found = json.loads(run_cli(data_dir, "list", "--waiting", "--search", "0912", "--json").stdout)
    assert [r["code"] for r in found] == [first]
    human = run_cli(data_dir, "list", "--waiting").stdout
    assert first in human and "chờ" in human
    proc = run_cli(data_dir, "list", "--search", "an", check=2)
    assert "--search" in proc.stderr
