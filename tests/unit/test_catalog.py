"""Procedure catalogue: JSON/CSV/XLSX files, all-or-nothing validation, the demo catalogue."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from onestop.adapters.files import FileRefused
from onestop.domain.catalog import (
    COLUMNS,
    DOCUMENT_KINDS,
    ONLINE_LEVELS,
    CatalogError,
    Procedure,
    RequiredDocument,
    normalise_kind,
    normalise_online,
)
from onestop.domain.errors import InputError
from onestop.services.catalog import (
    demo_catalog,
    write_catalog_csv,
    write_catalog_json,
    write_catalog_xlsx,
)
from onestop.services.catalog import read_file as parse_catalog

DATA = Path(__file__).parent / "data"


def _parse_text(text: str, suffix: str) -> list[Procedure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"catalog{suffix}"
        path.write_text(text, encoding="utf-8")
        return parse_catalog(path)


def parse_catalog_json(text: str) -> list[Procedure]:
    return _parse_text(text, ".json")


def parse_catalog_csv(text: str) -> list[Procedure]:
    return _parse_text(text, ".csv")


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(DATA / name, target)
    return target


# ---------------------------------------------------------------------------
# Writing raw (possibly invalid) rows, so each bad case can be tried in every format.


def _base_rows() -> list[dict[str, Any]]:
    return [p.to_json() for p in parse_catalog_json((DATA / "catalog_good.json").read_text())]


def _write_json(rows: list[dict[str, Any]], path: Path) -> None:
    # One object per line: object i starts on line i + 2 (line 1 is "[").
    body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    path.write_text("[\n" + body + "\n]\n", encoding="utf-8")


def _cells(row: dict[str, Any]) -> list[Any]:
    cells = []
    for column in COLUMNS:
        value = row.get(column)
        if column == "documents" and isinstance(value, list):
            value = "\n".join(f"{d['name']} | {d['kind']} | {d['count']}" for d in value)
        cells.append(value)
    return cells


def _write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in _cells(row)])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _write_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(_cells(row))
    workbook.save(path)


WRITERS: dict[str, Callable[[list[dict[str, Any]], Path], None]] = {
    ".json": _write_json,
    ".csv": _write_csv,
    ".xlsx": _write_xlsx,
}


# ---------------------------------------------------------------------------
# Good files


def test_good_json_file_parses_to_the_expected_procedures(tmp_path: Path) -> None:
    procedures = parse_catalog(_copy("catalog_good.json", tmp_path))
    assert [p.code for p in procedures] == ["1.001193", "2.000815", "2.000720"]
    birth, copy, business = procedures
    assert birth.processing_days == 0 and birth.processing_hours is None
    assert copy.processing_days is None and copy.processing_hours == 1.5
    assert business.online == "không"  # null online level means counter/post only
    assert business.fee == 1_000_000 and business.postal is False
    assert copy.documents[1] == RequiredDocument("Bản sao cần chứng thực", "bản photo", 2)
    assert business.documents[1].kind == "bản chứng thực"


def test_spreadsheet_conventions_give_the_same_procedures_as_json(tmp_path: Path) -> None:
    # ";"-delimited CSV with NFD text, "x"/blank booleans, "1.000.000" fees, decimal comma,
    # upper-case / unaccented / alias kinds, ";"-separated documents and an Excel-mangled code.
    from_csv = parse_catalog(_copy("catalog_good.csv", tmp_path))
    from_json = parse_catalog(_copy("catalog_good.json", tmp_path))
    assert from_csv == from_json


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_round_trip_through_each_format(tmp_path: Path, suffix: str) -> None:
    original = demo_catalog()
    path = tmp_path / f"catalog{suffix}"
    {".json": write_catalog_json, ".csv": write_catalog_csv, ".xlsx": write_catalog_xlsx}[suffix](
        original, path
    )
    assert parse_catalog(path) == original


def test_same_rows_give_same_procedures_in_all_three_formats(tmp_path: Path) -> None:
    rows = _base_rows()
    results = []
    for suffix, write in WRITERS.items():
        path = tmp_path / f"rows{suffix}"
        write(rows, path)
        results.append(parse_catalog(path))
    assert results[0] == results[1] == results[2]
    assert [p.to_json() for p in results[0]] == rows


def test_to_json_has_exactly_the_contract_fields() -> None:
    procedure = demo_catalog()[0]
    data = procedure.to_json()
    assert list(data) == list(COLUMNS)
    assert set(data["documents"][0]) == {"name", "kind", "count"}
    assert Procedure.from_json(data) == procedure
    json.dumps(data)  # serialisable as is


def test_xlsx_code_stored_as_a_number_keeps_its_trailing_zeros(tmp_path: Path) -> None:
    rows = _base_rows()
    path = tmp_path / "numeric_code.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        cells = _cells(row)
        cells[0] = float(cells[0])  # what Excel does to "2.000720" typed into a cell
        sheet.append(cells)
    workbook.save(path)
    assert [p.code for p in parse_catalog(path)] == ["1.001193", "2.000815", "2.000720"]


def test_text_is_nfc_and_trimmed() -> None:
    row = _base_rows()[0]
    row["name"] = "  " + unicodedata.normalize("NFD", "Đăng ký   khai sinh") + " "
    row["documents"][0]["name"] = unicodedata.normalize("NFD", "Tờ khai đăng ký khai sinh")
    procedure = Procedure.from_json(row, line=3)
    assert procedure.name == "Đăng ký khai sinh"
    assert unicodedata.is_normalized("NFC", procedure.documents[0].name)


def test_kind_and_online_variants_are_normalised() -> None:
    assert normalise_kind("BẢN CHÍNH") == "bản chính"
    assert normalise_kind(unicodedata.normalize("NFD", "Bản Sao")) == "bản sao"
    assert normalise_kind("bản sao có chứng thực") == "bản chứng thực"
    assert normalise_kind("ban photo") == "bản photo"
    assert {normalise_kind(k) for k in DOCUMENT_KINDS} == set(DOCUMENT_KINDS)
    with pytest.raises(ValueError):
        normalise_kind("bản gốc")
    assert normalise_online(None) == "không"
    assert normalise_online("") == "không"
    assert normalise_online("Toàn Trình") == "toàn trình"
    assert normalise_online("mức độ 3") == "một phần"
    assert {normalise_online(level) for level in ONLINE_LEVELS} == set(ONLINE_LEVELS)


# ---------------------------------------------------------------------------
# Bad rows: each refuses the whole file and names the line (JSON) / row (CSV, XLSX) and field.


def _drop_name(row: dict[str, Any]) -> None:
    del row["name"]


def _negative_days(row: dict[str, Any]) -> None:
    row["processing_days"] = -1


def _days_and_hours(row: dict[str, Any]) -> None:
    row["processing_days"] = 1
    row["processing_hours"] = 2.0


def _no_time(row: dict[str, Any]) -> None:
    row["processing_days"] = None
    row["processing_hours"] = None


def _zero_hours(row: dict[str, Any]) -> None:
    row["processing_days"] = None
    row["processing_hours"] = 0


def _bad_kind(row: dict[str, Any]) -> None:
    row["documents"][0]["kind"] = "bản gốc"


def _zero_count(row: dict[str, Any]) -> None:
    row["documents"][0]["count"] = 0


def _bad_postal(row: dict[str, Any]) -> None:
    row["postal"] = "maybe"


def _negative_fee(row: dict[str, Any]) -> None:
    row["fee"] = -5000


def _bad_code(row: dict[str, Any]) -> None:
    row["code"] = "TTHC-01"


def _bad_online(row: dict[str, Any]) -> None:
    row["online"] = "mức độ 9"


def _empty_field(row: dict[str, Any]) -> None:
    row["field"] = "   "


BAD_ROWS = {
    "missing name": (_drop_name, "name"),
    "negative days": (_negative_days, "processing_days"),
    "days and hours": (_days_and_hours, "processing_hours"),
    "no processing time": (_no_time, "processing_days"),
    "zero hours": (_zero_hours, "processing_hours"),
    "bad kind": (_bad_kind, "documents"),
    "zero count": (_zero_count, "documents"),
    "bad boolean": (_bad_postal, "postal"),
    "negative fee": (_negative_fee, "fee"),
    "bad code": (_bad_code, "code"),
    "bad online level": (_bad_online, "online"),
    "empty field": (_empty_field, "field"),
}


@pytest.mark.parametrize("suffix", list(WRITERS))
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_bad_row_names_line_and_field(tmp_path: Path, suffix: str, case: str) -> None:
    mutate, expected_field = BAD_ROWS[case]
    rows = _base_rows()
    mutate(rows[2])  # third procedure: line 4 of the JSON file, row 4 of the spreadsheet
    path = tmp_path / f"bad{suffix}"
    WRITERS[suffix](rows, path)
    with pytest.raises(CatalogError) as caught:
        parse_catalog(path)
    error = caught.value
    assert (error.line, error.field) == (4, expected_field), str(error)
    assert str(error).startswith(f"dòng 4, trường {expected_field}: ")
    assert isinstance(error, InputError)
    if suffix == ".json":
        assert error.index == 2


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_duplicate_code_names_the_second_line(tmp_path: Path, suffix: str) -> None:
    rows = _base_rows()
    rows[2]["code"] = rows[0]["code"]
    path = tmp_path / f"dup{suffix}"
    WRITERS[suffix](rows, path)
    with pytest.raises(CatalogError) as caught:
        parse_catalog(path)
    assert (caught.value.line, caught.value.field) == (4, "code")
    assert "dòng 2" in caught.value.message  # where the first occurrence is


def test_json_line_is_where_the_object_starts_in_a_pretty_printed_file() -> None:
    text = (DATA / "catalog_good.json").read_text(encoding="utf-8")
    text = text.replace('"processing_hours": 1.5', '"processing_hours": -1.5')
    with pytest.raises(CatalogError) as caught:
        parse_catalog_json(text)
    # The second object's "{" is on line 16 of catalog_good.json.
    error = caught.value
    assert (error.line, error.field, error.index) == (16, "processing_hours", 1)


def test_invalid_json_reports_the_decoder_line(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as caught:
        parse_catalog(_copy("catalog_bad_syntax.json", tmp_path))
    assert caught.value.line == 9  # the missing comma is detected at the next key
    assert caught.value.field == "FILE"


def test_multiline_csv_cell_still_counts_spreadsheet_rows(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(_copy("catalog_bad_kind.csv", tmp_path))
    assert (caught.value.line, caught.value.field) == (3, "documents")
    assert "giấy tờ thứ 2" in caught.value.message


def test_missing_column_is_reported_on_the_header_row() -> None:
    text = "code,name,field,processing_days,fee,online,documents\n1.001193,A,B,0,0,,x | bản chính\n"
    with pytest.raises(CatalogError) as caught:
        parse_catalog_csv(text)
    assert (caught.value.line, caught.value.field) == (1, "postal")


def test_malformed_documents_cell(tmp_path: Path) -> None:
    rows = _base_rows()
    path = tmp_path / "docs.csv"
    _write_csv(rows, path)
    text = path.read_text(encoding="utf-8").replace(
        "Giấy chứng sinh | bản chính | 1", "Giấy chứng sinh, bản chính, 1"
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog_csv(text)
    assert (caught.value.line, caught.value.field) == (2, "documents")


def test_empty_and_non_array_files_are_refused() -> None:
    with pytest.raises(CatalogError):
        parse_catalog_json("[]")
    with pytest.raises(FileRefused) as caught:
        parse_catalog_json('\n{"code": "1.001193"}')
    assert caught.value.line == 2
    with pytest.raises(CatalogError):
        parse_catalog_csv("")


def test_unsupported_suffix_and_broken_xlsx(tmp_path: Path) -> None:
    with pytest.raises(CatalogError):
        parse_catalog(tmp_path / "catalog.txt")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError) as caught:
        parse_catalog(broken)
    assert caught.value.field == "FILE" and "broken.xlsx" in caught.value.message


def test_direct_construction_keeps_the_invariants() -> None:
    with pytest.raises(ValueError):
        Procedure("1.001193", "A", "B", 1, 1.0, 0, True, "không", ())
    with pytest.raises(ValueError):
        RequiredDocument("Tờ khai", "bản gốc", 1)


# ---------------------------------------------------------------------------
# The demo catalogue


def test_demo_catalogue() -> None:
    procedures = demo_catalog()
    assert len(procedures) >= 30
    codes = [p.code for p in procedures]
    assert len(set(codes)) == len(codes)
    for procedure in procedures:
        assert procedure.documents, procedure.code
        texts = [procedure.name, procedure.field] + [d.name for d in procedure.documents]
        assert all(unicodedata.is_normalized("NFC", t) for t in texts), procedure.code
    assert any(len(p.documents) >= 10 for p in procedures)
    assert any(p.processing_hours is not None for p in procedures)
    by_code = {p.code: p for p in procedures}
    assert by_code["1.001193"].name == "Đăng ký khai sinh"
    assert by_code["1.000894"].postal is False  # marriage needs both people in person


def test_demo_catalogue_is_a_fresh_list_each_time() -> None:
    first = demo_catalog()
    first.clear()
    assert demo_catalog()
