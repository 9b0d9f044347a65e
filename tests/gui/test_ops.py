"""The background-work pattern: work off the GUI thread, results and errors back on it, stale or
orphaned results dropped, each op with its own Context."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from onestop.domain.errors import InputError
from onestop.ui import ops


def wait(qtbot) -> None:
    qtbot.waitUntil(lambda: ops.tracker().count == 0, timeout=10000)


def test_work_runs_on_a_worker_and_result_comes_back_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen: dict[str, int | str] = {}

    def work() -> str:
        seen["worker"] = threading.get_ident()
        return "xong"

    def done(value: str) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    ops.Op(work).on_done(done).start()
    wait(qtbot)
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert seen["value"] == "xong"


def test_errors_come_back_to_on_error(qtbot):
    errors: list[BaseException] = []

    def work() -> None:
        raise InputError("phone", "Số điện thoại sai")

    ops.Op(work).on_done(lambda _: pytest.fail("no result")).on_error(errors.append).start()
    wait(qtbot)
    assert isinstance(errors[0], InputError) and errors[0].field == "phone"


def test_cancelled_and_orphaned_results_are_dropped(qtbot):
    got: list[str] = []
    gate = threading.Event()

    def slow() -> str:
        gate.wait(5)
        return "cũ"

    stale = ops.Op(slow).on_done(got.append).start()
    stale.cancel()
    parent = QObject()
    ops.Op(slow, parent=parent).on_done(got.append).start()
    parent.deleteLater()
    qtbot.wait(10)  # the deferred delete happens
    gate.set()
    wait(qtbot)
    assert got == []
    assert stale.finished and stale.result == "cũ"


def test_each_op_gets_its_own_context(ctx, qtbot):
    ctx.role = "counter"
    settings = ctx.settings
    got = []
    ops.Op(lambda c: (c is not ctx, c.role, c.actor, c.settings is settings), ctx=ctx).on_done(
        got.append
    ).start()
    wait(qtbot)
    assert got == [(True, "counter", "can.bo.test", True)]
    assert ops.wait_all(1000)
