"""An office's working hours: its sessions (per weekday when they differ), its working weekdays
and the cut-off after which a dossier counts from the next working day; read from and written
to the settings' shape."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

__all__ = ["DEFAULT_HOURS", "OfficeHours", "Session"]

Session = tuple[time, time]

_DEFAULT_SESSIONS: tuple[Session, ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
_DEFAULT_WEEKDAYS: frozenset[int] = frozenset({0, 1, 2, 3, 4})
_DEFAULT_CUTOFF = time(15, 0)
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _parse_time(field_name: str, value: Any) -> time:
    if isinstance(value, str):
        m = _TIME_RE.match(value.strip())
        if m:
            h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
            if h < 24 and mi < 60 and s < 60:
                return time(h, mi, s)
    raise InputError(field_name, msg("hours.time", value=value))


def _format_time(t: time) -> str:
    return t.strftime("%H:%M:%S" if t.second else "%H:%M")


def _check_sessions(field_name: str, sessions: Any) -> tuple[Session, ...]:
    try:
        result = tuple((start, end) for start, end in sessions)
    except (TypeError, ValueError):
        raise InputError(field_name, msg("hours.pair")) from None
    if not result:
        raise InputError(field_name, msg("hours.none"))
    previous_end: time | None = None
    for start, end in result:
        if not (isinstance(start, time) and isinstance(end, time)):
            raise InputError(field_name, msg("hours.time_of_day"))
        if start >= end:
            shown = {"start": _format_time(start), "end": _format_time(end)}
            raise InputError(field_name, msg("hours.order", **shown))
        if previous_end is not None and start < previous_end:
            raise InputError(
                field_name,
                msg("hours.overlap", start=_format_time(start), end=_format_time(previous_end)),
            )
        previous_end = end
    return result


def _check_weekday(field_name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise InputError(field_name, msg("hours.weekday", value=value))
    return value


@dataclass(frozen=True)
class OfficeHours:
    """When the counter works. ``weekday_sessions`` lets some weekdays have other sessions
    (e.g. Saturday morning only); the other working days use ``sessions``."""

    sessions: tuple[Session, ...] = _DEFAULT_SESSIONS
    weekdays: frozenset[int] = _DEFAULT_WEEKDAYS  # Monday = 0
    cutoff: time = _DEFAULT_CUTOFF
    weekday_sessions: tuple[tuple[int, tuple[Session, ...]], ...] = field(default=())

    def __post_init__(self) -> None:
        # Normalised here so that lists from callers still give a hashable, comparable value.
        object.__setattr__(self, "sessions", _check_sessions("sessions", self.sessions))
        try:
            weekdays = frozenset(_check_weekday("weekdays", wd) for wd in self.weekdays)
        except TypeError:
            raise InputError("weekdays", msg("hours.weekdays")) from None
        if not weekdays:
            raise InputError("weekdays", msg("hours.weekdays_none"))
        object.__setattr__(self, "weekdays", weekdays)
        if not isinstance(self.cutoff, time):
            raise InputError("cutoff", msg("hours.cutoff"))
        items = (
            self.weekday_sessions.items()
            if isinstance(self.weekday_sessions, Mapping)
            else self.weekday_sessions
        )
        per_day = {
            _check_weekday("weekday_sessions", wd): _check_sessions("weekday_sessions", s)
            for wd, s in items
        }
        object.__setattr__(self, "weekday_sessions", tuple(sorted(per_day.items())))

    def sessions_on(self, weekday: int) -> tuple[Session, ...]:
        """The sessions of a working day that falls on ``weekday`` (Monday = 0)."""
        for wd, sessions in self.weekday_sessions:
            if wd == weekday:
                return sessions
        return self.sessions

    def open_at(self, weekday: int, at: time) -> bool:
        """Whether ``at`` falls in one of the sessions of a working day on ``weekday`` (the
        calendar says whether the day itself is worked)."""
        if weekday not in self.weekdays:
            return False
        return any(start <= at < end for start, end in self.sessions_on(weekday))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OfficeHours:
        """Reads the settings form / file shape, e.g. ``{"sessions": [["07:30", "11:30"],
        ["13:30", "17:00"]], "weekdays": [0, 1, 2, 3, 4], "cutoff": "15:00"}``; missing keys
        keep the defaults."""
        if not isinstance(data, Mapping):
            raise InputError("office_hours", msg("hours.table"))
        unknown = sorted(set(data) - {"sessions", "weekdays", "cutoff", "weekday_sessions"})
        if unknown:
            raise InputError(unknown[0], msg("hours.unknown_field", name=unknown[0]))
        kwargs: dict[str, Any] = {}
        if "sessions" in data:
            kwargs["sessions"] = _parse_sessions("sessions", data["sessions"])
        if "weekdays" in data:
            weekdays = data["weekdays"]
            if isinstance(weekdays, str | bytes) or not isinstance(weekdays, Iterable):
                raise InputError("weekdays", msg("hours.weekdays_list"))
            kwargs["weekdays"] = frozenset(_check_weekday("weekdays", wd) for wd in weekdays)
        if "cutoff" in data:
            kwargs["cutoff"] = _parse_time("cutoff", data["cutoff"])
        if "weekday_sessions" in data:
            raw = data["weekday_sessions"]
            if not isinstance(raw, Mapping):
                raise InputError("weekday_sessions", msg("hours.by_day"))
            per_day: dict[int, tuple[Session, ...]] = {}
            for key, sessions in raw.items():
                try:
                    wd = int(key)
                except (TypeError, ValueError):
                    wd = key
                per_day[_check_weekday("weekday_sessions", wd)] = _parse_sessions(
                    "weekday_sessions", sessions
                )
            kwargs["weekday_sessions"] = tuple(per_day.items())
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sessions": [[_format_time(s), _format_time(e)] for s, e in self.sessions],
            "weekdays": sorted(self.weekdays),
            "cutoff": _format_time(self.cutoff),
        }
        if self.weekday_sessions:
            data["weekday_sessions"] = {
                str(wd): [[_format_time(s), _format_time(e)] for s, e in sessions]
                for wd, sessions in self.weekday_sessions
            }
        return data


def _parse_sessions(field_name: str, raw: Any) -> tuple[Session, ...]:
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InputError(field_name, msg("hours.sessions"))
    sessions = []
    for pair in raw:
        if isinstance(pair, str | bytes) or not isinstance(pair, Iterable) or len(pair) != 2:
            raise InputError(field_name, msg("hours.session", pair=pair))
        sessions.append((_parse_time(field_name, pair[0]), _parse_time(field_name, pair[1])))
    return tuple(sessions)


DEFAULT_HOURS = OfficeHours()
