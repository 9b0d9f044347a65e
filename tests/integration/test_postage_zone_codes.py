"""Issue 14 (leftover of item 8): the postage zone of a result sent by post comes from the 2025
unit codes its address resolved to (dossiers.return_province_code, migration 0017), so that an
address naming only its commune is zoned by the commune's province; an address whose text named
its province is zoned as before. Through the real command line on a scratch store, with a
tariff for an office in An Giang (91)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from tests.helpers import run_cli as run

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    # (return address, zone): the commune alone (Bến Thành is in Hồ Chí Minh, 79): by its code.
    ("Số 5 Phường Bến Thành", "inter_province"),
    # Text that named its province: zoned as the text always zoned it.
    ("Số 5, Phường Bến Thành, TP Hồ Chí Minh", "inter_province"),
    ("12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang", "intra_province"),
    ("12 Nguyễn Huệ, Phường Long Xuyên", "intra_province"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("postage_zone")
    run(d, "init", "--demo", "--json")
    tariff = json.loads((ROOT / "resources" / "postal" / "tariff.json").read_text("utf-8"))
    path = d / "tariff.json"
    path.write_text(json.dumps({**tariff, "province_code": "91"}), encoding="utf-8")
    run(d, "postal", "tariff", "--set", str(path))
    return d


def test_the_zone_follows_the_resolved_province(store):
    start = (datetime.now(VN_TZ) - timedelta(days=20)).replace(hour=8, minute=0, microsecond=0)
    at = start.isoformat(timespec="minutes")
    items, expected = [], {}
    for i, (address, zone) in enumerate(CASES):
        out = run(
            store,
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            "Nguyễn Văn An",
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
        run(store, "result", code, "--at", (start + timedelta(hours=1)).isoformat())
        items += ["--item", f"{code}={make_s10('RR', 10000000 + i)}"]
        expected[code] = zone
    handed = (start + timedelta(hours=2)).isoformat(timespec="minutes")
    out = run(store, "postal", "handover", "--kind", "delivery", *items, "--at", handed, "--json")
    zones = {item["code"]: item["zone"] for item in json.loads(out.stdout)["items"]}
    assert zones == expected
