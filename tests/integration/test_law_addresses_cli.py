"""Issue 14, item 8: an address for the post resolves to a 2025 province and commune, through the
real command line on a scratch store. Refusals exit 2 naming the field, with the new province and
the nearest communes in the message, and write nothing (every table compared)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from onestop.domain.clock import VN_TZ
from tests.helpers import dump
from tests.helpers import run_cli as run

BIRTH = "1.001193"
LONG_XUYEN = {
    "province_code": "91",
    "province_name": "Tỉnh An Giang",
    "commune_code": "30307",
    "commune_name": "Phường Long Xuyên",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("addresses")
    run(d, "init", "--demo", "--json")
    return d


def receive(store, *args: str, check: int = 0):
    return run(
        store,
        "receive",
        "--procedure",
        BIRTH,
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0912345678",
        *args,
        "--json",
        check=check,
    )


def show(store, code: str) -> dict:
    return json.loads(run(store, "show", code, "--json").stdout)


def test_a_2025_address_is_stored_by_code_and_shown(store):
    code = json.loads(
        receive(
            store,
            "--address",
            "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang",
            "--return-by",
            "post",
        ).stdout
    )["code"]
    shown = show(store, code)
    assert shown["return_unit"] == LONG_XUYEN
    # The received event carries the codes: sync rebuilds the row from it everywhere.
    payload = shown["events"][0]["payload"]
    assert payload["return_province_code"] == "91" and payload["return_commune_code"] == "30307"


def test_typing_without_diacritics_resolves_too(store):
    code = json.loads(
        receive(
            store,
            "--address",
            "so 7 le loi, phuong ben thanh, tp hcm",
            "--return-by",
            "post",
        ).stdout
    )["code"]
    unit = show(store, code)["return_unit"]
    assert unit["province_code"] == "79" and unit["commune_name"] == "Phường Bến Thành"


def test_a_separate_return_address_is_the_one_resolved(store):
    code = json.loads(
        receive(
            store,
            "--address",
            "Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang",  # an old ID-card address: kept as is
            "--return-address",
            "Ấp Hòa Thạnh, Xã Mỹ Hòa Hưng, Tỉnh An Giang",
            "--return-by",
            "post",
        ).stdout
    )["code"]
    shown = show(store, code)
    assert shown["return_unit"]["commune_name"] == "Xã Mỹ Hòa Hưng"
    assert shown["address"] == "Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang"


def test_a_return_at_the_counter_has_no_unit(store):
    code = json.loads(receive(store, "--address", "Quận 1, TP Hồ Chí Minh").stdout)["code"]
    assert show(store, code)["return_unit"] is None


@pytest.mark.parametrize(
    ("args", "field", "expected"),
    [
        # A district (abolished level): the new province named, and what to write.
        (["--address", "Quận 1, TP Hồ Chí Minh"], "address", ["Quận 1", "Thành phố Hồ Chí Minh"]),
        # An old ward under an old district: the ward the old city's name lives on in suggested.
        (
            ["--address", "Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang"],
            "address",
            ["TP Long Xuyên", "Phường Long Xuyên"],
        ),
        # An abolished province: its new province and the commune suggested.
        (
            [
                "--address",
                "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang",
                "--return-address",
                "12 Lê Lợi, Phường Thủ Dầu Một, tỉnh Bình Dương",
            ],
            "return_address",
            ["Bình Dương", "Thành phố Hồ Chí Minh", "Phường Thủ Dầu Một"],
        ),
        # No diacritics, and an unknown commune: the nearest of the province suggested.
        (
            ["--address", "12 nguyen hue, phuong long xuyen moi, an giang"],
            "address",
            ["Phường Long Xuyên"],
        ),
        (["--address", "12 Nguyễn Huệ, An Giang"], "address", ["phường/xã", "Tỉnh An Giang"]),
    ],
)
def test_an_address_that_does_not_resolve_is_refused_and_nothing_written(
    store, args, field, expected
):
    before = dump(store)
    proc = receive(store, *args, "--return-by", "post", check=2)
    assert proc.stdout == ""
    assert f"{field}:" in proc.stderr
    for part in expected:
        assert part in proc.stderr, proc.stderr
    assert dump(store) == before


def test_postal_pickups_resolve_their_address_and_lists_group_by_commune_code(store):
    day = datetime.now(VN_TZ).date().isoformat()

    def pickup(address: str, check: int = 0):
        return run(
            store,
            "postal",
            "pickup",
            "--procedure",
            BIRTH,
            "--name",
            "Lê Thị Hoa",
            "--phone",
            "0912345678",
            "--address",
            address,
            "--date",
            day,
            "--json",
            check=check,
        )

    before = dump(store)
    proc = pickup("Ấp 3, xã An Bình, huyện Dĩ An, tỉnh Bình Dương", check=2)
    assert "address:" in proc.stderr and "Thành phố Hồ Chí Minh" in proc.stderr
    assert "huyện Dĩ An" in proc.stderr and "Phường Dĩ An" in proc.stderr
    assert dump(store) == before

    first = json.loads(pickup("12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang").stdout)
    assert first["commune_code"] == "30307" and first["ward"] == "Phường Long Xuyên"
    pickup("Ấp Hòa Thạnh, xa my hoa hung, an giang")
    pickup("34 Trần Hưng Đạo, P. Long Xuyên, An Giang")
    listed = json.loads(
        run(store, "postal", "list", "--date", day, "--kind", "pickup", "--json").stdout
    )
    codes = [r["commune_code"] for r in listed]
    assert sorted(codes) == ["30307", "30307", "30313"]
    # One run per commune: the list is grouped by code.
    runs = [c for i, c in enumerate(codes) if i == 0 or codes[i - 1] != c]
    assert len(runs) == len(set(codes))
    text = run(store, "postal", "list", "--date", day, "--kind", "pickup").stdout
    assert text.count("== Phường Long Xuyên") == 1
