"""The ``postal`` commands run as a user would: real processes on a scratch --data-dir, checking
the JSON contract, exit statuses, and that a refusal writes nothing."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import datetime, timedelta

import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from tests.helpers import dump
from tests.helpers import run_cli as run

ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"


def j(proc: subprocess.CompletedProcess):
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("postal-cli")
    run(d, "init", "--demo", "--json")
    return d


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="minutes")


def test_delivery_flow_by_command_line(store, tmp_path):
    # Back-entry a month ago, so that two attempts two working days apart lie in the past.
    start = (datetime.now(VN_TZ) - timedelta(days=30)).replace(hour=8, minute=0, microsecond=0)
    code = j(
        run(
            store,
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
            iso(start),
            "--json",
        )
    )["code"]
    run(store, "result", code, "--at", iso(start + timedelta(hours=1)))
    day = start.date().isoformat()
    listed = j(run(store, "postal", "list", "--date", day, "--kind", "delivery", "--json"))
    assert [r["ref"] for r in listed] == [code]
    assert {"ref", "name", "address", "phone", "consignment", "status"} <= set(listed[0])
    assert listed[0]["consignment"] is None and listed[0]["status"] == "result_ready"

    # A wrong check digit: refused with exit 2, nothing written.
    good = make_s10("RR", 55555555)
    bad = good[:10] + str((int(good[10]) + 1) % 10) + "VN"
    before = dump(store)
    proc = run(
        store, "postal", "handover", "--kind", "delivery", "--item", f"{code}={bad}", check=2
    )
    assert "số kiểm tra" in proc.stderr and proc.stdout == ""
    assert dump(store) == before
    # A weight that is not a number of grams: refused the same way, naming the weight.
    proc = run(
        store,
        "postal",
        "handover",
        "--kind",
        "delivery",
        "--item",
        f"{code}={good}@1,2kg",
        check=2,
    )
    assert "weight" in proc.stderr and dump(store) == before

    handed = iso(start + timedelta(hours=2))
    out = j(
        run(
            store,
            "postal",
            "handover",
            "--kind",
            "delivery",
            "--item",
            f"{code}={good}@350g",
            "--at",
            handed,
            "--postman",
            "Võ Văn Bưu",
            "--json",
        )
    )
    assert out["record"].startswith(f"BBGN-{start.year}-01-")
    assert out["items"][0]["ref"] == code and out["items"][0]["code"] == code
    assert out["items"][0]["consignment"] == good
    exported = tmp_path / "weights.csv"
    run(store, "postal", "export", "--date", day, "--format", "csv", "--out", str(exported))
    (row,) = csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig")))
    assert row["consignment"] == good and row["weight_g"] == "350"
    shown = j(run(store, "show", code, "--json"))
    assert shown["status"] == "out_for_delivery"

    first = j(
        run(
            store,
            "postal",
            "attempt",
            code,
            "--outcome",
            "failed",
            "--reason",
            "Vắng nhà",
            "--at",
            iso(start + timedelta(hours=3)),
            "--json",
        )
    )
    nxt = first["next_attempt_on"]
    assert first["status"] == "out_for_delivery" and nxt > day
    # Too early for the second attempt: exit 2.
    run(
        store,
        "postal",
        "attempt",
        code,
        "--outcome",
        "failed",
        "--reason",
        "x",
        "--at",
        iso(start + timedelta(hours=4)),
        check=2,
    )
    second = j(
        run(
            store,
            "postal",
            "attempt",
            code,
            "--outcome",
            "failed",
            "--reason",
            "Vẫn vắng",
            "--at",
            f"{nxt}T10:00",
            "--json",
        )
    )
    assert second["status"] == "undeliverable"
    run(
        store,
        "return",
        code,
        "--to",
        "Nguyễn Văn An",
        "--id-number",
        "001090012345",
        "--at",
        f"{nxt}T15:00",
    )
    assert j(run(store, "show", code, "--json"))["status"] == "returned"

    month = start.strftime("%Y-%m")
    st = j(run(store, "postal", "statement", "--month", month, "--json"))
    assert st["payer"] == "agency"
    item = next(i for i in st["items"] if i["consignment"] == good)
    assert [c["kind"] for c in item["charges"]][:2] == ["first_trip", "repeat_trip"]
    assert st["postage"] == sum(i["postage"] for i in st["items"])

    out_csv = tmp_path / "day.csv"
    exported = j(
        run(
            store,
            "postal",
            "export",
            "--date",
            day,
            "--format",
            "csv",
            "--out",
            str(out_csv),
            "--json",
        )
    )
    assert exported["rows"] == 1
    text = out_csv.read_bytes().decode("utf-8-sig")
    assert next(csv.DictReader(io.StringIO(text)))["consignment"] == good

    rec = j(run(store, "postal", "record", out["record"], "--json"))
    assert rec["items"][0]["consignment"] == good


def _pickup_args(name: str, day: str) -> list[str]:
    """A home pickup request for a birth registration, as typed on the command line."""
    return [
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
        day,
    ]


def test_pickup_flow_by_command_line(store, tmp_path):
    today = datetime.now(VN_TZ).date().isoformat()
    before = dump(store)
    proc = run(
        store,
        "postal",
        "pickup",
        "--procedure",
        "1.000894",  # marriage: both people in person
        "--name",
        "Lê Thị Bích",
        "--phone",
        "0987654321",
        "--address",
        ADDRESS,
        "--date",
        today,
        check=2,
    )
    assert "procedure" in proc.stderr
    assert dump(store) == before
    p = j(run(store, *_pickup_args("lê thị bích", today), "--json"))
    ref = p["ref"]
    listed = j(run(store, "postal", "list", "--date", today, "--kind", "pickup", "--json"))
    assert ref in [r["ref"] for r in listed]
    s10 = make_s10("EE", 47110815)
    out = j(
        run(store, "postal", "handover", "--kind", "pickup", "--item", f"{ref}={s10}", "--json")
    )
    item = out["items"][0]
    assert item["ref"] == ref and item["consignment"] == s10
    shown = j(run(store, "show", item["code"], "--json"))
    assert shown["channel"] == "postal"
    assert shown["received_at"] == out["at"]
    receipt = tmp_path / "receipt.pdf"
    run(store, "postal", "receipt", ref, "--out", str(receipt))
    assert receipt.read_bytes().startswith(b"%PDF")
    # Handed over twice: refused.
    run(
        store,
        "postal",
        "handover",
        "--kind",
        "pickup",
        "--item",
        f"{ref}={make_s10('EE', 47110816)}",
        check=2,
    )


def test_status_file_import_and_usage_errors(store, tmp_path):
    missing = run(store, "postal", "import", str(tmp_path / "nope.csv"), check=2)
    assert "FILE" in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("consignment,outcome,at\nRR000000000VN,lost,2026-01-01T10:00\n")
    proc = run(store, "postal", "import", str(bad), check=2)
    assert "dòng 2" in proc.stderr
    run(store, "postal", "handover", "--kind", "delivery", check=2)  # no --item: usage error
    run(store, "postal", "statement", "--month", "2026/11", check=2)
    tariff = j(run(store, "postal", "tariff", "--json"))
    assert set(tariff["zones"]) == {"intra_province", "inter_province"}


def test_a_pickup_is_cancelled_by_command_line(store):
    today = datetime.now(VN_TZ).date().isoformat()
    p = j(run(store, *_pickup_args("Võ Thị Hoa", today), "--json"))
    before = dump(store)
    refused = run(store, "postal", "cancel", p["ref"], "--reason", "", check=2)
    assert "reason" in refused.stderr
    assert dump(store) == before
    out = j(run(store, "postal", "cancel", p["ref"], "--reason", "Gọi điện hủy", "--json"))
    assert out["status"] == "cancelled" and out["cancel_reason"] == "Gọi điện hủy"
    again = run(store, "postal", "cancel", p["ref"], "--reason", "Gọi điện hủy", check=2)
    assert "đã được hủy" in again.stderr
