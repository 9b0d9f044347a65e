"""Issue 14, item 10: the cut-off is "after 15:00", so a receipt at 15:00 sharp counts that day,
through the real command line on a scratch store."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli as run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("cutoff")
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")
    return d


def test_due_at_15_00_sharp_counts_the_same_day(store):
    at = json.loads(
        run(store, "due", "--days", "1", "--received-at", "2026-03-09T15:00+07:00", "--json").stdout
    )
    assert at["day_zero"] == "2026-03-09" and at["moved"] is False
    assert at["due_at"] == "2026-03-10T17:00:00+07:00"
    later = json.loads(
        run(
            store, "due", "--days", "1", "--received-at", "2026-03-09T15:00:01+07:00", "--json"
        ).stdout
    )
    assert later["day_zero"] == "2026-03-10" and later["moved"] is True
    assert later["due_at"] == "2026-03-11T17:00:00+07:00"


def test_receive_at_15_00_sharp_is_due_the_same_day(store):
    # Đăng ký khai sinh is "in the day": received at 15:00 it is due at that day's closing.
    r = json.loads(
        run(
            store,
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            "Trần Thị Bình",
            "--received-at",
            "2026-03-09T15:00+07:00",
            "--json",
        ).stdout
    )
    assert r["due_at"] == "2026-03-09T17:00:00+07:00"
    r2 = json.loads(
        run(
            store,
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            "Trần Thị Bình",
            "--received-at",
            "2026-03-09T15:01+07:00",
            "--json",
        ).stdout
    )
    assert r2["due_at"] == "2026-03-10T17:00:00+07:00"
