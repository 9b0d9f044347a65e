"""The steps of a sync that come before the events: the master data that changed at the centre
(demo accounts refused), and a block of leased dossier numbers for today when few are left."""

from __future__ import annotations

from sqlalchemy import Engine

from onestop.services import users
from onestop.services.context import Context
from onestop.sync import central, local
from onestop.sync.connection import reader, retrying

from .report import SyncReport

# Band-0 numbers leased at a time, and the stock below which a sync leases another block.
LEASE_SIZE = 20
LEASE_LOW = 10


def take_master(ctx: Context, engine: Engine, agency: str, report: SyncReport) -> None:
    """Apply the kinds of master data whose version at the centre differs from the one applied
    here; a demo account (published by an earlier version, or still held here) is never kept."""
    with ctx.store.reading() as session:
        state = local.read_state(session)
        applied = dict(state.master_versions) if state else {}
        # Pulled by an earlier version, which took the demo accounts a demo store published.
        stale = users.demo_accounts(session)
    with reader(engine).connect() as conn:
        versions = central.master_versions(conn)
        changed = [kind for kind, version in versions.items() if applied.get(kind) != version]
        snapshots = {kind: central.master_snapshot(conn, kind, agency) for kind in changed}
    refused = set(stale.values())
    if "staff" in snapshots:
        kept = []
        for row in snapshots["staff"]:
            if users.is_demo_account(row.get("username"), row.get("password_hash")):
                refused.add(row["username"])
            else:
                kept.append(row)
        snapshots["staff"] = kept
    report.demo_accounts_refused = sorted(refused)
    if not changed and not stale:
        return
    with ctx.store.unit_of_work() as session:
        for kind in changed:
            local.apply_master(session, kind, snapshots[kind], agency)
        users.remove_demo_accounts(session)
        state = local.state(session)
        state.master_versions = {**applied, **{k: versions[k] for k in changed}}
        session.commit()
    ctx.refresh()
    report.master = changed


def lease_numbers(ctx: Context, engine: Engine, report: SyncReport) -> None:
    """Lease another block of today's band-0 numbers when fewer than LEASE_LOW are left."""
    settings = ctx.settings
    scheme = settings.code_scheme
    day = ctx.clock().date()
    with ctx.store.reading() as session:
        remaining = local.lease_remaining(session, scheme.agency, day, scheme.width)
    if remaining < LEASE_LOW:

        def take() -> tuple[int, int] | None:
            with engine.begin() as conn:
                return central.lease(
                    conn,
                    scheme=scheme,
                    day=day,
                    workstation_id=settings.workstation_id,
                    size=LEASE_SIZE,
                    now=ctx.clock(),
                )

        # Committed at the centre before it is stored here: a crash in between loses the block
        # (a gap in the day's numbers), never hands a number out twice.
        block = retrying(take)
        if block is not None:
            with ctx.store.unit_of_work() as session:
                local.add_lease(session, scheme.agency, day, scheme.width, *block, ctx.clock())
                session.commit()
            remaining += block[1] - block[0] + 1
    report.lease_remaining = remaining
