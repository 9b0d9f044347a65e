"""Issue 14, item 3: limits in calendar days ("không quá N ngày"), through the real command line:
`due --calendar-days`, a calendar-day procedure of the catalogue, and a bad days_kind refused."""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump
from tests.helpers import run_cli as run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("calendar_days")
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")
    return d


def due(store, *args):
    return json.loads(run(store, "due", *args, "--json").stdout)


def test_calendar_days_ending_on_a_working_day(store):
    # Day 0 Mon 9 March 2026 + 30 calendar days = Wed 8 April: due at its closing.
    out = due(store, "--days", "30", "--calendar-days", "--received-at", "2026-03-09T09:00+07:00")
    assert out["due_at"] == "2026-04-08T17:00:00+07:00"
    assert out["days_kind"] == "calendar"
    # Counted in working days the same 30 end much later.
    working = due(store, "--days", "30", "--received-at", "2026-03-09T09:00+07:00")
    assert working["due_at"] > out["due_at"] and "days_kind" not in working


def test_last_day_off_moves_to_the_next_working_day(store):
    # Day 0 Mon 20 April + 10 = Thu 30 April (holiday); 1 May, the weekend: Mon 4 May (art. 148).
    out = due(store, "--days", "10", "--calendar-days", "--received-at", "2026-04-20T09:00+07:00")
    assert out["due_at"] == "2026-05-04T17:00:00+07:00"
    # After the cut-off day 0 moves to Tue 10 March; + 5 = Sun 15 -> Mon 16.
    out = due(store, "--days", "5", "--calendar-days", "--received-at", "2026-03-09T15:30+07:00")
    assert (out["day_zero"], out["due_at"]) == ("2026-03-10", "2026-03-16T17:00:00+07:00")


def test_calendar_days_need_days(store):
    proc = run(store, "due", "--hours", "3", "--calendar-days", "--json", check=2)
    assert "calendar_days" in proc.stderr


def test_land_dispute_mediation_counts_calendar_days(store):
    procs = {p["code"]: p for p in json.loads(run(store, "catalog", "list", "--json").stdout)}
    assert procs["1.012812"]["days_kind"] == "calendar"
    assert "days_kind" not in procs["1.001193"]
    out = due(store, "--procedure", "1.012812", "--received-at", "2026-03-09T09:00+07:00")
    assert out["due_at"] == "2026-04-08T17:00:00+07:00"
    r = json.loads(
        run(
            store,
            "receive",
            "--procedure",
            "1.012812",
            "--name",
            "Lê Văn Tám",
            "--received-at",
            "2026-03-09T09:00+07:00",
            "--json",
        ).stdout
    )
    assert r["due_at"] == "2026-04-08T17:00:00+07:00"


def test_a_bad_days_kind_is_refused_and_nothing_written(store, tmp_path):
    bad = [
        {
            "code": "1.999999",
            "name": "Thủ tục thử",
            "field": "Thử",
            "processing_days": 3,
            "fee": 0,
            "postal": True,
            "documents": [],
            "days_kind": "weekly",
        }
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    before = dump(store)
    proc = run(store, "catalog", "import", str(path), check=2)
    assert "days_kind" in proc.stderr
    assert dump(store) == before
