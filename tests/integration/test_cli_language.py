"""The command line's refusals stay Vietnamese by default and are English under ``--lang en`` or
``ONESTOP_LANG=en``; ``onestop`` (the window) on a machine without a display says so in both
languages and exits 1 instead of letting Qt abort with a core dump."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from onestop.cli.display import missing_display
from tests.helpers import run_cli as run

RECEIVE = ("receive", "--procedure", "1.001193", "--name", "Lê Văn An", "--phone", "091234")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli-lang")
    run(d, "init", "--demo", "--json")
    return d


def test_refusals_vietnamese_by_default_english_on_request(store):
    default = run(store, *RECEIVE, check=2)
    assert default.stderr.strip() == (
        "onestop: từ chối / refused: phone: Số di động phải có 10 chữ số; số đã nhập có 6 chữ số"
    )
    flag = run(store, "--lang", "en", *RECEIVE, check=2)
    assert flag.stderr.strip() == (
        "onestop: từ chối / refused: phone: "
        "A mobile number has 10 digits; the number typed has 6 digits"
    )
    env = run(store, *RECEIVE, check=2, env={"ONESTOP_LANG": "en"})
    assert env.stderr == flag.stderr
    missing = run(store, "--lang", "en", "show", "KHONG-CO", check=2)
    assert "'KHONG-CO' does not exist" in missing.stderr


def test_converted_refusals_in_english_on_request(store):
    # A case the procedure does not have (the domain), and a flag only the command line checks.
    case = ("receive", "--procedure", "1.013225", "--case", "Nhà chung cư", "--name", "Lê Văn An")
    vietnamese = run(store, *case, check=2).stderr
    assert "refused: case: Không có trường hợp 'Nhà chung cư'; chọn một trong: " in vietnamese
    english = run(store, "--lang", "en", *case, check=2).stderr
    assert "refused: case: There is no case 'Nhà chung cư'; choose one of: " in english
    limit = run(store, "--lang", "en", "find", "An", "--limit", "0", check=2).stderr.strip()
    assert limit == "onestop: từ chối / refused: --limit: The row limit must be from 1 to 1000"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland systems only")
def test_the_window_without_a_display_says_so_and_exits_1(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, "-m", "onestop", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert proc.returncode == 1
    assert "không có màn hình" in proc.stderr and "no display" in proc.stderr
    assert "Aborted" not in proc.stderr and "core dumped" not in proc.stderr


def test_which_machines_have_no_display():
    assert missing_display({}, "linux")
    assert not missing_display({"DISPLAY": ":0"}, "linux")
    assert not missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not missing_display({}, "win32") and not missing_display({}, "darwin")
