"""Who is acting, on which store, at what time: what every use case needs, built once."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from onestop.adapters.calendar_files import default_calendar
from onestop.domain import input_policy as policy
from onestop.domain.calendar import OfficeHours, WorkingCalendar
from onestop.domain.clock import (
    DEFAULT_BACK_ENTRY_DAYS,
    VN_TZ,
    check_back_entry_days,
    now,
    recorded_time,
)
from onestop.domain.codes import DEFAULT_PATTERN, CodeScheme
from onestop.domain.errors import InputError
from onestop.domain.ids import new_id_str
from onestop.domain.messages import msg
from onestop.store import repository as repo
from onestop.store import repository_office as office
from onestop.store.db import Store

DEMO_AGENCY_CODE = "000.00.00.H00"
DEMO_AGENCY_NAME = "ỦY BAN NHÂN DÂN PHƯỜNG MẪU"
# Since 1 July 2025 (Decree 118/2025/NĐ-CP) a commune's or ward's one-stop counter is its
# public administrative service centre; the 2018 "Bộ phận Tiếp nhận và Trả kết quả" is gone.
DEFAULT_UNIT_NAME = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
DEMO_PHONE = "0296 3 999 999"


@dataclass(frozen=True)
class OfficeSettings:
    """The office's configuration as stored in the settings table (defaults for a new store)."""

    agency_code: str = DEMO_AGENCY_CODE
    agency_name: str = DEMO_AGENCY_NAME
    unit_name: str = DEFAULT_UNIT_NAME
    place: str = "Phường Mẫu"
    phone: str | None = None  # the office's phone, printed where the forms say whom to call
    code_pattern: str = DEFAULT_PATTERN
    code_width: int = 4
    workstation_id: str = ""
    workstation_number: int = 1
    workstation_name: str = "Quầy 1"
    office_hours: dict[str, Any] = field(default_factory=lambda: OfficeHours().to_dict())
    postage_payer: str = "agency"
    lookup_url: str | None = None
    receipt_layout: str = "a5_pages"
    demo: bool = False
    # How far back a recorded time may reach (calendar days); this workstation's own setting.
    back_entry_days: int = DEFAULT_BACK_ENTRY_DAYS

    @classmethod
    def from_store(cls, values: dict[str, Any]) -> OfficeSettings:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_store(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def code_scheme(self) -> CodeScheme:
        return CodeScheme(agency=self.agency_code, pattern=self.code_pattern, width=self.code_width)

    @property
    def hours(self) -> OfficeHours:
        return OfficeHours.from_dict(self.office_hours)


# What a Context loads once and keeps (functools.cached_property stores it on the instance).
_CACHED = ("settings", "calendar")


@dataclass
class Context:
    store: Store
    actor: str = field(default_factory=getpass.getuser)
    clock: Callable[[], datetime] = now
    # The signed-in person's role (onestop.services.users.ROLES); None: the local operator on
    # the command line, who may do everything.
    role: str | None = None

    @cached_property
    def settings(self) -> OfficeSettings:
        with self.store.reading() as session:
            values = repo.get_settings(session)
        return OfficeSettings.from_store(values)

    @cached_property
    def calendar(self) -> WorkingCalendar:
        with self.store.reading() as session:
            extra = office.calendar_overrides(session)
        return default_calendar(hours=self.settings.hours, extra=extra)

    def recorded_time(self, at: datetime | None, field: str = "at") -> datetime:
        """When something recorded now happened (default: now), checked in the one place every
        use case that records goes through: not in the future, not before the back-entry
        window (``back_entry_days``)."""
        if at is None:
            return self.clock().astimezone(VN_TZ)
        return recorded_time(at, field, self.clock, self.settings.back_entry_days)

    def for_thread(self) -> Context:
        """A Context for another thread: the same store, actor, role and clock, with the settings
        and calendar this one already loaded (immutable values; no session is shared)."""
        return self.with_role(self.role)

    def with_role(self, role: str | None) -> Context:
        """The same context acting in another role (None: the local operator), keeping what
        it already loaded."""
        copy = Context(store=self.store, actor=self.actor, clock=self.clock, role=role)
        for cached in _CACHED:
            if cached in vars(self):
                vars(copy)[cached] = vars(self)[cached]
        return copy

    def refresh(self) -> None:
        """Forget cached settings and calendar (and whether the store is set up) after they
        changed, or after the context was pointed at another store."""
        for cached in (*_CACHED, "_initialized"):
            vars(self).pop(cached, None)

    @property
    def initialized(self) -> bool:
        # Once set up, a store stays set up: ask the database only until then.
        if vars(self).get("_initialized"):
            return True
        with self.store.reading() as session:
            done = "workstation_id" in repo.get_settings(session)
        vars(self)["_initialized"] = done
        return done


# Office settings typed by a person: printed on every form, so under the input policy.
_TEXT_SETTINGS = (
    "agency_code",
    "agency_name",
    "unit_name",
    "workstation_name",
    "place",
    "code_pattern",
    "lookup_url",
    "phone",
)


def ensure_initialized(ctx: Context, **overrides: Any) -> OfficeSettings:
    """Write the office settings once (a fresh workstation identity), keeping what exists."""
    for key in _TEXT_SETTINGS:
        if isinstance(overrides.get(key), str):
            overrides[key] = policy.clean(overrides[key], key, limit=policy.LINE)
    if "unit_name" in overrides and not overrides["unit_name"]:
        raise InputError("unit_name", msg("setup.unit_name_below"))
    with ctx.store.unit_of_work() as session:
        current = repo.get_settings(session)
        values = {**OfficeSettings().to_store(), **current, **overrides}
        # A counter given its number and no name of its own is named after the number
        # ("Quầy 2"), not left with the first counter's default name.
        default_name = f"Quầy {current.get('workstation_number', 1)}"
        if (
            "workstation_number" in overrides
            and "workstation_name" not in overrides
            and current.get("workstation_name", default_name) == default_name
        ):
            values["workstation_name"] = f"Quầy {overrides['workstation_number']}"
        if not values.get("workstation_id"):
            values["workstation_id"] = new_id_str()
        settings = OfficeSettings.from_store(values)
        # Validate before writing: a bad agency code or pattern must not reach the store.
        settings.code_scheme.band(settings.workstation_number)
        settings.hours  # noqa: B018 - validates office hours
        check_back_entry_days(settings.back_entry_days)
        repo.put_settings(session, settings.to_store())
        session.commit()
    ctx.refresh()
    return settings
