"""The projection of a dossier's events: order-independent, once-only extension, refused moves."""

import random
from datetime import datetime, timedelta

import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.dossier import Event, EventType, Status, TransitionRefused, apply, project

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=VN_TZ)
DUE = T0 + timedelta(days=3)


def ev(type_, minutes, **payload):
    return Event(
        id=f"{minutes:06d}-{type_}",
        dossier_id="d",
        type=type_,
        at=T0 + timedelta(minutes=minutes),
        actor="a",
        workstation="w",
        payload=payload,
    )


RECEIVED = ev(EventType.RECEIVED, 0, due_at=DUE.isoformat())


def test_received_then_result_then_returned():
    state = project([RECEIVED, ev(EventType.RESULT_READY, 60), ev(EventType.RETURNED, 120)])
    assert state.status == Status.RETURNED
    assert state.result_at == T0 + timedelta(minutes=60)
    assert state.due_at == DUE


def test_any_arrival_order_gives_the_same_state():
    events = [
        RECEIVED,
        ev(EventType.SUPPLEMENT_REQUESTED, 10),
        ev(EventType.SUPPLEMENT_COMPLETED, 20, due_at=(DUE + timedelta(days=2)).isoformat()),
        ev(EventType.EXTENDED, 30, new_due_at=(DUE + timedelta(days=5)).isoformat()),
        ev(EventType.RESULT_READY, 40),
        ev(EventType.RETURNED, 50, recipient="Nguyễn Văn An"),
    ]
    expected = project(events)
    rng = random.Random(7)
    for _ in range(50):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert project(shuffled) == expected
    assert expected.status == Status.RETURNED
    assert expected.extended
    assert expected.due_at == DUE + timedelta(days=5)
    assert expected.returned_to == "Nguyễn Văn An"


def test_supplement_restarts_the_clock():
    new_due = DUE + timedelta(days=4)
    state = project(
        [
            RECEIVED,
            ev(EventType.SUPPLEMENT_REQUESTED, 10),
            ev(EventType.SUPPLEMENT_COMPLETED, 20, due_at=new_due.isoformat()),
        ]
    )
    assert state.status == Status.RECEIVED
    assert state.due_at == new_due
    assert state.original_due_at == DUE


def test_second_extension_has_no_effect_and_is_refused_directly():
    first = ev(EventType.EXTENDED, 10, new_due_at=(DUE + timedelta(days=1)).isoformat())
    second = ev(EventType.EXTENDED, 20, new_due_at=(DUE + timedelta(days=9)).isoformat())
    state = project([RECEIVED, first, second])
    assert state.due_at == DUE + timedelta(days=1)
    with pytest.raises(TransitionRefused):
        apply(state, second)


def test_return_before_result_is_refused():
    state = project([RECEIVED])
    with pytest.raises(TransitionRefused):
        apply(state, ev(EventType.RETURNED, 5))


def test_overdue_only_while_the_result_is_owed():
    state = project([RECEIVED])
    assert not state.is_overdue(DUE)
    assert state.is_overdue(DUE + timedelta(seconds=1))
    done = project([RECEIVED, ev(EventType.RESULT_READY, 60)])
    assert not done.is_overdue(DUE + timedelta(days=10))


def test_awaiting_a_supplement_is_never_overdue():
    """The clock stands still while the applicant completes the dossier."""
    state = project([RECEIVED, ev(EventType.SUPPLEMENT_REQUESTED, 10)])
    assert not state.is_overdue(DUE + timedelta(days=30))
