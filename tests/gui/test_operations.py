"""The change broadcast of the GUI's operations layer: a successful write tells every listener,
once per burst, also when the page that started it closed; a refused write tells no one; a
listener's connection ends with its widget."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from onestop.domain.errors import InputError
from onestop.ui.operations import Changes, broadcast, bus, listen, read, write
from tests.gui.conftest import wait_ops


def _echo(ctx, value):
    return value


def _refuse(ctx):
    raise InputError("phone", "Số điện thoại sai")


def test_a_write_broadcasts_what_it_changed_after_its_own_callback(qtbot, ctx):
    heard: list[object] = []
    bus().changed.connect(heard.append)
    order: list[str] = []
    op = write(None, ctx, Changes(dossiers=True), _echo, "xong")
    op.on_done(lambda v: order.append(f"done {v}"))
    op.after_success(lambda v: order.append("after")).start()
    wait_ops(qtbot)
    assert order == ["done xong", "after"]
    assert len(heard) == 1 and heard[0].dossiers and not heard[0].postal


def test_a_refused_write_broadcasts_nothing_and_a_read_never_does(qtbot, ctx):
    heard: list[object] = []
    bus().changed.connect(heard.append)
    errors: list[BaseException] = []
    write(None, ctx, Changes(dossiers=True), _refuse).on_error(errors.append).start()
    read(None, ctx, _echo, 1).start()
    wait_ops(qtbot)
    assert isinstance(errors[0], InputError)
    assert heard == []


def test_the_write_of_a_closed_page_still_broadcasts(qtbot, ctx):
    heard: list[object] = []
    bus().changed.connect(heard.append)
    page = QWidget()
    op = write(page, ctx, Changes(postal=True), _echo, 1)
    op.on_done(lambda _: pytest.fail("the page is gone"))
    page.deleteLater()
    op.start()
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=10000)
    assert heard[0].postal


def test_listeners_hear_their_kinds_merged_and_stop_with_their_widget(qtbot):
    page = QWidget()
    calls: list[Changes] = []
    listen(page, calls.append, "dossiers", "postal")
    broadcast(Changes(master=True))
    broadcast(Changes(dossiers=True))
    broadcast(Changes(postal=True))
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    qtbot.wait(100)
    assert len(calls) == 1 and calls[0].dossiers and calls[0].postal and not calls[0].master
    page.deleteLater()
    qtbot.wait(50)
    broadcast(Changes(dossiers=True))
    qtbot.wait(100)
    assert len(calls) == 1
