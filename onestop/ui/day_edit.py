"""A day typed as a clerk writes it (20/11/2026, 20/11, 20112026, 2026-11-20), Ctrl+← / Ctrl+→
stepping a day across month and year ends, Alt+↓ or the calendar button for a month view; the
day changes (``dateChanged``) only once the typed text is complete, on Enter or on leaving the
field, never on each key. Used by the daily log; keeps QDateEdit's date(), setDate() and
dateChanged so that callers need not change."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

FIELD_ERROR = "border: 1px solid #b3261e;"
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_day(text: str, today: date) -> date | None:
    """The day ``text`` names, day first; None when it names none (31/11 included). Without a
    year, this year; a two-digit year is 20yy."""
    raw = text.strip()
    if not raw:
        return None
    m = _YMD.match(raw)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif raw.isdigit() and len(raw) in (4, 6, 8):
        day, month = int(raw[:2]), int(raw[2:4])
        rest = raw[4:]
        year = today.year if not rest else int(rest) + (2000 if len(rest) == 2 else 0)
    else:
        m = _DMY.match(raw)
        if not m:
            return None
        day, month = int(m[1]), int(m[2])
        year = today.year if m[3] is None else int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class DayEdit(QLineEdit):
    """One day, typed or stepped."""

    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today or date.today()
        self._date = _qdate(self._today)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.hint = self.tr(
            "Gõ ngày (20/11/2026, 20/11 hoặc 20112026) rồi Enter; Ctrl+← / Ctrl+→: lùi / tiến "
            "một ngày; Alt+↓: lịch"
        )
        self.setMaximumWidth(170)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = QAction(icon, self.tr("Chọn trên lịch"), self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self.commit)
        self._show()

    # --- QDateEdit's API ------------------------------------------------------------------

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, value: QDate) -> None:
        if not value.isValid():
            return
        changed = value != self._date
        self._date = QDate(value)
        self._show()
        if changed:
            self.dateChanged.emit(QDate(value))

    # --- typing and stepping ----------------------------------------------------------------

    def commit(self) -> bool:
        """Take the typed text: the day it names, or a red field and the day unchanged."""
        found = parse_day(self.text(), self._today)
        if found is None:
            self.setStyleSheet(FIELD_ERROR)
            self.setToolTip(self.tr("Không phải một ngày: {0}").format(self.text()))
            return False
        self.setDate(_qdate(found))
        self._show()
        return True

    def step(self, days: int) -> None:
        self.setDate(self._date.addDays(days))

    def _show(self) -> None:
        self.setStyleSheet("")
        self.setToolTip(self.hint)
        self.setText(self._show_text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if ctrl and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step(-1 if event.key() == Qt.Key.Key_Left else 1)
            self.selectAll()
            return
        if (alt and event.key() == Qt.Key.Key_Down) or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        if event.key() == Qt.Key.Key_Escape and self.text() != self._show_text():
            self._show()
            return
        super().keyPressEvent(event)

    def _show_text(self) -> str:
        return self._date.toString("dd/MM/yyyy")

    # --- the month view ---------------------------------------------------------------------

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        self.calendar.setSelectedDate(self._date)
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.setDate(value)
        self.setFocus()
