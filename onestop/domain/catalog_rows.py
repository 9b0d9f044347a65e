"""A procedure catalogue's files as rows, all or nothing: the elements of a JSON array or the
rows of a spreadsheet (CSV/XLSX) checked into procedures, every record before any is returned;
and a procedure as a spreadsheet row for export. The files themselves are read and written by
onestop.adapters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from onestop.domain.catalog import (
    COLUMNS,
    FILE_FIELD,
    CatalogError,
    Procedure,
    RequiredDocument,
    check_record,
    fold_key,
    is_blank,
)

# Excel turns "2.000720" typed into a cell into the number 2.00072; trailing zeros are the
# only thing lost, so a national code with fewer than 6 decimals can be restored exactly.
_EXCEL_MANGLED_CODE_RE = re.compile(r"^(\d{1,2})\.(\d{1,5})$")


# ---------------------------------------------------------------------------
# Whole files. All or nothing: every record is validated before anything is returned.


def _check_unique(items: Iterable[tuple[Procedure, int, int | None]]) -> list[Procedure]:
    seen: dict[str, int] = {}
    result: list[Procedure] = []
    for procedure, line, index in items:
        first = seen.get(procedure.code)
        if first is not None:
            raise CatalogError(
                line, "code", f"mã thủ tục {procedure.code} trùng với dòng {first}", index=index
            )
        seen[procedure.code] = line
        result.append(procedure)
    if not result:
        raise CatalogError(1, FILE_FIELD, "tệp không có thủ tục nào")
    return result


def procedures_from_json(elements: Iterable[tuple[int, int | None, Any]]) -> list[Procedure]:
    """The elements of a JSON catalogue, as (line where each starts, index, value), checked."""
    return _check_unique(
        (check_record(element, line, index), line, index) for line, index, element in elements
    )


def parse_documents_cell(cell: Any) -> list[dict[str, Any]]:
    """Split a CSV/XLSX documents cell into document dicts.

    One document per line: ``tên | loại | số lượng`` (count optional, default 1), and for a
    conditional document a fourth part, its condition (``| nếu có`` style text, or ``| không bắt
    buộc`` for none). When the cell has no line breaks, ";" separates documents instead. Raises
    ValueError with a Vietnamese message.
    """
    if is_blank(cell):
        return []
    if not isinstance(cell, str):
        raise ValueError("phải là văn bản dạng 'tên | loại | số lượng'")
    text = cell.replace("\r\n", "\n").replace("\r", "\n")
    items = text.split("\n") if "\n" in text else text.split(";")
    documents: list[dict[str, Any]] = []
    for position, item in enumerate((i for i in items if i.strip()), 1):
        parts = [part.strip() for part in item.split("|")]
        if len(parts) == 2:
            parts.append("1")
        if len(parts) not in (3, 4) or (len(parts) == 4 and not parts[3]):
            raise ValueError(
                f"giấy tờ thứ {position}: phải có dạng 'tên | loại | số lượng' "
                f"(và '| điều kiện' nếu không bắt buộc), gặp {item.strip()!r}"
            )
        document: dict[str, Any] = {"name": parts[0], "kind": parts[1], "count": parts[2]}
        if len(parts) == 4:
            document["required"] = False
            if fold_key(parts[3]) != _NO_CONDITION:
                document["condition"] = parts[3]
        documents.append(document)
    return documents


# The fourth part of a conditional document that has no condition text.
_NO_CONDITION = fold_key("không bắt buộc")


def format_documents_cell(documents: Sequence[RequiredDocument]) -> str:
    def line(doc: RequiredDocument) -> str:
        text = f"{doc.name} | {doc.kind} | {doc.count}"
        return text if doc.required else f"{text} | {doc.condition or 'không bắt buộc'}"

    return "\n".join(line(doc) for doc in documents)


def procedures_from_table(rows: Iterable[tuple[int, Sequence[Any]]]) -> list[Procedure]:
    """Spreadsheet rows as (row number as the user sees it, cells), the header first, checked."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        raise CatalogError(1, FILE_FIELD, "tệp trống")
    header = [fold_key(str(cell)) if cell is not None else "" for cell in first[1]]
    positions: dict[str, int] = {}
    for column_index, name in enumerate(header):
        if not name:
            continue
        if name in positions:
            raise CatalogError(1, name, "cột bị lặp lại")
        positions[name] = column_index
    for required in COLUMNS:
        if required == "processing_hours":
            continue  # optional column: a catalogue may express every time in days
        if required not in positions:
            raise CatalogError(1, required, "thiếu cột này ở dòng tiêu đề")
    checked: list[tuple[Procedure, int, int | None]] = []
    for row_number, cells in iterator:
        if all(is_blank(cell) for cell in cells):
            continue
        record: dict[str, Any] = {}
        for name, column_index in positions.items():
            value = cells[column_index] if column_index < len(cells) else None
            record[name] = _cell(value)
        record = _tabular_record(record, row_number)
        checked.append((check_record(record, row_number, None), row_number, None))
    return _check_unique(checked)


def _tabular_record(record: dict[str, Any], row_number: int) -> dict[str, Any]:
    """Spreadsheet conventions on top of the JSON contract (see resources/catalog/README.md)."""
    code = record.get("code")
    if isinstance(code, float):
        code = f"{code:.6f}"  # Excel stored the code as a number; national codes have 6 decimals
    elif isinstance(code, int) and not isinstance(code, bool):
        code = str(code)
    if isinstance(code, str):
        match = _EXCEL_MANGLED_CODE_RE.match(code.strip())
        if match:
            code = f"{match.group(1)}.{match.group(2).ljust(6, '0')}"
    record["code"] = code
    for key in ("name", "field"):
        value = record.get(key)
        record[key] = "" if value is None else value
    if is_blank(record.get("postal")):
        record["postal"] = False  # an unmarked cell in an "x" column means no
    cases = record.get("cases")
    if isinstance(cases, str) and cases.strip():
        # A spreadsheet carries the cases as the JSON list of the contract, in one cell.
        try:
            record["cases"] = json.loads(cases)
        except ValueError:
            raise CatalogError(row_number, "cases", "phải là danh sách JSON [...]") from None
    try:
        record["documents"] = parse_documents_cell(record.get("documents"))
    except ValueError as exc:
        raise CatalogError(row_number, "documents", str(exc)) from None
    return record


def _cell(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)  # dates and the like: let validation refuse them with a clear message


# ---------------------------------------------------------------------------
# Rows for the writers (a catalogue exported for editing in a spreadsheet).


# Written after the contract's columns; optional when read (blank: working days, no cases).
TABLE_COLUMNS: tuple[str, ...] = (*COLUMNS, "days_kind", "cases")


def table_cells(procedure: Procedure) -> list[Any]:
    """One procedure as a spreadsheet row, in the order of TABLE_COLUMNS."""
    cases = [case.to_json() for case in procedure.cases]
    return [
        procedure.code,
        procedure.name,
        procedure.field,
        procedure.processing_days,
        procedure.processing_hours,
        procedure.fee,
        "có" if procedure.postal else "không",
        procedure.online,
        format_documents_cell(procedure.documents),
        procedure.days_kind,
        json.dumps(cases, ensure_ascii=False) if cases else "",
    ]
