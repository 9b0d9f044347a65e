"""The counter desk's helps while receiving: how often this workstation used each procedure
lately (so that the finder offers the everyday one first), and the warnings a receipt may carry
without being refused: an open dossier of the same person and procedure, a receipt time outside
the office's sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from onestop.domain import addresses
from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import check_person_id
from onestop.services.context import Context
from onestop.store import repository_counter as queries

USE_DAYS = 90


@dataclass(frozen=True)
class ReceptionWarning:
    """Something the clerk should know before saving; the dossier is received all the same.
    ``code`` is "duplicate" (``dossier`` names the other open dossier) or "outside_hours"."""

    code: str
    message: str
    dossier: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code}
        if self.dossier is not None:
            data["dossier"] = self.dossier
        data["message"] = self.message
        return data


def procedure_use(ctx: Context, days: int = USE_DAYS) -> dict[str, int]:
    """Dossiers this workstation received in the last ``days`` days, by procedure code."""
    since = (ctx.clock().astimezone(VN_TZ).date() - timedelta(days=days)).isoformat()
    with ctx.store.reading() as session:
        return queries.procedure_use(session, ctx.settings.workstation_id, since)


def warnings_in(
    session: Any,
    ctx: Context,
    procedure_code: str,
    id_number: str | None,
    received_at: datetime,
    back_entry: bool,
) -> list[ReceptionWarning]:
    """The warnings for a receipt about to be recorded (inside the caller's unit of work)."""
    found: list[ReceptionWarning] = []
    if id_number:
        for code, _status in queries.open_dossiers_of(session, id_number, procedure_code):
            found.append(
                ReceptionWarning(
                    "duplicate",
                    f"Người có số giấy tờ {id_number} đang có hồ sơ {code} cùng thủ tục "
                    "chưa giải quyết xong",
                    code,
                )
            )
    if not back_entry:
        outside = outside_hours(ctx, received_at)
        if outside:
            found.append(ReceptionWarning("outside_hours", outside))
    return found


def outside_hours(ctx: Context, at: datetime) -> str | None:
    """Why ``at`` is outside the office's working time, or None when the counter is open."""
    local = at.astimezone(VN_TZ)
    hours = ctx.settings.hours
    sessions = ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in hours.sessions_on(local.weekday()))
    when = f"{local:%H:%M} ngày {local:%d/%m/%Y}"
    if not ctx.calendar.is_working_day(local.date()):
        reason = ctx.calendar.day_off_reason(local.date()) or "ngày nghỉ"
        return f"Thời điểm tiếp nhận {when} là ngày nghỉ ({reason})"
    if not hours.open_at(local.weekday(), local.time()):
        return f"Thời điểm tiếp nhận {when} nằm ngoài giờ làm việc ({sessions})"
    return None


def check(ctx: Context, procedure_code: str, id_number: str | None) -> list[ReceptionWarning]:
    """The warnings a receipt made now would carry, for the window to ask before saving."""
    if id_number:
        checked = check_person_id(id_number.strip(), today=ctx.clock().date())
        id_number = checked.normalized if checked.valid else None
    with ctx.store.reading() as session:
        return warnings_in(session, ctx, procedure_code, id_number, ctx.clock(), False)


def warm_addresses(_ctx: Context) -> int:
    """Build the map's ward index (about 45 ms the first time) on a worker, so that the first
    province picked at the counter does not hold the window; the number of provinces."""
    provinces = addresses.provinces()
    if provinces:
        addresses.wards(provinces[0].code)
    return len(provinces)
