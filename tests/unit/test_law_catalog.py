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


# --- documents: conditional, shown only (issue 14, item 1) ---------------------------------------

PAPERS = [
    {"name": "Tờ khai", "kind": "bản chính", "count": 1},
    {"name": "Căn cước", "kind": "xuất trình", "count": 1},
    {"name": "Văn bản ủy quyền", "kind": "bản chứng thực", "count": 1, "required": False,
     "condition": "trường hợp ủy quyền"},
    {"name": "Giấy tờ miễn lệ phí", "kind": "bản sao", "count": 1, "required": "không"},
]  # fmt: skip


def test_conditional_and_shown_documents_read_and_round_trip() -> None:
    p = Procedure.from_json({**BASE, "documents": PAPERS})
    docs = p.documents
    assert [d.required for d in docs] == [True, True, False, False]
    assert docs[1].kind == "xuất trình"
    assert docs[2].condition == "trường hợp ủy quyền" and docs[3].condition is None
    # Only a conditional entry carries the new keys, so old catalogues read back unchanged.
    assert p.to_json()["documents"][0] == PAPERS[0]
    assert p.to_json()["documents"][3] == {
        "name": "Giấy tờ miễn lệ phí", "kind": "bản sao", "count": 1, "required": False,
    }  # fmt: skip
    assert Procedure.from_json(p.to_json()) == p


@pytest.mark.parametrize(
    "paper",
    [
        {"name": "A", "kind": "bản chính", "required": "có lẽ"},
        {
            "name": "A",
            "kind": "bản chính",
            "condition": "nếu có",
        },  # a condition needs required false
        {"name": "A", "kind": "bản chính", "required": False, "condition": 3},
    ],
)
def test_bad_document_flags_are_refused(paper) -> None:
    with pytest.raises(CatalogError) as e:
        Procedure.from_json({**BASE, "documents": [paper]})
    assert e.value.field == "documents"


def test_spreadsheet_cell_carries_the_condition_as_a_fourth_part() -> None:
    from onestop.domain.catalog_rows import format_documents_cell, parse_documents_cell

    p = Procedure.from_json({**BASE, "documents": PAPERS})
    cell = format_documents_cell(p.documents)
    assert "Văn bản ủy quyền | bản chứng thực | 1 | trường hợp ủy quyền" in cell
    assert "Giấy tờ miễn lệ phí | bản sao | 1 | không bắt buộc" in cell
    again = Procedure.from_json({**BASE, "documents": parse_documents_cell(cell)})
    assert again == p


def test_handed_in_resolves_names_against_the_catalogue() -> None:
    from onestop.domain.errors import InputError
    from onestop.domain.handed_in import choose_case, documents_received

    p = Procedure.from_json({**BASE, "documents": PAPERS})
    catalogue = [d.to_json() for d in p.documents]
    assert [d["name"] for d in documents_received(catalogue, None)] == ["Tờ khai", "Căn cước"]
    got = documents_received(catalogue, ["VĂN BẢN UỶ QUYỀN", "Khác | bản photo | 3"])
    assert got == [
        {"name": "Văn bản ủy quyền", "kind": "bản chứng thực", "count": 1},
        {"name": "Khác", "kind": "bản photo", "count": 3},
    ]
    assert documents_received(catalogue, []) == []
    cases = Procedure.from_json(
        {**BASE, "cases": [{"name": "Nhà ở riêng lẻ", "processing_days": 15}]}
    ).cases
    assert choose_case(cases, "nhà ở riêng lẻ") is cases[0]
    for cases_given, name in ((cases, None), (cases, "Khác"), ((), "Nhà ở riêng lẻ")):
        with pytest.raises(InputError) as e:
            choose_case(cases_given, name)
        assert e.value.field == "case"
