"""Dossiers as an append-only list of events, and the projection that derives their current state.

The projection is a pure fold over the events sorted by (time, id): events that arrive in any
order (offline workstations, sync) give the same state everywhere. An event that the state
reached so far does not allow is kept in the history but has no effect, deterministically.
An event recorded here is refused instead (``check_insert``): it must be allowed where its time
puts it in the history and must leave every later event its effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from onestop.domain.clock import VN_TZ
from onestop.domain.errors import InputError
from onestop.domain.ids import new_id_str
from onestop.domain.messages import label, msg


class Status(StrEnum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    TRANSFERRED = "transferred"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    UNDELIVERABLE = "undeliverable"
    REFUSED = "refused"
    STOPPED = "stopped"


STATUS_LABELS_VI: dict[str, str] = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.SUPPLEMENT_REQUESTED: "Chờ bổ sung",
    Status.TRANSFERRED: "Đã chuyển xử lý",
    Status.RESULT_READY: "Có kết quả, chờ trả",
    Status.RETURNED: "Đã trả kết quả",
    Status.OUT_FOR_DELIVERY: "Bưu điện đang phát",
    Status.DELIVERED: "Đã phát tận nhà",
    Status.UNDELIVERABLE: "Phát không thành công",
    Status.REFUSED: "Từ chối giải quyết",
    Status.STOPPED: "Dừng giải quyết",
}

# Statuses after which nothing more happens to a dossier.
FINAL_STATUSES = frozenset({Status.RETURNED, Status.DELIVERED, Status.REFUSED, Status.STOPPED})
# Statuses in which the office owes a result and the processing time runs: these can become
# overdue. While a supplement is awaited the clock stands still; it restarts at completion.
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.TRANSFERRED})


class EventType(StrEnum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_COMPLETED = "supplement_completed"
    TRANSFERRED = "transferred"
    RESULT_READY = "result_ready"
    EXTENDED = "extended"
    RETURNED = "returned"
    REFUSED = "refused"
    STOPPED = "stopped"
    POSTAL_HANDOVER = "postal_handover"
    DELIVERY_ATTEMPT = "delivery_attempt"
    DELIVERED = "delivered"
    UNDELIVERABLE = "undeliverable"
    RATED = "rated"
    NOTE = "note"


EVENT_LABELS_VI: dict[str, str] = {
    EventType.RECEIVED: "Tiếp nhận hồ sơ",
    EventType.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung hồ sơ",
    EventType.SUPPLEMENT_COMPLETED: "Đã bổ sung đủ hồ sơ",
    EventType.TRANSFERRED: "Chuyển cơ quan giải quyết",
    EventType.RESULT_READY: "Nhận kết quả từ cơ quan giải quyết",
    EventType.EXTENDED: "Xin lỗi và hẹn lại ngày trả",
    EventType.RETURNED: "Trả kết quả tại quầy",
    EventType.REFUSED: "Từ chối giải quyết",
    EventType.STOPPED: "Dừng giải quyết",
    EventType.POSTAL_HANDOVER: "Giao bưu điện phát kết quả",
    EventType.DELIVERY_ATTEMPT: "Bưu điện phát không thành công",
    EventType.DELIVERED: "Bưu điện đã phát",
    EventType.UNDELIVERABLE: "Chuyển hoàn về Bộ phận Một cửa",
    EventType.RATED: "Đánh giá mức độ hài lòng",
    EventType.NOTE: "Ghi chú",
}

# Which statuses an event may start from, and the status it leads to (None: status unchanged).
# Public: the sync engine folds large batches with the same rules (onestop.sync.projection).
TRANSITIONS: dict[str, tuple[frozenset[str], Status | None]] = {
    EventType.SUPPLEMENT_REQUESTED: (
        frozenset({Status.RECEIVED, Status.TRANSFERRED}),
        Status.SUPPLEMENT_REQUESTED,
    ),
    EventType.SUPPLEMENT_COMPLETED: (frozenset({Status.SUPPLEMENT_REQUESTED}), Status.RECEIVED),
    EventType.TRANSFERRED: (frozenset({Status.RECEIVED}), Status.TRANSFERRED),
    EventType.RESULT_READY: (
        frozenset({Status.RECEIVED, Status.TRANSFERRED}),
        Status.RESULT_READY,
    ),
    EventType.EXTENDED: (frozenset({Status.RECEIVED, Status.TRANSFERRED}), None),
    EventType.RETURNED: (
        frozenset({Status.RESULT_READY, Status.UNDELIVERABLE}),
        Status.RETURNED,
    ),
    EventType.REFUSED: (
        frozenset({Status.RECEIVED, Status.TRANSFERRED, Status.SUPPLEMENT_REQUESTED}),
        Status.REFUSED,
    ),
    EventType.STOPPED: (
        frozenset({Status.RECEIVED, Status.TRANSFERRED, Status.SUPPLEMENT_REQUESTED}),
        Status.STOPPED,
    ),
    EventType.POSTAL_HANDOVER: (frozenset({Status.RESULT_READY}), Status.OUT_FOR_DELIVERY),
    EventType.DELIVERY_ATTEMPT: (frozenset({Status.OUT_FOR_DELIVERY}), None),
    EventType.DELIVERED: (frozenset({Status.OUT_FOR_DELIVERY}), Status.DELIVERED),
    EventType.UNDELIVERABLE: (frozenset({Status.OUT_FOR_DELIVERY}), Status.UNDELIVERABLE),
}


@dataclass(frozen=True)
class Event:
    id: str
    dossier_id: str
    type: str
    at: datetime
    actor: str
    workstation: str
    payload: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[datetime, str]:
        return (self.at, self.id)


@dataclass(frozen=True)
class DossierState:
    """What the events say about a dossier now. Times are aware datetimes."""

    status: Status
    received_at: datetime
    due_at: datetime
    original_due_at: datetime
    extended: bool = False
    result_at: datetime | None = None
    finished_at: datetime | None = None
    returned_to: str | None = None
    failed_attempts: int = 0
    consignment: str | None = None
    last_event_at: datetime | None = None
    # The due date before an extension recorded too late (``extend --late``): such a dossier was
    # late already, so it is judged against this date, never the new one (issue 14). None else.
    late_due_at: datetime | None = None
    # How many supplement requests took effect: asked more than once, a dossier is late whatever
    # its dates (Decision 766's index), which the figures read from this column (issue 16).
    supplements: int = 0

    @property
    def judged_due_at(self) -> datetime:
        """The due date overdue is judged against: the one before a late extension, else due_at."""
        return self.late_due_at if self.late_due_at is not None else self.due_at

    def is_overdue(self, now: datetime) -> bool:
        """Overdue: the result is owed, the clock runs, and the due time has passed."""
        return self.status in CLOCK_RUNNING and now > self.judged_due_at


class TransitionRefused(Exception):
    def __init__(self, status: str, event_type: str) -> None:
        super().__init__(f"{event_type} not allowed from {status}")
        self.status = status
        self.event_type = event_type


def allowed(state: DossierState, event_type: str) -> bool:
    if event_type in (EventType.RATED, EventType.NOTE):
        return True
    rule = TRANSITIONS.get(event_type)
    if rule is None:
        return False
    sources, _ = rule
    if state.status not in sources:
        return False
    # The law allows the return date to be moved once and only once.
    return not (event_type == EventType.EXTENDED and state.extended)


def apply(state: DossierState, event: Event) -> DossierState:
    """The state after one event; raises TransitionRefused when the event is not allowed."""
    if not allowed(state, event.type):
        raise TransitionRefused(state.status, event.type)
    _, target = TRANSITIONS.get(event.type, (frozenset(), None))
    p = event.payload
    changes: dict[str, Any] = {"last_event_at": event.at}
    if target is not None:
        changes["status"] = target
    if event.type == EventType.SUPPLEMENT_COMPLETED:
        # The clock restarts at completion; the service computed the new due date then.
        changes["due_at"] = as_datetime(p["due_at"])
        if state.late_due_at is not None:
            # A new clock after a late extension: judged by it, as domain.report does.
            changes["late_due_at"] = changes["due_at"]
    elif event.type == EventType.SUPPLEMENT_REQUESTED:
        changes["supplements"] = state.supplements + 1
    elif event.type == EventType.EXTENDED:
        changes["due_at"] = as_datetime(p["new_due_at"])
        changes["extended"] = True
        if p.get("late"):
            changes["late_due_at"] = state.due_at
    elif event.type == EventType.RESULT_READY:
        changes["result_at"] = event.at
    elif event.type in (EventType.RETURNED, EventType.DELIVERED):
        changes["finished_at"] = event.at
        changes["returned_to"] = p.get("recipient")
    elif event.type in (EventType.REFUSED, EventType.STOPPED):
        changes["finished_at"] = event.at
    elif event.type == EventType.POSTAL_HANDOVER:
        changes["consignment"] = p.get("consignment")
        changes["failed_attempts"] = 0
    elif event.type == EventType.DELIVERY_ATTEMPT:
        changes["failed_attempts"] = state.failed_attempts + 1
    return replace(state, **changes)


def initial_state(received: Event) -> DossierState:
    p = received.payload
    due = as_datetime(p["due_at"])
    return DossierState(
        status=Status.RECEIVED,
        received_at=received.at,
        due_at=due,
        original_due_at=due,
        last_event_at=received.at,
    )


def project(events: Iterable[Event]) -> DossierState:
    """Fold the events of one dossier, in (time, id) order, into its state."""
    ordered = sorted(events, key=Event.sort_key)
    received = [e for e in ordered if e.type == EventType.RECEIVED]
    if not received:
        raise ValueError("a dossier needs its received event")
    state = initial_state(received[0])
    for event in ordered:
        if event is received[0] or event.type == EventType.RECEIVED:
            continue
        # Out-of-order or conflicting events stay in the history without effect.
        if allowed(state, event.type):
            state = apply(state, event)
    return state


def _shown(at: datetime) -> str:
    return f"{at.astimezone(VN_TZ):%H:%M %d/%m/%Y}"


def _fold(state: DossierState, events: Iterable[Event]) -> DossierState:
    for event in events:
        if event.type != EventType.RECEIVED and allowed(state, event.type):
            state = apply(state, event)
    return state


def _first_received(events: Sequence[Event]) -> Event:
    received = min(
        (e for e in events if e.type == EventType.RECEIVED), key=Event.sort_key, default=None
    )
    if received is None:
        raise ValueError("a dossier needs its received event")
    return received


def _event_label(event_type: str) -> str:
    """An event's name inside a sentence: a catalogue label, which a window says in English."""
    return label("event", event_type, EVENT_LABELS_VI.get(event_type, event_type))


def state_before(events: Sequence[Event], new: Event) -> DossierState:
    """The dossier as its history stood when ``new`` happened: the fold of the events that sort
    before it. Refused (naming ``at``) before the receipt, when the dossier did not exist."""
    received = _first_received(events)
    if new.sort_key() < received.sort_key():
        raise InputError("at", msg("at.before_receipt"))
    key = new.sort_key()
    before = sorted((e for e in events if e.sort_key() < key), key=Event.sort_key)
    return _fold(initial_state(received), before)


def check_insert(events: Sequence[Event], new: Event) -> DossierState:
    """Check a new event against the history of its dossier where its (time, id) puts it: it
    must be allowed by the state as it stood then, and every later event that has an effect must
    keep it. Returns the state with it. Raises TransitionRefused (the state now) when the event
    is allowed neither at its time nor after everything recorded, so the state, not the time, is
    at fault; InputError naming ``at`` when its time is."""
    here = state_before(events, new)
    key = new.sort_key()
    later = sorted((e for e in events if e.sort_key() > key), key=Event.sort_key)
    when = _shown(new.at)
    what = _event_label(new.type)
    if not allowed(here, new.type):
        current = _fold(here, later)
        if not allowed(current, new.type):
            raise TransitionRefused(current.status, new.type)
        status = label("status", here.status, STATUS_LABELS_VI.get(here.status, here.status))
        raise InputError("at", msg("at.state_then", when=when, status=status, what=what))
    without, with_new = here, apply(here, new)
    for event in later:
        if event.type == EventType.RECEIVED:
            continue
        had, has = allowed(without, event.type), allowed(with_new, event.type)
        if had and not has:
            later_what = _event_label(event.type)
            refused = msg(
                "at.undoes_later",
                what=what,
                when=when,
                later=later_what,
                later_at=_shown(event.at),
            )
            raise InputError("at", refused)
        if had:
            without = apply(without, event)
        if has:
            with_new = apply(with_new, event)
    return with_new


@dataclass(frozen=True)
class Command:
    """What someone asks of a dossier: one event of ``type`` at ``at``, by ``actor`` on
    ``workstation``, carrying ``payload`` (JSON values)."""

    type: str
    at: datetime
    actor: str
    workstation: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=new_id_str)


def decide(history: Sequence[Event], dossier_id: str, commands: Sequence[Command]) -> list[Event]:
    """The events the commands lead to, each checked where its time puts it in the history
    (with the ones before it): raises TransitionRefused when the dossier's state refuses one,
    InputError naming ``at`` when its time does. Pure: the caller appends what it returns."""
    checked = list(history)
    new: list[Event] = []
    for command in commands:
        event = Event(
            id=command.id,
            dossier_id=dossier_id,
            type=command.type,
            at=command.at,
            actor=command.actor,
            workstation=command.workstation,
            payload=dict(command.payload),
        )
        check_insert(checked, event)
        checked.append(event)
        new.append(event)
    return new


def as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
