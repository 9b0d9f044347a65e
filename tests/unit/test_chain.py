"""The hash chain's pure functions (onestop.domain.chain)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from onestop.domain import chain


def _chain(n: int, station: str = "w1") -> list[dict]:
    events, prev = [], chain.GENESIS
    start = datetime(2026, 11, 16, 2, tzinfo=UTC)
    for i in range(1, n + 1):
        event = {
            "id": f"e{i}",
            "dossier_id": "d1",
            "type": "note",
            "at": start + timedelta(minutes=i),
            "recorded_at": start + timedelta(minutes=i),
            "actor": "can.bo",
            "workstation_id": station,
            "payload": {"text": f"ghi chú {i}", "n": i},
        }
        event |= {
            "chain_seq": i,
            "chain_prev": prev,
            "chain_hash": chain.event_hash(event, i, prev),
        }
        prev = event["chain_hash"]
        events.append(event)
    return events


def test_an_intact_chain_in_any_order_has_no_finding():
    events = _chain(5) + _chain(3, "w2")
    assert chain.check(reversed(events)) == []


def test_the_hash_reads_the_meaning_of_the_payload_not_its_spelling():
    a = _chain(1)[0]
    b = dict(a, payload={"n": 1, "text": "ghi chú 1"})
    assert chain.event_hash(a, 1, chain.GENESIS) == chain.event_hash(b, 1, chain.GENESIS)


@given(st.integers(0, 5), st.sampled_from(["actor", "type", "payload", "at"]))
def test_any_change_removal_or_addition_is_found(index, column):
    events = _chain(6)
    changed = dict(events[index])
    changed[column] = (
        {"text": "khác"}
        if column == "payload"
        else changed["at"] + timedelta(seconds=1)
        if column == "at"
        else "khac"
    )
    assert [f.kind for f in chain.check([*events[:index], changed, *events[index + 1 :]])] == [
        "changed"
    ]
    removed = [e for i, e in enumerate(events) if i != index]
    kinds = [f.kind for f in chain.check(removed)]
    assert kinds == ([] if index == 5 else ["removed"])
    extra = dict(events[index], id="x", chain_seq=None, chain_hash=None)
    assert [f.kind for f in chain.check([*events, extra])] == ["added"]


def test_a_batch_continues_the_chain_from_a_given_head():
    events = _chain(4)
    head = events[1]
    assert chain.check(events[2:], start_seq=3, start_prev=head["chain_hash"]) == []
    assert [
        f.kind for f in chain.check(events[3:], start_seq=3, start_prev=head["chain_hash"])
    ] == ["removed"]
