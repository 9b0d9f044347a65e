"""CSV and XLSX files from outside, read within bounds: CSV streamed record by record (each record
and field bounded); an XLSX checked part by part from the zip's directory (declared sizes cap what
is decompressed), its shared strings and first worksheet scanned by expat before openpyxl reads
them in read-only mode (the sheet's declared dimension is never used)."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.parsers import expat

from onestop.domain.messages import msg

from .bounds import EXCEL_MAX_COLUMNS, FileRefused, Limits, MiB, column_letter
from .bounds import check_size as _check_size
from .bounds import count_text as _n
from .bounds import encoding_of as _encoding_of
from .bounds import size_text as _mib


def read_table(
    path: Path,
    limits: Limits,
    *,
    suffixes: Sequence[str] = (".csv", ".xlsx"),
    encodings: Sequence[str] = ("utf-8-sig",),
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a CSV or XLSX file (chosen by suffix) as (row number as a spreadsheet shows
    it, cells), header included, blank rows too. XLSX cells keep their types (str, int, float,
    bool, datetime, None); CSV cells are str."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        allowed = ", ".join(suffixes)
        raise FileRefused(path.name, None, None, msg("file.format", allowed=allowed))
    if suffix == ".csv":
        return _csv_rows(path, limits, encodings)
    return _xlsx_rows(path, limits)


class _TooLong(Exception):
    pass


class _Lines:
    """Feeds csv.reader one physical line at a time and keeps the current record's lines, so
    that a record (however many quoted line breaks it holds) never grows past its bound."""

    def __init__(self, f: io.TextIOBase, max_chars: int) -> None:
        self.f = f
        self.max_chars = max_chars
        self.lines: list[str] = []
        self.size = 0

    def start_record(self) -> None:
        self.lines.clear()
        self.size = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.f.readline(self.max_chars - self.size + 1)
        if not line:
            raise StopIteration
        self.lines.append(line)
        self.size += len(line)
        if self.size > self.max_chars:
            raise _TooLong
        return line


def _csv_rows(path: Path, limits: Limits, encodings: Sequence[str]) -> Iterator[tuple[int, list]]:
    name = path.name
    _check_size(path, limits)
    encoding = _encoding_of(path, encodings)
    with path.open(encoding=encoding, newline="") as f:
        first = f.readline(limits.max_record_chars)
        f.seek(0)
        # Excel in Vietnamese locales saves CSV with ";" (the decimal mark is ","), so detect it.
        delimiter = max((",", ";", "\t"), key=first.count)
        lines = _Lines(f, limits.max_record_chars)
        reader = csv.reader(lines, delimiter=delimiter)
        header: list[str] = []
        number = 0
        while True:
            lines.start_record()
            # The limit is process-wide: ours for this record only, the caller's again after.
            previous = csv.field_size_limit(limits.max_field_chars)
            try:
                row = next(reader)
            except StopIteration:
                return
            except (_TooLong, csv.Error) as exc:
                raise _csv_refusal(
                    name, number + 1, "".join(lines.lines), delimiter, header, limits, exc
                ) from None
            finally:
                csv.field_size_limit(previous)
            number += 1
            if number == 1:
                header = row
            _check_row(name, number, row, header, limits)
            yield number, row


def _check_row(name: str, number: int, row: list[Any], header: Sequence[Any], limits: Limits):
    if len(row) > limits.max_columns:
        extra = next((i for i in range(limits.max_columns, len(row)) if not _blank(row[i])), None)
        if extra is not None:
            raise FileRefused(
                name,
                number,
                _column_name(extra, header),
                msg("file.columns", letter=column_letter(extra + 1), limit=limits.max_columns),
            )
        del row[limits.max_columns :]
    if number > limits.max_rows and any(not _blank(cell) for cell in row):
        raise FileRefused(name, number, None, msg("file.rows", limit=_n(limits.max_rows)))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _column_name(index: int, header: Sequence[Any]) -> str:
    title = header[index] if index < len(header) else None
    if isinstance(title, str) and title.strip() and len(title) <= 64:
        return " ".join(title.split())
    return column_letter(index + 1)


def _csv_refusal(
    name: str,
    number: int,
    text: str,
    delimiter: str,
    header: Sequence[Any],
    limits: Limits,
    exc: Exception,
) -> FileRefused:
    """Names the column at fault in a record csv refused: scans the (bounded) record text."""
    column, length, quoted, i = 0, 0, False, 0
    while i < len(text):
        ch = text[i]
        i += 1
        if quoted:
            if ch == '"':
                if text[i : i + 1] != '"':
                    quoted = False
                    continue
                i += 1  # a doubled quote is one quote character
        elif ch == '"' and length == 0:
            quoted = True
            continue
        elif ch == delimiter:
            column, length = column + 1, 0
            continue
        length += 1
        if length > limits.max_field_chars:
            return FileRefused(
                name,
                number,
                _column_name(column, header),
                msg("file.cell_long", limit=_n(limits.max_field_chars)),
            )
    if isinstance(exc, _TooLong):
        return FileRefused(
            name,
            number,
            _column_name(column, header),
            msg("file.line_long", limit=_n(limits.max_record_chars)),
        )
    return FileRefused(name, number, _column_name(column, header), msg("file.csv", error=str(exc)))


# XLSX --------------------------------------------------------------------------------------

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_CONTENT_TYPES = "[Content_Types].xml"
_SHARED_STRINGS_TYPE = "sharedStrings+xml"
_WORKSHEET_TYPE = "worksheet+xml"
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,9})$")


def _xlsx_refused(name: str, message: str) -> FileRefused:
    return FileRefused(name, None, None, message)


def _check_zip_directory(path: Path, limits: Limits) -> None:
    """Entry count from the end-of-directory record, before zipfile reads every entry."""
    name = path.name
    with path.open("rb") as f:
        size = f.seek(0, 2)
        tail = min(size, 22 + 65_535)
        f.seek(size - tail)
        data = f.read(tail)
    at = data.rfind(_EOCD)
    if at < 0 or len(data) - at < 22:
        raise _xlsx_refused(name, msg("xlsx.not_excel"))
    (entries,) = struct.unpack("<H", data[at + 10 : at + 12])
    if data[max(0, at - 20) : at].startswith(_ZIP64_LOCATOR) or entries > limits.max_zip_entries:
        raise _xlsx_refused(name, msg("xlsx.parts", limit=_n(limits.max_zip_entries)))


def _content_types(archive: zipfile.ZipFile, name: str, limits: Limits) -> dict[str, str]:
    """Part name (without the leading '/') -> content type, from [Content_Types].xml."""
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        raise _xlsx_refused(name, msg("xlsx.no_types")) from None
    if info.file_size > limits.max_part_bytes:
        raise _xlsx_refused(
            name, msg("xlsx.part_big", part=_CONTENT_TYPES, limit=_mib(limits.max_part_bytes))
        )
    found: dict[str, str] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(" ")[2] == "Override" and "PartName" in attrs:
            found[attrs["PartName"].lstrip("/")] = attrs.get("ContentType", "")

    with archive.open(info) as source:
        _expat_scan(source, start, None, None)
    return found


def _expat_scan(source, start, end, data) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")

    def no_doctype(*_args: Any) -> None:
        raise ValueError("DOCTYPE")  # a spreadsheet never has one; entities could expand

    parser.StartDoctypeDeclHandler = no_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data
    parser.buffer_text = True
    while chunk := source.read(MiB):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _scan_shared_strings(source, name: str, limits: Limits) -> None:
    state = {"count": 0, "chars": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag.endswith(" si"):
            state["count"] += 1
            state["chars"] = 0
            if state["count"] > limits.max_shared_strings:
                raise FileRefused(
                    name,
                    None,
                    None,
                    msg("xlsx.shared_strings", limit=_n(limits.max_shared_strings)),
                )

    def data(text: str) -> None:
        state["chars"] += len(text)
        if state["chars"] > limits.max_field_chars:
            raise FileRefused(
                name,
                None,
                None,
                msg(
                    "xlsx.shared_string_long",
                    number=state["count"],
                    limit=_n(limits.max_field_chars),
                ),
            )

    _expat_scan(source, start, None, data)


class _SheetScan:
    """Checks a worksheet's XML before openpyxl parses it: openpyxl builds a whole row before
    yielding it, pads missing rows, and trusts the cells' references. Mirrors its counters
    (a row without ``r`` follows the previous one, a cell without ``r`` the previous cell)."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.row = 0
        self.column = 0
        self.cells = 0
        self.in_row = 0
        self.cell_type = "n"
        self.has_value = False
        self.value_chars = 0
        self.in_value = False
        self.last_row = 0  # the last row holding a value

    def refuse(self, line: int | None, column: int | None, message: str) -> FileRefused:
        letter = column_letter(column) if column else None
        return FileRefused(self.name, line, letter, message)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "c":
            self.cells += 1
            self.in_row += 1
            if self.cells > self.limits.max_cells:
                raise self.refuse(self.row, None, f"bảng tính có quá {_n(self.limits.max_cells)} ô")
            if self.in_row > EXCEL_MAX_COLUMNS:
                raise self.refuse(self.row, None, f"dòng có quá {_n(EXCEL_MAX_COLUMNS)} ô")
            ref = attrs.get("r")
            if ref:
                match = _CELL_REF.match(ref)
                if match is None:
                    raise self.refuse(self.row, None, f"ô có địa chỉ không hợp lệ {ref[:20]!r}")
                self.column = _column_index(match.group(1))
                self.row = int(match.group(2))
            else:
                self.column += 1
            self.cell_type = attrs.get("t", "n")
            self.has_value = False
            self.value_chars = 0
        elif local == "row":
            ref = attrs.get("r")
            if ref:
                if not ref.isdigit() or len(ref) > 9:
                    raise self.refuse(None, None, f"dòng có số không hợp lệ {ref[:20]!r}")
                self.row = int(ref)
            else:
                self.row += 1
            self.column = 0
            self.in_row = 0
        elif local in ("v", "t"):
            # A cached value or a run of an inline string (a formula's text is never read).
            self.in_value = True

    def end(self, tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local in ("v", "t"):
            self.in_value = False
        elif local == "c" and self.has_value:
            if self.row > self.limits.max_rows or self.column > self.limits.max_columns:
                cell = f"{column_letter(self.column)}{self.row}"
                raise self.refuse(
                    self.row,
                    self.column,
                    f"ô {cell} có giá trị, ngoài giới hạn {_n(self.limits.max_rows)} dòng × "
                    f"{self.limits.max_columns} cột",
                )
            self.last_row = max(self.last_row, self.row)

    def data(self, text: str) -> None:
        if not self.in_value:
            return
        self.has_value = True
        self.value_chars += len(text)
        numeric = self.cell_type in ("n", "b", "d", "s")  # "s": an index into shared strings
        bound = self.limits.max_number_chars if numeric else self.limits.max_field_chars
        if self.value_chars > bound:
            what = "số" if numeric else "ô"
            raise self.refuse(self.row, self.column, f"{what} dài quá {_n(bound)} ký tự")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def _check_parts(path: Path, limits: Limits) -> None:
    """Every part's declared size (zipfile never decompresses past it: a zip bomb stops
    there), then the shared strings, which openpyxl loads whole before anything else."""
    name = path.name
    _check_zip_directory(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            types = _content_types(archive, name, limits)
            for info in archive.infolist():
                kind = types.get(info.filename, "")
                if kind.endswith(_WORKSHEET_TYPE):
                    bound = limits.max_sheet_bytes
                elif kind.endswith(_SHARED_STRINGS_TYPE):
                    bound = limits.max_strings_bytes
                else:
                    bound = limits.max_part_bytes
                if info.file_size > bound:
                    raise _xlsx_refused(
                        name,
                        msg(
                            "xlsx.part_unzipped",
                            part=info.filename[:60],
                            size=_mib(info.file_size),
                            limit=_mib(bound),
                        ),
                    )
            for part, kind in types.items():
                if kind.endswith(_SHARED_STRINGS_TYPE) and part in archive.namelist():
                    with archive.open(part) as source:
                        _scan_shared_strings(source, name, limits)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, OSError, ValueError, EOFError) as exc:
        raise _xlsx_refused(name, msg("xlsx.unreadable", error=str(exc))) from None


def _scan_sheet(path: Path, part: str, limits: Limits) -> _SheetScan:
    scan = _SheetScan(path.name, limits)
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as source:
            _expat_scan(source, scan.start, scan.end, scan.data)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, OSError, ValueError, KeyError, EOFError) as exc:
        raise _xlsx_refused(path.name, msg("xlsx.sheet_unreadable", error=str(exc))) from None
    return scan


def _xlsx_rows(path: Path, limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    name = path.name
    _check_size(path, limits)
    _check_parts(path, limits)

    from openpyxl import load_workbook  # deferred: only importers of spreadsheets pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException alike
        raise _xlsx_refused(name, msg("xlsx.unopenable", error=str(exc))) from None
    try:
        if not workbook.worksheets:
            raise _xlsx_refused(name, msg("xlsx.no_sheet"))
        sheet = workbook.worksheets[0]
        # openpyxl knows which part the first sheet is; without it the scan cannot run, so the
        # file is refused rather than read unchecked.
        part = getattr(sheet, "_worksheet_path", None)
        if not isinstance(part, str):
            raise _xlsx_refused(name, msg("xlsx.first_sheet"))
        scan = _scan_sheet(path, part, limits)
        # Explicit bounds: the sheet's declared dimension (<dimension ref="A1:XFD1048576"/>)
        # is what the attacker writes, so it is never read.
        rows = sheet.iter_rows(
            min_row=1,
            max_row=max(scan.last_row, 1),
            max_col=limits.max_columns,
            values_only=True,
        )
        number = 0
        while True:
            try:
                values = next(rows, None)
            except Exception as exc:  # a value openpyxl cannot convert (a bad index, ...)
                raise FileRefused(
                    name, number + 1, None, msg("file.cell_unreadable", error=str(exc))
                ) from None
            if values is None:
                return
            number += 1
            yield number, list(values)
    finally:
        workbook.close()
