"""Due dates and the office calendar as use cases: explain a due date, list a year, overrides."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from onestop.domain import input_policy as policy
from onestop.domain.errors import InputError
from onestop.store import repository as repo
from onestop.store import tables as t

from .context import Context


def due(
    ctx: Context,
    *,
    procedure: str | None = None,
    days: int | None = None,
    hours: float | None = None,
    received_at: datetime | None = None,
) -> dict[str, Any]:
    received_at = received_at or ctx.clock()
    extra: dict[str, Any] = {}
    if procedure is not None:
        with ctx.store.reading() as session:
            proc = repo.procedure(session, procedure)
            if proc is None:
                raise InputError("procedure", f"Không có thủ tục mã '{procedure}'")
            days, hours = proc.processing_days, proc.processing_hours
            extra = {"procedure_code": proc.code, "procedure_name": proc.name}
    result = ctx.calendar.due(received_at, days=days, hours=hours)
    return {**result.to_json(), **extra}


def year(ctx: Context, year: int) -> dict[str, Any]:
    return ctx.calendar.year(year)


KINDS = ("day_off", "working_day")


def add_override(ctx: Context, day: date, kind: str, name: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise InputError("kind", "Loại ngày phải là day_off (nghỉ) hoặc working_day (làm bù)")
    name = policy.clean(name, "name") or (
        "Ngày nghỉ theo thông báo" if kind == "day_off" else "Ngày làm bù"
    )
    with ctx.store.unit_of_work() as session:
        session.merge(
            t.CalendarOverride(
                day=day.isoformat(), kind=kind, name=name, source="local", updated_at=ctx.clock()
            )
        )
        session.commit()
    ctx.refresh()
    return {"date": day.isoformat(), "kind": kind, "name": name}


def remove_override(ctx: Context, day: date) -> dict[str, Any]:
    with ctx.store.unit_of_work() as session:
        row = session.get(t.CalendarOverride, day.isoformat())
        if row is None:
            raise InputError("DATE", f"Không có ngày điều chỉnh {day.isoformat()}")
        session.delete(row)
        session.commit()
    ctx.refresh()
    return {"date": day.isoformat(), "removed": True}
