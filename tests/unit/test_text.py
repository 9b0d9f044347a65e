"""Tests for onestop.domain.text: NFC, search folding, name casing, amounts in words, VND format."""

from __future__ import annotations

import itertools
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.domain import text as T
from onestop.domain.errors import InputError
from onestop.domain.text import (
    amount_in_words,
    capitalize_name,
    fold,
    format_vnd,
    nfc,
    sentence_case,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# Vietnamese letters in both cases, the five tone marks and the vowel marks as combining characters,
# plus the punctuation clerks type: hypothesis mixes these into NFC/NFD/garbled strings.
VI_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
VI_ALPHABET = (
    VI_LETTERS
    + VI_LETTERS.upper()
    + "ĐÐð"
    + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
    + " \t\n\u00a0.,-/'’()0123456789"
)
vi_text = st.text(alphabet=VI_ALPHABET, max_size=40)
any_text = st.text(max_size=40)
mixed_text = st.one_of(vi_text, any_text)


# --- nfc --------------------------------------------------------------------------------------


def test_nfc_composes_and_collapses_whitespace() -> None:
    assert nfc(nfd("  Đặng   Thị\tHoa \n Rây ")) == "Đặng Thị Hoa Rây"
    assert nfc(nfd("Nguyễn")) == "Nguyễn"
    assert unicodedata.is_normalized("NFC", nfc(nfd("Trường Sơn")))
    assert nfc("") == ""
    assert nfc(" \u00a0 ") == ""


@given(mixed_text)
def test_nfc_is_idempotent(s: str) -> None:
    assert nfc(nfc(s)) == nfc(s)


@given(mixed_text)
def test_nfc_same_for_nfd_input(s: str) -> None:
    assert nfc(nfd(s)) == nfc(s)


# --- fold -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đặng Thị Hoa Rây", "dang thi hoa ray"),
        ("ĐẶNG THỊ HOA RÂY", "dang thi hoa ray"),
        ("đường Trần Hưng Đạo", "duong tran hung dao"),
        ("  Nguyễn   Văn-An, 12/3 ", "nguyen van an 12 3"),
        ("Ðặng", "dang"),  # Icelandic eth typed for Đ (old fonts, converted documents)
        ("Phường Mỹ Long", "phuong my long"),
        ("Ứng Hòa", "ung hoa"),
        ("Ưu Ơ", "uu o"),
        ("０９１２", "0912"),  # full-width digits from some IMEs
        ("", ""),
        ("...", ""),
    ],
)
def test_fold_examples(raw: str, folded: str) -> None:
    assert fold(raw) == folded
    assert fold(nfd(raw)) == folded


def test_fold_search_finds_name() -> None:
    assert fold("dang thi hoa ray") in fold("Bà Đặng Thị Hoa Rây, Phường Long Xuyên")


@given(mixed_text)
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(mixed_text)
def test_fold_nfc_equals_nfd(s: str) -> None:
    assert fold(unicodedata.normalize("NFC", s)) == fold(nfd(s))


@given(mixed_text)
def test_fold_has_no_uppercase_no_marks_and_single_spaces(s: str) -> None:
    f = fold(s)
    assert not any(c.isupper() for c in f)
    assert not any(unicodedata.category(c).startswith("M") for c in f)
    assert "  " not in f
    assert f == f.strip()
    assert all(c == " " or c.isalnum() for c in f)


@given(mixed_text)
def test_fold_fast_path_agrees_with_reference(s: str) -> None:
    assert fold(s) == " ".join(T._fold_slow(s).split())


def test_fold_every_bmp_character_alone_agrees_with_reference() -> None:
    # Exhaustive over the BMP: the precomputed table must never disagree with the reference path.
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert fold(c) == " ".join(T._fold_slow(c).split()), hex(cp)
        assert fold(c) == fold(nfd(c)), hex(cp)


def test_fold_all_vietnamese_letters_become_ascii() -> None:
    for c in VI_LETTERS + VI_LETTERS.upper():
        f = fold(c)
        assert f.isascii() and len(f) == 1, c


# --- capitalize_name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("ĐẶNG THỊ HOA RÂY", "Đặng Thị Hoa Rây"),
        ("  trần   thị  ánh  ", "Trần Thị Ánh"),
        ("đỗ ĐỨC ưng", "Đỗ Đức Ưng"),
        ("h'hen niê", "H'Hen Niê"),
        ("lê-nguyễn bảo ngọc", "Lê-Nguyễn Bảo Ngọc"),
    ],
)
def test_capitalize_name(raw: str, expected: str) -> None:
    assert capitalize_name(raw) == expected
    assert capitalize_name(nfd(raw)) == expected


@given(vi_text)
def test_capitalize_name_is_nfc_and_idempotent(s: str) -> None:
    c = capitalize_name(s)
    assert unicodedata.is_normalized("NFC", c)
    assert capitalize_name(c) == c
    assert fold(c) == fold(s)


def test_sentence_case() -> None:
    assert sentence_case("một trăm nghìn đồng") == "Một trăm nghìn đồng"
    assert sentence_case("") == ""


# --- amount_in_words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không đồng"),
        (5, "năm đồng"),
        (10, "mười đồng"),
        (11, "mười một đồng"),
        (14, "mười bốn đồng"),
        (15, "mười lăm đồng"),
        (20, "hai mươi đồng"),
        (21, "hai mươi mốt đồng"),
        (24, "hai mươi bốn đồng"),
        (25, "hai mươi lăm đồng"),
        (101, "một trăm linh một đồng"),
        (105, "một trăm linh năm đồng"),
        (110, "một trăm mười đồng"),
        (111, "một trăm mười một đồng"),
        (15000, "mười lăm nghìn đồng"),
        (21000, "hai mươi mốt nghìn đồng"),
        (50000, "năm mươi nghìn đồng"),
        (100000, "một trăm nghìn đồng"),
        (105000, "một trăm linh năm nghìn đồng"),
        (1000000, "một triệu đồng"),
        (1250000, "một triệu hai trăm năm mươi nghìn đồng"),
        (1005000, "một triệu không trăm linh năm nghìn đồng"),
        (1000005, "một triệu không trăm linh năm đồng"),
        (2050000, "hai triệu không trăm năm mươi nghìn đồng"),
        (1_000_000_000, "một tỷ đồng"),
        (1_500_000_000, "một tỷ năm trăm triệu đồng"),
        (1_000_000_050, "một tỷ không trăm năm mươi đồng"),
        (12_000_000_000, "mười hai tỷ đồng"),
        (2_000_000_000_000, "hai nghìn tỷ đồng"),
    ],
)
def test_amount_in_words(n: int, words: str) -> None:
    assert amount_in_words(n) == words


def test_amount_in_words_refuses_negative_and_non_int() -> None:
    with pytest.raises(InputError) as e:
        amount_in_words(-1)
    assert e.value.field == "amount"
    with pytest.raises(InputError):
        amount_in_words(1.5)  # type: ignore[arg-type]


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=sys.maxsize))
def test_amount_in_words_shape(n: int) -> None:
    w = amount_in_words(n)
    assert w.endswith("đồng")
    assert w == w.lower()
    assert "  " not in w
    # "mốt" only after "mươi", "lăm" only after "mười"/"mươi", "linh" only after "trăm".
    words = w.split()
    for prev, cur in itertools.pairwise(words):
        if cur == "mốt":
            assert prev == "mươi"
        if cur == "lăm":
            assert prev in ("mười", "mươi")
        if cur == "linh":
            assert prev == "trăm"


# --- format_vnd -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "s"),
    [
        (0, "0 đ"),
        (500, "500 đ"),
        (100000, "100.000 đ"),
        (1250000, "1.250.000 đ"),
        (-5000, "-5.000 đ"),
    ],
)
def test_format_vnd(n: int, s: str) -> None:
    assert format_vnd(n) == s
