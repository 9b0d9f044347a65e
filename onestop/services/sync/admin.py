"""Administering the central database, as the administrator's commands call it: create or
upgrade it, publish an office's master data to it (never the demo's), and give a workstation
its own database role confined to one agency."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.services import users
from onestop.services.context import DEMO_AGENCY_CODE, Context
from onestop.sync.central import admin
from onestop.sync.central.admin import create_role
from onestop.sync.config import SyncSettings

__all__ = ["create_role", "init_central", "publish"]


def init_central(
    ctx: Context, cfg: SyncSettings, password: str | None, *, new_identity: bool = False
) -> dict[str, Any]:
    """Create the central database's schema (or bring it to this program's version) with the
    same migrations as every store, and give it its identity (a new one if asked: after it was
    restored from a backup)."""
    return admin.init_central(cfg, password, ctx.clock(), new_identity=new_identity)


def publish(ctx: Context, engine: Engine) -> dict[str, Any]:
    """Make the central master data this workstation's: its catalogue (procedures it lacks are
    deactivated at the centre), its calendar overrides, its staff accounts, its office
    settings. Run by the administrator, as the owner of the central tables."""
    settings = ctx.settings
    if settings.demo or settings.agency_code == DEMO_AGENCY_CODE:
        # The demo's accounts open with a password printed on screen, its catalogue and
        # settings are an example: none of it may become every agency's master data.
        raise InputError("demo", msg("sync.demo_store", code=settings.agency_code))
    with ctx.store.reading() as session:
        master = admin.local_master(session)
    people = master.staff
    demo = sorted(
        p["username"]
        for p in people
        if users.is_demo_account(p["username"], p.get("password_hash"))
    )
    if demo:
        raise InputError("staff", msg("sync.demo_accounts", names=", ".join(demo)))
    for person in people:
        # An account published by an office is that office's, unless it administers the
        # province (role admin): only those reach every agency's workstations.
        if person.get("agency_code") is None and person.get("role") != "admin":
            person["agency_code"] = settings.agency_code
    removed = admin.send_master(
        engine,
        master,
        agency=settings.agency_code,
        now=ctx.clock(),
        is_demo_account=users.is_demo_account,
    )
    return {
        "procedures": len(master.procedures),
        "calendar_overrides": len(master.calendar),
        "staff": len(people),
        "settings": len(master.office()),
        "demo_accounts_removed": removed,
    }
