"""Opening a workstation's store, and setting the office up (first run, ``init``, demo data).

The demo (the first start's store, or ``init --demo``) is marked by the ``demo`` setting: its
accounts have a password printed on the sign-in screen, and what is practised in it is not an
office's record. Sync and ``central publish`` refuse such a store; ``init`` of a real office on it
removes the demo accounts when nothing was recorded yet, and otherwise sets the whole store aside
(``--discard-demo``) rather than deleting history, which the events' triggers forbid anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.store import repository as repo
from onestop.store import repository_office as office
from onestop.store.db import Store, default_data_dir, open_local
from onestop.store.set_aside import set_aside

from .context import DEMO_AGENCY_CODE, DEMO_PHONE, Context, OfficeSettings, ensure_initialized

# Where what a store records lives (as opposed to its configuration and master data): a demo
# store with rows here has been practised on, and its rows are demo data.
RECORDED_TABLES = (
    "dossiers",
    "events",
    "guidance",
    "postal_pickups",
    "postal_handover_records",
    "postal_consignments",
    "postal_charges",
)


@dataclass(frozen=True)
class InitResult:
    """The office as set up, and what setting it up did to the demo."""

    agency_code: str
    agency_name: str
    unit_name: str
    workstation_id: str
    workstation_number: int
    workstation_name: str
    code_pattern: str
    back_entry_days: int
    demo: bool
    procedures_imported: int
    demo_accounts_removed: tuple[str, ...]
    demo_store_set_aside: Path | None

    def to_json(self) -> dict[str, Any]:
        aside = self.demo_store_set_aside
        return {
            "agency_code": self.agency_code,
            "agency_name": self.agency_name,
            "unit_name": self.unit_name,
            "workstation_id": self.workstation_id,
            "workstation_number": self.workstation_number,
            "workstation_name": self.workstation_name,
            "code_pattern": self.code_pattern,
            "back_entry_days": self.back_entry_days,
            "demo": self.demo,
            "procedures_imported": self.procedures_imported,
            "demo_accounts_removed": list(self.demo_accounts_removed),
            "demo_store_set_aside": str(aside) if aside else None,
        }


def open_workstation(data_dir: Path | None = None, *, auto_init: bool = True) -> Store:
    """The local store, migrated. A store never set up becomes the embedded default: the demo
    office with the demo catalogue, so that the first start is usable at once."""
    store = open_local(data_dir or default_data_dir())
    if auto_init:
        ctx = Context(store=store)
        if not ctx.initialized:
            initialize(ctx, demo=True)
    return store


def initialize(
    ctx: Context, *, demo: bool = False, discard_demo: bool = False, **values: Any
) -> InitResult:
    """Set the store up as the demo (``demo``) or as a real office (otherwise). A real office
    never keeps anything of the demo: see the module's docstring. Refusals write nothing."""
    from . import accounts, catalog

    was_demo = ctx.initialized and ctx.settings.demo
    if discard_demo and (demo or not was_demo):
        raise InputError(
            "--discard-demo", msg("setup.discard_with_demo" if demo else "setup.not_demo")
        )
    if demo and ctx.initialized and not was_demo:
        raise InputError("--demo", msg("setup.real_store", code=ctx.settings.agency_code))
    removed: list[str] = []
    aside: Path | None = None
    if demo:
        values.setdefault("demo", True)
        if not ctx.initialized:
            values.setdefault("phone", DEMO_PHONE)
    else:
        values["demo"] = False
        _check_real(ctx, values, fresh=discard_demo)
        if discard_demo:
            aside = set_demo_aside(ctx)
        else:
            removed = _leave_demo(ctx, was_demo)
    settings = ensure_initialized(ctx, **values)
    imported = catalog.import_demo(ctx) if demo else 0
    if demo:
        accounts.ensure_demo_accounts(ctx)
    return InitResult(
        agency_code=settings.agency_code,
        agency_name=settings.agency_name,
        unit_name=settings.unit_name,
        workstation_id=settings.workstation_id,
        workstation_number=settings.workstation_number,
        workstation_name=settings.workstation_name,
        code_pattern=settings.code_pattern,
        back_entry_days=settings.back_entry_days,
        demo=settings.demo,
        procedures_imported=imported,
        demo_accounts_removed=tuple(removed),
        demo_store_set_aside=aside,
    )


def set_back_entry_days(ctx: Context, days: int) -> int:
    """How many calendar days back a recorded time may reach on this workstation (an office
    entering a long outage or migrating its history widens it). Administrators only."""
    from onestop.domain.clock import check_back_entry_days

    from .roles import require_role

    require_role(ctx, "users")
    return ensure_initialized(ctx, back_entry_days=check_back_entry_days(days)).back_entry_days


def update_office(
    ctx: Context, *, back_entry_days: int, unit_name: str, phone: str | None
) -> OfficeSettings:
    """What the settings page saves: the back-entry window, the unit's name printed under the
    agency on every form, and the office's phone. Administrators only; a blank unit name is
    refused (every form prints it)."""
    from onestop.domain import input_policy as policy
    from onestop.domain.clock import check_back_entry_days

    from .roles import require_role

    require_role(ctx, "users")
    unit = policy.clean(unit_name, "unit_name", limit=policy.LINE)
    if not unit:
        raise InputError("unit_name", msg("setup.unit_name"))
    return ensure_initialized(
        ctx,
        back_entry_days=check_back_entry_days(back_entry_days),
        unit_name=unit,
        phone=policy.clean(phone or "", "phone", limit=policy.NAME) or None,
    )


def _check_real(ctx: Context, values: dict[str, Any], *, fresh: bool) -> None:
    """Refuse a real office's settings before anything is written (above all before the demo
    store is set aside): the demo's agency code, and what ensure_initialized would refuse."""
    current: dict[str, Any] = {}
    if not fresh:
        with ctx.store.reading() as session:
            current = repo.get_settings(session)
    merged = OfficeSettings.from_store({**OfficeSettings().to_store(), **current, **values})
    if merged.agency_code == DEMO_AGENCY_CODE:
        raise InputError("agency_code", msg("setup.demo_code", code=DEMO_AGENCY_CODE))
    merged.code_scheme.band(merged.workstation_number)
    merged.hours  # noqa: B018 - validates office hours


def recorded_work(session: Any) -> dict[str, int]:
    """Rows of each table that records work (RECORDED_TABLES), the tables with none left out."""
    return office.row_counts(session, RECORDED_TABLES)


def _leave_demo(ctx: Context, was_demo: bool) -> list[str]:
    """A real office's store keeps no demo account (one left by an earlier version included).
    A demo store nobody practised on becomes the office's: the demo accounts go, the catalogue
    (the national procedures) stays. One practised on is refused."""
    from . import accounts

    with ctx.store.unit_of_work() as session:
        # One transaction: no dossier can be received in the demo between the check and the
        # store becoming the office's.
        work = recorded_work(session) if was_demo else {}
        if not work:
            removed = accounts.remove_demo_accounts(session)
            repo.put_settings(session, {"demo": False})
            session.commit()
            return removed
        dossiers = work.get("dossiers", 0)
        others = sum(n for name, n in work.items() if name not in ("dossiers", "events"))
        extra = msg("setup.demo_work_more", n=others) if others else ""
        raise InputError("--discard-demo", msg("setup.demo_work", dossiers=dossiers, extra=extra))


def set_demo_aside(ctx: Context) -> Path:
    """Rename the demo store's file to onestop-demo-<time>.sqlite3 beside it (its history kept
    whole, never opened again by onestop) and give ``ctx`` a new, empty store in its place."""
    stamp = ctx.clock().strftime("%Y%m%d-%H%M%S")
    target = set_aside(ctx.store, f"onestop-demo-{stamp}")
    ctx.store = open_local(target.parent)
    ctx.refresh()
    return target
