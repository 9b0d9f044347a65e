"""The supervisors' figures for a period of local dates, from dossiers' histories (issue 16).

One definition, used by the command line's report, the periodic report's files and the window:

- ``received``: received in the period (by channel); ``carried_over``: received before the period
  and still being handled at its start.
- ``resolved``: the result became ready in the period; of them ``early`` (ready on a day before
  the due date's day), ``on_time`` (ready by the due time; includes early) and ``late``. The due
  date is the one in force without any extension (a supplement's completion restarts the clock,
  an extension does not): an extended dossier is always late (``late_with_apology``), and one
  asked for supplements more than once is late too (``late_by_supplements``, as the published
  formula of the Decision 766/QĐ-TTg index counts it). ``refused`` and ``stopped`` apart.
- ``open``: still being handled at the end of the period (or now, when the period reaches today),
  of which ``overdue``: past the due date in force, while the clock runs. An apology recorded
  too late (``extend --late``, the event's ``"late": true``) does not make an overdue dossier
  within the limit again: it stays overdue, judged against the date without the extension.
- ``on_time_rate`` = on_time / resolved (None when nothing was resolved).
- Satisfaction: the ratings given in the period, and the share satisfied or better.

Pure: no I/O; the caller hands in the histories and "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from onestop.domain.clock import VN_TZ
from onestop.domain.dossier import (
    CLOCK_RUNNING,
    DossierState,
    Event,
    EventType,
    Status,
    allowed,
    apply,
    as_datetime,
    initial_state,
)

CHANNELS = ("counter", "postal", "online")
SCORES = ("very_satisfied", "satisfied", "dissatisfied")
SCORE_LABELS_VI = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "dissatisfied": "Không hài lòng",
}
# Statuses in which the office is still handling the dossier (the result is not ready yet).
IN_HAND = frozenset({Status.RECEIVED, Status.SUPPLEMENT_REQUESTED, Status.TRANSFERRED})


@dataclass(frozen=True)
class Period:
    """The local days ``first`` to ``last`` (both included), seen at ``now``."""

    first: date
    last: date
    now: datetime

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=VN_TZ)

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=VN_TZ)

    @property
    def seen_at(self) -> datetime:
        """When the open dossiers are counted: the end of the period, or now if that is earlier
        (the period reaches today: the future is not known yet)."""
        return min(self.end, self.now)

    def holds(self, at: datetime | None) -> bool:
        return at is not None and self.start <= at < self.end


@dataclass(frozen=True)
class Outcome:
    """What one dossier adds to the figures of a period."""

    channel: str = "counter"
    received: bool = False
    carried_over: bool = False
    resolved: bool = False
    early: bool = False
    on_time: bool = False
    late: bool = False
    late_with_apology: bool = False
    late_by_supplements: bool = False
    refused: bool = False
    stopped: bool = False
    open: bool = False
    overdue: bool = False
    score: str | None = None

    @property
    def counted(self) -> bool:
        """Whether the dossier shows in the period at all (else a report leaves it out)."""
        return any(
            (self.received, self.carried_over, self.resolved, self.refused, self.stopped)
        ) or bool(self.open or self.score)


@dataclass
class _Walk:
    """The fold of a history, keeping what the projection forgets: the due date without any
    extension, and how many supplement requests took effect."""

    state: DossierState
    due_without_extension: datetime
    supplements: int = 0
    extended: bool = False
    late_extension: bool = False  # the apology came on the due date's day or later


def _walk(events: Sequence[Event], until: datetime | None = None) -> _Walk:
    ordered = sorted(events, key=Event.sort_key)
    received = next(e for e in ordered if e.type == EventType.RECEIVED)
    state = initial_state(received)
    walk = _Walk(state, state.due_at)
    for event in ordered:
        if until is not None and event.at >= until:
            break
        if event is received or event.type == EventType.RECEIVED:
            continue
        if not allowed(walk.state, event.type):
            continue  # out of order or conflicting: kept in the history, without effect
        walk.state = apply(walk.state, event)
        if event.type == EventType.SUPPLEMENT_COMPLETED:
            walk.due_without_extension = as_datetime(event.payload["due_at"])
        elif event.type == EventType.SUPPLEMENT_REQUESTED:
            walk.supplements += 1
        elif event.type == EventType.EXTENDED:
            walk.extended = True
            walk.late_extension = bool(event.payload.get("late"))
    return walk


def classify(events: Sequence[Event], period: Period, channel: str = "counter") -> Outcome:
    """What a dossier (its whole history) adds to the figures of the period."""
    whole = _walk(events)
    received_at = whole.state.received_at
    out = Outcome(channel=channel, received=period.holds(received_at))
    if received_at < period.start:
        before = _walk(events, period.start)
        out = replace(out, carried_over=before.state.status in IN_HAND)
    if received_at < period.seen_at:
        is_open, overdue = open_at(events, period.seen_at)
        out = replace(out, open=is_open, overdue=overdue)
    final = whole.state
    if final.result_at is not None and period.holds(final.result_at):
        out = replace(out, **_timeliness(whole, final.result_at))
    elif final.status in (Status.REFUSED, Status.STOPPED) and period.holds(final.finished_at):
        out = replace(out, **{final.status.value: True})
    rating = rating_of(events)
    if rating is not None and period.holds(rating.at):
        out = replace(out, score=rating.payload.get("score"))
    return out


def open_at(events: Sequence[Event], at: datetime) -> tuple[bool, bool]:
    """Whether a dossier (received before ``at``) is being handled at ``at``, and overdue then:
    its clock runs and its due date (the one before a late extension) has passed."""
    seen = _walk(events, at)
    if seen.state.status not in IN_HAND:
        return False, False
    running = seen.state.status in CLOCK_RUNNING
    due = seen.due_without_extension if seen.late_extension else seen.state.due_at
    return True, running and at > due


def _timeliness(walk: _Walk, ready: datetime) -> dict[str, bool]:
    # The state at the result: the due date and supplements then (nothing changes them later).
    due = walk.due_without_extension
    by_supplements = walk.supplements > 1
    in_time = ready <= due and not walk.extended and not by_supplements
    return {
        "resolved": True,
        "on_time": in_time,
        "early": in_time and ready.astimezone(VN_TZ).date() < due.astimezone(VN_TZ).date(),
        "late": not in_time,
        "late_with_apology": walk.extended,
        "late_by_supplements": by_supplements,
    }


def rating_of(events: Iterable[Event]) -> Event | None:
    """The dossier's rating: the first one recorded (only one is allowed)."""
    rated = [e for e in events if e.type == EventType.RATED]
    return min(rated, key=Event.sort_key, default=None)


def _fraction(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


@dataclass(frozen=True)
class Satisfaction:
    very_satisfied: int = 0
    satisfied: int = 0
    dissatisfied: int = 0

    @property
    def rated(self) -> int:
        return self.very_satisfied + self.satisfied + self.dissatisfied

    @property
    def share_satisfied(self) -> float | None:
        """The share satisfied or better (None when nobody rated)."""
        return _fraction(self.very_satisfied + self.satisfied, self.rated)

    def to_json(self) -> dict[str, Any]:
        return {
            "very_satisfied": self.very_satisfied,
            "satisfied": self.satisfied,
            "dissatisfied": self.dissatisfied,
            "rated": self.rated,
            "share_satisfied": self.share_satisfied,
        }


COUNTS = (
    "received",
    "carried_over",
    "resolved",
    "early",
    "on_time",
    "late",
    "late_with_apology",
    "late_by_supplements",
    "refused",
    "stopped",
    "open",
    "overdue",
)


@dataclass(frozen=True)
class Figures:
    """The figures of a set of dossiers for one period."""

    received: int = 0
    received_by_channel: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNELS, 0))
    carried_over: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    late_with_apology: int = 0
    late_by_supplements: int = 0
    refused: int = 0
    stopped: int = 0
    open: int = 0
    overdue: int = 0
    satisfaction: Satisfaction = field(default_factory=Satisfaction)

    @property
    def on_time_rate(self) -> float | None:
        return _fraction(self.on_time, self.resolved)

    @property
    def within_limit(self) -> int:
        """Still being handled and not overdue."""
        return self.open - self.overdue

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in COUNTS}
        data["received_by_channel"] = dict(self.received_by_channel)
        data["on_time_rate"] = self.on_time_rate
        data["satisfaction"] = self.satisfaction.to_json()
        return data


# The counts by which a dossier shows in a period at all (besides a rating): see Outcome.counted.
SHOWN_BY = ("received", "carried_over", "resolved", "refused", "stopped", "open")


@dataclass
class Tally:
    """Figures being added up: from outcomes one by one, or from counts made elsewhere (the
    store's SQL for the dossiers whose figures follow from their columns)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    channels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNELS, 0))
    scores: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORES, 0))
    counted: bool = False

    def add(self, out: Outcome) -> None:
        for name in COUNTS:
            self.counts[name] += getattr(out, name)
        if out.received:
            self.channels[out.channel] = self.channels.get(out.channel, 0) + 1
        if out.score in self.scores:
            self.scores[out.score] += 1
        self.counted = self.counted or out.counted

    def add_counts(self, channel: str, values: Sequence[int]) -> None:
        """``values``: one number per name of COUNTS, in that order, all of one channel."""
        for name, value in zip(COUNTS, values, strict=True):
            self.counts[name] += value or 0
        found = dict(zip(COUNTS, values, strict=True))
        if found["received"]:
            self.channels[channel] = self.channels.get(channel, 0) + found["received"]
        self.counted = self.counted or any(found[name] for name in SHOWN_BY)

    def add_score(self, score: str, number: int) -> None:
        if score in self.scores and number:
            self.scores[score] += number
            self.counted = True

    def figures(self) -> Figures:
        return Figures(
            received_by_channel=dict(self.channels),
            satisfaction=Satisfaction(**self.scores),
            **self.counts,
        )


def figures(outcomes: Iterable[Outcome]) -> Figures:
    tally = Tally()
    for out in outcomes:
        tally.add(out)
    return tally.figures()
