"""The desktop client's supervisor operations: the dashboard of a period and the dossiers behind
one of its numbers (reads; the citizen's rating is in operations.rating)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from onestop.services import dashboard as dashboard_service
from onestop.services.dashboard import PERIODS, Dashboard, Drill, period_days

from . import read

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from onestop.services.context import Context
    from onestop.ui.ops import Op

__all__ = [
    "PERIODS",
    "Dashboard",
    "Drill",
    "dashboard",
    "drill",
    "period_days",
]


def dashboard(
    parent: QObject | None, ctx: Context, first: date, last: date, counter: str | None
) -> Op[Dashboard]:
    return read(parent, ctx, dashboard_service.dashboard, first, last, counter)


def drill(
    parent: QObject | None,
    ctx: Context,
    first: date,
    last: date,
    figure: str,
    by: str | None = None,
    key: str | None = None,
    counter: str | None = None,
) -> Op[Drill]:
    return read(parent, ctx, dashboard_service.drill, first, last, figure, by, key, counter)
