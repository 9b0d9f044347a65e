"""Dossier codes: the pattern, and the bands that keep workstations apart."""

from datetime import date

import pytest

from onestop.domain.codes import MAX_WORKSTATIONS, CodeScheme
from onestop.domain.errors import InputError


def test_default_pattern_matches_the_2018_rule():
    scheme = CodeScheme(agency="000.00.53.H48")
    assert scheme.format(date(2022, 9, 21), 99) == "000.00.53.H48-220921-0099"


def test_a_configured_pattern_like_the_2026_sample():
    scheme = CodeScheme(agency="G09.20", pattern="{agency}-{date:%Y%m%d}-{number:07d}", width=7)
    assert scheme.format(date(2026, 6, 9), 92637) == "G09.20-20260609-0092637"


def test_bands_of_all_workstations_are_disjoint_and_skip_zero():
    scheme = CodeScheme(agency="000.00.19.H01")
    bands = [set(scheme.band(k)) for k in range(MAX_WORKSTATIONS + 1)]
    assert 0 not in bands[0]
    for i, a in enumerate(bands):
        for b in bands[i + 1 :]:
            assert not a & b
    assert scheme.band(1) == range(1000, 2000)


@pytest.mark.parametrize("agency", ["", "a b", "x/y", "mã"])
def test_bad_agency_codes_are_refused_naming_the_field(agency):
    with pytest.raises(InputError) as err:
        CodeScheme(agency=agency)
    assert err.value.field == "agency_code"


def test_bad_pattern_is_refused():
    with pytest.raises(InputError) as err:
        CodeScheme(agency="H01", pattern="{agency}-{nope}")
    assert err.value.field == "code_pattern"


def test_workstation_number_outside_the_bands_is_refused():
    with pytest.raises(InputError):
        CodeScheme(agency="H01").band(10)


def test_default_pattern_follows_the_configured_width():
    scheme = CodeScheme(agency="H01", width=6)
    assert scheme.format(date(2026, 11, 16), 100001) == "H01-261116-100001"
    assert scheme.format(date(2026, 11, 16), 5) == "H01-261116-000005"


def test_days_whose_codes_print_alike_share_one_counter():
    scheme = CodeScheme(agency="000.00.53.H48")
    assert scheme.counter_key(date(1926, 12, 1), 1000) == scheme.counter_key(
        date(2026, 12, 1), 1000
    )
    assert scheme.counter_key(date(2026, 12, 2), 1000) != scheme.counter_key(
        date(2026, 12, 1), 1000
    )
    full = CodeScheme(agency="G09.20", pattern="{agency}-{date:%Y%m%d}-{number:07d}", width=7)
    assert full.counter_key(date(1926, 12, 1), 1) != full.counter_key(date(2026, 12, 1), 1)
    yearless = CodeScheme(agency="H48", pattern="{agency}-{date:%m%d}-{number:05d}", width=5)
    assert yearless.series(date(2025, 3, 4)) == yearless.series(date(2026, 3, 4)) == "H48-0304-#"


def test_a_pattern_without_the_number_is_refused():
    for pattern in ("{agency}-{date:%y%m%d}", "{agency}-#-{date:%y%m%d}"):
        with pytest.raises(InputError) as refused:
            CodeScheme(agency="H48", pattern=pattern)
        assert refused.value.field == "code_pattern"
