"""The reception form's procedure ranking (issue 15): the phrase as typed, then words starting
words, then the counter's own use, then the shorter name; the catalogue's order never decides
before those."""

from __future__ import annotations

from onestop.domain.text import fold
from onestop.ui.procedure_finder import procedure_ranker
from onestop.ui.widgets import Choice

NAMES = {
    "1.000689": "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con",
    "1.001193": "Đăng ký khai sinh",
    "1.004884": "Đăng ký lại khai sinh",
    "1.000656": "Đăng ký khai tử",
    "2.000986": "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em",
}
POOL = [Choice(c, f"{c} · {n}", fold(f"{c} {n}")) for c, n in NAMES.items()]


def ranked(query: str, use: dict[str, int] | None = None) -> list[str]:
    rank = procedure_ranker(NAMES, lambda: use or {})
    return [c.key for c in rank(query, POOL)]


def test_khai_sinh_gives_the_everyday_procedure_first():
    assert ranked("khai sinh")[:2] == ["1.001193", "1.004884"]
    assert "1.000656" not in ranked("khai sinh")
    assert ranked("KHAI SINH") == ranked("khai sinh")


def test_the_counters_use_before_the_shorter_name_within_a_tier():
    assert ranked("khai sinh", {"1.000689": 5})[0] == "1.000689"
    # ... but never above a better tier: the phrase beats words merely starting words.
    assert ranked("dang khai", {"1.000656": 9})[0] == "1.000656"
    assert ranked("dang ky khai s", {"1.000656": 9})[0] == "1.001193"


def test_codes_exact_names_and_initials():
    assert ranked("1.004884") == ["1.004884"]
    assert ranked("1.00")[0] == "1.000656"  # codes starting so: the shortest name first
    assert ranked("dang ky khai tu")[0] == "1.000656"
    assert ranked("dkks")[0] == "1.001193"
    assert ranked("") == list(NAMES)
    assert ranked("xyz") == []
