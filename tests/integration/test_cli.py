"""The command line contract, run as a user would: a real process on a scratch --data-dir."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from onestop.store.db import STORE_FILE
from tests.helpers import run_cli as run


def j(proc: subprocess.CompletedProcess):
    return json.loads(proc.stdout)


def store_bytes(data_dir: Path) -> dict:
    import sqlite3

    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dossiers", "events", "counters", "procedures", "settings")
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    out = j(
        run(
            d,
            "init",
            "--demo",
            "--agency-code",
            "000.00.53.H48",
            "--agency-name",
            "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
            "--workstation",
            "2",
            # The dates below are November 2026's: a wide window keeps them enterable.
            "--back-entry-days",
            "3650",
            "--json",
        )
    )
    assert out["agency_code"] == "000.00.53.H48"
    assert out["back_entry_days"] == 3650
    assert out["procedures_imported"] >= 25
    assert out["workstation_number"] == 2 and out["workstation_name"] == "Quầy 2"
    return d


def test_a_counter_named_by_hand_keeps_its_name(tmp_path):
    first = j(run(tmp_path, "init", "--demo", "--workstation", "3", "--json"))
    assert first["workstation_name"] == "Quầy 3"
    named = j(run(tmp_path, "init", "--demo", "--workstation-name", "Quầy Hộ tịch", "--json"))
    assert named["workstation_name"] == "Quầy Hộ tịch"
    again = j(run(tmp_path, "init", "--demo", "--workstation", "4", "--json"))
    assert again["workstation_number"] == 4 and again["workstation_name"] == "Quầy Hộ tịch"


def test_catalog_list_and_receive_show_find_list(store):
    procs = j(run(store, "catalog", "list", "--json"))
    assert any(p["code"] == "1.001193" for p in procs)
    r = j(
        run(
            store,
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            "đặng thị hoa rây",
            "--phone",
            "+84 912 345 678",
            "--address",
            "12 Nguyễn Huệ, Phường Long Xuyên",
            "--return-by",
            "post",
            "--received-at",
            "2026-11-16T09:05:00+07:00",
            "--json",
        )
    )
    assert r["code"].startswith("000.00.53.H48-261116-2")
    assert r["due_at"] == "2026-11-16T17:00:00+07:00"
    shown = j(run(store, "show", r["code"], "--json"))
    assert shown["status"] == "received"
    assert shown["applicant_name"] == "Đặng Thị Hoa Rây"
    assert shown["events"][0]["type"] == "received"
    found = j(run(store, "find", "dang thi hoa ray", "--json"))
    assert found[0]["code"] == r["code"]
    listed = j(run(store, "list", "--date", "2026-11-16", "--json"))
    assert r["code"] in [d["code"] for d in listed]
    assert (
        j(run(store, "result", r["code"], "--at", "2026-11-16T15:00+07:00", "--json"))["status"]
        == "result_ready"
    )
    done = j(
        run(
            store,
            "return",
            r["code"],
            "--to",
            "Đặng Thị Hoa Rây",
            "--id-number",
            "001090012345",
            "--json",
        )
    )
    assert done["status"] == "returned"


def test_refusals_exit_2_name_the_field_and_write_nothing(store):
    before = store_bytes(store)
    cases = [
        (
            ["receive", "--procedure", "1.001193", "--name", "An", "--id-number", "12AB"],
            "id_number",
        ),
        (["receive", "--procedure", "nope", "--name", "An"], "procedure"),
        (
            ["receive", "--procedure", "1.001193", "--name", "An", "--received-at", "2999-01-01"],
            "received_at",
        ),
        (
            ["receive", "--procedure", "1.001193", "--name", "An", "--received-at", "hôm qua"],
            "received_at",
        ),
        (
            [
                "return",
                "000.00.53.H48-261116-2999",
                "--to",
                "An",
                "--id-number",
                "001090012345",
            ],
            "Hồ sơ",
        ),
        (["list", "--date", "16/11/2026"], "date"),
        (["catalog", "import", "/nonexistent.json"], "FILE"),
    ]
    for args, field in cases:
        proc = run(store, *args, check=2)
        assert field in proc.stderr, proc.stderr
    assert store_bytes(store) == before


def test_return_before_result_is_refused(store):
    r = j(run(store, "receive", "--procedure", "1.001193", "--name", "Lê Văn Bình", "--json"))
    before = store_bytes(store)
    proc = run(
        store, "return", r["code"], "--to", "Lê Văn Bình", "--id-number", "001090012345", check=2
    )
    assert "status" in proc.stderr
    assert store_bytes(store) == before


def test_due_calendar_validate(store):
    due = j(
        run(store, "due", "--days", "3", "--received-at", "2026-11-20T16:00:00+07:00", "--json")
    )
    # Friday after the cut-off: day 0 is Monday 23; Tuesday 24 is Culture Day, so the third
    # working day is Friday 27.
    assert due["due_at"] == "2026-11-27T17:00:00+07:00"
    cal = j(run(store, "calendar", "2026", "--json"))
    off = {d["date"] for d in cal["days_off"]}
    assert {"2026-02-17", "2026-04-27", "2026-11-24"} <= off
    assert "2026-01-10" in {d["date"] for d in cal["working_weekends"]}
    ok = j(run(store, "validate", "phone", "+84 912 345 678", "--json"))
    assert ok["valid"] is True
    assert ok["normalized"] == "0912345678"
    bad = j(run(store, "validate", "s10", "EE471108152FR", "--json"))
    assert bad["valid"] is False
    assert bad["reason"]


def test_fresh_store_without_init_is_the_embedded_default(tmp_path):
    procs = j(run(tmp_path / "fresh", "catalog", "list", "--json"))
    assert len(procs) >= 25


def test_return_needs_the_recipients_id_number_and_records_an_authorisation(store):
    r = j(run(store, "receive", "--procedure", "1.001193", "--name", "Lê Văn Bình", "--json"))
    run(store, "result", r["code"])
    before = store_bytes(store)
    proc = run(store, "return", r["code"], "--to", "Lê Văn Bình", check=2)
    assert "id_number" in proc.stderr
    assert store_bytes(store) == before
    done = j(
        run(
            store,
            "return",
            r["code"],
            "--to",
            "Lê Thị Hạnh",
            "--id-number",
            "001190012345",
            "--authorised",
            "--json",
        )
    )
    assert done["status"] == "returned"
    assert done["events"][-1]["payload"] == {
        "recipient": "Lê Thị Hạnh",
        "recipient_id": "001190012345",
        "authorised": True,
    }
