"""Issue 14 (leftover of item 2), through the real command line on a scratch store: ``due
--procedure CODE --case NAME`` counts the case's own time, with the refusals of ``receive``
(exit 2 naming ``case``, nothing written), and ``receive --json`` names the case (null when the
procedure has none)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump
from tests.helpers import run_cli as run

PERMIT = "1.013225"  # construction permit: 15 days (nhà ở riêng lẻ) or 20 (cấp III, IV)
PLAIN = "1.004873"  # no cases: 3 working days
AT = "2026-11-09T09:00+07:00"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("due_case")
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")
    return d


def due(store, *args: str, check: int = 0):
    return run(store, "due", *args, "--received-at", AT, "--json", check=check)


def test_due_counts_the_cases_own_time(store):
    house = json.loads(due(store, "--procedure", PERMIT, "--case", "Nhà ở riêng lẻ").stdout)
    works = json.loads(
        due(store, "--procedure", PERMIT, "--case", "Công trình cấp III, cấp IV").stdout
    )
    assert house["case"] == "Nhà ở riêng lẻ" and works["case"] == "Công trình cấp III, cấp IV"
    assert house["procedure_code"] == PERMIT
    assert house["due_at"] < works["due_at"]
    # The same dates as receive gives for those cases.
    for case, shown in (("Nhà ở riêng lẻ", house), ("Công trình cấp III, cấp IV", works)):
        got = run(
            store,
            "receive",
            "--procedure",
            PERMIT,
            "--case",
            case,
            "--name",
            "Lê Văn Xây",
            "--received-at",
            AT,
            "--json",
        )
        received = json.loads(got.stdout)
        assert received["due_at"] == shown["due_at"]
        assert received["case"] == case
        keys = list(received)
        assert keys[keys.index("procedure_name") + 1] == "case"
    # A procedure without cases: as before, no "case" key in due; receive says null.
    plain = json.loads(due(store, "--procedure", PLAIN).stdout)
    assert "case" not in plain
    received = json.loads(
        run(
            store,
            "receive",
            "--procedure",
            PLAIN,
            "--name",
            "Lê Văn Thường",
            "--received-at",
            AT,
            "--json",
        ).stdout
    )
    assert received["case"] is None


@pytest.mark.parametrize(
    "args",
    [
        ("--procedure", PERMIT),  # the procedure has cases: one is needed
        ("--procedure", PERMIT, "--case", "Biệt thự"),  # not one of them
        ("--procedure", PLAIN, "--case", "Nhà ở riêng lẻ"),  # the procedure has none
        ("--days", "3", "--case", "Nhà ở riêng lẻ"),  # a case needs its procedure
    ],
)
def test_due_refuses_a_case_as_receive_does(store, args):
    before = dump(store)
    proc = due(store, *args, check=2)
    assert "case" in proc.stderr
    assert dump(store) == before
