"""Checks for identifiers a counter clerk types: CCCD/CMND/passport, tax code, phone, e-mail, S10.

Each ``check_*`` returns a :class:`Check` (never raises on bad input) so forms can show the
Vietnamese reason next to the field; :func:`require` turns an invalid check into an ``InputError``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from onestop.domain.countries import ISO_3166_ALPHA2
from onestop.domain.errors import InputError
from onestop.domain.messages import msg

__all__ = [
    "CCCD_PROVINCES",
    "Check",
    "check",
    "check_email",
    "check_person_id",
    "check_phone",
    "check_s10",
    "check_tax_code",
    "make_s10",
    "require",
    "s10_check_digit",
]


@dataclass(frozen=True)
class Check:
    """Outcome of checking one typed value.

    ``normalized`` is the form to store (set only when valid); ``reason`` is a Vietnamese sentence
    for the clerk (set only when invalid); ``details`` carries what the value encodes.
    """

    valid: bool
    kind: str
    normalized: str | None
    reason: str | None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "kind": self.kind,
            "normalized": self.normalized,
            "reason": self.reason,
            **self.details,
        }


def _ok(kind: str, normalized: str, **details: Any) -> Check:
    return Check(True, kind, normalized, None, details)


def _bad(kind: str, reason: str, **details: Any) -> Check:
    return Check(False, kind, None, reason, details)


# People type numbers with spaces, dots and dashes ("001 090 012 345", "0912.345.678"); NFKC
# first turns full-width digits/letters from some IMEs and the no-break space into ASCII.
_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—_]+")


def _compact(value: str | None) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def _is_digits(s: str) -> bool:
    # str.isdigit() also accepts other scripts' digits and superscripts: identifiers are ASCII.
    return s.isascii() and s.isdigit()


# --- CCCD / CMND / passport -------------------------------------------------------------------

# Codes of the province/city where the birth was registered, as used in the first three digits of
# the 12-digit personal identification number (Circular 07/2016/TT-BCA, later 59/2021/TT-BCA).
# They are the 63 pre-July-2025 provinces with their statistical codes, and they do NOT change
# with the 2025 merger: a number issued in 2020 stays valid and keeps "089" for An Giang.
CCCD_PROVINCES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Fourth digit: century of birth and sex (even = male, odd = female).
_CENTURY = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 2300,  # Circular 07/2016/TT-BCA: 8/9 are the 2300s, so no such number is valid today
    9: 2300,
}

# Vietnamese passports: one letter + 7 digits (e.g. C1234567); the brief also allows the older
# 2-letter/8-digit shapes. Foreign passports vary too much to check beyond "6-9 letters and digits
# with at least one of each": all digits is read as CCCD/CMND (better reasons for the common case;
# a 9-digit all-numeric foreign passport therefore comes back as kind "cmnd"), all letters is
# most likely a name typed in the wrong field.
_VN_PASSPORT = re.compile(r"[A-Z]{1,2}[0-9]{7,8}")
_FOREIGN_PASSPORT = re.compile(r"(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[0-9])[A-Z0-9]{6,9}")


def _check_cccd(s: str, today: date | None) -> Check:
    """``s`` is 12 ASCII digits."""
    code = s[:3]
    province = CCCD_PROVINCES.get(code)
    if province is None:
        return _bad("cccd", msg("id.cccd_province", code=code))
    gender_century = int(s[3])
    century = _CENTURY[gender_century]
    birth_year = century + int(s[4:6])
    year_now = (today or date.today()).year
    if birth_year > year_now:
        return _bad("cccd", msg("id.cccd_future", year=birth_year))
    return _ok(
        "cccd",
        s,
        province_code=code,
        province=province,
        sex="nam" if gender_century % 2 == 0 else "nữ",
        birth_year=birth_year,
        century=century,
    )


def check_person_id(value: str, today: date | None = None, allow_passport: bool = True) -> Check:
    """12-digit CCCD (personal identification number), 9-digit old CMND, or a passport number.

    ``today`` fixes the reference date for the birth-year check (tests, back-dated entry).
    """
    s = _compact(value)
    if not s:
        return _bad("unknown", msg("id.missing"))
    if _is_digits(s):
        if len(s) == 12:
            return _check_cccd(s, today)
        if len(s) == 9:
            return _ok("cmnd", s)
        return _bad("cccd", msg("id.cccd_length", n=len(s)))
    if not re.fullmatch(r"[A-Z0-9]+", s):
        return _bad("unknown", msg("id.charset"))
    digits = sum(c.isdigit() for c in s)
    if allow_passport:
        if _VN_PASSPORT.fullmatch(s):
            return _ok("passport", s, vietnamese_format=bool(re.fullmatch(r"[A-Z][0-9]{7}", s)))
        if _FOREIGN_PASSPORT.fullmatch(s):
            return _ok("passport", s, vietnamese_format=False)
    # A 12-character value that is mostly digits is a mistyped CCCD (O for 0, l for 1...).
    if not allow_passport or (len(s) == 12 and digits >= 9):
        return _bad("cccd", msg("id.cccd_letters"))
    return _bad("passport", msg("id.passport"))


# --- tax code (mã số thuế) --------------------------------------------------------------------

_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def _tax_check_digit(first9: str) -> int | None:
    """N10 = 10 - (sum(Ni * Wi) mod 11). When the remainder is 0 the result is 10, which no single
    digit can hold: such serials are never issued, so we treat every code with them as invalid
    (None). Checked against published codes, e.g. 0101248141 and 0300588569 (see tests)."""
    r = sum(int(d) * w for d, w in zip(first9, _TAX_WEIGHTS, strict=True)) % 11
    c = 10 - r
    return None if c == 10 else c


def check_tax_code(value: str, today: date | None = None) -> Check:
    """Tax code: 10 digits (kind "tax"), 10 + "-" + 3-digit branch (kind "tax_branch", stored with
    the dash), or - since 1 July 2025, when individuals and household businesses use their personal
    identification number as tax code - a valid 12-digit CCCD (kind "tax_personal").
    """
    # Spaces and dots are typing noise; a dash is meaningful (it separates the branch number), so
    # only a dash right after the 10th digit is accepted.
    raw = re.sub(r"[\s.]+", "", unicodedata.normalize("NFKC", value or ""))
    raw = re.sub(r"[‐‑‒–—]", "-", raw)
    if not raw:
        return _bad("tax", msg("tax.missing"))
    if not re.fullmatch(r"[0-9-]+", raw):
        return _bad("tax", msg("tax.digits"))
    if "-" in raw:
        m = re.fullmatch(r"([0-9]{10})-([0-9]+)", raw)
        if m is None:
            return _bad("tax_branch", msg("tax.branch_form"))
        if len(m[2]) != 3:
            return _bad("tax_branch", msg("tax.branch_digits"))
    s = raw.replace("-", "")
    if len(s) == 12:
        personal = _check_cccd(s, today)
        if personal.valid:
            return _ok("tax_personal", s, **personal.details)
        return _bad("tax_personal", msg("tax.personal", reason=personal.reason))
    if len(s) not in (10, 13):
        return _bad(
            "tax",
            msg("tax.length", n=len(s)),
        )
    base = s[:10]
    if base[2:9] == "0000000":
        # N1N2 is the province, N3-N9 the serial: serial numbers start at 0000001.
        return _bad("tax", msg("tax.zero_serial", base=base))
    expected = _tax_check_digit(base[:9])
    if expected is None:
        return _bad("tax", msg("tax.no_check", base=base))
    if int(base[9]) != expected:
        return _bad("tax", msg("tax.check_digit", base=base, expected=expected))
    if len(s) == 10:
        return _ok("tax", base)
    branch = s[10:]
    if branch == "000":
        return _bad("tax_branch", msg("tax.branch_zero"))
    return _ok("tax_branch", f"{base}-{branch}", parent=base, branch=branch)


# --- phone ------------------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—()/]+")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")


def check_phone(value: str) -> Check:
    """Mobile (10 digits, 03/05/07/08/09; kind "mobile") or landline (0 + area code 2x + 8 digits,
    11 digits; kind "landline"). Accepts +84/84/0084, spaces, dots, dashes and parentheses.
    """
    s = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", value or "").strip())
    if not s:
        return _bad("unknown", msg("phone.missing"))
    plus = s.startswith("+")
    digits = s[1:] if plus else s
    if not _is_digits(digits):
        return _bad("unknown", msg("phone.digits"))
    if plus or digits.startswith("0084"):
        if plus and not digits.startswith("84"):
            return _bad("unknown", msg("phone.foreign"))
        digits = digits[2:] if plus else digits[4:]
        # "+84 (0) 912 ..." is common: the national 0 after the country code is dropped.
        national = digits if digits.startswith("0") else "0" + digits
    elif digits.startswith("84") and len(digits) in (11, 12):
        # A national number always starts with 0, so 84... is the country code typed without +.
        national = "0" + digits[2:]
    elif digits.startswith("0"):
        national = digits
    elif (len(digits) == 9 and digits[0] in "35789") or (len(digits) == 10 and digits[0] == "2"):
        # Spreadsheets drop the leading 0 of a phone column: restore it on import.
        national = "0" + digits
    else:
        return _bad("unknown", msg("phone.start"))

    if _MOBILE.fullmatch(national):
        return _ok("mobile", national)
    if _LANDLINE.fullmatch(national):
        return _ok("landline", national)
    n = len(national)
    if national[:2] in ("03", "05", "07", "08", "09"):
        return _bad("mobile", msg("phone.mobile_length", n=n))
    if national.startswith("02"):
        return _bad("landline", msg("phone.landline_length", n=n))
    if national.startswith("01") and n == 11:
        return _bad("mobile", msg("phone.old_mobile"))
    return _bad("unknown", msg("phone.prefix", prefix=national[:2]))


# --- e-mail -----------------------------------------------------------------------------------


def check_email(value: str) -> Check:
    """Pragmatic e-mail check: one @, something before it, a dotted domain, no spaces.

    Deliverability cannot be known offline; this catches the typing mistakes. The domain is
    lower-cased (case-insensitive by DNS), the local part kept as typed.
    """
    s = unicodedata.normalize("NFC", value or "").strip()
    if not s:
        return _bad("email", msg("email.missing"))
    if any(c.isspace() for c in s):
        return _bad("email", msg("email.space"))
    if s.count("@") != 1:
        return _bad("email", msg("email.at"))
    local, domain = s.split("@")
    if not local:
        return _bad("email", msg("email.local"))
    domain = domain.lower()
    labels = domain.split(".")
    if len(labels) < 2 or not all(labels) or len(labels[-1]) < 2:
        return _bad("email", msg("email.domain"))
    if any(lbl.startswith("-") or lbl.endswith("-") for lbl in labels):
        return _bad("email", msg("email.domain"))
    return _ok("email", f"{local}@{domain}")


# --- UPU S10 consignment numbers --------------------------------------------------------------

_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10 = re.compile(r"([A-Z]{2})([0-9]{8})([0-9])([A-Z]{2})")
# S10 reserves the service indicators JA-JZ and KA-KZ: they can never be valid.
_S10_RESERVED_SERVICE = frozenset("JK")


def _s10_parts_fault(service: str, country: str) -> tuple[str, str] | None:
    """(field, reason) when the service indicator is reserved or the country is not ISO 3166."""
    if service[0] in _S10_RESERVED_SERVICE:
        return "prefix", msg("s10.reserved", service=service)
    if country not in ISO_3166_ALPHA2:
        return "country", msg("s10.country", country=country)
    return None


def s10_check_digit(serial8: str) -> int:
    """UPU S10 check digit of 8 digits: c = 11 - (sum(d_i * w_i) mod 11); 10 -> 0, 11 -> 5."""
    if not (isinstance(serial8, str) and len(serial8) == 8 and _is_digits(serial8)):
        raise InputError("serial", msg("s10.serial_digits", serial=serial8))
    c = 11 - sum(int(d) * w for d, w in zip(serial8, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(c, c)


def make_s10(prefix: str, serial8: str | int, country: str = "VN") -> str:
    """Builds a consignment number: ``make_s10("RR", "12345678") == "RR123456785VN"``.

    An int serial is zero-padded to 8 digits (postal counters keep a running number).
    """
    if isinstance(serial8, int) and not isinstance(serial8, bool):
        if not 0 <= serial8 <= 99_999_999:
            raise InputError("serial", msg("s10.serial_range", serial=serial8))
        serial8 = f"{serial8:08d}"
    p, c = (prefix or "").upper(), (country or "").upper()
    if not re.fullmatch(r"[A-Z]{2}", p):
        raise InputError("prefix", msg("s10.prefix", prefix=prefix))
    if not re.fullmatch(r"[A-Z]{2}", c):
        raise InputError("country", msg("s10.country_letters", country=country))
    fault = _s10_parts_fault(p, c)
    if fault is not None:
        raise InputError(*fault)
    return f"{p}{serial8}{s10_check_digit(serial8)}{c}"


def check_s10(value: str) -> Check:
    """UPU S10 item identifier (kind "s10"); accepts lower case and spaces, stores upper case."""
    s = _compact(value)
    if not s:
        return _bad("s10", msg("s10.missing"))
    if len(s) != 13:
        return _bad("s10", msg("s10.length", n=len(s)))
    m = _S10.fullmatch(s)
    if not m:
        return _bad("s10", msg("s10.form"))
    service, serial, digit, country = m.groups()
    fault = _s10_parts_fault(service, country)
    if fault is not None:
        return _bad("s10", fault[1])
    expected = s10_check_digit(serial)
    if int(digit) != expected:
        return _bad(
            "s10",
            msg("s10.check_digit", number=s, expected=expected),
        )
    return _ok("s10", s, service=service, serial=serial, check_digit=expected, country=country)


# --- helpers ----------------------------------------------------------------------------------


def require(check: Check, field: str) -> str:
    """The normalized value of a valid check; otherwise ``InputError(field, check.reason)``."""
    if not check.valid or check.normalized is None:
        raise InputError(field, check.reason or msg("value.invalid"))
    return check.normalized


Kind = Literal["id", "tax", "phone", "s10", "email"]

_CHECKERS: dict[str, Callable[[str], Check]] = {
    "id": check_person_id,
    "tax": check_tax_code,
    "phone": check_phone,
    "s10": check_s10,
    "email": check_email,
}


def check(kind: Kind, value: str) -> Check:
    """Dispatcher for the command line ``validate id|tax|phone|s10|email VALUE``."""
    try:
        checker = _CHECKERS[kind]
    except KeyError:
        raise InputError("kind", msg("check.kind", kind=kind, kinds=", ".join(_CHECKERS))) from None
    return checker(value)
