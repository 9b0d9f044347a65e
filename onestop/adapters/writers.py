"""Writing files for other systems: CSV and XLSX whose text never becomes a live formula nor
breaks the file, written whole under a temporary name then renamed."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

# Characters XML 1.0 cannot hold (openpyxl refuses the first five ranges and writes the others
# into a file Excel will not open); lone surrogates cannot even be encoded as UTF-8.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (also their full-width
# forms, which some locales accept), after any spaces; or a leading tab / CR / LF.
_FORMULA_START = re.compile("(?:[ \u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])")


def safe_text(value: str) -> str:
    """Text that no spreadsheet evaluates and every file format can hold."""
    value = _NOT_XML.sub("\ufffd", value)
    if _FORMULA_START.match(value):
        value = "'" + value
    return value


def unquote(value: Any) -> Any:
    """Undoes ``safe_text``'s quote, so a file this program wrote reads back as it was."""
    if isinstance(value, str) and value.startswith("'") and _FORMULA_START.match(value, 1):
        return value[1:]
    return value


def cell_value(value: Any) -> Any:
    """A value as it goes into a cell: numbers and booleans as they are, everything else text."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return safe_text(str(value))


def _replace(path: Path, data: bytes) -> None:
    # Written whole to a temporary name, then renamed: a half-written file is never left.
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV as Excel opens it: UTF-8 with BOM (else Excel takes the ANSI code page and garbles the
    diacritics), CRLF, every value through ``cell_value``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(path: Path, rows: Iterable[Sequence[Any]]) -> None:
    _replace(path, csv_bytes(rows))


def xlsx_bytes(
    title: str, rows: Iterable[Sequence[Any]], *, wrap_columns: Sequence[int] = ()
) -> bytes:
    """One worksheet; text cells are explicitly text (data type "s", number format "@", so that
    editing the cell in Excel keeps it text too), never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            value = cell_value(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
                cell.number_format = "@"
            if index in wrap_columns:
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel's rules for a sheet name: at most 31 characters, none of []:*?/\ .
    return re.sub(r"[\[\]:*?/\\]", "-", _NOT_XML.sub("", title))[:31] or "Sheet1"


def write_xlsx(
    path: Path, title: str, rows: Iterable[Sequence[Any]], *, wrap_columns: Sequence[int] = ()
) -> None:
    _replace(path, xlsx_bytes(title, rows, wrap_columns=wrap_columns))
