"""Bounds on files from outside and how a refusal names the file, line and field: the limits
one file may reach, the refusal, the size checked before a byte is read, decoding.

The readers built on these (onestop.adapters.json_files, onestop.adapters.tables) are described
in onestop.adapters.files, the module callers use.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

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
        if line is None:
            text = msg("file.where", file=file, text=message)
        else:
            text = msg("file.where_line", file=file, line=line, text=message)
        super().__init__(field or FILE_FIELD, text)
        self.file = file
        self.line = line


def _unreadable(exc: OSError) -> str:
    return msg("file.unreadable", error=str(exc.strerror or exc))


def _encoding_needed(encodings: Sequence[str]) -> str:
    return msg("file.encoding", encoding=encodings[0].removesuffix("-sig").upper())


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def count_text(number: int) -> str:
    """A count as Vietnamese writes it: 200.000."""
    return f"{number:,}".replace(",", ".")


def size_text(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= MiB else f"{size} byte"


# --- whole files --------------------------------------------------------------------------------


def check_size(path: Path, limits: Limits) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(path.name, None, None, _unreadable(exc)) from None
    if size > limits.max_bytes:
        too_big = msg("file.too_big", size=size_text(size), limit=size_text(limits.max_bytes))
        raise FileRefused(path.name, None, None, too_big)
    return size


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refused before reading when larger than ``limits.max_bytes``."""
    path = Path(path)
    check_size(path, limits)
    try:
        with path.open("rb") as f:
            data = f.read(limits.max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise FileRefused(path.name, None, None, _unreadable(exc)) from None
    if len(data) > limits.max_bytes:
        raise FileRefused(
            path.name, None, None, msg("file.too_big_plain", limit=size_text(limits.max_bytes))
        )
    return data


def decode(data: bytes, name: str, encodings: Sequence[str]) -> str:
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(name, None, None, _encoding_needed(encodings))


def encoding_of(path: Path, encodings: Sequence[str]) -> str:
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
    raise FileRefused(path.name, None, None, _encoding_needed(encodings))
