"""Issue 14, item 9: identifiers the law does not allow (CCCD 2300s, MST serial 0000000, S10
reserved service indicators and non-ISO countries, names made of digits)."""

from __future__ import annotations

from datetime import date

import pytest

from onestop.domain.errors import InputError
from onestop.domain.identifiers import check_person_id, check_s10, check_tax_code, make_s10
from onestop.domain.text import require_letters


@pytest.mark.parametrize("digit", "89")
def test_cccd_century_digits_8_and_9_are_the_2300s(digit: str) -> None:
    c = check_person_id(f"001{digit}90012345", today=date(2026, 11, 16))
    assert not c.valid and c.reason is not None and "23" in c.reason


# 0100000000: weights on N1..N9: 1*29 = 29; 29 mod 11 = 7; 10 - 7 = 3 -> 0100000003 passes the
# check digit, but its serial N3-N9 is 0000000, which is never issued.
def test_tax_serial_zero_is_invalid() -> None:
    c = check_tax_code("0100000003")
    assert not c.valid and c.reason is not None and "0000000" in c.reason
    assert not check_tax_code("0100000003-001").valid
    assert check_tax_code("0100000010").valid  # serial 0000001


# 12345678 -> check digit 5 (see test_identifiers); only the service and country differ.
@pytest.mark.parametrize("number", ["JA123456785VN", "KZ123456785VN"])
def test_s10_reserved_service_indicators(number: str) -> None:
    c = check_s10(number)
    assert not c.valid and c.reason is not None and "dành riêng" in c.reason
    with pytest.raises(InputError) as e:
        make_s10(number[:2], "12345678")
    assert e.value.field == "prefix"


@pytest.mark.parametrize("country", ["XX", "UK", "ZZ", "AA"])
def test_s10_country_must_be_iso_3166(country: str) -> None:
    c = check_s10(f"RR123456785{country}")
    assert not c.valid and c.reason is not None and "ISO 3166" in c.reason
    with pytest.raises(InputError) as e:
        make_s10("RR", "12345678", country=country)
    assert e.value.field == "country"
    assert check_s10("RR123456785GB").valid


@pytest.mark.parametrize("name", ["079099", "001 090 012 345", "12-34", "..."])
def test_a_name_without_letters_is_refused(name: str) -> None:
    with pytest.raises(InputError) as e:
        require_letters(name)
    assert e.value.field == "name"


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Công ty 3M", "Ê"])
def test_a_name_with_letters_passes(name: str) -> None:
    assert require_letters(name) == name
