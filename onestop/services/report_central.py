"""The supervisors' report read from the central database (``report --central URL``): the same
figures and JSON as the local report, over every dossier of the agency that the centre holds
(all its counters'), typically read from a hot standby so that reports never compete with the
counters' syncs (packaging/central/README.md). The connecting role is a reports role
(packaging/central/reports_role.sql): read-only, kept to its agencies by row-level security."""

from __future__ import annotations

from typing import Any

from onestop.store.central_reading import AgencyReading
from onestop.sync import errors as sync_errors
from onestop.sync.config import SyncSettings

from .context import Context
from .sync import connect


def central_context(ctx: Context, url: str, password: str | None = None) -> Context:
    """A context whose reading goes to the central database at ``url``, for this workstation's
    agency, with this context's settings, calendar, actor, role and clock (the report's
    labels, the period's days). Close it with ``.store.close()``."""
    cfg, _ = SyncSettings().with_url(url)
    if cfg.is_sqlite:
        raise sync_errors.SyncError(
            sync_errors.CONFIG, "Báo cáo từ máy chủ trung tâm cần máy chủ PostgreSQL."
        )
    engine = connect(cfg, password=password)
    settings, calendar = ctx.settings, ctx.calendar
    central: Any = AgencyReading(engine, settings.agency_code)
    copy = Context(store=central, actor=ctx.actor, clock=ctx.clock, role=ctx.role)
    vars(copy)["settings"] = settings
    vars(copy)["calendar"] = calendar
    vars(copy)["_initialized"] = True
    return copy
