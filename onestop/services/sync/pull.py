"""The pull step of a sync: the agency's events and row changes after the last position pulled,
in ramping batches read ahead, each applied here in one transaction with the new position."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from onestop.services.context import Context
from onestop.sync import central, errors, local
from onestop.sync import rows as replicated
from onestop.sync.connection import reader
from onestop.sync.errors import SyncError
from onestop.sync.pipeline import ahead, ramp

from .report import SyncReport


def pull_changes(ctx: Context, engine: Engine, agency: str, report: SyncReport, batch: int) -> None:
    workstation_id = ctx.settings.workstation_id
    on_sqlite = ctx.store.dialect == "sqlite"
    with ctx.store.reading() as session:
        state = local.read_state(session)
        start = state.pulled_position if state else 0

    sizes = ramp(batch)

    def fetch(cursor: int | None) -> tuple[Any, int | None] | None:
        if cursor is None:
            return None
        size = next(sizes)
        with reader(engine).connect() as conn:
            listed = central.positions(conn, agency=agency, after=cursor, limit=size)
            head = central.head(conn, agency)
            # Only the unbroken run after the cursor: the allocator leaves no holes, and if one
            # ever appeared, waiting for it is right and jumping it is not.
            run = []
            for position, event_id, origin in listed:
                if position != cursor + len(run) + 1:
                    break
                run.append((position, event_id, origin))
            # Another workstation's events after the cursor cannot be here yet: the cursor moves
            # in the very transaction that stores them. This workstation's own are here, unless
            # its store was restored from an older copy: only those are looked up.
            own = [e for _, e, origin in run if origin == workstation_id]
            with ctx.store.reading() as session:
                lacking = local.unknown(session, own)
            wanted = [e for _, e, origin in run if origin != workstation_id or e in lacking]
            events = central.fetch(conn, wanted, agency)
            # What is not an event is a replicated row's change (onestop.sync.rows).
            found = {e["id"] for e in events}
            changes = replicated.fetch(conn, [e for e in wanted if e not in found], agency)
        if len(events) + len(changes) != len(wanted):
            raise SyncError(errors.CONFLICT, "Máy chủ trung tâm thiếu sự kiện đã ghi vị trí.")
        order = {e: p for p, e, _ in run}
        events.sort(key=lambda r: order[r["id"]])
        following = run[-1][0] if len(run) == size else None
        prepared = local.prepare_pulled(events, ctx.clock(), sqlite=on_sqlite)
        return (run, events, changes, prepared, head), following

    for run, events, changes, prepared, head in ahead(fetch, start):
        report.central_position = head
        with ctx.store.unit_of_work() as session:
            if events:
                report.pulled += local.apply_pulled(
                    session, events, workstation_id, ctx.clock(), prepared=prepared
                )
            if changes:
                replicated.apply(session, changes)
                report.pulled += len([c for c in changes if c["workstation_id"] != workstation_id])
            state = local.state(session)
            if run:
                state.pulled_position = run[-1][0]
            state.central_position = head
            session.commit()
