"""The input policy for free text, and terminal-safe output (onestop.domain.input_policy)."""

from __future__ import annotations

import json
import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.domain import input_policy as policy
from onestop.domain.errors import InputError


def test_text_is_nfc_with_single_spaces_and_no_invisible_characters():
    typed = unicodedata.normalize("NFD", "  Nguyễn\u200b  Thị\ufeff\tHoa  ")
    assert policy.clean(typed, "name") == "Nguyễn Thị Hoa"
    assert policy.clean("dòng 1\r\n  dòng   2 \n", "notes", multiline=True) == "dòng 1\ndòng 2"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("Lê\x00An", "điều khiển"),
        ("Lê\x1b[31mAn", "điều khiển"),
        ("Lê\x9bAn", "điều khiển"),
        ("abc\u202egpj.exe", "hướng chữ"),
        ("\u2066x\u2069", "hướng chữ"),
        ("Lê\udcffAn", "UTF-8"),
    ],
)
def test_controls_bidi_overrides_and_invalid_utf8_are_refused_naming_the_field(value, words):
    with pytest.raises(InputError) as caught:
        policy.clean(value, "address")
    assert caught.value.field == "address"
    assert words in caught.value.message


def test_lengths_are_bounded_per_kind_of_field_and_a_huge_value_is_refused_at_once():
    assert policy.clean("a" * policy.NAME, "name", limit=policy.NAME)
    with pytest.raises(InputError, match="tối đa 200"):
        policy.clean("a" * (policy.NAME + 1), "name", limit=policy.NAME)
    with pytest.raises(InputError) as caught:
        policy.clean("x" * 10_000_000, "notes", limit=policy.TEXT)
    assert caught.value.field == "notes"


@given(st.text())
def test_whatever_is_accepted_is_stable_and_holds_nothing_the_policy_forbids(value):
    try:
        cleaned = policy.clean(value, "f", limit=10_000, multiline=True)
    except InputError:
        return
    assert policy.problem(cleaned) is None
    assert policy.clean(cleaned, "f", limit=10_000, multiline=True) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)


@given(st.text())
def test_terminal_safe_output_has_no_control_or_bidi_characters_and_stays_valid_json(value):
    safe = policy.terminal_safe(value)
    assert all(
        ch in "\n\t"
        or (unicodedata.category(ch) not in ("Cc", "Cs") and ord(ch) not in policy._BIDI)
        for ch in safe
    )
    text = policy.terminal_safe(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(text) == {"v": value}


def test_a_read_only_or_damaged_store_is_described_in_words_without_sql(tmp_path):
    from sqlalchemy import create_engine, text

    from onestop.services.failures import describe

    path = tmp_path / "s.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (name TEXT)").connection.commit()
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with engine.connect() as conn, pytest.raises(Exception) as caught:
        conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": "Nguyễn Văn Bí Mật 001190012345"})
    message = describe(caught.value)
    assert "chỉ đọc" in message
    assert "INSERT" not in message and "001190012345" not in message
    engine.dispose()


def test_the_services_apply_the_policy_for_the_window_too(ctx):
    """The window calls the services directly: the policy is theirs, not only the command
    line's."""
    from onestop.services import dossiers, postal, users
    from onestop.services.reception import ReceiveRequest, receive
    from tests.helpers import dump_ctx

    before = dump_ctx(ctx)
    attempts = [
        ("address", lambda: receive(ctx, ReceiveRequest("1.001193", "Lê An", address="12\u202e"))),
        ("name", lambda: receive(ctx, ReceiveRequest("1.001193", "Lê\x00An"))),
        ("notes", lambda: receive(ctx, ReceiveRequest("1.001193", "Lê An", notes="x" * 5000))),
        (
            "address",
            lambda: postal.request_pickup(
                ctx,
                postal.PickupInput(
                    "1.001193", "Lê An", "0912345678", "12 Nguyễn Huệ\x1b[2J", ctx.clock().date()
                ),
            ),
        ),
        (
            "full_name",
            lambda: users.add_user(ctx, "le.an", "counter", "mat-khau-dai-2026", "A\x7f"),
        ),
    ]
    for field, attempt in attempts:
        with pytest.raises(InputError) as caught:
            attempt()
        assert caught.value.field == field
    assert dump_ctx(ctx) == before
    done = receive(ctx, ReceiveRequest("1.001193", "Lê An"))
    with pytest.raises(InputError) as caught:
        dossiers.return_result(ctx, done.code, "Lê\u2066An", id_number="001090012345")
    assert caught.value.field == "to"
