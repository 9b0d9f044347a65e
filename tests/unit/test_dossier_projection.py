"""The projection of a dossier's events: order-independent, once-only extension, refused moves."""

import random
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.domain.clock import VN_TZ
from onestop.domain.dossier import (
    TRANSITIONS,
    Event,
    EventType,
    Status,
    TransitionRefused,
    allowed,
    apply,
    check_insert,
    project,
)
from onestop.domain.errors import InputError

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


# --- check_insert: a recorded event against the history where its time puts it ---------------

_PAYLOADS = {
    EventType.SUPPLEMENT_COMPLETED: {"due_at": (DUE + timedelta(days=2)).isoformat()},
    EventType.EXTENDED: {"new_due_at": (DUE + timedelta(days=5)).isoformat()},
}


def _effective(events):
    """The ids of the events that take effect in the fold (the received event aside)."""
    state, taken = project([RECEIVED]), set()
    for e in sorted(events, key=Event.sort_key):
        if e.type != EventType.RECEIVED and allowed(state, e.type):
            state, _ = apply(state, e), taken.add(e.id)
    return taken


@settings(max_examples=300, deadline=None)
@given(
    history=st.lists(
        st.tuples(st.sampled_from(list(TRANSITIONS)), st.integers(1, 500)), max_size=8
    ),
    new=st.tuples(st.sampled_from(list(TRANSITIONS)), st.integers(-10, 600)),
)
def test_an_accepted_insert_takes_effect_and_voids_nothing(history, new):
    events = [RECEIVED] + [ev(t, m, **_PAYLOADS.get(t, {})) for t, m in history]
    event = ev(new[0], new[1], **_PAYLOADS.get(new[0], {}))
    event = Event(**{**event.__dict__, "id": f"{new[1]:06d}-~new"})  # sorts after its peers
    before = _effective(events)
    try:
        state = check_insert(events, event)
    except (InputError, TransitionRefused) as exc:
        if isinstance(exc, InputError):
            assert exc.field == "at"
            if event.at < RECEIVED.at:
                return  # before the receipt: the dossier did not exist yet
        after = _effective([*events, event])
        # Refused: inserted anyway, it would have had no effect or voided a later event.
        assert event.id not in after or not before <= after
        return
    after = _effective([*events, event])
    assert event.id in after and before <= after
    assert state == project([*events, event])


def test_a_return_before_the_result_is_refused_naming_at_and_after_it_accepted():
    events = [RECEIVED, ev(EventType.RESULT_READY, 60)]
    with pytest.raises(InputError) as refused:
        check_insert(events, ev(EventType.RETURNED, 30, recipient="An"))
    assert refused.value.field == "at"
    assert check_insert(events, ev(EventType.RETURNED, 90)).status == Status.RETURNED
    with pytest.raises(TransitionRefused):  # never allowed, whenever: the state is at fault
        check_insert([RECEIVED], ev(EventType.RETURNED, 30))
    with pytest.raises(InputError) as before_receipt:
        check_insert(events, ev(EventType.NOTE, -5))
    assert before_receipt.value.field == "at"
