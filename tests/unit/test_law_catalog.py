"""Issue 14: the catalogue's "days_kind" and "cases", and calendar-day due dates in the domain."""

from __future__ import annotations

from datetime import datetime

import pytest

from onestop.domain.calendar import WorkingCalendar
from onestop.domain.catalog import CatalogError, Procedure
from onestop.domain.catalog_law import find_case
from onestop.domain.clock import VN_TZ

BASE = {
    "code": "1.013225",
    "name": "Cấp giấy phép xây dựng",
    "field": "Xây dựng",
    "processing_days": 15,
    "fee": 75000,
    "postal": True,
    "documents": [],
}


def test_days_kind_default_and_calendar() -> None:
    assert Procedure.from_json(BASE).days_kind == "working"
    assert "days_kind" not in Procedure.from_json(BASE).to_json()
    p = Procedure.from_json({**BASE, "days_kind": "calendar"})
    assert p.days_kind == "calendar" and p.to_json()["days_kind"] == "calendar"
    with pytest.raises(CatalogError) as e:
        Procedure.from_json({**BASE, "days_kind": "weekly"}, line=4)
    assert e.value.field == "days_kind"


def test_cases_read_and_round_trip() -> None:
    row = {
        **BASE,
        "cases": [
            {"name": "Nhà ở riêng lẻ", "processing_days": 15},
            {"name": "Công trình cấp III, cấp IV", "processing_days": 20, "fee": 150000},
        ],
    }
    p = Procedure.from_json(row)
    assert [(c.name, c.processing_days, c.fee, c.days_kind) for c in p.cases] == [
        ("Nhà ở riêng lẻ", 15, 75000, "working"),
        ("Công trình cấp III, cấp IV", 20, 150000, "working"),
    ]
    assert Procedure.from_json(p.to_json()) == p
    assert find_case(p.cases, " nhà ở  riêng lẻ ") is p.cases[0]
    assert find_case(p.cases, "Khác") is None


@pytest.mark.parametrize(
    "cases",
    [
        "x",
        [{"processing_days": 3}],
        [{"name": "A"}],
        [{"name": "A", "processing_days": 3}, {"name": "a", "processing_days": 4}],
    ],
)
def test_bad_cases_are_refused(cases) -> None:
    with pytest.raises(CatalogError) as e:
        Procedure.from_json({**BASE, "cases": cases})
    assert e.value.field == "cases"


def test_calendar_days_due_and_art_148() -> None:
    cal = WorkingCalendar()
    at = datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ)
    assert cal.due(at, days=30, calendar_days=True).due_at == datetime(
        2026, 4, 8, 17, 0, tzinfo=VN_TZ
    )
    # 9 March + 5 = Saturday 14: the end of Monday 16.
    assert cal.due(at, days=5, calendar_days=True).due_at == datetime(
        2026, 3, 16, 17, 0, tzinfo=VN_TZ
    )
    # 0 calendar days is day 0 itself, as for working days.
    assert cal.due(at, days=0, calendar_days=True).due_at == cal.due(at, days=0).due_at
