"""What the applicant actually handed in, and the case a dossier is received under (issue 14):
the papers named at the counter resolved against the procedure's catalogue list, and the case
chosen among the procedure's cases. Pure: the reception service stores what this returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from onestop.domain import input_policy as policy
from onestop.domain.catalog import SHOWN_KIND, fold_key, normalise_kind
from onestop.domain.catalog_law import ProcedureCase, find_case
from onestop.domain.errors import InputError
from onestop.domain.messages import msg

# What a clerk may give for one paper: its name (a catalogue name, or "tên | loại | số lượng" for
# another paper), or the catalogue entry itself (the window's checklist).
Given = str | Mapping[str, Any]


def is_required(entry: Mapping[str, Any]) -> bool:
    """A catalogue entry is required unless it says ``"required": false``."""
    return entry.get("required", True) is not False


def is_kept(entry: Mapping[str, Any]) -> bool:
    """Whether the office keeps the paper: one only shown ("xuất trình") goes back at once."""
    return entry.get("kind") != SHOWN_KIND


def _stored(entry: Mapping[str, Any]) -> dict[str, Any]:
    # What the dossier records: the paper, its kind and count, nothing about the catalogue.
    return {"name": entry["name"], "kind": entry["kind"], "count": int(entry.get("count", 1))}


def _keys(entry: Mapping[str, Any]) -> set[str]:
    """The spellings a clerk may use for a catalogue entry: its name, or its name with the
    condition in brackets as the list shows it."""
    keys = {fold_key(str(entry["name"]))}
    if entry.get("condition"):
        keys.add(fold_key(f"{entry['name']} ({entry['condition']})"))
    return keys


def documents_received(
    catalogue: Sequence[Mapping[str, Any]], given: Sequence[Given] | None
) -> list[dict[str, Any]]:
    """The papers to record for a dossier. ``given`` None: the procedure's required documents.
    Otherwise each given paper: a catalogue entry (matched by name, ignoring case, diacritics
    and spacing) takes the entry's kind and count; another paper keeps what the clerk wrote,
    "bản chính" and 1 when not said. A blank or repeated paper is refused naming
    ``documents[i].name`` (1-based)."""
    if given is None:
        return [_stored(entry) for entry in catalogue if is_required(entry)]
    by_key: dict[str, Mapping[str, Any]] = {}
    for entry in catalogue:
        for key in _keys(entry):
            by_key.setdefault(key, entry)
    recorded: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(given, start=1):
        paper = _paper(item, i)
        entry = by_key.get(fold_key(paper["name"]))
        if entry is not None:
            paper = _stored(entry)
        key = fold_key(paper["name"])
        if key in seen:
            raise InputError(f"documents[{i}].name", msg("document.duplicate", name=paper["name"]))
        seen.add(key)
        recorded.append(paper)
    return recorded


def _paper(item: Given, i: int) -> dict[str, Any]:
    """One given paper checked: name, kind (a catalogue kind) and count."""
    field = f"documents[{i}]"
    if isinstance(item, str):
        parts = [part.strip() for part in item.split("|")]
        if len(parts) > 3:
            raise InputError(f"{field}.name", msg("document.format"))
        raw: Mapping[str, Any] = dict(zip(("name", "kind", "count"), parts, strict=False))
    else:
        raw = item
    name = policy.clean(str(raw.get("name") or ""), f"{field}.name")
    if not name:
        raise InputError(f"{field}.name", msg("document.name_missing"))
    try:
        kind = normalise_kind(str(raw.get("kind") or "bản chính"))
    except ValueError:
        raise InputError(f"{field}.kind", msg("document.kind", kind=raw.get("kind"))) from None
    count = raw.get("count")
    if count is None or count == "":
        count = 1
    if isinstance(count, str) and count.strip().isdigit():
        count = int(count.strip())
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 999:
        raise InputError(f"{field}.count", msg("document.count"))
    return {"name": name, "kind": kind, "count": count}


def choose_case(cases: Sequence[ProcedureCase], name: str | None) -> ProcedureCase | None:
    """The case a dossier is received under: required (and one of ``cases``) when the procedure
    has cases, refused when it has none; the refusal names ``case``."""
    wanted = " ".join((name or "").split())
    if not cases:
        if wanted:
            raise InputError("case", msg("case.none"))
        return None
    names = "; ".join(case.name for case in cases)
    if not wanted:
        raise InputError("case", msg("case.choose", names=names))
    found = find_case(tuple(cases), wanted)
    if found is None:
        raise InputError("case", msg("case.unknown", wanted=wanted, names=names))
    return found
