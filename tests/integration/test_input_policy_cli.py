"""The input policy and the error messages through the real command line: bad text is refused
naming its option with nothing written, no output carries a terminal escape, no message carries
SQL or personal data, and a store that is not onestop's, damaged or missing its folder name is
met with words (issue 12, items 9 and 14)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from onestop.store.db import STORE_FILE
from tests.helpers import dump
from tests.helpers import run_cli as run

RECEIVE = ("receive", "--procedure", "1.001193")


@pytest.fixture
def store(tmp_path) -> Path:
    run(tmp_path, "init", "--demo", "--agency-code", "000.00.53.H48")
    return tmp_path


def test_invalid_utf8_in_an_argument_is_refused_naming_the_option(store):
    before = dump(store)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "onestop",
            "--data-dir",
            str(store),
            *RECEIVE,
            "--name",
            b"L\xea \xff",
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "--name" in err and "UTF-8" in err
    assert dump(store) == before


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--name", "Lê\x07An"),
        ("--address", "12 Nguyễn Huệ \u202eđường"),
        ("--notes", "\x1b]0;owned\x07"),
        ("--name", "A" * 100_000),
    ],
)
def test_control_bidi_and_overlong_text_is_refused_and_nothing_written(store, option, value):
    before = dump(store)
    proc = run(store, *RECEIVE, "--name", "Lê Văn An", option, value, check=2)
    assert option in proc.stderr
    assert dump(store) == before


def test_invisible_characters_are_removed_and_text_stored_as_nfc(store):
    out = json.loads(
        run(
            store,
            *RECEIVE,
            "--name",
            unicodedata.normalize("NFD", "lê \u200bvăn\ufeff an"),
            "--notes",
            "Nộp\u00ad bổ sung",
            "--json",
        ).stdout
    )
    shown = json.loads(run(store, "show", out["code"], "--json").stdout)
    assert shown["applicant_name"] == "Lê Văn An"
    assert shown["notes"] == "Nộp bổ sung"


def test_a_value_stored_before_the_policy_never_writes_a_terminal_escape(store):
    code = json.loads(run(store, *RECEIVE, "--name", "Lê Văn An", "--json").stdout)["code"]
    conn = sqlite3.connect(store / STORE_FILE)
    conn.execute(
        "UPDATE dossiers SET applicant_name = ? WHERE code = ?",
        ("Lê\x1b[2J\x1b[31m\u009b31m\u202eAn", code),
    )
    conn.commit()
    conn.close()
    for args in (("list",), ("list", "--json"), ("find", code), ("find", code, "--json")):
        out = run(store, *args).stdout
        assert "\x1b" not in out and "\u009b" not in out and "\u202e" not in out, args
    listed = json.loads(run(store, "list", "--json").stdout)
    assert listed[0]["applicant_name"] == "Lê\x1b[2J\x1b[31m\u009b31m\u202eAn"


def test_a_store_failure_message_holds_no_sql_and_no_personal_data(store):
    # The store refuses the row (here a trigger put there by hand): whatever the reason, the
    # message must not echo the statement and its parameters.
    conn = sqlite3.connect(store / STORE_FILE)
    conn.execute(
        "CREATE TRIGGER refuse_all BEFORE INSERT ON dossiers "
        "BEGIN SELECT RAISE(ABORT, 'refused by the store'); END"
    )
    conn.commit()
    conn.close()
    proc = run(store, *RECEIVE, "--name", "Trần Thị Bí Mật", "--id-number", "001190012345", check=1)
    assert "INSERT" not in proc.stderr and "SELECT" not in proc.stderr
    assert "Bí Mật" not in proc.stderr and "001190012345" not in proc.stderr
    assert "không có gì được ghi" in proc.stderr


def test_an_empty_data_dir_is_refused(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "onestop", "--data-dir", "", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "--data-dir" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_another_programs_sqlite_file_is_never_migrated_in_place(tmp_path):
    path = tmp_path / STORE_FILE
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Nguyễn Văn A')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    proc = run(tmp_path, "list", check=1)
    assert "không phải kho dữ liệu của onestop" in proc.stderr
    assert path.read_bytes() == before


def test_a_damaged_store_file_gets_words_not_sqlite_errors(tmp_path):
    (tmp_path / STORE_FILE).write_bytes(os.urandom(8192))
    proc = run(tmp_path, "list", check=1)
    assert "khôi phục từ bản sao lưu" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_store_made_by_an_earlier_onestop_gets_the_application_id(store):
    conn = sqlite3.connect(store / STORE_FILE)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    run(store, "list")
    conn = sqlite3.connect(store / STORE_FILE)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x4F4E5354
    conn.close()


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("processing_days", 1_000_000_000, "processing_days"),
        ("name", "Đăng ký \u202ekhai sinh", "name"),
        ("name", "Đăng ký khai sinh\ud800", "name"),
        ("name", "Đăng ký\x1b[2J khai sinh", "name"),
    ],
)
def test_a_catalogue_with_an_absurd_time_or_forbidden_characters_is_refused_whole(
    store, tmp_path, field, value, named
):
    """Imported before (and then every receive of the procedure failed, exit 1)."""
    row = {
        "code": "1.009999",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "processing_days": 3,
        "processing_hours": None,
        "fee": 0,
        "postal": True,
        "online": "toàn trình",
        "documents": [{"name": "Tờ khai", "kind": "bản chính", "count": 1}],
    }
    row[field] = value
    path = tmp_path / "catalog.json"
    # ensure_ascii: a lone surrogate is written as its escape, as another program would.
    path.write_text(json.dumps([row], ensure_ascii=True), encoding="utf-8")
    before = dump(store)
    proc = run(store, "catalog", "import", str(path), check=2)
    assert named in proc.stderr
    assert dump(store) == before
