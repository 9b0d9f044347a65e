"""The daily log's day field (issue 15): a typed date is taken on Enter (not on each key), a day
that does not exist is refused in red, Ctrl+← / Ctrl+→ step a day across month, year and leap-day
boundaries, from the field and from anywhere on the page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.ui.day_edit import parse_day
from tests.gui.conftest import sign_in, wait_ops

TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31/10/2026", date(2026, 10, 31)),
        ("1/3/2028", date(2028, 3, 1)),
        ("29-02-2028", date(2028, 2, 29)),
        ("05.01.27", date(2027, 1, 5)),
        ("20/11", date(2026, 11, 20)),
        ("20112026", date(2026, 11, 20)),
        ("201126", date(2026, 11, 20)),
        ("2026-12-31", date(2026, 12, 31)),
        (" 7 / 8 / 2026 ", date(2026, 8, 7)),
        ("31/11/2026", None),
        ("29/02/2027", None),
        ("hôm qua", None),
        ("", None),
        ("32/01", None),
    ],
)
def test_a_day_is_read_as_a_clerk_writes_it(text, day):
    assert parse_day(text, TODAY) == day


def log_page(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("log")
    qtbot.waitUntil(lambda: page.loaded_day is not None, timeout=10000)
    return main, page


def test_a_typed_day_is_taken_on_enter_and_a_wrong_one_refused(qtbot, shell, ctx):
    counter = Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")
    receive(counter, ReceiveRequest("1.001193", "Lê Văn An"))
    _main, page = log_page(qtbot, shell)
    assert page.loaded_day == TODAY and page.day.text() == "16/11/2026"
    changes = []
    page.day.dateChanged.connect(changes.append)
    page.day.setFocus()
    page.day.selectAll()
    qtbot.keyClicks(page.day, "31/10/2026")
    assert changes == []  # no reload on each key
    qtbot.keyClick(page.day, Qt.Key.Key_Return)
    assert changes == [QDate(2026, 10, 31)]
    qtbot.waitUntil(lambda: page.loaded_day == date(2026, 10, 31), timeout=10000)
    assert page.model.rowCount() == 0
    # A day that does not exist: red, the day unchanged.
    page.day.selectAll()
    qtbot.keyClicks(page.day, "31/11/2026")
    qtbot.keyClick(page.day, Qt.Key.Key_Return)
    assert page.selected_day() == date(2026, 10, 31)
    assert "b3261e" in page.day.styleSheet() and "31/11/2026" in page.day.toolTip()
    # Esc puts the day back.
    qtbot.keyClick(page.day, Qt.Key.Key_Escape)
    assert page.day.text() == "31/10/2026" and page.day.styleSheet() == ""
    # Ctrl+→ crosses the month's end; the day's dossiers are there.
    qtbot.keyClick(page.day, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert page.day.text() == "01/11/2026"
    page.day.setDate(QDate(2026, 11, 15))
    qtbot.keyClick(page.day, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.loaded_day == TODAY, timeout=10000)
    wait_ops(qtbot)
    assert page.model.rowCount() == 1


def test_ctrl_arrows_step_across_year_and_leap_day_from_anywhere_on_the_page(qtbot, shell):
    _main, page = log_page(qtbot, shell)
    page.day.setDate(QDate(2026, 12, 31))
    page.table.setFocus()
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert page.selected_day() == date(2027, 1, 1)
    qtbot.keyClick(page.table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert page.selected_day() == date(2026, 12, 31)
    page.day.setDate(QDate(2028, 3, 1))
    page.day.setFocus()
    qtbot.keyClick(page.day, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert page.selected_day() == date(2028, 2, 29)
    qtbot.keyClick(page.day, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert page.day.text() == "28/02/2028"
    qtbot.waitUntil(lambda: page.loaded_day == date(2028, 2, 28), timeout=10000)
    # The month view picks a day too.
    qtbot.keyClick(page.day, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.day.calendar is not None and page.day.calendar.isVisible()
    page.day.calendar.activated.emit(QDate(2028, 2, 3))
    assert page.selected_day() == date(2028, 2, 3) and not page.day.calendar.isVisible()
