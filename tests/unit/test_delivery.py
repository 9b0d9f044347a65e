"""The pure decisions of home delivery: a hand-over only of a ready result asked by post, the
order of attempts, the two-working-day gap, and the return after the second failure."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from onestop.domain.calendar import WorkingCalendar
from onestop.domain.clock import VN_TZ
from onestop.domain.delivery import (
    AttemptFacts,
    check_handover,
    decide_attempt,
    next_attempt_on,
)
from onestop.domain.dossier import Command, Event, EventType, decide, project
from onestop.domain.errors import InputError, StateError

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=VN_TZ)  # a Friday
CAL = WorkingCalendar(use_holidays=False)  # Mon-Fri
CODE = "000.00.00.H00-261120-0001"
S10 = "RR123456785VN"


def ev(type_, minutes, **payload):
    return Event(
        f"{minutes:06d}-{type_}", "d", type_, T0 + timedelta(minutes=minutes), "a", "w", payload
    )


def cmd(type_, minutes, **payload):
    return Command(type_, T0 + timedelta(minutes=minutes), "a", "w", payload)


READY = [
    ev(EventType.RECEIVED, 0, due_at=(T0 + timedelta(days=3)).isoformat()),
    ev(EventType.RESULT_READY, 10),
]
OUT = [*READY, ev(EventType.POSTAL_HANDOVER, 20, consignment=S10)]


def facts(outcome, minutes, **details):
    return AttemptFacts(outcome, T0 + timedelta(minutes=minutes), S10, details)


def attempt(history, outcome, minutes, **details):
    return decide_attempt(
        history, CODE, facts(outcome, minutes, **details), CAL, actor="a", workstation="w"
    )


def test_a_hand_over_only_of_a_ready_result_asked_by_post():
    new = check_handover(READY, "d", CODE, "post", cmd(EventType.POSTAL_HANDOVER, 20))
    assert [e.type for e in new] == [EventType.POSTAL_HANDOVER]
    with pytest.raises(StateError) as err:
        check_handover(READY[:1], "d", CODE, "post", cmd(EventType.POSTAL_HANDOVER, 20))
    assert err.value.field == "status"
    assert err.value.message == (
        f"Hồ sơ {CODE} chưa sẵn sàng giao bưu điện (trạng thái: Đã tiếp nhận)"
    )
    with pytest.raises(StateError) as err:
        check_handover(READY, "d", CODE, "counter", cmd(EventType.POSTAL_HANDOVER, 20))
    assert err.value.field == "return_by"
    with pytest.raises(InputError) as err:
        check_handover(READY, "d", CODE, "post", cmd(EventType.POSTAL_HANDOVER, 5))
    assert err.value.field == "at" and err.value.message.startswith(f"Hồ sơ {CODE}: ")


def test_delivered_carries_the_consignment_and_the_recipient():
    decision = attempt(OUT, "delivered", 30, recipient="An", recipient_id="001190012345")
    (command,) = decision.commands
    assert command.type == EventType.DELIVERED and decision.charge_kind is None
    assert command.payload == {
        "consignment": S10,
        "recipient": "An",
        "recipient_id": "001190012345",
    }


def test_two_failures_two_working_days_apart_then_the_return():
    first = attempt(OUT, "failed", 120, reason="Vắng", caused_by="citizen")
    (command,) = first.commands
    assert command.type == EventType.DELIVERY_ATTEMPT and first.charge_kind == "repeat_trip"
    # Friday + two working days: Tuesday.
    assert command.payload["attempt"] == 1 and command.payload["next_attempt_on"] == "2026-11-24"
    history = [*OUT, *decide(OUT, "d", first.commands)]
    assert next_attempt_on(history, project(history)) == "2026-11-24"
    monday = 3 * 24 * 60
    with pytest.raises(StateError) as err:
        attempt(history, "failed", monday, reason="Vắng", caused_by="citizen")
    assert err.value.field == "at" and "24/11/2026" in err.value.message
    with pytest.raises(InputError) as err:
        attempt(history, "failed", 60, reason="Vắng", caused_by="citizen")
    assert err.value.message == f"Thời điểm phát của hồ sơ {CODE} trước lần ghi nhận trước"
    second = attempt(history, "failed", monday + 24 * 60, reason="Vẫn vắng", caused_by="post")
    assert [c.type for c in second.commands] == [
        EventType.DELIVERY_ATTEMPT,
        EventType.UNDELIVERABLE,
    ]
    assert second.commands[1].payload == {"consignment": S10, "reason": "Vẫn vắng", "attempts": 2}
    assert second.charge_kind == "return_to_agency"


def test_an_outcome_needs_the_result_out_and_a_recorded_one_is_skipped():
    with pytest.raises(StateError) as err:
        attempt(READY, "failed", 30, reason="x", caused_by="citizen")
    assert err.value.message == (
        f"Hồ sơ {CODE} không ở trạng thái bưu điện đang phát (Có kết quả, chờ trả)"
    )
    done = attempt(OUT, "delivered", 30, recipient="An", recipient_id="1")
    history = [*OUT, *decide(OUT, "d", done.commands)]
    again = decide_attempt(
        history,
        CODE,
        facts("delivered", 30),
        CAL,
        actor="a",
        workstation="w",
        skip_recorded=True,
    )
    assert again.commands == ()
