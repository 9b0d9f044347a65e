"""Tests for onestop.domain.addresses: 2025 units, name lookups, legacy addresses, validation."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
import vietnam_provinces as vp

from onestop.domain.addresses import (
    DATA_VERSION,
    OLD_PROVINCE_TO_NEW,
    PACKAGE_VERSION,
    Address,
    Unit,
    find_province,
    find_ward,
    get_province,
    get_ward,
    provinces,
    search_wards,
    suggest_wards,
    validate_address,
    wards,
)
from onestop.domain.errors import InputError
from onestop.domain.identifiers import CCCD_PROVINCES


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- units ------------------------------------------------------------------------------------


def test_two_tier_map_sizes() -> None:
    ps = provinces()
    assert len(ps) == 34
    all_wards = [w for p in ps for w in wards(p.code)]
    assert len(all_wards) == 3321
    assert len({w.code for w in all_wards}) == 3321
    assert Counter(w.type for w in all_wards) == {"xã": 2621, "phường": 687, "đặc khu": 13}
    assert Counter(p.type for p in ps) == {"tỉnh": 28, "thành phố": 6}


def test_versions_are_reported() -> None:
    assert vp.__version__ == PACKAGE_VERSION
    assert vp.__data_version__ == DATA_VERSION


def test_unit_shapes() -> None:
    assert get_province("91") == Unit("91", "An Giang", "Tỉnh An Giang", "tỉnh", "an giang")
    assert get_province(1) == Unit("01", "Hà Nội", "Thành phố Hà Nội", "thành phố", "ha noi")
    assert get_ward("30307") == Unit(
        "30307", "Long Xuyên", "Phường Long Xuyên", "phường", "long xuyen", "91"
    )
    assert get_ward(70) == get_ward("00070")
    assert get_ward("00070") is not None and get_ward("00070").full_name == "Phường Hoàn Kiếm"
    phu_quoc = find_ward("Đặc khu Phú Quốc")
    assert phu_quoc is not None and phu_quoc.type == "đặc khu" and phu_quoc.province_code == "91"
    assert get_province("99") is None and get_ward("99999") is None and get_ward("abc") is None


def test_lists_are_copies_and_sorted() -> None:
    ag = wards("91")
    assert [w.folded for w in ag] == sorted(w.folded for w in ag)
    ag.clear()
    assert wards(91)
    ps = provinces()
    assert [p.code for p in ps] == sorted(p.code for p in ps)


def test_wards_unknown_province() -> None:
    with pytest.raises(InputError) as e:
        wards("99")
    assert e.value.field == "province_code"


def test_names_are_nfc_and_typed() -> None:
    for p in provinces():
        assert unicodedata.is_normalized("NFC", p.full_name)
        for w in wards(p.code):
            assert (
                w.full_name
                == {"xã": "Xã", "phường": "Phường", "đặc khu": "Đặc khu"}[w.type] + " " + w.name
            )
            assert w.province_code == p.code


# --- old provinces -> new ---------------------------------------------------------------------


def test_old_province_map_covers_63_into_34() -> None:
    assert set(OLD_PROVINCE_TO_NEW) == {c[1:] for c in CCCD_PROVINCES}
    assert set(OLD_PROVINCE_TO_NEW.values()) == {p.code for p in provinces()}
    # The 11 provinces left unchanged in 2025 keep their code.
    for code in ("01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46"):
        assert OLD_PROVINCE_TO_NEW[code] == code
    assert Counter(OLD_PROVINCE_TO_NEW.values())["79"] == 3  # HCM + Bình Dương + BR-VT


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("89", "91"),  # An Giang
        ("91", "91"),  # Kiên Giang -> An Giang
        ("80", "80"),  # Long An -> Tây Ninh (code 80)
        ("72", "80"),  # Tây Ninh
        ("74", "79"),  # Bình Dương -> TP HCM
        ("77", "79"),  # Bà Rịa - Vũng Tàu -> TP HCM
        ("64", "52"),  # Gia Lai (old) -> Gia Lai (new, seat of Bình Định)
        ("02", "08"),  # Hà Giang -> Tuyên Quang
        ("93", "92"),  # Hậu Giang -> Cần Thơ
    ],
)
def test_old_province_examples(old: str, new: str) -> None:
    assert OLD_PROVINCE_TO_NEW[old] == new


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("An Giang", "91"),
        ("Tỉnh An Giang", "91"),
        ("tinh an giang", "91"),
        ("Kiên Giang", "91"),
        ("Long An", "80"),
        ("TP.HCM", "79"),
        ("TP. Hồ Chí Minh", "79"),
        ("Thành phố Hồ Chí Minh", "79"),
        ("Bình Dương", "79"),
        ("Bà Rịa - Vũng Tàu", "79"),
        ("Thừa Thiên Huế", "46"),
        ("TP Huế", "46"),
        ("Hà Nội", "01"),
        ("Gia Lai", "52"),
        ("Bình Định", "52"),
    ],
)
def test_find_province(text: str, code: str) -> None:
    p = find_province(text)
    assert p is not None and p.code == code
    assert find_province(nfd(text)) == p


@pytest.mark.parametrize("text", ["", "Long Xuyên", "Atlantis", "TP Long Xuyên"])
def test_find_province_none(text: str) -> None:
    assert find_province(text) is None


# --- wards by name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Phường Long Xuyên", "phường long xuyên", "P. Long Xuyên", "p long xuyen", "Long Xuyên"],
)
def test_find_ward_forms(text: str) -> None:
    w = find_ward(text, "91")
    assert w is not None and w.code == "30307"
    assert find_ward(nfd(text), 91) == w


def test_long_xuyen_city_became_four_units() -> None:
    # DOMAIN: the old city of Long Xuyên is now wards Long Xuyên, Bình Đức, Mỹ Thới and commune
    # Mỹ Hòa Hưng of An Giang province.
    expected = {
        "Phường Long Xuyên": "phường",
        "Phường Bình Đức": "phường",
        "Phường Mỹ Thới": "phường",
        "Xã Mỹ Hòa Hưng": "xã",
    }
    for name, kind in expected.items():
        w = find_ward(name, "91")
        assert w is not None and w.full_name == name and w.type == kind


def test_find_ward_accents_decide_between_near_twins() -> None:
    # Quảng Ngãi has both Xã Sơn Hà and Xã Sơn Hạ: folded alike, told apart by the accents typed.
    son_ha = find_ward("Xã Sơn Hà", "51")
    son_ha_dot = find_ward("Sơn Hạ", "51")
    assert son_ha is not None and son_ha.name == "Sơn Hà"
    assert son_ha_dot is not None and son_ha_dot.name == "Sơn Hạ"
    assert find_ward("son ha", "51") is None  # ambiguous without accents


def test_find_ward_type_decides() -> None:
    # Đồng Tháp has Phường Mỹ Tho and Xã Mỹ Thọ.
    pw = find_ward("phuong my tho", "82")
    assert pw is not None and pw.full_name == "Phường Mỹ Tho"
    x = find_ward("xa my tho", "82")
    assert x is not None and x.full_name == "Xã Mỹ Thọ"


def test_find_ward_misses() -> None:
    assert find_ward("Phường Mỹ Long", "91") is None  # merged into Long Xuyên in 2025
    assert find_ward("Xã Long Xuyên", "91") is None  # wrong type
    assert find_ward("Phường Long Xuyên", "01") is None  # wrong province
    assert find_ward("", "91") is None
    assert find_ward("Phường", "91") is None


def test_search_wards() -> None:
    found = search_wards("long", "91")
    assert found and all("long" in w.folded.split() for w in found)
    assert search_wards("long xuyen", "91")[0].code == "30307"
    assert search_wards("p. long", 91) == [w for w in found if w.type == "phường"]
    assert len(search_wards("tan", limit=5)) == 5
    assert search_wards("") == []


# --- Address ----------------------------------------------------------------------------------


def test_format() -> None:
    a = Address("12 Nguyễn Huệ", "30307", "91")
    assert a.format() == "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
    assert Address("12 Nguyễn Huệ", "30307").format() == (
        "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
    )
    assert Address("", "00070", "01").format() == "Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert Address(nfd("Số 5  Lê Lợi"), None, "79").format() == "Số 5 Lê Lợi, Thành phố Hồ Chí Minh"
    assert Address("Số 5", None, "91", "Số 5, P. Mỹ Long, TP Long Xuyên").format() == (
        "Số 5, P. Mỹ Long, TP Long Xuyên"
    )


def test_parse_legacy_old_style_keeps_text_and_maps_province() -> None:
    text = "Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang"
    a = Address.parse_legacy(text)
    assert a == Address("Số 5", None, "91", text)
    assert a.format() == text
    # The old city's name is offered as a candidate ward, for the clerk to confirm.
    assert [w.full_name for w in suggest_wards(a.text or "", a.province_code)] == [
        "Phường Long Xuyên"
    ]


def test_parse_legacy_merged_province() -> None:
    a = Address.parse_legacy("Ấp 3, Xã Vĩnh Hòa Hưng Bắc, Huyện Gò Quao, Tỉnh Kiên Giang")
    assert a.province_code == "91" and a.ward_code is None
    assert a.street == "Ấp 3"
    assert a.text == "Ấp 3, Xã Vĩnh Hòa Hưng Bắc, Huyện Gò Quao, Tỉnh Kiên Giang"


def test_parse_legacy_hcm_numbered_ward() -> None:
    a = Address.parse_legacy("45/2 Lê Văn Sỹ, P.13, Q.3, TP.HCM, Việt Nam")
    assert a == Address("45/2 Lê Văn Sỹ", None, "79", "45/2 Lê Văn Sỹ, P.13, Q.3, TP.HCM, Việt Nam")


def test_parse_legacy_new_style_maps_ward() -> None:
    a = Address.parse_legacy(nfd("12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"))
    assert a == Address("12 Nguyễn Huệ", "30307", "91", None)
    assert a.format() == "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"


def test_parse_legacy_unrecognised() -> None:
    a = Address.parse_legacy("  Nhà văn hóa thôn  3 ")
    assert a == Address("Nhà văn hóa thôn 3", None, None, "Nhà văn hóa thôn 3")
    b = Address.parse_legacy("")
    assert b.street == "" and b.province_code is None


# --- validate_address -------------------------------------------------------------------------


def test_validate_ok_and_normalises() -> None:
    a = validate_address(nfd(" 12  Nguyễn Huệ "), 30307, "91")
    assert a == Address("12 Nguyễn Huệ", "30307", "91", None)
    # Province inferred from the ward.
    assert validate_address("12 Nguyễn Huệ", "30307", None).province_code == "91"
    assert validate_address("Số 5", None, 79).province_code == "79"
    assert Address("x", "30307", "91").validated() == Address("x", "30307", "91")


@pytest.mark.parametrize(
    ("ward", "province", "field", "message_part"),
    [
        ("30307", "99", "province_code", "Mã tỉnh/thành phố 99 không tồn tại"),
        ("99999", "91", "ward_code", "Mã phường/xã 99999 không tồn tại"),
        ("30307", "01", "ward_code", "Phường Long Xuyên không thuộc Thành phố Hà Nội"),
        ("abc", "91", "ward_code", "chỉ gồm chữ số"),
        ("30307", "1234", "province_code", "không tồn tại"),
    ],
)
def test_validate_errors(ward: str, province: str, field: str, message_part: str) -> None:
    with pytest.raises(InputError) as e:
        validate_address("12 Nguyễn Huệ", ward, province)
    assert e.value.field == field
    assert message_part in e.value.message


def test_validate_custom_field_names_and_required() -> None:
    with pytest.raises(InputError) as e:
        validate_address("x", "30307", "01", ward_field="--ward")
    assert e.value.field == "--ward"
    with pytest.raises(InputError) as e:
        validate_address("x", None, "99", province_field="--province")
    assert e.value.field == "--province"
    with pytest.raises(InputError) as e:
        validate_address("  ", None, None)
    assert e.value.field == "street"
    assert validate_address("", None, None, required=False) == Address()
