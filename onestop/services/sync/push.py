"""The push steps of a sync: this workstation's events in ramping batches (read ahead, marked
behind), then its replicated rows' changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from onestop.services.context import Context
from onestop.sync import central, local
from onestop.sync import rows as replicated
from onestop.sync.connection import retrying
from onestop.sync.pipeline import Behind, ahead, ramp

from .report import SyncReport


def push_events(ctx: Context, engine: Engine, agency: str, report: SyncReport, batch: int) -> None:
    workstation_id = ctx.settings.workstation_id
    on_postgresql = engine.dialect.name == "postgresql"

    sizes = ramp(batch)

    def read(cursor: Any) -> tuple[tuple[list[dict[str, Any]], central.PreparedPush], Any] | None:
        with ctx.store.reading() as session:
            rows, cursor = local.pending(session, agency, workstation_id, cursor, next(sizes))
        if not rows:
            return None
        return (rows, central.prepare_push(rows, ctx.clock(), postgresql=on_postgresql)), cursor

    with Behind() as behind:
        for rows, prepared in ahead(read, None):

            def send(rows: list[dict[str, Any]] = rows, prepared=prepared) -> central.Pushed:
                with engine.begin() as conn:
                    return central.push(
                        conn,
                        agency=agency,
                        workstation_id=workstation_id,
                        events=rows,
                        now=ctx.clock(),
                        prepared=prepared,
                    )

            result = retrying(send)
            ids = [r["id"] for r in rows]

            def mark(ids: list[str] = ids, result: central.Pushed = result) -> None:
                with ctx.store.unit_of_work() as session:
                    local.mark_pushed(session, ids, ctx.clock())
                    if result.last_position is not None:
                        local.skip_own_positions(session, result.accepted, result.last_position)
                    session.commit()

            behind.do(mark)
            report.pushed += result.accepted
            report.duplicates += result.duplicates


def push_rows(ctx: Context, engine: Engine, agency: str, report: SyncReport) -> None:
    workstation_id = ctx.settings.workstation_id
    with ctx.store.reading() as session:
        changes = replicated.pending(session)
    if not changes:
        return

    def send() -> tuple[int, int]:
        with engine.begin() as conn:
            return replicated.push(
                conn,
                agency=agency,
                workstation_id=workstation_id,
                changes=changes,
                now=ctx.clock(),
            )

    accepted, duplicates = retrying(send)
    with ctx.store.unit_of_work() as session:
        replicated.mark_pushed(session, [c["change_id"] for c in changes])
        session.commit()
    report.pushed += accepted
    report.duplicates += duplicates
