"""The postage zone by the 2025 unit codes an address resolved to (issue 14): the same zone as
the text gave whenever the text named its province, and the commune's province when it did not."""

from __future__ import annotations

import pytest

from onestop.domain import address_resolver
from onestop.domain.addresses import Address
from onestop.domain.postal import Tariff, province_of

ZONE = {
    "label": "x",
    "bands": [{"up_to_g": 500, "price": 1}],
    "extra_per_500g": 1,
    "repeat_trip": 1,
    "return_to_agency": 1,
    "service_days": 1,
}
TARIFF = Tariff.from_dict(
    {"province_code": "91", "zones": {"intra_province": ZONE, "inter_province": ZONE}}
)
ADDRESSES = [
    "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang",
    "Số 5, Phường Bến Thành, TP Hồ Chí Minh",
    "Phường Ba Đình, Hà Nội",
    "Số 3 đường 30/4, Phường Rạch Giá, Tỉnh An Giang",
    "Số 5 Phường Bến Thành",
    "12 Nguyễn Huệ, Phường Long Xuyên",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_codes_zone_as_the_text_did_whenever_it_named_its_province(address):
    unit = address_resolver.resolve(address)
    assert unit.commune is not None
    codes = (unit.province.code, unit.commune.code)
    by_codes = TARIFF.zone_for(address, *codes)
    if Address.parse_legacy(address).province is not None:
        assert by_codes == TARIFF.zone_for(address)
    assert by_codes == ("intra_province" if unit.province.code == "91" else "inter_province")
    # The commune's code alone is enough.
    assert TARIFF.zone_for(address, None, unit.commune.code) == by_codes


def test_without_codes_or_text_nothing_changes():
    assert TARIFF.zone_for(None) == TARIFF.zone_for("") == "intra_province"
    assert province_of("Số 5 Phường Bến Thành") is None  # the text alone does not place it
    assert TARIFF.zone_for("Số 5 Phường Bến Thành") == "intra_province"
