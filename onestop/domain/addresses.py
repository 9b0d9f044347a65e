"""Addresses on the two-tier map in force since 1 July 2025 (34 provinces, 3,321 wards/communes).

Units come from the ``vietnam-provinces`` package (its data version is ``DATA_VERSION``); old
addresses that still name a district are kept as text, with the province mapped to its new unit.
Codes are the statistical office's, as zero-padded strings: province "91", ward "30307".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import vietnam_provinces as vp

from onestop.domain.errors import InputError
from onestop.domain.identifiers import CCCD_PROVINCES
from onestop.domain.messages import label, msg
from onestop.domain.text import fold, nfc

__all__ = [
    "DATA_VERSION",
    "LEGACY_DATA_AVAILABLE",
    "OLD_PROVINCE_TO_NEW",
    "PACKAGE_VERSION",
    "Address",
    "Unit",
    "find_province",
    "find_ward",
    "get_province",
    "get_ward",
    "provinces",
    "search_wards",
    "suggest_wards",
    "validate_address",
    "wards",
]

PACKAGE_VERSION: str = vp.__version__
# Date the package's data was retrieved: shown in "about" and stored with imported addresses.
DATA_VERSION: str = getattr(vp, "__data_version__", "unknown")


def _has_legacy_module() -> bool:
    # Releases from 2026.2 ship the pre-2025 units (``vietnam_provinces.legacy``); the locked
    # 2025.10.1 does not. Only reported for now: see Address.parse_legacy.
    try:
        import vietnam_provinces.legacy  # noqa: F401
    except ImportError:
        return False
    return True


LEGACY_DATA_AVAILABLE: bool = _has_legacy_module()

# Old (63-province) statistical code -> new (34-province) code, per Resolution 202/2025/QH15.
# Every old province went wholly into one new province, so this level is unambiguous (unlike
# wards, which were split). The old codes are those of CCCD_PROVINCES without the leading 0.
OLD_PROVINCE_TO_NEW: dict[str, str] = {
    "01": "01", "02": "08", "04": "04", "06": "19", "08": "08", "10": "15", "11": "11",
    "12": "12", "14": "14", "15": "15", "17": "25", "19": "19", "20": "20", "22": "22",
    "24": "24", "25": "25", "26": "25", "27": "24", "30": "31", "31": "31", "33": "33",
    "34": "33", "35": "37", "36": "37", "37": "37", "38": "38", "40": "40", "42": "42",
    "44": "44", "45": "44", "46": "46", "48": "48", "49": "48", "51": "51", "52": "52",
    "54": "66", "56": "56", "58": "56", "60": "68", "62": "51", "64": "52", "66": "66",
    "67": "68", "68": "68", "70": "75", "72": "80", "74": "79", "75": "75", "77": "79",
    "79": "79", "80": "80", "82": "82", "83": "86", "84": "86", "86": "86", "87": "82",
    "89": "91", "91": "91", "92": "92", "93": "92", "94": "92", "95": "96", "96": "96",
}  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A province or a ward/commune/special zone.

    ``name`` is the bare name ("Long Xuyên"), ``full_name`` the name with its type as printed on
    forms ("Phường Long Xuyên", "Tỉnh An Giang"), ``type`` the Vietnamese type in lower case,
    ``folded`` the search key of ``name``; ``province_code`` is set for wards only.
    """

    code: str
    name: str
    full_name: str
    type: str
    folded: str
    province_code: str | None = None


_WARD_TYPES = {"xã": "Xã", "phường": "Phường", "đặc khu": "Đặc khu"}


def _province_unit(p: vp.Province) -> Unit:
    name = p.name
    if p.division_type == vp.VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        kind = "thành phố"
        # The package names cities "Thành phố Hà Nội" but provinces just "An Giang".
        name = name.removeprefix("Thành phố ")
    else:
        kind = "tỉnh"
        name = name.removeprefix("Tỉnh ")
    return Unit(f"{int(p.code):02d}", name, f"{kind.capitalize()} {name}", kind, fold(name))


def _ward_unit(w: vp.Ward) -> Unit:
    kind = w.division_type.value
    prefix = _WARD_TYPES[kind] + " "
    # One space between words: a few names in the package carry two ("Phường  Tân An").
    name = " ".join(w.name.split()).removeprefix(prefix)
    return Unit(
        f"{int(w.code):05d}",
        name,
        prefix + name,
        kind,
        fold(name),
        f"{int(w.province_code):02d}",
    )


@cache
def _provinces() -> tuple[Unit, ...]:
    return tuple(sorted((_province_unit(p) for p in vp.Province.iter_all()), key=lambda u: u.code))


@cache
def _province_index() -> dict[str, Unit]:
    return {u.code: u for u in _provinces()}


@cache
def _ward_index() -> dict[str, Unit]:
    return {u.code: u for u in map(_ward_unit, vp.Ward.iter_all())}


@cache
def _wards_by_province() -> dict[str, tuple[Unit, ...]]:
    grouped: dict[str, list[Unit]] = {code: [] for code in _province_index()}
    for u in _ward_index().values():
        grouped[u.province_code or ""].append(u)
    return {
        code: tuple(sorted(units, key=lambda u: (u.folded, u.name, u.code)))
        for code, units in grouped.items()
    }


def _norm_code(value: str | int | None, width: int, field: str, what: str) -> str | None:
    """ "91", "091", 91 -> "91" (width 2). Empty -> None. Anything but digits -> InputError."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        s = str(value)
    elif isinstance(value, str):
        s = value.strip()
    else:
        raise InputError(
            field, msg("unit_code.invalid", what=label("unit", what, what), value=value)
        )
    if not s:
        return None
    if not (s.isascii() and s.isdigit()):
        raise InputError(field, msg("unit_code.digits", what=label("unit", what, what), value=s))
    s = s.lstrip("0").rjust(width, "0")
    if len(s) > width:
        raise InputError(
            field, msg("unit_code.unknown", what=label("unit", what, what), value=value)
        )
    return s


def provinces() -> list[Unit]:
    """The 34 provinces and centrally-run cities, by code."""
    return list(_provinces())


def wards(province_code: str | int) -> list[Unit]:
    """Wards, communes and special zones of a province, sorted by folded name.

    Raises InputError("province_code") for an unknown province.
    """
    code = _norm_code(province_code, 2, "province_code", "tỉnh/thành phố")
    if code is None or code not in _province_index():
        raise InputError("province_code", msg("province.unknown", code=province_code))
    return list(_wards_by_province()[code])


def get_province(code: str | int | None) -> Unit | None:
    try:
        c = _norm_code(code, 2, "province_code", "tỉnh/thành phố")
    except InputError:
        return None
    return _province_index().get(c) if c else None


def get_ward(code: str | int | None) -> Unit | None:
    try:
        c = _norm_code(code, 5, "ward_code", "phường/xã")
    except InputError:
        return None
    return _ward_index().get(c) if c else None


# --- lookups by name ---------------------------------------------------------------------------

# Type words as typed in addresses, folded. Order matters: longer forms first.
_WARD_PREFIX = re.compile(r"^(?:(dac khu)|(phuong|p)|(xa|x)|(thi tran|tt))(?:\s+|(?=\d))")
_DISTRICT_PREFIX = re.compile(r"^(?:quan|huyen|thi xa|thanh pho|tp|tx|q|h)(?:\s+|(?=\d))")
_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp|t)\s+")
_WARD_KIND = {1: "đặc khu", 2: "phường", 3: "xã", 4: "thị trấn"}

# Names people write for a few provinces (folded). The two-tier map made the others unambiguous.
_PROVINCE_ALIASES = {
    "hcm": "79",
    "tphcm": "79",
    "tp hcm": "79",
    "sai gon": "79",
    "ho chi minh city": "79",
    "hn": "01",
    "tp hn": "01",
    "brvt": "79",
    "br vt": "79",
    "tth": "46",
    "thua thien hue": "46",
}


def _split_ward_type(text: str) -> tuple[str | None, str]:
    """("phường", "long xuyen") from "P. Long Xuyên"; the type is None when not written."""
    f = fold(text)
    m = _WARD_PREFIX.match(f)
    if not m:
        return None, f
    kind = _WARD_KIND[next(i for i in range(1, 5) if m.group(i))]
    return kind, f[m.end() :].strip()


@cache
def _province_names() -> dict[str, str]:
    """Folded name -> new province code, for the 34 names, old names and aliases."""
    names: dict[str, str] = {}
    for cccd_code, old_name in CCCD_PROVINCES.items():
        names[fold(old_name)] = OLD_PROVINCE_TO_NEW[cccd_code[1:]]
    names.update(_PROVINCE_ALIASES)
    # Current names win over old ones (e.g. "Gia Lai" is both; the new province keeps the name).
    names.update({u.folded: u.code for u in _provinces()})
    return names


def find_province(text: str) -> Unit | None:
    """The current province for a name as written: "Tỉnh An Giang", "an giang", "TP.HCM", or an
    old province merged in 2025 ("Kiên Giang" -> An Giang, "Long An" -> Tây Ninh)."""
    f = fold(text)
    if not f:
        return None
    code = _province_names().get(f)
    if code is None:
        m = _PROVINCE_PREFIX.match(f)
        if m:
            code = _province_names().get(f[m.end() :])
    return _province_index().get(code) if code else None


def find_ward(text: str, province_code: str | int | None = None) -> Unit | None:
    """The ward/commune named ``text`` ("Phường Long Xuyên", "p. long xuyen", "Long Xuyên").

    Accent-insensitive, but where two units differ only by accents (Xã Sơn Hà / Xã Sơn Hạ in
    Quảng Ngãi) the exactly-written name decides. Returns None when nothing or more than one unit
    matches (a bare name without the province is often ambiguous across the country).
    """
    kind, folded_name = _split_ward_type(text)
    if not folded_name:
        return None
    if province_code is None:
        pool: tuple[Unit, ...] = tuple(_ward_index().values())
    else:
        code = _norm_code(province_code, 2, "province_code", "tỉnh/thành phố")
        pool = _wards_by_province().get(code or "", ())
    matches = [u for u in pool if u.folded == folded_name and (kind is None or u.type == kind)]
    if len(matches) > 1:
        # Same letters, different accents: keep those whose name matches as typed (case aside).
        typed = nfc(text).lower()
        matches = [u for u in matches if typed.endswith(u.name.lower())]
    return matches[0] if len(matches) == 1 else None


def search_wards(query: str, province_code: str | int | None = None, limit: int = 20) -> list[Unit]:
    """Autocomplete: wards whose folded name equals, starts with, or has a word starting with the
    folded query; best first."""
    kind, q = _split_ward_type(query)
    if not q:
        return []
    if province_code is None:
        pool: tuple[Unit, ...] = tuple(_ward_index().values())
    else:
        code = _norm_code(province_code, 2, "province_code", "tỉnh/thành phố")
        pool = _wards_by_province().get(code or "", ())
    ranked: list[tuple[int, str, str, Unit]] = []
    for u in pool:
        if kind is not None and u.type != kind:
            continue
        if u.folded == q:
            rank = 0
        elif u.folded.startswith(q):
            rank = 1
        elif f" {q}" in f" {u.folded}":
            rank = 2
        else:
            continue
        ranked.append((rank, u.folded, u.code, u))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:limit]]


# --- addresses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """An address: street/hamlet as text, ward and province by code.

    ``text`` keeps an address as it was written when it could not be mapped to a ward (an old
    address naming a district, from an ID card or a past dossier); ``format`` prints it as is.
    """

    street: str = ""
    ward_code: str | None = None
    province_code: str | None = None
    text: str | None = None

    @property
    def ward(self) -> Unit | None:
        return get_ward(self.ward_code)

    @property
    def province(self) -> Unit | None:
        p = get_province(self.province_code)
        if p is None and (w := self.ward) is not None:
            p = get_province(w.province_code)
        return p

    def format(self) -> str:
        """ "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"; the kept text for unmapped ones."""
        ward = self.ward
        if ward is None and self.text:
            return nfc(self.text)
        parts = [nfc(self.street)] if self.street and self.street.strip() else []
        if ward is not None:
            parts.append(ward.full_name)
        if (province := self.province) is not None:
            parts.append(province.full_name)
        return ", ".join(parts)

    def validated(self, required: bool = True) -> Address:
        return validate_address(
            self.street, self.ward_code, self.province_code, self.text, required=required
        )

    @classmethod
    def parse_legacy(cls, text: str) -> Address:
        """Reads a written address, old style ("Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang") or
        new style ("12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang").

        The province is always mapped to its current unit when recognised. The ward is mapped
        only when the address has no district part and names a current ward of that province:
        an old ward under a district was often merged or split, and the installed
        vietnam-provinces (2025.10.1) has no old-to-new ward table, so guessing could put a
        result in the wrong commune. Such addresses keep ``text`` (see ``suggest_wards``).
        """
        original = nfc(text)
        parts = [p.strip() for p in original.split(",") if p.strip()]
        if parts and fold(parts[-1]) in ("viet nam", "vietnam", "vn"):
            parts = parts[:-1]
        province: Unit | None = None
        if parts and (province := find_province(parts[-1])) is not None:
            parts = parts[:-1]
        unit_idx = [
            i
            for i, p in enumerate(parts)
            if _WARD_PREFIX.match(fold(p)) or _DISTRICT_PREFIX.match(fold(p))
        ]
        has_district = any(_DISTRICT_PREFIX.match(fold(p)) for p in parts)
        street = ", ".join(parts[: unit_idx[0]] if unit_idx else parts)
        ward: Unit | None = None
        if province is not None and not has_district:
            ward_parts = [p for p in parts if _WARD_PREFIX.match(fold(p))]
            if len(ward_parts) == 1:
                ward = find_ward(ward_parts[0], province.code)
        return cls(
            street=street,
            ward_code=ward.code if ward else None,
            province_code=province.code if province else None,
            text=None if ward else original,
        )


def suggest_wards(text: str, province_code: str | int | None) -> list[Unit]:
    """Current wards of the province whose name appears as a unit in an old address: helps the
    clerk pick the new ward for "Phường Mỹ Long, TP Long Xuyên" (offers Phường Long Xuyên).
    Suggestions only: old wards were merged and split, so the clerk confirms."""
    if province_code is None:
        return []
    pool = wards(province_code)
    found: list[Unit] = []
    for part in nfc(text).split(","):
        f = fold(part)
        m = _WARD_PREFIX.match(f) or _DISTRICT_PREFIX.match(f)
        if not m:
            continue
        name = f[m.end() :].strip()
        found += [u for u in pool if u.folded == name and u not in found]
    return found


def validate_address(
    street: str | None,
    ward_code: str | int | None,
    province_code: str | int | None,
    text: str | None = None,
    *,
    required: bool = True,
    street_field: str = "street",
    ward_field: str = "ward_code",
    province_field: str = "province_code",
) -> Address:
    """Checks the codes and returns a normalised Address (NFC text, zero-padded codes, province
    filled from the ward). Raises InputError naming the field at fault: unknown province, unknown
    ward, ward not in the province, or (``required``) nothing entered at all.
    """
    p_code = _norm_code(province_code, 2, province_field, "tỉnh/thành phố")
    w_code = _norm_code(ward_code, 5, ward_field, "phường/xã")
    province = None
    if p_code is not None:
        province = _province_index().get(p_code)
        if province is None:
            raise InputError(province_field, msg("province.unknown_2025", code=p_code))
    if w_code is not None:
        ward = _ward_index().get(w_code)
        if ward is None:
            raise InputError(ward_field, msg("address.ward_unknown", code=w_code))
        if province is None:
            p_code = ward.province_code
        elif ward.province_code != p_code:
            raise InputError(
                ward_field,
                msg("address.ward_elsewhere", ward=ward.full_name, province=province.full_name),
            )
    street_n = nfc(street or "")
    text_n = nfc(text) if text else None
    if required and not (street_n or w_code or p_code or text_n):
        raise InputError(street_field, msg("address.missing"))
    return Address(street_n, w_code, p_code, text_n or None)
