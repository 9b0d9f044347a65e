"""Opening a workstation's store, and setting the office up (first run, ``init``, demo data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onestop.store.db import Store, default_data_dir, open_local

from .context import Context, ensure_initialized


def open_workstation(data_dir: Path | None = None, *, auto_init: bool = True) -> Store:
    """The local store, migrated. A store never set up becomes the embedded default: the demo
    office with the demo catalogue, so that the first start is usable at once."""
    store = open_local(data_dir or default_data_dir())
    if auto_init:
        ctx = Context(store=store)
        if not ctx.initialized:
            initialize(ctx, demo=True)
    return store


def initialize(ctx: Context, *, demo: bool = False, **values: Any) -> dict[str, Any]:
    from . import catalog, users

    if demo:
        values.setdefault("demo", True)
    settings = ensure_initialized(ctx, **values)
    imported = catalog.import_demo(ctx) if demo else 0
    if demo:
        users.ensure_demo_accounts(ctx)
    return {
        "agency_code": settings.agency_code,
        "agency_name": settings.agency_name,
        "workstation_id": settings.workstation_id,
        "workstation_number": settings.workstation_number,
        "workstation_name": settings.workstation_name,
        "code_pattern": settings.code_pattern,
        "back_entry_days": settings.back_entry_days,
        "demo": settings.demo,
        "procedures_imported": imported,
    }


def set_back_entry_days(ctx: Context, days: int) -> int:
    """How many calendar days back a recorded time may reach on this workstation (an office
    entering a long outage or migrating its history widens it). Administrators only."""
    from onestop.domain.clock import check_back_entry_days

    from .users import require_role

    require_role(ctx, "users")
    return ensure_initialized(ctx, back_entry_days=check_back_entry_days(days)).back_entry_days
