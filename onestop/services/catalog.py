"""The procedure catalogue in the store: read a file (JSON, CSV or XLSX) within bounds and import
it all or nothing, export it for editing in a spreadsheet, list what is offered."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from onestop.adapters import files
from onestop.domain.catalog import (
    COLUMNS,
    FILE_FIELD,
    CatalogError,
    Procedure,
)
from onestop.domain.catalog_rows import (
    TABLE_COLUMNS,
    procedures_from_json,
    procedures_from_table,
    table_cells,
)
from onestop.domain.text import fold
from onestop.store import repository as repo
from onestop.store import tables as t

from .context import Context

# A national catalogue holds a few thousand procedures; these bounds leave room for 100,000
# (about 95 MB as indented JSON) and refuse what would exhaust a counter's memory.
LIMITS = files.Limits(max_bytes=128 * files.MiB, max_rows=200_000, max_columns=64)


def _values(proc: Procedure) -> dict[str, Any]:
    return {
        "code": proc.code,
        "name": proc.name,
        "name_folded": fold(f"{proc.code} {proc.name}"),
        "field": proc.field,
        "processing_days": proc.processing_days,
        "processing_hours": proc.processing_hours,
        "fee": proc.fee,
        "postal": proc.postal,
        "online": proc.online,
        "documents": [doc.to_json() for doc in proc.documents],
        "days_kind": proc.days_kind,
        "cases": [case.to_json() for case in proc.cases] or None,
    }


def store_procedures(ctx: Context, procedures: list[Procedure]) -> int:
    """Insert or replace the given procedures in one transaction."""
    now = ctx.clock()
    with ctx.store.unit_of_work() as session:
        repo.upsert_procedures(session, [_values(proc) for proc in procedures], now)
        session.commit()
    return len(procedures)


def read_file(path: Path) -> list[Procedure]:
    """Every procedure of a catalogue file (by suffix: .json, .csv or .xlsx), all checked; a bad
    row raises CatalogError naming its line and field, a file out of bounds FileRefused."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return procedures_from_json(files.json_array(path, LIMITS))
    if suffix in (".csv", ".xlsx"):
        # Vietnamese Windows saves "CSV" in cp1258 (tones as combining marks); NFC fixes those.
        rows = files.read_table(path, LIMITS, encodings=("utf-8-sig", "cp1258"))
        # A catalogue this program exported carries quoted formula-like text: read it back as is.
        return procedures_from_table((n, [files.unquote(c) for c in cells]) for n, cells in rows)
    raise CatalogError(None, FILE_FIELD, f"không hỗ trợ định dạng {suffix or '(không đuôi)'}")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a catalogue is imported: the procedures read so far
    stay alive until they are stored, and the collector, triggered every few hundred
    allocations, would walk them again and again (a third of the time of 100,000). Reading
    builds no reference cycles; the collector is back on unless it was off before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(ctx: Context, path: Path) -> int:
    # Reading validates the whole file before the store is touched: all or nothing.
    path = Path(path)
    with _collector_paused():
        try:
            procedures = read_file(path)
        except CatalogError as exc:
            raise files.FileRefused(path.name, exc.line, exc.field, exc.message) from None
        return store_procedures(ctx, procedures)


@cache
def _demo() -> tuple[Procedure, ...]:
    from onestop.resources import resource

    return tuple(read_file(resource("catalog", "demo.json")))


def demo_catalog() -> list[Procedure]:
    """The shipped demo catalogue (resources/catalog/demo.json)."""
    return list(_demo())


def import_demo(ctx: Context) -> int:
    return store_procedures(ctx, demo_catalog())


# --- writing: the same formats, for editing in a spreadsheet ------------------------------------


def write_catalog_json(procedures: Iterable[Procedure], path: Path) -> None:
    data = [procedure.to_json() for procedure in procedures]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    Path(path).write_bytes(text.encode("utf-8", "replace"))


def write_catalog_csv(procedures: Iterable[Procedure], path: Path) -> None:
    files.write_csv(path, [TABLE_COLUMNS, *(table_cells(p) for p in procedures)])


def write_catalog_xlsx(procedures: Iterable[Procedure], path: Path) -> None:
    # Codes are text cells, so Excel does not drop their trailing zeros; documents wrap.
    documents = COLUMNS.index("documents")
    rows = [TABLE_COLUMNS, *(table_cells(p) for p in procedures)]
    files.write_xlsx(path, "catalog", rows, wrap_columns=(documents,))


@dataclass(frozen=True)
class ProcedureRow:
    """A procedure the office offers, as stored: ``documents`` are the stored JSON objects (a
    name, and how many of each are needed)."""

    code: str
    name: str
    field: str
    processing_days: int | None
    processing_hours: float | None
    fee: int
    postal: bool
    online: str
    documents: tuple[dict[str, Any], ...]
    days_kind: str = "working"
    cases: tuple[dict[str, Any], ...] = ()

    @classmethod
    def of(cls, row: t.Procedure) -> ProcedureRow:
        return cls(
            row.code,
            row.name,
            row.field,
            row.processing_days,
            row.processing_hours,
            row.fee,
            row.postal,
            row.online,
            tuple(row.documents),
            row.days_kind or "working",
            tuple(row.cases or ()),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "field": self.field,
            "processing_days": self.processing_days,
            "processing_hours": self.processing_hours,
            "fee": self.fee,
            "postal": self.postal,
            "online": self.online,
            "documents": list(self.documents),
            # Only when not the default: the list of a catalogue without them is unchanged.
            **({"days_kind": self.days_kind} if self.days_kind != "working" else {}),
            **({"cases": list(self.cases)} if self.cases else {}),
        }


def list_procedures(ctx: Context) -> list[ProcedureRow]:
    """The procedures offered (active), by field then code."""
    with ctx.store.reading() as session:
        return [ProcedureRow.of(r) for r in repo.procedures(session)]
