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


def test_later_calls_back_on_the_gui_thread_unless_its_owner_is_gone(qtbot):
    from PySide6.QtCore import QObject

    from onestop.ui.common import later

    owner = QObject()
    calls: list[int] = []
    for i in range(300):
        later(0, lambda i=i: calls.append(i), owner)
    qtbot.waitUntil(lambda: len(calls) == 300, timeout=5000)
    assert calls == list(range(300))
    gone = QObject()
    later(0, lambda: calls.append(-1), gone)
    gone.deleteLater()
    qtbot.wait(20)
    assert -1 not in calls


SIGNALS_THEN_EXIT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import onestop.ui
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(object)

app = QCoreApplication([])
source = Source()
source.changed.connect(lambda value: None)
for i in range(50000):  # a busy day's emits, compressed
    source.changed.emit(i)
    QCoreApplication.processEvents()
print("done")
"""


def test_a_long_session_of_signals_does_not_abort_the_interpreter():
    """PySide6 6.12.0 drops a reference to True per emit and to None per static void call, and
    Python 3.11 then aborts (bool_dealloc/none_dealloc): the pinned PySide6 must not."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", SIGNALS_THEN_EXIT], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.strip() == "done"
