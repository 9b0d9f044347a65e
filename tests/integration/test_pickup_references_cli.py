"""Home pickup requests are named by short references ("TG-1001"), numbered per workstation, on
the command line: shown by ``postal pickup`` and ``postal list``, accepted (in any case, with or
without the dash) wherever the request's id was, and the id is still accepted."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime

import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from tests.helpers import run_cli as run

ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
REF = re.compile(r"^TG-\d{4}$")


def j(proc: subprocess.CompletedProcess):
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("pickup-refs")
    run(d, "init", "--demo", "--json")
    return d


def _pickup(store, name: str, *extra: str) -> subprocess.CompletedProcess:
    today = datetime.now(VN_TZ).date().isoformat()
    return run(
        store,
        "postal",
        "pickup",
        "--procedure",
        "1.001193",
        "--name",
        name,
        "--phone",
        "0987654321",
        "--address",
        ADDRESS,
        "--date",
        today,
        *extra,
    )


def test_pickups_get_short_references_used_everywhere(store, tmp_path):
    first = j(_pickup(store, "Lê Thị Bích", "--json"))
    second = j(_pickup(store, "Võ Thị Hoa", "--json"))
    third = j(_pickup(store, "Trần Văn Ba", "--json"))
    # Workstation 1's own series: 1001, 1002, ... never a UUID.
    assert [p["ref"] for p in (first, second, third)] == ["TG-1001", "TG-1002", "TG-1003"]
    assert all(REF.match(p["ref"]) for p in (first, second, third))
    assert len(first["id"]) == 36 and first["id"] != first["ref"]
    # The human output names the reference too.
    said = _pickup(store, "Phạm Văn Tư").stdout
    assert said.strip().endswith(": TG-1004")

    listed = run(store, "postal", "list", "--kind", "pickup").stdout
    for ref in ("TG-1001", "TG-1002", "TG-1003", "TG-1004"):
        assert f"  {ref}  " in listed
    assert first["id"] not in listed
    rows = j(run(store, "postal", "list", "--kind", "pickup", "--json"))
    assert {r["ref"] for r in rows} >= {"TG-1001", "TG-1002", "TG-1003"}

    # Cancelled by the reference as typed by hand.
    out = j(run(store, "postal", "cancel", "tg1002", "--reason", "Gọi điện hủy", "--json"))
    assert out["ref"] == "TG-1002" and out["status"] == "cancelled"
    again = run(store, "postal", "cancel", "TG-1002", "--reason", "Lần nữa", check=2)
    assert "TG-1002" in again.stderr and "đã được hủy" in again.stderr

    # Handed over by reference (one) and by id (the other): the record names the references.
    s10a, s10b = make_s10("EE", 51110001), make_s10("EE", 51110002)
    record = j(
        run(
            store,
            "postal",
            "handover",
            "--kind",
            "pickup",
            "--item",
            f"tg-1001={s10a}",
            "--item",
            f"{third['id']}={s10b}",
            "--json",
        )
    )
    assert [i["ref"] for i in record["items"]] == ["TG-1001", "TG-1003"]
    text = run(store, "postal", "record", record["record"]).stdout
    assert "(TG-1001)" in text and "(TG-1003)" in text

    receipt = tmp_path / "receipt.pdf"
    run(store, "postal", "receipt", "TG-1001", "--out", str(receipt))
    assert receipt.read_bytes().startswith(b"%PDF")
    by_id = tmp_path / "receipt-id.pdf"
    run(store, "postal", "receipt", first["id"], "--out", str(by_id))
    assert by_id.read_bytes().startswith(b"%PDF")

    unknown = run(store, "postal", "cancel", "TG-9999", "--reason", "Không có", check=2)
    assert "TG-9999" in unknown.stderr
