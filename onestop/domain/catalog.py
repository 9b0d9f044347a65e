"""Procedure catalogue: what each administrative procedure (TTHC) takes and costs, and the check
of one catalogue record into a procedure (whole files as rows: onestop.domain.catalog_rows;
the files are read by onestop.adapters)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from onestop.domain import input_policy
from onestop.domain.calendar import MAX_DAYS, MAX_HOURS
from onestop.domain.catalog_law import DAYS_KINDS, ProcedureCase, read_cases, read_days_kind
from onestop.domain.errors import InputError

# The four kinds printed on the receipt (DOMAIN.md), and "xuất trình": a paper only shown for
# checking and handed back at once (an identity card), which the receipt never lists as kept.
# Anything else is refused so that the receipt never shows a kind the applicant cannot recognise.
SHOWN_KIND = "xuất trình"
DOCUMENT_KINDS: tuple[str, ...] = (
    "bản chính",
    "bản sao",
    "bản chứng thực",
    "bản photo",
    SHOWN_KIND,
)

# Online service levels as the national portal names them; "không" = counter/post only.
ONLINE_LEVELS: tuple[str, ...] = ("toàn trình", "một phần", "không")

# Column order of the tabular formats; also the key order of ``Procedure.to_json``.
COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "field",
    "processing_days",
    "processing_hours",
    "fee",
    "postal",
    "online",
    "documents",
)

# Field name used in errors that concern the file as a whole rather than one column.
FILE_FIELD = "tệp"

# National codes look like 1.001193 or 2.000488; provincial systems append suffixes
# such as 1.001776.000.00.00.H41, which identify the same procedure locally.
_CODE_RE = re.compile(r"^\d{1,2}\.\d{6}(?:\.[0-9A-Z]{1,12})*$")
# The store keeps codes in a 40-character column.
CODE_MAX_LENGTH = 40
_INT_RE = re.compile(r"^[+-]?\d+$")
_MAX_INT = 2**63 - 1
_MAX_INT_CHARS = 32  # 19 digits with sign, thousands separators and spaces
# Vietnamese spreadsheets write thousands as 8.000 or 1.000.000 (also 8,000 / 8 000).
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:([., \u00a0])\d{3})(?:\1\d{3})*$")

_TRUE_WORDS = frozenset({"true", "1", "co", "x", "yes", "y", "dung"})
_FALSE_WORDS = frozenset({"false", "0", "khong", "no", "n", "sai"})


# Cached: a catalogue repeats the same few kinds, levels and yes/no words on every row.
@lru_cache(maxsize=256)
def fold_key(text: str) -> str:
    """Key for lenient matching: no diacritics, đ→d, lower case, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


_KIND_ALIASES: dict[str, str] = {fold_key(kind): kind for kind in DOCUMENT_KINDS}
# Clerks and published TTHC texts say "bản sao có chứng thực"; it is the receipt's "bản chứng thực".
_KIND_ALIASES.update(
    {
        fold_key("bản sao chứng thực"): "bản chứng thực",
        fold_key("bản sao có chứng thực"): "bản chứng thực",
        fold_key("bản photocopy"): "bản photo",
        fold_key("bản chính để đối chiếu"): SHOWN_KIND,
    }
)

_ONLINE_ALIASES: dict[str, str] = {fold_key(level): level for level in ONLINE_LEVELS}
# Before 2022 the portal used "mức độ 3/4"; old exports still carry them.
_ONLINE_ALIASES.update(
    {
        "": "không",
        fold_key("mức độ 4"): "toàn trình",
        fold_key("mức độ 3"): "một phần",
        fold_key("mức độ 2"): "không",
        fold_key("mức độ 1"): "không",
    }
)


def normalise_kind(kind: str) -> str:
    """Canonical kind (one of DOCUMENT_KINDS) for any case/NFD/alias spelling; else ValueError."""
    found = _KIND_ALIASES.get(fold_key(kind))
    if found is None:
        raise ValueError(kind)
    return found


def normalise_online(level: str | None) -> str:
    """Canonical online level (one of ONLINE_LEVELS); None and "" mean "không"; else ValueError."""
    found = _ONLINE_ALIASES.get(fold_key(level or ""))
    if found is None:
        raise ValueError(level)
    return found


class CatalogError(InputError):
    """A catalogue file refused as a whole: names the line (or spreadsheet row) and the field.

    ``line`` is the 1-based line of the JSON object, or the spreadsheet row (header = row 1);
    ``index`` is the 0-based position of the procedure in a JSON array, when known.
    """

    def __init__(self, line: int | None, field: str, message: str, *, index: int | None = None):
        super().__init__(field, message)
        self.line = line
        self.index = index
        where = f"dòng {line}, " if line is not None else ""
        self.args = (f"{where}trường {field}: {message}",)

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class RequiredDocument:
    """One entry of a procedure's document list, as printed on the receipt. ``required`` False:
    a conditional paper ("trường hợp ủy quyền", "nếu có"), handed in only when ``condition``
    applies; it is neither ticked nor asked for unless the applicant has it."""

    name: str
    kind: str
    count: int = 1
    required: bool = True
    condition: str | None = None

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("document name is empty")
        if self.kind not in DOCUMENT_KINDS:
            raise ValueError(f"document kind {self.kind!r} not in {DOCUMENT_KINDS}")
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise ValueError(f"document count must be an int >= 1, got {self.count!r}")
        if self.condition is not None and self.required:
            raise ValueError("a condition is only for a document that is not required")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind, "count": self.count}
        # Only when conditional, so that a catalogue without them reads back unchanged.
        if not self.required:
            data["required"] = False
        if self.condition is not None:
            data["condition"] = self.condition
        return data


@dataclass(frozen=True)
class Procedure:
    """One administrative procedure of the catalogue (contract: DESIGN.md, "Catalogue file")."""

    code: str
    name: str
    field: str
    processing_days: int | None
    processing_hours: float | None
    fee: int
    postal: bool
    online: str
    documents: tuple[RequiredDocument, ...] = field(default_factory=tuple)
    days_kind: str = "working"
    cases: tuple[ProcedureCase, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.days_kind not in DAYS_KINDS:
            raise ValueError(f"days_kind {self.days_kind!r} not in {DAYS_KINDS}")
        if not isinstance(self.cases, tuple):
            object.__setattr__(self, "cases", tuple(self.cases))
        # Direct construction (tests, other modules) must not produce what the parser refuses.
        if (self.processing_days is None) == (self.processing_hours is None):
            raise ValueError("exactly one of processing_days and processing_hours must be set")
        if self.processing_days is not None and self.processing_days < 0:
            raise ValueError("processing_days must be >= 0")
        if self.processing_hours is not None and not self.processing_hours > 0:
            raise ValueError("processing_hours must be > 0")
        if self.fee < 0:
            raise ValueError("fee must be >= 0")
        if self.online not in ONLINE_LEVELS:
            raise ValueError(f"online {self.online!r} not in {ONLINE_LEVELS}")
        if not isinstance(self.documents, tuple):
            object.__setattr__(self, "documents", tuple(self.documents))

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
            "documents": [doc.to_json() for doc in self.documents],
            # Only when not the default, so that a catalogue without them reads back unchanged.
            **({"days_kind": self.days_kind} if self.days_kind != "working" else {}),
            **({"cases": [c.to_json() for c in self.cases]} if self.cases else {}),
        }

    @classmethod
    def from_json(cls, row: Mapping[str, Any], line: int | None = None) -> Procedure:
        """Validate one catalogue record; raises CatalogError naming ``line`` and the field."""
        return check_record(row, line, None)


# ---------------------------------------------------------------------------
# Validation of one record. Shared by all three formats so they accept exactly the same data.


def check_record(row: Mapping[str, Any], line: int | None, index: int | None) -> Procedure:
    """One catalogue record checked into a Procedure; raises CatalogError naming ``line`` (and
    ``index``, the position in a JSON array) and the field."""
    return _RowReader(row, line, index).procedure()


class _RowReader:
    def __init__(self, row: Mapping[str, Any], line: int | None, index: int | None) -> None:
        if type(row) is not dict and not isinstance(row, Mapping):  # dict first: the ABC is slow
            raise CatalogError(
                line, FILE_FIELD, "mỗi thủ tục phải là một đối tượng {...}", index=index
            )
        self.row = row
        self.line = line
        self.index = index

    def fail(self, field_name: str, message: str) -> CatalogError:
        return CatalogError(self.line, field_name, message, index=self.index)

    def procedure(self) -> Procedure:
        days, hours = self.processing_time()
        days_kind = read_days_kind(self.row.get("days_kind"), self.fail)
        fee = self.fee()
        cases = read_cases(
            self.row.get("cases"),
            self.fail,
            lambda key, raw: self.non_negative_int(key, raw, thousands=True),
            self.positive_hours,
            _clean,
            days_kind,
            fee,
        )
        return Procedure(
            code=self.code(),
            name=self.text("name"),
            field=self.text("field"),
            processing_days=days,
            processing_hours=hours,
            fee=fee,
            postal=self.postal(),
            online=self.online(),
            documents=self.documents(),
            days_kind=days_kind,
            cases=cases,
        )

    def value(self, key: str) -> Any:
        if key not in self.row:
            raise self.fail(key, "thiếu trường này")
        return self.row[key]

    def text(self, key: str) -> str:
        raw = self.value(key)
        if not isinstance(raw, str):
            raise self.fail(key, "phải là chuỗi ký tự")
        try:
            cleaned = _clean(raw)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None
        if not cleaned:
            raise self.fail(key, "không được để trống")
        return cleaned

    def code(self) -> str:
        raw = self.value("code")
        if not isinstance(raw, str):
            raise self.fail("code", 'phải là chuỗi ký tự (ví dụ "1.001193")')
        try:
            code = _clean(raw).replace(" ", "").upper()
        except ValueError as exc:
            raise self.fail("code", str(exc)) from None
        if not code:
            raise self.fail("code", "không được để trống")
        if len(code) > CODE_MAX_LENGTH:
            raise self.fail("code", f"mã thủ tục dài quá {CODE_MAX_LENGTH} ký tự")
        if not _CODE_RE.match(code):
            raise self.fail(
                "code", f"mã thủ tục {code!r} không đúng dạng mã quốc gia (ví dụ 1.001193)"
            )
        return code

    def processing_time(self) -> tuple[int | None, float | None]:
        if "processing_days" not in self.row and "processing_hours" not in self.row:
            raise self.fail("processing_days", "thiếu thời hạn giải quyết")
        days_raw = self.row.get("processing_days")
        hours_raw = self.row.get("processing_hours")
        days = None if is_blank(days_raw) else self.non_negative_int("processing_days", days_raw)
        hours = None if is_blank(hours_raw) else self.positive_hours(hours_raw)
        if days is None and hours is None:
            raise self.fail(
                "processing_days", "phải có thời hạn: processing_days hoặc processing_hours"
            )
        if days is not None and days > MAX_DAYS:
            raise self.fail("processing_days", f"quá lớn (tối đa {MAX_DAYS} ngày làm việc)")
        if hours is not None and hours > MAX_HOURS:
            raise self.fail("processing_hours", f"quá lớn (tối đa {MAX_HOURS:g} giờ làm việc)")
        if days is not None and hours is not None:
            raise self.fail(
                "processing_hours",
                "chỉ được ghi một trong hai: processing_days hoặc processing_hours",
            )
        return days, hours

    def non_negative_int(self, key: str, raw: Any, *, thousands: bool = False) -> int:
        number = _to_int(raw, thousands=thousands)
        if number is None or number < 0:
            raise self.fail(key, "phải là số nguyên không âm")
        return number

    def positive_hours(self, raw: Any) -> float:
        hours: float | None = None
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            hours = float(raw)
        elif isinstance(raw, str):
            text = raw.strip().replace(",", ".")
            try:
                hours = float(text)
            except ValueError:
                hours = None
        if hours is None or hours != hours or hours in (float("inf"), float("-inf")) or hours <= 0:
            raise self.fail("processing_hours", "phải là số giờ lớn hơn 0")
        return hours

    def fee(self) -> int:
        return self.non_negative_int("fee", self.value("fee"), thousands=True)

    def postal(self) -> bool:
        raw = self.value("postal")
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str):
            word = fold_key(raw)
            if word in _TRUE_WORDS:
                return True
            if word in _FALSE_WORDS:
                return False
        raise self.fail("postal", "phải là có/không (true/false, 1/0, x)")

    def online(self) -> str:
        raw = self.row.get("online")
        if raw is not None and not isinstance(raw, str):
            raise self.fail("online", "phải là chuỗi ký tự")
        try:
            return normalise_online(raw)
        except ValueError:
            allowed = ", ".join(f'"{level}"' for level in ONLINE_LEVELS)
            raise self.fail(
                "online", f"mức dịch vụ trực tuyến {raw!r} không hợp lệ; dùng {allowed}"
            ) from None

    def documents(self) -> tuple[RequiredDocument, ...]:
        raw = self.value("documents")
        if not isinstance(raw, list | tuple):
            raise self.fail("documents", "phải là danh sách giấy tờ [...]")
        return tuple(self.document(position, item) for position, item in enumerate(raw, 1))

    def document(self, position: int, item: Any) -> RequiredDocument:
        if type(item) is not dict and not isinstance(item, Mapping):  # dict first: the ABC is slow
            raise self.document_fail(position, "phải có name, kind, count")
        name = item.get("name")
        try:
            name = _clean(name) if isinstance(name, str) else ""
        except ValueError as exc:
            raise self.document_fail(position, str(exc)) from None
        if not name:
            raise self.document_fail(position, "thiếu tên giấy tờ")
        kind = item.get("kind")
        try:
            if not isinstance(kind, str):
                raise ValueError(kind)
            canonical_kind = normalise_kind(kind)
        except ValueError:
            allowed = ", ".join(f'"{k}"' for k in DOCUMENT_KINDS)
            raise self.document_fail(
                position, f"loại {kind!r} không hợp lệ; dùng một trong {allowed}"
            ) from None
        count = _to_int(item.get("count", 1), thousands=False)
        if count is None or count < 1:
            raise self.document_fail(position, "số lượng phải là số nguyên từ 1 trở lên")
        required = self.flag(item.get("required"), position)
        condition = item.get("condition")
        try:
            if isinstance(condition, str):
                condition = _clean(condition) or None
        except ValueError as exc:
            raise self.document_fail(position, str(exc)) from None
        if condition is not None and not isinstance(condition, str):
            raise self.document_fail(position, "điều kiện (condition) phải là chuỗi ký tự")
        if condition is not None and required:
            raise self.document_fail(
                position, 'điều kiện (condition) chỉ dùng cho giấy tờ có "required": false'
            )
        return RequiredDocument(name, canonical_kind, count, required, condition)

    def flag(self, raw: Any, position: int) -> bool:
        """A document's "required": absent or blank means required."""
        if is_blank(raw):
            return True
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and fold_key(raw) in _TRUE_WORDS | _FALSE_WORDS:
            return fold_key(raw) in _TRUE_WORDS
        raise self.document_fail(position, "required phải là true/false")

    def document_fail(self, position: int, message: str) -> CatalogError:
        # Field stays "documents" (a real column); the message names the entry, 1-based.
        return self.fail("documents", f"giấy tờ thứ {position}: {message}")


def _clean(text: str) -> str:
    """NFC, trimmed, inner runs of whitespace collapsed (names arrive in NFC or NFD); the input
    policy's refusals (control and bidirectional characters, invalid UTF-8) as ValueError."""
    text = unicodedata.normalize("NFC", text)
    # Already clean, the usual case: every whitespace but the ASCII space is unprintable.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    found = input_policy.problem(text)
    if found:
        raise ValueError(found)
    return " ".join(text.translate(input_policy.INVISIBLE).split())


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _to_int(value: Any, *, thousands: bool) -> int | None:
    if type(value) is int:  # the usual case, first
        return value if -_MAX_INT <= value <= _MAX_INT else None
    number: int | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > _MAX_INT_CHARS:
            return None  # int() of thousands of digits is refused by Python, or slow
        if _INT_RE.match(text):
            number = int(text)
        elif thousands and _THOUSANDS_RE.match(text):
            number = int(re.sub(r"\D", "", text))
    # The store's integer columns hold 64 bits; a larger number could be checked but not stored.
    return number if number is not None and abs(number) <= _MAX_INT else None
