"""Files from outside that would exhaust memory or time, given to the real command line under a
memory limit and a timeout: each is refused with exit 2 naming the file, the line and the field,
and nothing is written. (Issue 12, item 7.)"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers import dump
from tests.helpers import run_cli as run

MiB = 1 << 20
# The command line imports SQLAlchemy, Alembic and openpyxl in well under this; the attacks
# below made the process grow to gigabytes.
MEMORY = 512 * MiB
TIMEOUT = 60

CATALOG_HEADER = [
    "code",
    "name",
    "field",
    "processing_days",
    "fee",
    "postal",
    "online",
    "documents",
]
STATUS_HEADER = ["consignment", "outcome", "at", "recipient", "id_number", "reason"]
GOOD_PROCEDURE = {
    "code": "1.001193",
    "name": "Đăng ký khai sinh",
    "field": "Hộ tịch",
    "processing_days": 0,
    "processing_hours": None,
    "fee": 0,
    "postal": True,
    "online": "toàn trình",
    "documents": [{"name": "Tờ khai", "kind": "bản chính", "count": 1}],
}


def limited(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """``onestop --data-dir DIR ARGS`` in a process whose address space is capped."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "onestop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        preexec_fn=cap,
        timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("bounds")
    run(d, "init", "--demo", "--json")
    return d


def refused(store: Path, command: list[str], path: Path, *words: str) -> str:
    """Runs the command on the file; asserts exit 2, the file and ``words`` named, nothing
    written. Returns the message."""
    before = dump(store)
    proc = limited(store, *command, str(path))
    assert proc.returncode == 2, proc.stderr
    message = proc.stderr
    assert path.name in message, message
    for word in words:
        assert word in message, message
    assert "Traceback" not in message and "MemoryError" not in message
    assert dump(store) == before
    return message


CATALOG = ["catalog", "import"]
POSTAL = ["postal", "import"]


# --- the attack files ----------------------------------------------------------------------------


def far_cell_xlsx(path: Path, header: list[str]) -> Path:
    """5 KB: a header and one cell at XFD1048576, so the sheet declares A1:XFD1048576."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    assert path.stat().st_size < 10_000
    return path


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def shared_strings_bomb(path: Path, header: list[str], megabytes: int = 300) -> Path:
    """A workbook as Excel writes it (its text in shared strings) whose shared strings grow to
    ``megabytes`` when decompressed: a few hundred kilobytes on disk."""
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(header)))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}">'
            f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
        ),
    }
    item = b"<si><t>a</t></si>"
    chunk = item * (MiB // len(item))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, text in parts.items():
            target.writestr(name, text)
        with target.open("xl/sharedStrings.xml", "w") as part:
            part.write(f'<sst xmlns="{MAIN}">'.encode())
            for name in header:
                part.write(f"<si><t>{name}</t></si>".encode())
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</sst>")
    assert path.stat().st_size < 2 * MiB
    return path


def sparse(path: Path, first_line: str, size: int = 200 * MiB) -> Path:
    """A file of ``size`` bytes (sparse: no disk is used) that starts like a genuine one."""
    with path.open("wb") as f:
        f.write(first_line.encode())
        f.truncate(size)
    return path


# --- catalog import ------------------------------------------------------------------------------


def test_catalog_xlsx_with_a_cell_at_xfd1048576(store, tmp_path):
    path = far_cell_xlsx(tmp_path / "far.xlsx", CATALOG_HEADER)
    refused(store, CATALOG, path, "XFD1048576", "dòng 1048576", "XFD:")


def test_catalog_xlsx_with_huge_shared_strings(store, tmp_path):
    path = shared_strings_bomb(tmp_path / "bomb.xlsx", CATALOG_HEADER)
    refused(store, CATALOG, path, "sharedStrings", "giải nén")


def test_catalog_json_nested_100000_deep(store, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    refused(store, CATALOG, path, "dòng 1", "lồng nhau")
    path.write_text(
        json.dumps([GOOD_PROCEDURE])[:-2] + ', "documents": ' + "[" * 100_000 + "]" * 100_000 + "}]"
    )
    refused(store, CATALOG, path, "lồng nhau")


def test_catalog_json_with_a_5000_digit_number(store, tmp_path):
    path = tmp_path / "number.json"
    good = json.dumps(GOOD_PROCEDURE, ensure_ascii=False, indent=2)
    path.write_text("[\n" + good.replace('"fee": 0', '"fee": ' + "9" * 5000) + "\n]")
    refused(store, CATALOG, path, "fee:", "dòng 8", "số dài")


def test_catalog_csv_with_a_5000_digit_number(store, tmp_path):
    path = tmp_path / "number.csv"
    row = [
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "0",
        "9" * 5000,
        "x",
        "",
        "Tờ khai | bản chính",
    ]
    path.write_text(",".join(CATALOG_HEADER) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    refused(store, CATALOG, path, "fee:", "dòng 2")


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_catalog_file_of_200_mb(store, tmp_path, suffix):
    path = sparse(tmp_path / f"big{suffix}", "[\n" if suffix == ".json" else "code,name\n")
    refused(store, CATALOG, path, "200 MB", "giới hạn")


def test_catalog_csv_with_a_100_mb_field(store, tmp_path):
    path = tmp_path / "field.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(CATALOG_HEADER) + "\n1.001193,")
        for _ in range(100):
            f.write("a" * MiB)
        f.write(",Hộ tịch,0,0,x,,Tờ khai | bản chính\n")
    refused(store, CATALOG, path, "name:", "dòng 2")


# --- postal import (the post office's file of delivery outcomes) ---------------------------------


def test_status_xlsx_with_a_cell_at_xfd1048576(store, tmp_path):
    path = far_cell_xlsx(tmp_path / "far.xlsx", STATUS_HEADER)
    refused(store, POSTAL, path, "XFD1048576", "dòng 1048576", "XFD:")


def test_status_xlsx_with_huge_shared_strings(store, tmp_path):
    path = shared_strings_bomb(tmp_path / "bomb.xlsx", STATUS_HEADER)
    refused(store, POSTAL, path, "sharedStrings", "giải nén")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_status_file_of_200_mb(store, tmp_path, suffix):
    path = sparse(tmp_path / f"big{suffix}", ",".join(STATUS_HEADER) + "\n")
    refused(store, POSTAL, path, "200 MB", "giới hạn")


def test_status_csv_with_a_100_mb_field(store, tmp_path):
    path = tmp_path / "field.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(STATUS_HEADER) + "\nRR123456785VN,failed,2026-11-16T10:00,,,")
        for _ in range(100):
            f.write("a" * MiB)
        f.write("\n")
    refused(store, POSTAL, path, "giới hạn")


def test_status_csv_with_a_field_past_the_cell_limit(store, tmp_path):
    """Within the file's size, a field longer than a spreadsheet cell can be (32,767
    characters) is refused naming its line and column."""
    path = tmp_path / "field.csv"
    long = "a" * 40_000
    path.write_text(
        ",".join(STATUS_HEADER) + f"\nRR123456785VN,failed,2026-11-16T10:00,,,{long}\n",
        encoding="utf-8",
    )
    refused(store, POSTAL, path, "reason:", "dòng 2", "32.767")


# --- the postal tariff (a JSON file given by the administrator) ----------------------------------


def test_tariff_json_deep_or_with_a_huge_number(store, tmp_path):
    deep = tmp_path / "deep-tariff.json"
    deep.write_text('{"zones": ' + "[" * 100_000 + "]" * 100_000 + "}")
    refused(store, ["postal", "tariff", "--set"], deep, "lồng nhau")
    number = tmp_path / "number-tariff.json"
    number.write_text('{"default_weight_g": ' + "9" * 5000 + "}")
    refused(store, ["postal", "tariff", "--set"], number, "default_weight_g:", "số dài")
