"""One broadcast reaches every open view: a return recorded at the return desk shows, without
anyone touching them, in an open search page, an open daily log and another open dossier window
on the same dossier, each read again off the GUI thread (real widgets, real store)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt

from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from tests.gui.conftest import sign_in, type_text, wait_ops


def as_counter(ctx) -> Context:
    return Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")


@pytest.fixture
def reads(monkeypatch) -> list[tuple[str, bool]]:
    """(service, whether it ran on the GUI thread) of every dossier read the views make."""
    calls: list[tuple[str, bool]] = []
    for name in ("show", "find", "list_dossiers"):
        real = getattr(dossiers, name)

        def spy(*args: Any, _real=real, _name=name, **kw: Any) -> Any:
            calls.append((_name, threading.current_thread() is threading.main_thread()))
            return _real(*args, **kw)

        monkeypatch.setattr(dossiers, name, spy)
    return calls


def ready_dossier(ctx, name: str) -> str:
    counter = as_counter(ctx)
    code = receive(counter, ReceiveRequest(procedure_code="1.001193", applicant_name=name)).code
    dossiers.mark_result_ready(counter, code)
    return code


def test_a_return_at_the_desk_updates_search_daily_log_and_another_dossier_window(
    qtbot, shell, ctx, reads
):
    code = ready_dossier(ctx, "Phan Thị Ngọc Ánh")
    main = sign_in(qtbot, shell, "can.bo")

    search = main.show_page("search")
    type_text(search.query, "phan ngoc anh")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=10000)
    assert search.model.row(0).status == "result_ready"

    log = main.show_page("log")
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=10000)
    assert log.model.row(0).status == "result_ready"

    window = main.open_dossier(code)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    assert "return" in window.actions.button_widgets

    desk = main.show_page("return")
    qtbot.keyClicks(desk.scan, code)
    qtbot.keyClick(desk.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.actions.form is not None, timeout=10000)
    wait_ops(qtbot)
    reads.clear()
    desk.actions.form.recipient_id.setText("001090012345")
    # The dossier window is the active one: the desk's form is confirmed with its button.
    qtbot.mouseClick(desk.actions.form.ok, Qt.MouseButton.LeftButton)

    # Nobody touches the other views from here on.
    qtbot.waitUntil(lambda: desk.panel.detail.status == "returned", timeout=10000)
    qtbot.waitUntil(lambda: search.model.row(0).status == "returned", timeout=10000)
    qtbot.waitUntil(lambda: log.model.rowCount() == 1 and log.model.row(0).status == "returned")
    qtbot.waitUntil(lambda: window.panel.detail.status == "returned", timeout=10000)
    wait_ops(qtbot)
    assert "Đã trả kết quả" in window.panel.hand_back.text()
    assert "return" not in window.actions.button_widgets
    assert search.model.rowCount() == 1 and "1 hồ sơ" in search.state.text()
    assert log.summary.text().startswith("1 hồ sơ")
    # Each view read its dossiers again, on a worker: the GUI thread never waited for the store.
    assert {name for name, _ in reads} >= {"find", "list_dossiers", "show"}
    assert not any(on_gui for _, on_gui in reads), reads
    # The desk showed what its own return did; it did not read the dossier once more.
    assert [name for name, _ in reads].count("show") == 1


def test_a_change_elsewhere_keeps_the_form_someone_is_filling_in(qtbot, shell, ctx):
    code = ready_dossier(ctx, "Đỗ Văn Khánh")
    main = sign_in(qtbot, shell, "can.bo")
    first = main.open_dossier(code)
    second = main.open_dossier(code)
    for window in (first, second):
        qtbot.waitUntil(lambda w=window: w.panel.detail is not None, timeout=10000)
    qtbot.mouseClick(first.actions.button_widgets["return"], Qt.MouseButton.LeftButton)
    form = first.actions.form
    form.recipient.selectAll()
    type_text(form.recipient, "Đỗ Văn Minh")
    form.recipient_id.setText("001090012345")

    # Two windows: each confirms with its button (shortcuts belong to the active window).
    qtbot.mouseClick(second.actions.button_widgets["return"], Qt.MouseButton.LeftButton)
    second.actions.form.recipient_id.setText("001090012345")
    qtbot.mouseClick(second.actions.form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.panel.detail.status == "returned", timeout=10000)
    wait_ops(qtbot)
    # The first window shows the new state, and the half-typed form is still there.
    assert first.actions.form is form and form.recipient.text() == "Đỗ Văn Minh"
    # Confirming it now is refused by the dossier's state, in the form.
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=10000)
    assert "trạng thái" in form.error.text()
    # Once the form closes, the buttons are those of the returned dossier.
    qtbot.mouseClick(form.cancel, Qt.MouseButton.LeftButton)
    assert first.actions.form is None
    assert "return" not in first.actions.button_widgets


def test_a_receipt_at_the_counter_appears_in_the_open_daily_log(qtbot, shell, ctx, reads):
    main = sign_in(qtbot, shell, "can.bo")
    log = main.show_page("log")
    qtbot.waitUntil(lambda: log.loaded_day is not None, timeout=10000)
    assert log.model.rowCount() == 0
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures), timeout=10000)
    qtbot.keyClicks(page.procedure, "1.001193")
    qtbot.keyClick(page.procedure, Qt.Key.Key_Return)
    page.tick_all()
    type_text(page.name, "Lạc Thị Hồng")
    reads.clear()
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=15000)
    assert log.model.row(0).applicant_name == "Lạc Thị Hồng"
    assert ("list_dossiers", False) in reads
