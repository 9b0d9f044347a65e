"""The hash chain of a workstation's history: every event a workstation records carries its
number in that workstation's chain, the hash of the workstation's previous event and the hash
of its own content with that link, so that an event added, changed or removed behind the
program's back shows (tamper evidence, not tamper proofing: see packaging/central/README.md).

Pure functions: the canonical text of an event, its hash, and the check of a chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# The link of a workstation's first event.
GENESIS = "0" * 64
# Fields joined by the unit separator, which no field can hold (the input policy refuses
# control characters; ids, types and times never have them).
_SEP = "\x1f"


def canonical_payload(payload: Any) -> str:
    """The payload as the hash reads it: JSON with sorted keys, no spaces, UTF-8 as is. The
    store's own text may differ (spacing, key order); the meaning is what is chained."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def utc_text(moment: datetime) -> str:
    """A time as the hash reads it: UTC, microseconds, ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(event: Mapping[str, Any], seq: int, prev: str) -> str:
    """The hash of an event's content (the columns of an events row) linked to ``prev``."""
    text = _SEP.join(
        [
            str(event["id"]),
            str(event["dossier_id"]),
            str(event["type"]),
            utc_text(event["at"]),
            utc_text(event["recorded_at"]),
            str(event["actor"]),
            str(event["workstation_id"]),
            str(seq),
            prev,
            canonical_payload(event["payload"]),
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# What each kind of break means, for the user (verify, the centre's refusal).
KIND_LABELS_VI = {
    "added": "thêm ngoài chương trình",
    "changed": "bị sửa sau khi ghi",
    "removed": "bị xóa",
    "relinked": "chuỗi bị nối lại",
}


@dataclass(frozen=True)
class Finding:
    """One break in a chain. ``kind``: ``changed`` (an event's content no longer matches its
    hash), ``removed`` (numbers missing from the chain), ``added`` (an event outside the chain,
    or a second event with a number already taken), ``relinked`` (an event whose link does not
    name the event before it)."""

    kind: str
    workstation_id: str
    event_ids: tuple[str, ...]
    seq: int | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "workstation_id": self.workstation_id,
            "event_ids": list(self.event_ids),
            "seq": self.seq,
            "detail": self.detail,
        }


def check(
    events: Iterable[Mapping[str, Any]],
    *,
    start_seq: int = 1,
    start_prev: str = GENESIS,
) -> list[Finding]:
    """Check the chains of the events given (any workstations, any order): each workstation's
    numbers run without a gap from ``start_seq``, each link names the event before, each hash
    matches its content. For a batch that continues a chain already checked, pass the last
    number + 1 and hash seen (one workstation's events only then)."""
    by_station: dict[str, list[Mapping[str, Any]]] = {}
    findings: list[Finding] = []
    for event in events:
        station = str(event["workstation_id"])
        if event.get("chain_seq") is None or event.get("chain_hash") is None:
            findings.append(
                Finding("added", station, (str(event["id"]),), None, "sự kiện không có mắt xích")
            )
            continue
        by_station.setdefault(station, []).append(event)
    for station, chained in by_station.items():
        chained.sort(key=lambda e: (int(e["chain_seq"]), str(e["id"])))
        expected_seq, prev = start_seq, start_prev
        for event in chained:
            seq = int(event["chain_seq"])
            eid = str(event["id"])
            if seq < expected_seq:
                findings.append(
                    Finding("added", station, (eid,), seq, f"số thứ tự {seq} đã có sự kiện khác")
                )
                continue
            if seq > expected_seq:
                findings.append(
                    Finding(
                        "removed",
                        station,
                        (eid,),
                        expected_seq,
                        f"thiếu sự kiện số {expected_seq}..{seq - 1} trước sự kiện này",
                    )
                )
            elif event["chain_prev"] != prev:
                findings.append(
                    Finding("relinked", station, (eid,), seq, "mắt xích không khớp sự kiện trước")
                )
            if event_hash(event, seq, str(event["chain_prev"])) != event["chain_hash"]:
                findings.append(
                    Finding("changed", station, (eid,), seq, "nội dung khác với lúc ghi")
                )
            expected_seq, prev = seq + 1, str(event["chain_hash"])
    return findings
