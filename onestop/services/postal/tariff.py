"""The postage tariff: the office's own when the administrator set one, else the shipped one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onestop.adapters import files
from onestop.adapters.tariff_files import load_tariff
from onestop.domain import postal as rules
from onestop.resources import resource
from onestop.services.context import Context
from onestop.services.users import require_role
from onestop.store import repository as repo

from .results import TariffView

TARIFF_SETTING = "postal_tariff"


def tariff(ctx: Context) -> rules.Tariff:
    """The office's tariff when one was set (``set_tariff``), else the shipped placeholder."""
    with ctx.store.reading() as session:
        stored = repo.get_settings(session).get(TARIFF_SETTING)
    if stored is not None:
        return rules.Tariff.from_dict(stored)
    return load_tariff(resource("postal", "tariff.json"))


def tariff_view(ctx: Context) -> TariffView:
    """The tariff in force, as ``postal tariff`` shows it."""
    return TariffView(tariff(ctx))


def set_tariff(ctx: Context, data: Any) -> TariffView:
    """Validate a tariff document and store it as the office's; refused whole when invalid.
    Configuration: the administrator's (the "users" action is the administrator's only)."""
    require_role(ctx, "users")
    parsed = rules.Tariff.from_dict(data)
    with ctx.store.unit_of_work() as session:
        repo.put_settings(session, {TARIFF_SETTING: data})
        session.commit()
    return TariffView(parsed)


# A tariff is a few zones of weight steps: a few kilobytes.
TARIFF_LIMITS = files.Limits(max_bytes=1 * files.MiB, max_depth=8, max_json_values=100_000)


def read_tariff_file(path: Path) -> Any:
    """A tariff file (JSON, the shape ``postal tariff --json`` prints), read within bounds."""
    return files.read_json(Path(path), TARIFF_LIMITS)
