"""Files exchanged with the postal operator: the day's consignments out (CSV or XLSX), its file
of delivery outcomes back in (all rows or none)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from onestop.adapters import files
from onestop.domain import postal as rules
from onestop.domain.clock import parse_time
from onestop.domain.errors import InputError, NotFound
from onestop.domain.messages import msg
from onestop.domain.text import fold
from onestop.services.context import Context
from onestop.services.users import require_role
from onestop.store import repository_postal as prepo
from onestop.store import tables_postal as tp

from .common import day_bounds, s10_number
from .delivery import Attempt, apply_attempt, clean_attempt
from .results import ExportResult, ImportResult

EXPORT_COLUMNS: tuple[str, ...] = (
    "consignment",
    "kind",
    "record",
    "handed_over_at",
    "code",
    "ref",
    "name",
    "phone",
    "address",
    "ward",
    "zone",
    "weight_g",
    "postage",
    "payer",
)

IMPORT_COLUMNS: tuple[str, ...] = (
    "consignment",
    "outcome",
    "at",
    "recipient",
    "id_number",
    "reason",
    "caused_by",
)

# A status file lists a day's (or a month's) outcomes for one agency: a few hundred rows. The
# bounds leave ample room and refuse what would exhaust the counter's memory or time.
STATUS_LIMITS = files.Limits(max_bytes=32 * files.MiB, max_rows=200_000, max_columns=256)

# Headers the operator's spreadsheets may use, folded.
_HEADER_ALIASES = {
    "so hieu": "consignment",
    "so hieu buu gui": "consignment",
    "ma buu gui": "consignment",
    "ma vach": "consignment",
    "ket qua": "outcome",
    "trang thai": "outcome",
    "status": "outcome",
    "thoi gian": "at",
    "thoi gian phat": "at",
    "nguoi nhan": "recipient",
    "so giay to": "id_number",
    "cccd": "id_number",
    "ly do": "reason",
    "ben chiu cuoc": "caused_by",
    "loi do": "caused_by",
}


def export_rows(ctx: Context, day: date) -> list[dict[str, Any]]:
    """The consignments handed over on a day, one row each, in the columns of EXPORT_COLUMNS."""
    out = []
    with ctx.store.reading() as session:
        pairs = prepo.consignments_between(session, *day_bounds(day))
        dossiers = prepo.dossiers_by_ids(session, [c.dossier_id for c, _ in pairs if c.dossier_id])
        refs = prepo.pickup_references(session, [c.pickup_id for c, _ in pairs if c.pickup_id])
        month = day.strftime("%Y-%m")
        firsts = {
            ch.consignment_id: ch
            for ch, _c, _r in prepo.charges_of_month(session, month)
            if ch.kind == "first_trip"
        }
        for c, record in pairs:
            dossier = dossiers[c.dossier_id] if c.dossier_id else None
            code = dossier.code if dossier else ""
            # The commune by its code when the dossier's return address resolved (issue 14).
            commune = dossier.return_commune_code if dossier else None
            first = firsts.get(c.id)
            out.append(
                {
                    "consignment": c.number,
                    "kind": c.kind,
                    "record": record.number,
                    "handed_over_at": c.handed_over_at.isoformat(),
                    "code": code,
                    "ref": ((refs.get(c.pickup_id) or c.pickup_id) if c.kind == "pickup" else code)
                    or "",
                    "name": c.applicant_name,
                    "phone": c.phone or "",
                    "address": c.address,
                    "ward": rules.ward_label(c.address, commune),
                    "zone": c.zone,
                    "weight_g": c.weight_g,
                    "postage": first.amount if first else 0,
                    "payer": first.payer if first else "",
                }
            )
    return out


def export_day(ctx: Context, day: date, fmt: str, out: str | Path) -> ExportResult:
    """Write the day's consignments as CSV (UTF-8 with BOM, which Excel needs for Vietnamese) or
    XLSX for the operator's systems; the result names the file as it was given."""
    if fmt not in ("csv", "xlsx"):
        raise InputError("format", msg("export.format"))
    rows = export_rows(ctx, day)
    table = [EXPORT_COLUMNS, *([r[c] for c in EXPORT_COLUMNS] for r in rows)]
    # Through the adapter's writers: every text a text cell, none a formula, none able to break
    # the file (the addresses and names come from citizens).
    if fmt == "csv":
        files.write_csv(Path(out), table)
    else:
        files.write_xlsx(Path(out), f"Bưu gửi {day.strftime('%d-%m-%Y')}", table)
    return ExportResult(rows=len(rows), out=str(out), format=fmt)


@dataclass(frozen=True)
class StatusRow:
    line: int
    consignment: str
    attempt: Attempt


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str | None] = []
    for n, values in files.read_table(path, STATUS_LIMITS, suffixes=(".csv", ".xlsx", ".xlsm")):
        cells = [_text(v) for v in values]
        if n == 1:
            for h in cells:
                key = " ".join(fold(h or "").replace("_", " ").split())
                name = key.replace(" ", "_") if key.replace(" ", "_") in IMPORT_COLUMNS else None
                # Columns we do not use (an operator's files carry many) are ignored.
                header.append(name or _HEADER_ALIASES.get(key))
            for required in ("consignment", "outcome", "at"):
                if required not in header:
                    raise InputError("dòng 1", msg("status_file.column", column=required))
            continue
        if not any((c or "").strip() for c in cells):
            continue
        rows.append((n, {h: (c or "").strip() for h, c in zip(header, cells, strict=False) if h}))
    if not header:
        raise InputError("FILE", msg("status_file.empty"))
    return rows


def read_status_file(ctx: Context, path: Path) -> list[StatusRow]:
    """Every row checked before anything is applied; an error names its line and column."""
    out = []
    for n, cells in _read_table(Path(path)):
        prefix = f"dòng {n}."
        s10 = s10_number(cells.get("consignment", ""), prefix + "consignment")
        outcome = rules.outcome_of(cells.get("outcome", ""), prefix + "outcome")
        at = ctx.recorded_time(parse_time(cells.get("at", ""), prefix + "at"), prefix + "at")
        attempt = Attempt(
            outcome=outcome,
            recipient=cells.get("recipient") or None,
            id_number=cells.get("id_number") or None,
            reason=cells.get("reason") or None,
            caused_by=cells.get("caused_by") or "citizen",
            at=at,
        )
        clean_attempt(ctx, attempt, prefix)
        out.append(StatusRow(n, s10, attempt))
    return out


def _label_used_twice(session: Session, found: Sequence[tp.Consignment]) -> str:
    """What to say when one S10 number was given to several dossiers by workstations cut off
    from each other: which ones, so that the labels can be checked."""
    codes = [
        d.code
        for d in prepo.dossiers_by_ids(
            session, [c.dossier_id for c in found if c.dossier_id]
        ).values()
    ]
    return msg(
        "status_file.label_twice",
        number=found[0].number,
        n=len(found),
        codes=", ".join(sorted(codes)),
    )


def import_statuses(ctx: Context, path: Path) -> ImportResult:
    """Apply the operator's status file: all rows or none. Rows already recorded are skipped, so
    a cumulative file may be imported every day."""
    require_role(ctx, "postal")
    rows = read_status_file(ctx, path)
    applied = unchanged = 0
    codes: list[str] = []
    with ctx.store.work() as uow:
        session = uow.session
        # In time order: a file lists outcomes as the operator's system sorts them.
        for r in sorted(rows, key=lambda r: (r.attempt.at, r.line)):
            found = [
                c
                for c in prepo.consignments_by_number(session, r.consignment)
                if c.kind == "delivery" and c.dossier_id is not None
            ]
            if not found:
                raise NotFound(f"Dòng {r.line}: bưu gửi phát kết quả", r.consignment)
            if len(found) > 1:
                raise InputError(f"dòng {r.line}.consignment", _label_used_twice(session, found))
            row = prepo.dossier(session, found[0].dossier_id or "")
            assert row is not None
            assert r.attempt.at is not None
            try:
                clean = clean_attempt(ctx, r.attempt)
                history = uow.dossiers.history(row.code)
                new = apply_attempt(
                    ctx, uow, history, r.attempt.outcome, clean, r.attempt.at, skip_recorded=True
                )
            except InputError as exc:
                raise type(exc)(f"dòng {r.line}.{exc.field}", exc.message) from None
            if new:
                applied += 1
                codes.append(row.code)
            else:
                unchanged += 1
        uow.commit()
    return ImportResult(rows=len(rows), applied=applied, unchanged=unchanged, codes=tuple(codes))
