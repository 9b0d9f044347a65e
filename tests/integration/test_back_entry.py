"""Back-entry through the real command line: the window every recorded time must fall in, codes
that never collide whatever date is given, and back-dated actions checked against the history
as it stood at their own time and against every later event (issue 12, items 5 and 6)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import date, datetime, time, timedelta

import pytest

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from onestop.store.db import STORE_FILE
from tests.helpers import dump
from tests.helpers import run_cli as run

PROC = "1.001193"
ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"


def j(proc: subprocess.CompletedProcess):
    return json.loads(proc.stdout)


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="minutes")


def today() -> date:
    return datetime.now(VN_TZ).date()


def at_day(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=VN_TZ)


def century_ago() -> date:
    now = today()
    try:
        return now.replace(year=now.year - 100)
    except ValueError:  # 29 February
        return date(now.year - 100, 2, 28)


def working_day_ahead(d, days: int) -> str:
    """The end of a working day ahead (the office's own calendar says which days work)."""
    return j(run(d, "due", "--days", str(days), "--json"))["due_at"]


def receive(d, *extra: str, check: int = 0) -> subprocess.CompletedProcess:
    return run(
        d, "receive", "--procedure", PROC, "--name", "Nguyễn Văn An", *extra, "--json", check=check
    )


def refused(d, *args: str, field: str) -> str:
    """Run a command that must be refused: exit 2, the field named, nothing written."""
    before = dump(d)
    proc = run(d, *args, check=2)
    assert f"refused: {field}:" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert dump(d) == before
    return proc.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("back-entry")
    run(d, "init", "--demo", "--json")
    return d


# --- item 5: the back-entry window ----------------------------------------------------------


def test_a_century_back_is_refused_and_receiving_goes_on(store):
    first = j(receive(store))["code"]
    century = at_day(century_ago())
    message = refused(
        store,
        "receive",
        "--procedure",
        PROC,
        "--name",
        "Trần Thị Bích",
        "--received-at",
        iso(century),
        field="received_at",
    )
    assert "30 ngày" in message
    refused(
        store,
        "receive",
        "--procedure",
        PROC,
        "--name",
        "Trần Thị Bích",
        "--received-at",
        "0001-01-02",
        field="received_at",
    )
    # Receiving goes on: the refused dates took no number and block nothing.
    later = [j(receive(store))["code"] for _ in range(2)]
    assert len({first, *later}) == 3


def test_absurd_times_are_refused_naming_the_field(store):
    code = j(receive(store))["code"]
    for value in ("0001-01-01T00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01"):
        refused(store, "result", code, "--at", value, field="at")
        refused(
            store,
            "receive",
            "--procedure",
            PROC,
            "--name",
            "An",
            "--received-at",
            value,
            field="received_at",
        )


def test_the_window_applies_to_every_recording_command(store, tmp_path):
    now = datetime.now(VN_TZ)
    old = iso(at_day(today() - timedelta(days=31)))
    code = j(receive(store, "--received-at", iso(now - timedelta(minutes=5))))["code"]
    post = j(
        receive(
            store,
            "--phone",
            "0912345678",
            "--address",
            ADDRESS,
            "--return-by",
            "post",
            "--received-at",
            iso(now - timedelta(minutes=5)),
        )
    )["code"]
    run(store, "result", post, "--at", iso(now - timedelta(minutes=4)))
    s10 = make_s10("RR", 31313131)
    commands = [
        ["result", code],
        ["return", code, "--to", "Nguyễn Văn An", "--id-number", "001090012345"],
        ["supplement", code, "--missing", "Bản sao giấy khai sinh"],
        ["supplement", code, "--completed"],
        ["refuse", code, "--reason", "Không thuộc thẩm quyền"],
        ["extend", code, "--new-due", working_day_ahead(store, 40), "--reason", "Cần xác minh"],
        ["stop", code, "--reason", "Người nộp rút hồ sơ"],
        ["guidance", "supplement", "--procedure", PROC, "--name", "An", "--item", "Tờ khai"],
        ["postal", "handover", "--kind", "delivery", "--item", f"{post}={s10}"],
    ]
    for args in commands:
        refused(store, *args, "--at", old, field="at")
    # The postman's outcome and the post office's file are times recorded too.
    run(
        store,
        "postal",
        "handover",
        "--kind",
        "delivery",
        "--item",
        f"{post}={s10}",
        "--at",
        iso(now - timedelta(minutes=3)),
    )
    refused(
        store,
        "postal",
        "attempt",
        post,
        "--outcome",
        "failed",
        "--reason",
        "Vắng nhà",
        "--at",
        old,
        field="at",
    )
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(f"consignment,outcome,at,reason\n{s10},failed,{old},Vắng nhà\n")
    refused(store, "postal", "import", str(outcomes), field="dòng 2.at")


def test_the_window_is_set_at_init_and_refused_when_absurd(tmp_path):
    d = tmp_path / "office"
    run(d, "init", "--demo")  # the demo catalogue, then the office's own settings
    out = j(run(d, "init", "--agency-code", "000.00.53.H48", "--back-entry-days", "45", "--json"))
    assert out["back_entry_days"] == 45
    assert j(receive(d, "--received-at", iso(at_day(today() - timedelta(days=40)))))["code"]
    refused(
        d,
        "receive",
        "--procedure",
        PROC,
        "--name",
        "An",
        "--received-at",
        iso(at_day(today() - timedelta(days=46))),
        field="received_at",
    )
    for bad in ("-1", "1000000", "ba mươi"):
        proc = run(d, "init", "--back-entry-days", bad, check=2)
        assert "back_entry_days" in proc.stderr or "--back-entry-days" in proc.stderr
    # Another init that does not name the window keeps it.
    assert j(run(d, "init", "--place", "Long Xuyên", "--json"))["back_entry_days"] == 45


def test_codes_never_collide_at_the_edge_of_the_window_across_a_century(tmp_path):
    d = tmp_path / "history"
    now = today()
    edge = century_ago()
    days = (now - edge).days
    run(
        d,
        "init",
        "--demo",
        "--code-pattern",
        "HS{date:%y%m%d}{number:04d}",
        "--back-entry-days",
        str(days),
    )
    codes = [j(receive(d))["code"]]
    # The first minute of the window's first day is in; the minute before it is not.
    codes.append(j(receive(d, "--received-at", iso(at_day(edge, 0, 0))))["code"])
    refused(
        d,
        "receive",
        "--procedure",
        PROC,
        "--name",
        "An",
        "--received-at",
        iso(at_day(edge - timedelta(days=1), 23, 59)),
        field="received_at",
    )
    codes += [j(receive(d))["code"], j(receive(d, "--received-at", iso(at_day(edge))))["code"]]
    codes.append(j(receive(d))["code"])
    assert len(set(codes)) == len(codes), codes
    if edge.strftime("%m%d") == now.strftime("%m%d"):
        # The same day a century apart prints the same date: one series, one counter.
        assert {c[:8] for c in codes} == {f"HS{now:%y%m%d}"}


def test_a_pattern_without_the_year_never_repeats_a_code(tmp_path):
    d = tmp_path / "yearless"
    run(
        d,
        "init",
        "--demo",
        "--code-pattern",
        "{agency}-{date:%m%d}-{number:05d}",
        "--back-entry-days",
        "400",
    )
    a_year_ago = today() - timedelta(days=364 if today().strftime("%m%d") == "0229" else 365)
    codes = [
        j(receive(d, "--received-at", iso(at_day(a_year_ago))))["code"],
        j(receive(d))["code"],
        j(receive(d, "--received-at", iso(at_day(a_year_ago))))["code"],
        j(receive(d))["code"],
    ]
    assert len(set(codes)) == 4, codes


def test_a_code_already_in_the_store_is_never_handed_out_again(tmp_path):
    d = tmp_path / "restored"
    run(d, "init", "--demo")
    issued = {j(receive(d))["code"] for _ in range(3)}
    # The counters go back (a store restored from an older copy, an upgrade that counts in a
    # new place): the codes in the store still are never issued twice.
    conn = sqlite3.connect(d / STORE_FILE)
    with conn:
        conn.execute("DELETE FROM counters WHERE name LIKE 'code:%'")
    conn.close()
    more = [j(receive(d))["code"] for _ in range(2)]
    assert not issued & set(more) and len(set(more)) == 2


# --- item 6: back-dated actions against the history ---------------------------------------------


@pytest.fixture
def dossier(store):
    start = at_day(today() - timedelta(days=2), 8)
    code = j(receive(store, "--received-at", iso(start)))["code"]
    return code, start


def test_a_return_before_the_result_is_refused_naming_at(store, dossier):
    code, start = dossier
    run(store, "result", code, "--at", iso(start + timedelta(hours=2)))
    message = refused(
        store,
        "return",
        code,
        "--to",
        "Nguyễn Văn An",
        "--id-number",
        "001090012345",
        "--at",
        iso(start + timedelta(hours=1)),
        field="at",
    )
    assert "Có kết quả" not in message  # it names the state at that time: not yet a result
    shown = j(run(store, "show", code, "--json"))
    assert shown["status"] == "result_ready"
    assert [e["type"] for e in shown["events"]] == ["received", "result_ready"]
    run(
        store,
        "return",
        code,
        "--to",
        "Nguyễn Văn An",
        "--id-number",
        "001090012345",
        "--at",
        iso(start + timedelta(hours=3)),
    )
    assert j(run(store, "show", code, "--json"))["status"] == "returned"


def test_a_back_dated_result_that_would_void_a_later_supplement_request_is_refused(store, dossier):
    code, start = dossier
    run(store, "supplement", code, "--missing", "Tờ khai", "--at", iso(start + timedelta(hours=2)))
    run(store, "supplement", code, "--completed", "--at", iso(start + timedelta(hours=3)))
    message = refused(store, "result", code, "--at", iso(start + timedelta(hours=1)), field="at")
    assert "Yêu cầu bổ sung hồ sơ" in message  # the later event it would leave without effect
    run(store, "result", code, "--at", iso(start + timedelta(hours=4)))
    assert j(run(store, "show", code, "--json"))["status"] == "result_ready"


def test_a_completion_before_its_request_is_refused(store, dossier):
    code, start = dossier
    run(store, "supplement", code, "--missing", "Tờ khai", "--at", iso(start + timedelta(hours=2)))
    refused(
        store,
        "supplement",
        code,
        "--completed",
        "--at",
        iso(start + timedelta(hours=1)),
        field="at",
    )
    refused(
        store,
        "stop",
        code,
        "--reason",
        "Rút hồ sơ",
        "--at",
        iso(start - timedelta(hours=1)),
        field="at",
    )


def test_what_the_history_allowed_at_its_time_may_be_entered_late(store, dossier):
    # An extension given before the result came back, entered from the paper file afterwards.
    code, start = dossier
    run(store, "result", code, "--at", iso(start + timedelta(hours=5)))
    new_due = working_day_ahead(store, 30)
    out = j(
        run(
            store,
            "extend",
            code,
            "--new-due",
            new_due,
            "--reason",
            "Cần xác minh",
            "--at",
            iso(start + timedelta(hours=1)),
            "--json",
        )
    )
    assert out["status"] == "result_ready" and out["extended"] is True
    # A second extension is never allowed, whenever it is dated.
    proc = run(
        store,
        "extend",
        code,
        "--new-due",
        working_day_ahead(store, 35),
        "--reason",
        "Lần hai",
        "--at",
        iso(start + timedelta(hours=2)),
        check=2,
    )
    assert "refused: status:" in proc.stderr or "refused: at:" in proc.stderr


def test_postal_back_dated_actions_are_checked_against_later_events(store):
    start = at_day(today() - timedelta(days=2), 8)
    code = j(
        receive(
            store,
            "--phone",
            "0912345678",
            "--address",
            ADDRESS,
            "--return-by",
            "post",
            "--received-at",
            iso(start),
        )
    )["code"]
    run(store, "result", code, "--at", iso(start + timedelta(hours=1)))
    run(
        store,
        "return",
        code,
        "--to",
        "Nguyễn Văn An",
        "--id-number",
        "001090012345",
        "--at",
        iso(start + timedelta(hours=4)),
    )
    s10 = make_s10("RR", 42424242)
    # Handed to the post before the counter returned it: the return would lose its effect.
    refused(
        store,
        "postal",
        "handover",
        "--kind",
        "delivery",
        "--item",
        f"{code}={s10}",
        "--at",
        iso(start + timedelta(hours=2)),
        field="at",
    )
