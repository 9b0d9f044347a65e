"""What the sign-in window says when the program cannot open: a part of the program missing (an
incomplete installation) is not called an unreadable store, and both point to ``onestop
doctor``; and ``onestop --smoke`` signs a demo account in on the real window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from onestop.store.db import StoreError
from onestop.ui import ops, signin
from onestop.ui.common import ERROR_STYLE, ui_settings
from tests.gui.conftest import wait_ops
from tests.helpers import run_cli


def _message_after_failing_with(qtbot, tmp_path, monkeypatch, error: BaseException) -> str:
    def fail(_data_dir, warm=True):
        raise error

    monkeypatch.setattr(signin, "open_context", fail)
    window = signin.SignInWindow(tmp_path, ui_settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    window.start_loading()
    qtbot.waitUntil(lambda: bool(window.message.text()), timeout=10000)
    wait_ops(qtbot)
    assert window.message.styleSheet() == ERROR_STYLE and window.ctx is None
    return window.message.text()


def test_a_missing_module_is_not_called_an_unreadable_store(qtbot, tmp_path, monkeypatch):
    missing = ModuleNotFoundError("No module named 'reportlab.graphics.barcode.code128'")
    text = _message_after_failing_with(qtbot, tmp_path, monkeypatch, missing)
    assert "Chương trình thiếu một thành phần" in text
    assert "reportlab.graphics.barcode.code128" in text and "cài đặt lại onestop" in text
    assert "kho dữ liệu" not in text
    assert "onestop doctor" in text


def test_an_unreadable_store_is_said_so(qtbot, tmp_path, monkeypatch):
    broken = StoreError("Tệp kho dữ liệu hỏng")
    text = _message_after_failing_with(qtbot, tmp_path, monkeypatch, broken)
    assert text.startswith("Không mở được kho dữ liệu: Tệp kho dữ liệu hỏng")
    assert "onestop doctor" in text


@pytest.fixture(autouse=True)
def _closed():
    yield
    for w in QApplication.topLevelWidgets():
        w.close()
    ops.set_default_error_handler(None)


def test_smoke_signs_a_demo_account_in_and_quits(tmp_path):
    data = tmp_path / "data"
    run_cli(data, "init", "--demo")
    proc = run_cli(data, "--smoke")
    done = json.loads(proc.stdout.strip().splitlines()[-1])
    assert done["ok"] is True and done["user"] == "can.bo"
    assert "Quầy 1" in done["window"]


def test_smoke_refuses_a_real_office(tmp_path):
    data = tmp_path / "data"
    run_cli(data, "init", "--agency-code", "000.00.53.H48")
    proc = run_cli(data, "--smoke", check=1)
    assert "needs a demo store" in proc.stderr
