"""Files exchanged with other systems (catalogues, the post office's files, tariffs): read with
bounded memory and time, refused naming the file, line and field when out of bounds; written so
that no stored value becomes a live formula or breaks the file.

Reading: the size is checked before a byte is read; CSV is streamed record by record (each record
and field bounded); JSON is checked for nesting, number length and value count by a scan that
does not recurse, before the parser sees it, and an array is decoded one element at a time; an
XLSX is checked part by part from the zip's directory (declared sizes cap what is decompressed),
its shared strings and first worksheet are scanned by expat before openpyxl reads them in
read-only mode within fixed bounds (the sheet's declared dimension is never used).

Writing: text is always a text cell, never a formula; text that a spreadsheet would take for a
formula (first visible character ``= + - @``, or a leading tab / CR / LF) gets a leading ``'``
(OWASP's advice for CSV injection); characters XML cannot hold become U+FFFD. Numbers the program
computed (weights, postage, fees) stay numbers: they cannot carry a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate
from pathlib import Path
from typing import Any
from xml.parsers import expat

from onestop.domain.errors import InputError

MiB = 1 << 20
FILE_FIELD = "FILE"

# Excel's own bounds: no genuine spreadsheet goes past them.
EXCEL_MAX_COLUMNS = 16_384
EXCEL_MAX_CELL_CHARS = 32_767


@dataclass(frozen=True)
class Limits:
    """What one file from outside may hold; a reader refuses the file at the first excess."""

    max_bytes: int = 64 * MiB  # the file as stored on disk
    max_rows: int = 200_000  # rows of a table (header included) or elements of a JSON array
    max_columns: int = 64  # columns that may hold a value
    max_field_chars: int = EXCEL_MAX_CELL_CHARS  # one cell, CSV field or JSON string
    max_record_chars: int = 1 * MiB  # one CSV record, quoted line breaks included
    max_depth: int = 16  # JSON nesting
    max_number_chars: int = 40  # one number, in JSON or in a spreadsheet cell
    max_json_values: int = 4_000_000  # values in a JSON document (bounds the parsed objects)
    max_sheet_bytes: int = 256 * MiB  # the worksheet read, decompressed
    max_strings_bytes: int = 64 * MiB  # the shared strings of an XLSX, decompressed
    max_part_bytes: int = 16 * MiB  # any other part of an XLSX, decompressed
    max_shared_strings: int = 1_000_000
    max_cells: int = 4_000_000  # cells of the worksheet, empty styled ones included
    max_zip_entries: int = 10_000


class FileRefused(InputError):
    """A file from outside refused: unreadable, malformed or out of bounds. ``field`` is the
    column (its header, or its letter), or FILE for the file as a whole."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str) -> None:
        where = f"tệp {file}" + (f", dòng {line}" if line is not None else "")
        super().__init__(field or FILE_FIELD, f"{where}: {message}")
        self.file = file
        self.line = line


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _n(number: int) -> str:
    """A count as Vietnamese writes it: 200.000."""
    return f"{number:,}".replace(",", ".")


def _mib(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= MiB else f"{size} byte"


# --- whole files --------------------------------------------------------------------------------


def _check_size(path: Path, limits: Limits) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(path.name, None, None, f"không đọc được: {exc.strerror or exc}") from None
    if size > limits.max_bytes:
        raise FileRefused(
            path.name,
            None,
            None,
            f"tệp lớn {_mib(size)}, quá giới hạn {_mib(limits.max_bytes)}",
        )
    return size


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refused before reading when larger than ``limits.max_bytes``."""
    path = Path(path)
    _check_size(path, limits)
    try:
        with path.open("rb") as f:
            data = f.read(limits.max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise FileRefused(path.name, None, None, f"không đọc được: {exc.strerror or exc}") from None
    if len(data) > limits.max_bytes:
        raise FileRefused(path.name, None, None, f"tệp lớn quá {_mib(limits.max_bytes)}")
    return data


def _decode(data: bytes, name: str, encodings: Sequence[str]) -> str:
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(
        name, None, None, f"tệp phải mã hóa {encodings[0].removesuffix('-sig').upper()}"
    )


def _encoding_of(path: Path, encodings: Sequence[str]) -> str:
    """The first encoding that decodes the whole file, checked in chunks (the file's size was
    checked before)."""
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as f:
                while chunk := f.read(MiB):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileRefused(
        path.name, None, None, f"tệp phải mã hóa {encodings[0].removesuffix('-sig').upper()}"
    )


# --- JSON ----------------------------------------------------------------------------------------

# A JSON string (unrolled: linear on any input). UTF-8 continuation bytes are never '"' or '\'.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_JSON_WS = re.compile(r"[ \t\n\r]*")
_KEY_BEFORE = re.compile(r'"((?:[^"\\]|\\.){1,64})"\s*:\s*$')


def _json_where(text: str, pos: int) -> tuple[int, str | None]:
    """Line of ``pos`` and the key whose value starts there (if it is one)."""
    key = _KEY_BEFORE.search(text, max(0, pos - 200), pos)
    return text.count("\n", 0, pos) + 1, key.group(1) if key else None


_ESCAPE = re.compile(rb"\\.", re.DOTALL)  # a backslash and the character it escapes
_NUMBER_BYTES = b"-+0123456789.eE"
_STRUCTURE_BYTES = b'"[]{},'
# Number characters become "0"; everything but them and the structure is dropped.
_SKELETON_MAP = bytes(ord("0") if b in _NUMBER_BYTES else b for b in range(256))
_SKELETON_DROP = bytes(b for b in range(256) if b not in _NUMBER_BYTES + _STRUCTURE_BYTES)
_BRACKETS_ONLY = bytes(b for b in range(256) if b not in b"[]{}")


def _skeleton(data: bytes) -> bytes:
    """What the parser will see outside strings (brackets, commas, numbers as runs of "0"), by
    C-speed byte operations only, no token loop in Python. Escape sequences are dropped, so every
    quote left delimits a string; letters, spaces and colons are dropped, so most strings become
    "" and go (removing two adjacent quotes keeps every other character on its side: inside or
    outside); the pieces between the quotes left alternate outside / inside. Exact for valid
    JSON; where the input is malformed, the parser stops at the first fault, before any bracket
    this could have miscounted."""
    kept = _ESCAPE.sub(b"", data).translate(_SKELETON_MAP, _SKELETON_DROP).replace(b'""', b"")
    return b"".join(kept.split(b'"')[0::2])


def _check_json(data: bytes, name: str, limits: Limits) -> None:
    """Nesting, number length and value count, without recursion and before any parsing: the
    parser recurses (deep input overflows the stack of a worker thread) and converts digits to
    int (5,000 digits raise ValueError; long ones cost quadratic time)."""
    skeleton = _skeleton(data)  # strings can hide neither brackets nor digits
    if b"0" * (limits.max_number_chars + 1) in skeleton:
        long_number = re.compile(rb"[-+0-9.eE]{%d,}" % (limits.max_number_chars + 1))
        pos = _first_outside_strings(data, long_number)
        text = data[:pos].decode("utf-8", "replace")
        line, key = _json_where(text, len(text))
        raise FileRefused(name, line, key, f"số dài quá {limits.max_number_chars} ký tự")
    if skeleton.count(b",") + 1 > limits.max_json_values:
        raise FileRefused(name, None, None, f"tệp có quá {_n(limits.max_json_values)} giá trị")
    brackets = skeleton.translate(None, _BRACKETS_ONLY)
    del skeleton
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > limits.max_depth:
        pos = _too_deep_at(data, limits.max_depth)
        text = data[:pos].decode("utf-8", "replace")
        line, key = _json_where(text, len(text))
        raise FileRefused(name, line, key, f"lồng nhau quá {limits.max_depth} cấp")


def _first_outside_strings(data: bytes, pattern: re.Pattern[bytes]) -> int:
    token = re.compile(_JSON_STRING.pattern + b"|" + pattern.pattern, re.DOTALL)
    for match in token.finditer(data):
        if not match.group().startswith(b'"'):
            return match.start()
    return 0


def _too_deep_at(data: bytes, max_depth: int) -> int:
    depth = 0
    for match in re.finditer(_JSON_STRING.pattern + rb"|[\[\]{}]", data, re.DOTALL):
        step = _STEP.get(match.group()[0]) if match.end() - match.start() == 1 else None
        if step:
            depth += step
            if depth > max_depth:
                return match.start()
    return 0


def _json_text(path: Path, limits: Limits) -> str:
    data = read_bytes(path, limits)
    _check_json(data, path.name, limits)
    return _decode(data, path.name, ("utf-8-sig",))


def _syntax_error(name: str, exc: json.JSONDecodeError) -> FileRefused:
    return FileRefused(name, exc.lineno, None, f"JSON không hợp lệ (cột {exc.colno}): {exc.msg}")


def read_json(path: Path, limits: Limits) -> Any:
    """A whole JSON document, checked (``_check_json``) before it is parsed."""
    path = Path(path)
    text = _json_text(path, limits)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _syntax_error(path.name, exc) from None
    except (RecursionError, ValueError) as exc:  # the checks above should make these impossible
        raise FileRefused(path.name, None, None, f"JSON không đọc được: {exc}") from None


def json_array(path: Path, limits: Limits) -> Iterator[tuple[int, int, Any]]:
    """The elements of a JSON array file, one at a time, as (line where it starts, index,
    value): the lines are counted once through the file, never again from its start."""
    path = Path(path)
    name = path.name
    text = _json_text(path, limits)
    decoder = json.JSONDecoder()
    pos = _JSON_WS.match(text).end()  # type: ignore[union-attr]
    if text[pos : pos + 1] != "[":
        raise FileRefused(
            name, text.count("\n", 0, pos) + 1, None, "tệp phải là một mảng JSON [...]"
        )
    pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    line, counted = 1, 0
    index = 0
    if text[pos : pos + 1] == "]":
        pos += 1
    else:
        while True:
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise _syntax_error(name, exc) from None
            except (RecursionError, ValueError) as exc:  # made impossible by _check_json
                raise FileRefused(name, line, None, f"JSON không đọc được: {exc}") from None
            line += text.count("\n", counted, pos)
            counted = pos
            if index >= limits.max_rows:
                raise FileRefused(name, line, None, f"mảng có quá {_n(limits.max_rows)} phần tử")
            yield line, index, value
            index += 1
            pos = _JSON_WS.match(text, end).end()  # type: ignore[union-attr]
            sep = text[pos : pos + 1]
            if sep == ",":
                pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if sep == "]":
                pos += 1
                break
            where = text.count("\n", 0, pos) + 1
            raise FileRefused(name, where, None, "JSON không hợp lệ: thiếu dấu phẩy hoặc ']'")
    pos = _JSON_WS.match(text, pos).end()  # type: ignore[union-attr]
    if pos != len(text):
        raise FileRefused(
            name, text.count("\n", 0, pos) + 1, None, "JSON không hợp lệ: còn dữ liệu sau ']'"
        )


# --- tables: CSV and XLSX ------------------------------------------------------------------


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
        raise FileRefused(path.name, None, None, f"định dạng phải là {allowed}")
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
                f"có giá trị ở cột {column_letter(extra + 1)}, quá {limits.max_columns} cột",
            )
        del row[limits.max_columns :]
    if number > limits.max_rows and any(not _blank(cell) for cell in row):
        raise FileRefused(name, number, None, f"tệp có quá {_n(limits.max_rows)} dòng")


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
                f"ô dài quá {_n(limits.max_field_chars)} ký tự",
            )
    if isinstance(exc, _TooLong):
        return FileRefused(
            name,
            number,
            _column_name(column, header),
            f"dòng dài quá {_n(limits.max_record_chars)} ký tự",
        )
    return FileRefused(name, number, _column_name(column, header), f"CSV không hợp lệ: {exc}")


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
        raise _xlsx_refused(name, "không phải tệp Excel (.xlsx)")
    (entries,) = struct.unpack("<H", data[at + 10 : at + 12])
    if data[max(0, at - 20) : at].startswith(_ZIP64_LOCATOR) or entries > limits.max_zip_entries:
        raise _xlsx_refused(name, f"tệp Excel có quá {_n(limits.max_zip_entries)} phần")


def _content_types(archive: zipfile.ZipFile, name: str, limits: Limits) -> dict[str, str]:
    """Part name (without the leading '/') -> content type, from [Content_Types].xml."""
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        raise _xlsx_refused(
            name, "không phải tệp Excel (.xlsx): thiếu [Content_Types].xml"
        ) from None
    if info.file_size > limits.max_part_bytes:
        raise _xlsx_refused(name, f"phần {_CONTENT_TYPES} lớn quá {_mib(limits.max_part_bytes)}")
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
                    name, None, None, f"có quá {_n(limits.max_shared_strings)} chuỗi dùng chung"
                )

    def data(text: str) -> None:
        state["chars"] += len(text)
        if state["chars"] > limits.max_field_chars:
            raise FileRefused(
                name,
                None,
                None,
                f"chuỗi dùng chung thứ {state['count']} dài quá {_n(limits.max_field_chars)} ký tự",
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
                        f"phần {info.filename[:60]} giải nén ra {_mib(info.file_size)}, "
                        f"quá giới hạn {_mib(bound)}",
                    )
            for part, kind in types.items():
                if kind.endswith(_SHARED_STRINGS_TYPE) and part in archive.namelist():
                    with archive.open(part) as source:
                        _scan_shared_strings(source, name, limits)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, OSError, ValueError, EOFError) as exc:
        raise _xlsx_refused(name, f"không đọc được tệp Excel: {exc}") from None


def _scan_sheet(path: Path, part: str, limits: Limits) -> _SheetScan:
    scan = _SheetScan(path.name, limits)
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as source:
            _expat_scan(source, scan.start, scan.end, scan.data)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, OSError, ValueError, KeyError, EOFError) as exc:
        raise _xlsx_refused(path.name, f"không đọc được trang tính: {exc}") from None
    return scan


def _xlsx_rows(path: Path, limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    name = path.name
    _check_size(path, limits)
    _check_parts(path, limits)

    from openpyxl import load_workbook  # deferred: only importers of spreadsheets pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException alike
        raise _xlsx_refused(name, f"không mở được tệp Excel: {exc}") from None
    try:
        if not workbook.worksheets:
            raise _xlsx_refused(name, "tệp Excel không có trang tính nào")
        sheet = workbook.worksheets[0]
        # openpyxl knows which part the first sheet is; without it the scan cannot run, so the
        # file is refused rather than read unchecked.
        part = getattr(sheet, "_worksheet_path", None)
        if not isinstance(part, str):
            raise _xlsx_refused(name, "không tìm được trang tính đầu tiên")
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
                raise FileRefused(name, number + 1, None, f"không đọc được ô: {exc}") from None
            if values is None:
                return
            number += 1
            yield number, list(values)
    finally:
        workbook.close()


# --- writing ---------------------------------------------------------------------------------

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


__all__ = [
    "FILE_FIELD",
    "FileRefused",
    "Limits",
    "cell_value",
    "column_letter",
    "csv_bytes",
    "json_array",
    "read_bytes",
    "read_json",
    "read_table",
    "safe_text",
    "unquote",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
]
