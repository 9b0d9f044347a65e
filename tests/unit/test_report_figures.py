"""The supervisors' figures (onestop.domain.report) from hand-built histories, one rule a test."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.domain.clock import VN_TZ
from onestop.domain.dossier import Event, EventType
from onestop.domain.report import Period, classify, figures

# Period: Monday 16 to Friday 20 November 2026, seen on Wednesday 25th.
PERIOD = Period(date(2026, 11, 16), date(2026, 11, 20), datetime(2026, 11, 25, 10, tzinfo=VN_TZ))


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


class History:
    """A dossier's events, built one by one."""

    def __init__(self, received: datetime, due: datetime) -> None:
        self.events: list[Event] = []
        self.add(EventType.RECEIVED, received, due_at=due.isoformat())

    def add(self, type_: str, when: datetime, **payload) -> "History":
        n = len(self.events)
        self.events.append(Event(f"{n:04d}", "d", type_, when, "a", "w", payload))
        return self


def outcome(history: History, period: Period = PERIOD, channel: str = "counter"):
    return classify(history.events, period, channel)


def test_received_in_the_period_by_channel():
    h = History(at(16), at(18, 17))
    out = outcome(h, channel="postal")
    assert out.received and not out.carried_over
    f = figures([out])
    assert f.received == 1 and f.received_by_channel == {"counter": 0, "postal": 1, "online": 0}


def test_received_before_and_still_in_hand_is_carried_over():
    h = History(at(12), at(19, 17))
    out = outcome(h)
    assert out.carried_over and not out.received and out.open


def test_received_before_and_resolved_before_is_not_carried_over():
    h = History(at(12), at(19, 17)).add(EventType.RESULT_READY, at(13))
    out = outcome(h)
    assert not out.carried_over and not out.resolved and not out.counted


def test_early_on_time_and_late():
    early = outcome(History(at(16), at(18, 17)).add(EventType.RESULT_READY, at(17)))
    assert early.resolved and early.early and early.on_time and not early.late
    same_day = outcome(History(at(16), at(18, 17)).add(EventType.RESULT_READY, at(18, 16)))
    assert same_day.on_time and not same_day.early
    late = outcome(History(at(16), at(18, 17)).add(EventType.RESULT_READY, at(19, 8)))
    assert late.late and not late.on_time and not late.early


def test_an_extended_dossier_is_late_even_by_its_new_date():
    h = History(at(16), at(18, 17))
    h.add(EventType.EXTENDED, at(17), new_due_at=at(24, 17).isoformat())
    h.add(EventType.RESULT_READY, at(18, 10))
    out = outcome(h)
    assert out.late and out.late_with_apology and not out.on_time


def test_one_supplement_restarts_the_clock_and_two_make_it_late():
    one = History(at(16), at(17, 17))
    one.add(EventType.SUPPLEMENT_REQUESTED, at(16, 10))
    one.add(EventType.SUPPLEMENT_COMPLETED, at(17, 9), due_at=at(19, 17).isoformat())
    one.add(EventType.RESULT_READY, at(19, 9))
    out = outcome(one)
    assert out.on_time and not out.late_by_supplements
    two = History(at(16), at(17, 17))
    two.add(EventType.SUPPLEMENT_REQUESTED, at(16, 10))
    two.add(EventType.SUPPLEMENT_COMPLETED, at(16, 11), due_at=at(18, 17).isoformat())
    two.add(EventType.SUPPLEMENT_REQUESTED, at(16, 12))
    two.add(EventType.SUPPLEMENT_COMPLETED, at(16, 14), due_at=at(18, 17).isoformat())
    two.add(EventType.RESULT_READY, at(17, 9))
    out = outcome(two)
    assert out.late and out.late_by_supplements and not out.on_time


def test_refused_and_stopped_apart_from_resolved():
    refused = outcome(History(at(16), at(18, 17)).add(EventType.REFUSED, at(17)))
    stopped = outcome(History(at(16), at(18, 17)).add(EventType.STOPPED, at(17)))
    f = figures([refused, stopped])
    assert (f.refused, f.stopped, f.resolved, f.open) == (1, 1, 0, 0)


def test_open_and_overdue_at_the_end_of_the_period():
    within = outcome(History(at(19), at(23, 17)))
    overdue = outcome(History(at(16), at(18, 17)))
    waiting = History(at(16), at(18, 17)).add(EventType.SUPPLEMENT_REQUESTED, at(16, 10))
    f = figures([within, overdue, outcome(waiting)])
    assert (f.open, f.overdue, f.within_limit) == (3, 1, 2)


def test_result_after_the_period_leaves_it_open_then():
    h = History(at(16), at(18, 17)).add(EventType.RESULT_READY, at(23))
    out = outcome(h)
    assert out.open and out.overdue and not out.resolved


def test_a_period_reaching_today_counts_overdue_at_now():
    now = at(18, 18)
    period = Period(date(2026, 11, 16), date(2026, 11, 18), now)
    assert outcome(History(at(16), at(18, 17)), period).overdue
    early_now = Period(date(2026, 11, 16), date(2026, 11, 18), at(18, 16))
    out = outcome(History(at(16), at(18, 17)), early_now)
    assert out.open and not out.overdue


def test_on_time_rate_and_satisfaction():
    assert figures([]).on_time_rate is None
    assert figures([]).satisfaction.share_satisfied is None
    rated = History(at(16), at(18, 17)).add(EventType.RESULT_READY, at(17))
    rated.add(EventType.RETURNED, at(17, 10), recipient="A")
    rated.add(EventType.RATED, at(17, 11), score="satisfied")
    late = History(at(16), at(17, 17)).add(EventType.RESULT_READY, at(18))
    late.add(EventType.RATED, at(18, 11), score="dissatisfied")
    f = figures([outcome(rated), outcome(late)])
    assert f.on_time_rate == 0.5
    assert f.satisfaction.to_json() == {
        "very_satisfied": 0,
        "satisfied": 1,
        "dissatisfied": 1,
        "rated": 2,
        "share_satisfied": 0.5,
    }


def test_a_rating_outside_the_period_is_not_counted():
    h = History(at(16), at(18, 17)).add(EventType.RESULT_READY, at(17))
    h.add(EventType.RATED, at(23), score="satisfied")
    assert outcome(h).score is None


STEP = st.sampled_from(
    ["result", "extend", "supplement", "refuse", "nothing"],
)


@settings(max_examples=150, deadline=None)
@given(
    cases=st.lists(
        st.tuples(
            st.integers(9, 20),  # day received
            st.integers(0, 6),  # working days to the due date (calendar days here)
            st.lists(STEP, max_size=4),
            st.integers(0, 8),  # days from receipt to each step
        ),
        max_size=12,
    )
)
def test_early_within_on_time_and_on_time_plus_late_is_resolved(cases):
    outcomes = []
    for day, span, steps, gap in cases:
        h = History(at(day), at(day, 17) + timedelta(days=span))
        when = at(day, 10)
        for step in steps:
            when += timedelta(days=gap, minutes=7)
            if step == "result":
                h.add(EventType.RESULT_READY, when)
            elif step == "extend":
                h.add(EventType.EXTENDED, when, new_due_at=(when + timedelta(days=5)).isoformat())
            elif step == "supplement":
                h.add(EventType.SUPPLEMENT_REQUESTED, when)
                due = when + timedelta(days=span, hours=1)
                h.add(
                    EventType.SUPPLEMENT_COMPLETED,
                    when + timedelta(hours=1),
                    due_at=due.isoformat(),
                )
            elif step == "refuse":
                h.add(EventType.REFUSED, when)
        out = outcome(h)
        assert not (out.early and not out.on_time)
        assert out.resolved == (out.on_time or out.late)
        assert not (out.on_time and out.late)
        assert not (out.overdue and not out.open)
        outcomes.append(out)
    f = figures(outcomes)
    assert f.early <= f.on_time
    assert f.on_time + f.late == f.resolved
    assert f.overdue <= f.open
