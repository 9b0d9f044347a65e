"""Resolving a written address to its 2025 units (province and commune) for the post, with the
nearest units suggested when it does not resolve.

The post delivers by commune since 1 July 2025 (34 provinces, 3,321 communes, no districts), so a
result or a pickup by post needs both units. Old addresses live on (ID cards, habits): one that
names a district, a "thị trấn" or an abolished province is not passed silently: the resolution
names the new province and suggests communes, and the clerk writes the new address. Matching
ignores diacritics and case ("phuong long xuyen, an giang" works); the indexes are built once,
so a resolution takes well under a millisecond and the form can validate while the clerk types.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from onestop.domain import addresses as addr
from onestop.domain.addresses import Unit
from onestop.domain.errors import InputError
from onestop.domain.identifiers import CCCD_PROVINCES
from onestop.domain.messages import msg
from onestop.domain.text import fold, nfc

__all__ = ["Resolution", "for_post", "resolve", "resolve_codes", "suggest_communes", "warm"]

SINCE = "01/7/2025"
MAX_SUGGESTIONS = 5
# Below this trigram likeness a unit is not offered: "Quận 1" resembles nothing, and a list of
# unrelated names would only mislead.
_MIN_LIKENESS = 0.3
_COUNTRY = frozenset({"viet nam", "vietnam", "vn"})
# Names of current provinces people write, folded: these are not "old" even if the statistics
# office's list does not spell them so.
_CURRENT_ALIASES = frozenset(
    {"hcm", "tphcm", "tp hcm", "sai gon", "ho chi minh city", "hn", "tp hn", "hue"}
)


@dataclass(frozen=True)
class Resolution:
    """What an address resolved to. ``problem`` is None when both units are known and the address
    is of the 2025 map; otherwise it says what is wrong, with ``province`` (the new one, when it
    could be told) and ``suggestions`` (nearest communes, best first) to help write it again."""

    province: Unit | None
    commune: Unit | None
    suggestions: tuple[Unit, ...] = ()
    problem: str | None = None

    @property
    def resolved(self) -> bool:
        return self.problem is None and self.commune is not None and self.province is not None

    def message(self) -> str:
        """The problem and the suggestions, as the clerk reads them (Vietnamese)."""
        if self.resolved:
            return ""
        parts = [self.problem or msg("resolve.unknown")]
        if self.suggestions:
            names = [_with_province(u, self.province) for u in self.suggestions]
            parts.append(msg("resolve.suggest", names="; ".join(names)))
        elif self.province is not None:
            parts.append(msg("resolve.write_new", province=self.province.full_name))
        return msg("parts", parts=tuple(parts))

    def require(self, field: str) -> Resolution:
        """Itself when resolved; otherwise InputError naming ``field`` with the message."""
        if not self.resolved:
            raise InputError(field, self.message())
        return self


def _with_province(unit: Unit, province: Unit | None) -> str:
    if province is not None and unit.province_code == province.code:
        return unit.full_name
    p = addr.get_province(unit.province_code)
    return f"{unit.full_name} ({p.full_name})" if p else unit.full_name


# --- indexes, built once ------------------------------------------------------------------------


@cache
def _communes_by_name() -> dict[str, tuple[Unit, ...]]:
    """Folded name -> communes of that name, across the country."""
    found: dict[str, list[Unit]] = defaultdict(list)
    for unit in addr._ward_index().values():
        found[unit.folded].append(unit)
    return {name: tuple(units) for name, units in found.items()}


def _trigrams(folded: str) -> frozenset[str]:
    s = f"  {folded} "
    return frozenset(s[i : i + 3] for i in range(len(s) - 2))


@cache
def _commune_trigrams() -> dict[str | None, dict[str, tuple[int, ...]]]:
    """Province code (None: the whole country) -> trigram -> indexes into ``_communes()`` of the
    communes whose name has it: likeness is then counted over the few names sharing a trigram
    instead of computed for all 3,321."""
    inverted: dict[str | None, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (unit, grams) in enumerate(_communes()):
        for g in grams:
            inverted[None][g].append(i)
            inverted[unit.province_code][g].append(i)
    return {key: {g: tuple(ix) for g, ix in by.items()} for key, by in inverted.items()}


@cache
def _communes() -> tuple[tuple[Unit, frozenset[str]], ...]:
    return tuple((u, _trigrams(u.folded)) for u in addr._ward_index().values())


@cache
def _province_trigrams() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(folded name, new code, trigrams) for current and old province names."""
    return tuple((name, code, _trigrams(name)) for name, code in addr._province_names().items())


@cache
def _old_province_names() -> frozenset[str]:
    """Folded names of provinces abolished on 1 July 2025 (merged into another)."""
    current = {u.folded for u in addr.provinces()} | _CURRENT_ALIASES
    old = {fold(name) for name in CCCD_PROVINCES.values()} | {"tth", "brvt", "br vt"}
    old |= {"thua thien hue", "ba ria vung tau"}
    return frozenset(old - current)


def warm() -> None:
    """Build the indexes now (the sign-in window does it while the clerk types a password)."""
    _communes_by_name()
    _communes()
    _commune_trigrams()
    _province_trigrams()
    _old_province_names()


# --- likeness -----------------------------------------------------------------------------------


def _likeness(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def suggest_communes(
    queries: list[str], province_code: str | None, limit: int = MAX_SUGGESTIONS
) -> list[Unit]:
    """Communes nearest to the folded names in ``queries`` (the commune as written, an old
    district's name), in the province when known; a commune of exactly that name first."""
    best: dict[str, tuple[float, Unit]] = {}
    communes = _communes()
    index = _commune_trigrams().get(province_code, {})
    for q in (q for q in queries if q):
        grams = _trigrams(q)
        shared: Counter[int] = Counter()
        for g in grams:
            shared.update(index.get(g, ()))  # counted in C: fast even for "tân" (600 names)
        for i, n in shared.items():
            unit, unit_grams = communes[i]
            score = 2.0 if unit.folded == q else 2 * n / (len(grams) + len(unit_grams))
            if score >= _MIN_LIKENESS and score > best.get(unit.code, (0.0,))[0]:
                best[unit.code] = (score, unit)
    ranked = sorted(best.values(), key=lambda s: (-s[0], s[1].folded, s[1].code))
    return [unit for _score, unit in ranked[:limit]]


def _nearest_province(folded: str) -> Unit | None:
    grams = _trigrams(folded)
    scored = [(_likeness(grams, g), code) for _n, code, g in _province_trigrams()]
    score, code = max(scored, default=(0.0, ""))
    return addr.get_province(code) if score >= 0.5 else None


# --- parsing ------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass
class _Parts:
    segments: list[tuple[str, str]]  # (as written, folded), street first
    province: Unit | None = None
    province_written: str | None = None
    old_province: bool = False
    no_commas: bool = False  # the province was the tail of the last part, not a part of its own


def _province_of(folded: str) -> tuple[str, bool] | None:
    """(new code, named an abolished province) for a folded province name, with or without
    its type word."""
    names = addr._province_names()
    for candidate in (folded, addr._PROVINCE_PREFIX.sub("", folded, count=1)):
        code = names.get(candidate)
        if code is not None:
            return code, candidate in _old_province_names()
    return None


def _split(text: str) -> _Parts:
    pieces = [p.strip() for p in _SEPARATORS.split(nfc(text)) if p.strip()]
    segments = [(p, fold(p)) for p in pieces]
    segments = [s for s in segments if s[1]]
    if segments and segments[-1][1] in _COUNTRY:
        segments.pop()
    parts = _Parts(segments)
    if not segments:
        return parts
    written, folded = segments[-1]
    found = _province_of(folded)
    if found is not None:
        segments.pop()
    else:
        # No comma before the province ("Phường Long Xuyên An Giang"): its longest word tail.
        # Taken only when what precedes it names a unit: "12 Nguyễn Huệ" is a street, not Huế.
        words = folded.split()
        for k in range(min(len(words), 6), 0, -1):
            found = _province_of(" ".join(words[-k:]))
            head = " ".join(words[:-k])
            if found is not None and head and _names_a_unit(head, found[0]):
                segments[-1] = (head, head)
                written = " ".join(written.split()[-k:])
                parts.no_commas = True
                break
            found = None
    if found is not None:
        parts.province = addr.get_province(found[0])
        parts.province_written, parts.old_province = written, found[1]
    parts.segments = [piece for s in segments for piece in _split_at_commune(s)]
    return parts


# A commune's type word inside a part written without commas ("12 Nguyễn Huệ phường Long
# Xuyên"): full words only, and only where a commune of that name exists ("Xa lộ Hà Nội" stays).
_INNER_WARD = re.compile(r" (?=(?:phuong|xa|dac khu|thi tran) )")


def _split_at_commune(segment: tuple[str, str]) -> list[tuple[str, str]]:
    folded = segment[1]
    if _kind(folded) != "plain":
        return [segment]
    for m in reversed(list(_INNER_WARD.finditer(folded))):
        tail = folded[m.end() :]
        if _name_of(tail) in _communes_by_name():
            head = folded[: m.start()]
            return [(head, head), (tail, tail)]
    return [segment]


def _tail_match(folded: str, province_code: str) -> list[Unit]:
    """The commune of the province whose name ends a part written without commas ("12 Nguyen Hue
    Long Xuyen An Giang"), the longest name first."""
    words = folded.split()
    for k in range(min(len(words), 5), 0, -1):
        found = [
            u
            for u in _communes_by_name().get(" ".join(words[-k:]), ())
            if u.province_code == province_code
        ]
        if found:
            return found
    return []


def _names_a_unit(folded: str, province_code: str) -> bool:
    """Whether the end of a part before a province names a unit: a type word, or a commune of
    that province."""
    if _kind(folded) != "plain" or _INNER_WARD.search(folded):
        return True
    words = folded.split()
    return any(
        u.province_code == province_code
        for k in range(1, min(len(words), 5) + 1)
        for u in _communes_by_name().get(" ".join(words[-k:]), ())
    )


def _kind(folded: str) -> str:
    if addr._WARD_PREFIX.match(folded):
        return "ward"
    if addr._DISTRICT_PREFIX.match(folded):
        return "district"
    return "plain"


def _name_of(folded: str) -> str:
    m = addr._WARD_PREFIX.match(folded) or addr._DISTRICT_PREFIX.match(folded)
    return folded[m.end() :].strip() if m else folded


def _match(written: str, province: Unit | None) -> list[Unit]:
    """Current communes named as in ``written`` (type word respected when written)."""
    kind, name = addr._split_ward_type(written)
    found = [
        u
        for u in _communes_by_name().get(name, ())
        if (province is None or u.province_code == province.code)
        and (kind is None or u.type == kind)
    ]
    if len(found) > 1:
        # Same letters, other accents (Xã Sơn Hà / Xã Sơn Hạ): the name as typed decides.
        typed = nfc(written).lower()
        exact = [u for u in found if typed.endswith(u.name.lower())]
        found = exact or found
    return found


def _commune_index(segments: list[tuple[str, str]], kinds: list[str]) -> int:
    """Which part names the commune: the last one with a commune type word; else the part just
    before an old district; else the last part when it is not the street alone; -1: none."""
    wards = [i for i, k in enumerate(kinds) if k == "ward"]
    if wards:
        return wards[-1]
    if "district" in kinds:
        return kinds.index("district") - 1 if kinds.index("district") >= 1 else -1
    if segments and (len(segments) > 1 or _match(segments[-1][0], None)):
        return len(segments) - 1
    return -1


def resolve(text: str | None) -> Resolution:
    """Resolve a written address ("12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang", also
    without diacritics or type words) to its province and commune of the 2025 map."""
    parts = _split(text or "")
    province, segments = parts.province, parts.segments
    if not segments and province is None:
        return Resolution(None, None, (), msg("address.missing"))
    kinds = [_kind(f) for _w, f in segments]
    at = _commune_index(segments, kinds)
    if at < 0 and parts.no_commas and province is not None and kinds and kinds[-1] == "plain":
        at = len(segments) - 1 if _tail_match(segments[-1][1], province.code) else -1
    if province is None and kinds and kinds[-1] == "plain" and len(segments) > 1:
        written = segments[-1]
        if not _match(written[0], None):
            # The last part is neither a province we know nor a commune: a mistyped province?
            near = _nearest_province(written[1])
            queries = [_name_of(segments[at][1])] if 0 <= at < len(segments) - 1 else []
            problem = (
                msg("resolve.province_guess", written=written[0], near=near.full_name)
                if near
                else msg("resolve.province_unknown", written=written[0])
            )
            return Resolution(
                near,
                None,
                tuple(suggest_communes(queries, near.code)) if near and queries else (),
                problem,
            )
    districts = [s for s, k in zip(segments, kinds, strict=True) if k == "district"]
    if at >= 0 and kinds[at] == "ward":
        # Whatever stands between the commune and the province is an old district.
        districts += [s for s in segments[at + 1 :] if _kind(s[1]) != "district"]
    commune_written = segments[at] if at >= 0 else None
    queries = [_name_of(commune_written[1])] if commune_written else []
    queries += [_name_of(f) for _w, f in districts]
    problems: list[str] = []
    if parts.old_province and province is not None:
        problems.append(
            msg(
                "resolve.old_province",
                written=parts.province_written,
                province=province.full_name,
                since=SINCE,
            )
        )
    if districts:
        named = ", ".join(w for w, _f in districts)
        problems.append(msg("resolve.district", named=named, since=SINCE))
    commune = None
    if commune_written is None:
        problems.append(msg("resolve.no_commune"))
    elif addr._split_ward_type(commune_written[0])[0] == "thị trấn":
        problems.append(msg("resolve.township", since=SINCE, written=commune_written[0]))
    else:
        found = _match(commune_written[0], province)
        if not found and parts.no_commas and province is not None:
            found = _tail_match(commune_written[1], province.code)
        if len(found) == 1:
            commune = found[0]
            province = province or addr.get_province(commune.province_code)
        elif found:
            several = "resolve.several" if province is not None else "resolve.several_where"
            problems.append(msg(several, written=commune_written[0]))
            return Resolution(province, None, tuple(found[:MAX_SUGGESTIONS]), _sentence(problems))
        else:
            written = commune_written[0]
            problems.append(
                msg("resolve.not_in", written=written, where=province.full_name, since=SINCE)
                if province
                else msg("resolve.not_in_list", written=written, since=SINCE)
            )
    if not problems:
        return Resolution(province, commune)
    suggestions = suggest_communes(queries, province.code if province else None)
    if commune is not None and commune not in suggestions:
        suggestions = [commune, *suggestions][:MAX_SUGGESTIONS]
    return Resolution(province, None, tuple(suggestions), _sentence(problems))


def _sentence(problems: list[str]) -> str:
    return msg("parts.sentence", parts=tuple(problems))


def resolve_codes(province_code: str | None, commune_code: str | None) -> Resolution:
    """The units picked by code (the window's pickers): both must exist and agree."""
    try:
        a = addr.validate_address(None, commune_code, province_code, required=False)
    except InputError as exc:
        return Resolution(addr.get_province(province_code), None, (), exc.message)
    province, commune = a.province, a.ward
    if commune is None:
        return Resolution(province, None, (), msg("resolve.no_ward_picked"))
    return Resolution(province, commune)


def for_post(
    text: str | None,
    province_code: str | None = None,
    commune_code: str | None = None,
    *,
    field: str = "address",
    required: bool = True,
) -> Resolution:
    """The units of an address the post goes to: the picked codes when given, else the text
    resolved. ``required``: refused (InputError naming ``field``) unless resolved; otherwise the
    resolution as it is (a pickup taken before units were kept is still received)."""
    if province_code or commune_code:
        found = resolve_codes(province_code, commune_code)
    else:
        found = resolve(text)
    return found.require(field) if required else found
