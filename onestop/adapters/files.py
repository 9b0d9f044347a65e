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

from .bounds import FILE_FIELD, FileRefused, Limits, MiB, column_letter, read_bytes
from .json_files import json_array, read_json
from .tables import read_table
from .writers import cell_value, csv_bytes, safe_text, unquote, write_csv, write_xlsx, xlsx_bytes

__all__ = [
    "FILE_FIELD",
    "FileRefused",
    "Limits",
    "MiB",
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
