"""How a procedure's time is counted and its cases (issue 14): "days_kind" and "cases" of the
catalogue contract, checked the same way for every file format."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from onestop.domain.calendar import MAX_DAYS, MAX_HOURS

# "working": "N ngày làm việc" (the default); "calendar": the law writes "N ngày" without
# "làm việc", and the limit counts calendar days (Civil Code 2015, art. 148 for its end).
DAYS_KINDS: tuple[str, ...] = ("working", "calendar")
_DAYS_KIND_ALIASES = {
    "working": "working",
    "lam viec": "working",
    "ngay lam viec": "working",
    "calendar": "calendar",
    "lich": "calendar",
    "ngay": "calendar",
}


@dataclass(frozen=True)
class ProcedureCase:
    """One case of a procedure whose time or fee depends on the case (e.g. 1.013225)."""

    name: str
    processing_days: int | None
    processing_hours: float | None
    days_kind: str
    fee: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "processing_days": self.processing_days,
            "processing_hours": self.processing_hours,
            "days_kind": self.days_kind,
            "fee": self.fee,
        }


Fail = Callable[[str, str], Exception]


def read_days_kind(raw: Any, fail: Fail, field: str = "days_kind") -> str:
    """The canonical days kind of a catalogue value; blank means "working"."""
    from onestop.domain.catalog import fold_key, is_blank

    if is_blank(raw):
        return "working"
    found = _DAYS_KIND_ALIASES.get(fold_key(raw)) if isinstance(raw, str) else None
    if found is None:
        raise fail(
            field, f'phải là "working" (ngày làm việc) hoặc "calendar" (ngày), không {raw!r}'
        )
    return found


def read_cases(
    raw: Any,
    fail: Fail,
    number: Callable[[str, Any], int],
    hours: Callable[[Any], float],
    clean: Callable[[str], str],
    default_kind: str,
    default_fee: int,
) -> tuple[ProcedureCase, ...]:
    """The "cases" list of a catalogue record (absent or blank: none); names unique."""
    from onestop.domain.catalog import is_blank

    if is_blank(raw):
        return ()
    if not isinstance(raw, list | tuple):
        raise fail("cases", "phải là danh sách trường hợp [...]")
    cases: list[ProcedureCase] = []
    seen: set[str] = set()
    for position, item in enumerate(raw, 1):
        where = f"trường hợp thứ {position}: "
        if not isinstance(item, Mapping):
            raise fail("cases", where + "phải có name và thời hạn")
        name_raw = item.get("name")
        name = clean(name_raw) if isinstance(name_raw, str) else ""
        if not name:
            raise fail("cases", where + "thiếu tên trường hợp")
        if name.casefold() in seen:
            raise fail("cases", where + f"tên {name!r} trùng")
        seen.add(name.casefold())
        days_raw, hours_raw = item.get("processing_days"), item.get("processing_hours")
        days = None if is_blank(days_raw) else number("cases", days_raw)
        span = None if is_blank(hours_raw) else hours(hours_raw)
        if (days is None) == (span is None):
            raise fail(
                "cases", where + "cần đúng một thời hạn: processing_days hoặc processing_hours"
            )
        if (days or 0) > MAX_DAYS or (span or 0) > MAX_HOURS:
            raise fail("cases", where + "thời hạn quá lớn")
        kind = read_days_kind(item.get("days_kind"), fail, "cases")
        if is_blank(item.get("days_kind")):
            kind = default_kind
        fee = default_fee if is_blank(item.get("fee")) else number("cases", item.get("fee"))
        cases.append(ProcedureCase(name, days, span, kind, fee))
    return tuple(cases)


def find_case(cases: tuple[ProcedureCase, ...], name: str | None) -> ProcedureCase | None:
    """The case named ``name`` (case-insensitive, spaces collapsed), or None."""
    wanted = " ".join((name or "").split()).casefold()
    for case in cases:
        if case.name.casefold() == wanted:
            return case
    return None
