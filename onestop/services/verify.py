"""Checking the history's hash chain (``onestop verify``): every workstation's chain in the
local store, and, given the central database, that the centre holds the same events with the
same hashes, so that an event added, changed or removed out of band on either side shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from onestop.domain import chain
from onestop.store import repository_chain as history

from .context import Context

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True)
class VerifyReport:
    events: int = 0
    workstations: int = 0
    findings: tuple[chain.Finding, ...] = ()
    central: str | None = None
    central_events: int | None = None

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "workstations": self.workstations,
            "central": self.central,
            "central_events": self.central_events,
            "findings": [f.to_json() for f in self.findings],
        }


def verify_local(ctx: Context) -> VerifyReport:
    """Every chain of the local store: numbers without gaps, links, hashes."""
    with ctx.store.reading() as session:
        rows = history.event_rows(session.connection())
    return VerifyReport(
        events=len(rows),
        workstations=len({r["workstation_id"] for r in rows}),
        findings=tuple(chain.check(rows)),
    )


def verify_central(ctx: Context, engine: Engine, where: str) -> VerifyReport:
    """The local check, then the centre's chains for this agency, then the two compared: an
    event with another hash on either side, an event of this workstation marked as sent that
    the centre lacks, an event the centre holds that was pulled here and is gone."""
    report = verify_local(ctx)
    agency = ctx.settings.agency_code
    with ctx.store.reading() as session:
        local = {r["id"]: r for r in history.event_rows(session.connection())}
        sent = history.sent_event_ids(session)
    with engine.connect() as conn:
        central = history.event_rows(conn, agency)
    at_centre = [_at_centre(finding) for finding in chain.check(central)]
    by_id = {r["id"]: r for r in central}
    compared = _compare(local, by_id, sent, ctx.settings.workstation_id)
    return replace(
        report,
        central=where,
        central_events=len(central),
        findings=(*report.findings, *at_centre, *compared),
    )


def _at_centre(finding: chain.Finding) -> chain.Finding:
    return replace(finding, detail=f"tại máy chủ trung tâm: {finding.detail}")


def _compare(
    local: Mapping[str, Mapping[str, Any]],
    central: Mapping[str, Mapping[str, Any]],
    sent: Iterable[str],
    workstation_id: str,
) -> list[chain.Finding]:
    found = []
    for event_id, mine in local.items():
        theirs = central.get(event_id)
        if theirs is None:
            continue
        if theirs["chain_hash"] != mine["chain_hash"]:
            found.append(
                chain.Finding(
                    "changed",
                    str(mine["workstation_id"]),
                    (event_id,),
                    mine["chain_seq"],
                    "máy trạm và máy chủ trung tâm giữ hai nội dung khác nhau của sự kiện này",
                )
            )
    for event_id, theirs in central.items():
        # This workstation's own events come only from here: one the centre holds and this
        # store never recorded was added at the centre (or removed here; the local chain's
        # check names a gap then).
        if theirs["workstation_id"] == workstation_id and event_id not in local:
            found.append(
                chain.Finding(
                    "added",
                    workstation_id,
                    (event_id,),
                    theirs["chain_seq"],
                    "máy chủ trung tâm giữ sự kiện mang mã máy trạm này mà máy trạm không ghi",
                )
            )
    for event_id in sent:
        if event_id in local and event_id not in central:
            mine = local[event_id]
            found.append(
                chain.Finding(
                    "removed",
                    workstation_id,
                    (event_id,),
                    mine["chain_seq"],
                    "đã gửi lên máy chủ trung tâm nhưng máy chủ không còn giữ",
                )
            )
    return found
