"""Issue 14 (leftover): ``report --by officer`` labels each officer's row with the account's full
name, the username staying the row's key; a login without an account keeps it as its label.
Through the real command line on a scratch store (the demo's account can.bo)."""

from __future__ import annotations

import getpass
import json

from tests.helpers import run_cli as run


def test_officer_rows_carry_the_accounts_full_name(tmp_path):
    run(tmp_path, "init", "--demo", "--back-entry-days", "3650", "--json")
    for user in (["--user", "can.bo"], []):
        run(
            tmp_path,
            *user,
            "receive",
            "--procedure",
            "1.004873",
            "--name",
            "Lê Văn Cường",
            "--received-at",
            "2026-11-09T09:00+07:00",
        )
    out = run(
        tmp_path,
        "report",
        "--from",
        "2026-11-09",
        "--to",
        "2026-11-13",
        "--by",
        "officer",
        "--json",
    )
    rows = {row["key"]: row for row in json.loads(out.stdout)["rows"]}
    assert rows["can.bo"]["label"] == "Nguyễn Thị Thu Hà"
    assert rows["can.bo"]["received"] == 1
    login = getpass.getuser()
    assert rows[login]["label"] == login
    assert list(rows["can.bo"])[:2] == ["key", "label"]
    human = run(
        tmp_path, "report", "--from", "2026-11-09", "--to", "2026-11-13", "--by", "officer"
    ).stdout
    assert "Nguyễn Thị Thu Hà" in human
