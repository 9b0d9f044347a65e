"""Fuzzing the command line: every command's free-text, date and number arguments, through the
real parser and services on a real store, must end in exit 0 or 2 (refused, naming a field),
never exit 1, never a traceback, never SQL or its parameters in a message."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onestop.cli import main

# Every argument a user types as text, with a valid context around it. "@" marks the fuzzed
# value; CODE is replaced by a dossier that exists in the store.
TEXT_CASES = [
    ("receive", "--procedure", "1.001193", "--name", "@"),
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--address", "@"),
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--notes", "@"),
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--id-number", "@"),
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--phone", "@"),
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--email", "@"),
    ("receive", "--procedure", "@", "--name", "Lê Văn An"),
    ("show", "@"),
    ("find", "@"),
    ("list", "--status", "@"),
    ("calendar", "@"),
    ("calendar", "add", "2027-01-04", "--kind", "day_off", "--name", "@"),
    ("validate", "id", "@"),
    ("validate", "tax", "@"),
    ("validate", "phone", "@"),
    ("validate", "s10", "@"),
    ("validate", "email", "@"),
    ("result", "@"),
    ("return", "CODE", "--to", "@", "--id-number", "001190012345"),
    ("return", "CODE", "--to", "Lê Văn An", "--id-number", "@"),
    ("supplement", "CODE", "--missing", "@"),
    ("refuse", "CODE", "--reason", "@"),
    ("stop", "CODE", "--reason", "@"),
    ("extend", "CODE", "--new-due", "2030-01-01T17:00", "--reason", "@"),
    ("guidance", "supplement", "--procedure", "1.001193", "--name", "@", "--item", "Tờ khai"),
    ("guidance", "supplement", "--procedure", "1.001193", "--name", "Lê Văn An", "--item", "@"),
    ("user", "add", "@", "--role", "counter", "--full-name", "Lê Văn An", "--password-stdin"),
    ("user", "add", "le.an", "--role", "counter", "--full-name", "@", "--password-stdin"),
    (
        "postal",
        "pickup",
        "--procedure",
        "1.001193",
        "--name",
        "@",
        "--phone",
        "0912345678",
        "--address",
        "12 Nguyễn Huệ, Phường Long Xuyên",
    ),
    (
        "postal",
        "pickup",
        "--procedure",
        "1.001193",
        "--name",
        "Lê Văn An",
        "--phone",
        "0912345678",
        "--address",
        "@",
    ),
    ("postal", "cancel", "@", "--reason", "Công dân tự đến"),
    ("postal", "handover", "--kind", "delivery", "--item", "@"),
    ("postal", "handover", "--kind", "delivery", "--item", "CODE=RR123456785VN", "--postman", "@"),
    ("postal", "attempt", "CODE", "--outcome", "failed", "--reason", "@"),
    ("postal", "record", "@"),
    ("postal", "tariff", "--set", "@"),
    ("init", "--agency-name", "@"),
    ("init", "--agency-code", "@"),
    ("init", "--workstation-name", "@"),
    ("init", "--place", "@"),
    ("init", "--code-pattern", "@"),
]

DATE_CASES = [
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--received-at", "@"),
    ("list", "--date", "@"),
    ("due", "--days", "3", "--received-at", "@"),
    ("calendar", "add", "@", "--kind", "day_off", "--name", "Nghỉ"),
    ("result", "CODE", "--at", "@"),
    ("return", "CODE", "--to", "Lê Văn An", "--id-number", "001190012345", "--at", "@"),
    ("supplement", "CODE", "--missing", "Tờ khai", "--at", "@"),
    ("refuse", "CODE", "--reason", "Không đủ điều kiện", "--at", "@"),
    ("extend", "CODE", "--new-due", "@", "--reason", "Cần xác minh"),
    ("extend", "CODE", "--new-due", "2030-01-01T17:00", "--reason", "Xác minh", "--at", "@"),
    ("stop", "CODE", "--reason", "Công dân rút hồ sơ", "--at", "@"),
    ("print", "book", "--date", "@", "--out", "OUT"),
    ("postal", "list", "--date", "@"),
    (
        "postal",
        "pickup",
        "--procedure",
        "1.001193",
        "--name",
        "Lê Văn An",
        "--phone",
        "0912345678",
        "--address",
        "12 Nguyễn Huệ, Phường Long Xuyên",
        "--date",
        "@",
    ),
    ("postal", "handover", "--kind", "delivery", "--item", "CODE=RR123456785VN", "--at", "@"),
    ("postal", "statement", "--month", "@"),
    ("postal", "overdue", "--date", "@"),
]

NUMBER_CASES = [
    ("due", "--days", "@", "--received-at", "2026-11-16T09:00"),
    ("due", "--hours", "@", "--received-at", "2026-11-16T09:00"),
    ("list", "--due-within", "@"),
    ("find", "Lê", "--limit", "@"),
    ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--sets", "@"),
    ("init", "--workstation", "@"),
    ("init", "--code-width", "@"),
]

# Text that has broken programs before: controls, bidi overrides, zero-width, surrogates from
# invalid UTF-8 in argv (Python's surrogateescape), very long values, formula starts, SQL.
NASTY = [
    "",
    " ",
    "\x00",
    "\x1b[2J\x1b[31mred",
    "\u009b31m",
    "a\u202eb",
    "\u2066x\u2069",
    "zero\u200bwidth",
    "\ufeffbom",
    "\udcff\udcfe",
    "x" * 100_000,
    '=HYPERLINK("http://evil.example")',
    "'; DROP TABLE dossiers; --",
    "%s %(x)s {0}",
    "../../etc/passwd",
    "-1",
    "1e999",
    "9" * 5000,
    "Nguyễn\u0301",
    "\r\n",
]

text_values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(
        st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Zs", "Mn", "Lo"]), max_size=20
    ),
)


@st.composite
def date_values(draw) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(
            st.sampled_from(
                [
                    *NASTY,
                    "0001-01-01T00:00+14:00",
                    "9999-12-31T23:59:59-14:00",
                    "0001-01-02",
                    "1926-12-01T09:00",
                    "2026-02-30",
                    "2026-13-01",
                    "2026-11",
                    "2026-11-16T25:00",
                    "T",
                    "Z",
                    "2026-11-16Z",
                ]
            )
        )
    if kind == 1:
        return draw(st.text(alphabet="0123456789-:T+Z. ", max_size=30))
    moment = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
    if kind == 2:
        return moment.date().isoformat()
    if kind == 3:
        return moment.strftime("%Y-%m")
    hours = draw(st.integers(-14, 14))
    try:
        return moment.replace(tzinfo=timezone(timedelta(hours=hours))).isoformat()
    except ValueError:
        return moment.isoformat()


number_values = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "-1", "3000000", "1e308", "nan", "inf", "-inf", "1.5", "", "x"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

SQL_WORDS = re.compile(r"\b(INSERT INTO|SELECT .* FROM|UPDATE .* SET|\[SQL:|parameters:)", re.I)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    assert _run(folder, ["init", "--demo", "--agency-code", "000.00.53.H48"])[0] == 0
    rc, out, _ = _run(
        folder,
        [
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            "Lê Văn An",
            "--return-by",
            "post",
            "--phone",
            "0912345678",
            "--address",
            "12 Nguyễn Huệ, Phường Long Xuyên, An Giang",
            "--json",
        ],
    )
    assert rc == 0
    code = re.search(r'"code": "([^"]+)"', out).group(1)
    assert _run(folder, ["result", code])[0] == 0
    return folder, code


def _run(folder: Path, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("matkhau-rat-dai-2026\nmatkhau-rat-dai-2026\n")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        real_stdin = __import__("sys").stdin
        __import__("sys").stdin = stdin
        try:
            rc = main(["--data-dir", str(folder), *argv])
        except SystemExit as exc:  # argparse's own refusals
            rc = exc.code if isinstance(exc.code, int) else 1
        finally:
            __import__("sys").stdin = real_stdin
    return rc, out.getvalue(), err.getvalue()


def _check(template, tmp_path_factory, case: tuple[str, ...], value: str) -> None:
    folder, code = template
    scratch = tmp_path_factory.mktemp("case") / "data"
    shutil.copytree(folder, scratch)
    out_file = str(scratch.parent / "out.pdf")
    argv = [
        value if a == "@" else code if a == "CODE" else out_file if a == "OUT" else a for a in case
    ]
    argv = [a.replace("CODE", code) if "CODE=" in a else a for a in argv]
    rc, _out, err = _run(scratch, argv)
    assert rc in (0, 2), f"{case} with {value!r}: exit {rc}: {err[-500:]}"
    assert "Traceback" not in err
    assert not SQL_WORDS.search(err), f"{case} with {value!r}: SQL in the message: {err[-500:]}"
    assert "\x1b" not in _out and "\x9b" not in _out, f"{case}: terminal escape written"


FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda c: " ".join(c)[:60])
@FUZZ
@given(value=text_values)
def test_free_text_never_ends_in_exit_1(template, tmp_path_factory, case, value):
    _check(template, tmp_path_factory, case, value)


@pytest.mark.parametrize("case", DATE_CASES, ids=lambda c: " ".join(c)[:60])
@FUZZ
@given(value=date_values())
def test_dates_never_end_in_exit_1(template, tmp_path_factory, case, value):
    _check(template, tmp_path_factory, case, value)


@pytest.mark.parametrize("case", NUMBER_CASES, ids=lambda c: " ".join(c)[:60])
@FUZZ
@given(value=number_values)
def test_numbers_never_end_in_exit_1(template, tmp_path_factory, case, value):
    _check(template, tmp_path_factory, case, value)
