"""Reusable input widgets: a type-to-pick field that ignores diacritics (procedures, provinces,
communes), identifier fields checked as typed with the domain's Vietnamese reasons, and the
2025 two-tier address editor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from onestop.domain.identifiers import Check
from onestop.domain.text import fold

from .common import ERROR_STYLE, OK_STYLE, localized


@dataclass(frozen=True)
class Choice:
    key: str
    text: str  # what the field shows once picked
    folded: str  # search key: fold(key + " " + text)


def choices(items: Sequence[tuple[str, str]]) -> list[Choice]:
    return [Choice(k, t, fold(f"{k} {t}")) for k, t in items]


def rank(query: str, pool: Sequence[Choice], limit: int = 50) -> list[Choice]:
    """Exact key first, then keys starting with the query, then entries where every typed word
    starts a word, then entries whose words' first letters start with the query, then entries
    merely containing every word; stable within each rank."""
    q = fold(query).strip()
    if not q:
        return list(pool[:limit])
    tokens = q.split()
    ranked: list[tuple[int, int, Choice]] = []
    for i, c in enumerate(pool):
        if fold(c.key) == q:
            r = 0
        elif fold(c.key).startswith(q):
            r = 1
        else:
            words = c.folded.split()
            if all(any(w.startswith(t) for w in words) for t in tokens):
                r = 2
            elif len(tokens) == 1 and len(q) > 1 and "".join(w[0] for w in words).startswith(q):
                r = 3  # "ag", "lx": the first letters of the words, as clerks abbreviate
            elif all(t in c.folded for t in tokens):
                r = 4
            else:
                continue
        ranked.append((r, i, c))
    ranked.sort(key=lambda x: (x[0], x[1]))
    return [c for _, _, c in ranked[:limit]]


class Picker(QLineEdit):
    """Type a code or words of a name (diacritics, case and đ/d ignored); the matches drop down;
    arrows and Enter pick one, or Enter alone picks the best match. ``picked(key)`` is emitted
    with the chosen key, or with "" when the text no longer names a choice."""

    picked = Signal(str)
    # Emitted after ``picked`` when the person picked (Enter or the list), not the program: the
    # form moves the focus on.
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # How typed text orders the choices; a form may put its own (procedure_finder).
        self.ranker: Callable[..., list[Choice]] = rank
        self._pool: list[Choice] = []
        self._shown: list[Choice] = []
        self.key = ""
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._activated)
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._enter)
        self.setClearButtonEnabled(True)

    def set_choices(self, items: Sequence[Choice]) -> None:
        self._pool = list(items)
        if self.key and self.key not in {c.key for c in self._pool}:
            self.clear_pick()

    def choices(self) -> list[Choice]:
        return list(self._pool)

    def matches(self) -> list[Choice]:
        return list(self._shown)

    def pick(self, key: str) -> bool:
        for c in self._pool:
            if c.key == key:
                self.key = c.key
                self.setText(c.text)
                self.setCursorPosition(0)
                self._completer.popup().hide()
                self.picked.emit(c.key)
                return True
        return False

    def clear_pick(self) -> None:
        self.key = ""
        self.clear()
        self.picked.emit("")

    def _edited(self, text: str) -> None:
        if self.key:
            self.key = ""
            self.picked.emit("")
        self._shown = self.ranker(text, self._pool)
        self._model.setStringList([c.text for c in self._shown])
        if self._shown and text.strip():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._shown) and self.pick(self._shown[row].key):
            self.chosen.emit(self.key)

    def _enter(self) -> None:
        if self.key:
            return
        found = self.ranker(self.text(), self._pool, limit=1)
        if found and self.text().strip() and self.pick(found[0].key):
            self.chosen.emit(self.key)


class CheckedField(QWidget):
    """A line edit checked as typed by a domain check (onestop.domain.identifiers): while the
    person types, the reason shows as a grey hint; once they leave the field, in red. The
    normalized value is what the service will store."""

    changed = Signal()

    def __init__(
        self,
        check: Callable[[str], Check],
        describe: Callable[[Check], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._describe = describe
        self.edit = QLineEdit(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda _t: self._update(final=False))
        self.edit.editingFinished.connect(lambda: self._update(final=True))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, value: str) -> None:
        self.edit.setText(value)
        self._update(final=True)

    def result(self) -> Check | None:
        value = self.edit.text().strip()
        return self._check(value) if value else None

    def is_valid(self) -> bool:
        """Empty counts as valid (optional field); the service decides what is required."""
        found = self.result()
        return found is None or found.valid

    def show_error(self, message: str) -> None:
        self.message.setText(localized(message))
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(True)
        self.edit.setStyleSheet("border: 1px solid #b3261e;")

    def _update(self, final: bool) -> None:
        found = self.result()
        if found is None:
            self.message.setVisible(False)
            self.edit.setStyleSheet("")
        elif found.valid:
            hint = self._describe(found) if self._describe else ""
            self.message.setText("✓ " + hint if hint else "✓")
            self.message.setStyleSheet(OK_STYLE)
            self.message.setVisible(True)
            self.edit.setStyleSheet("")
        elif final or self.edit.hasFocus() is False:
            self.show_error(found.reason or "")
        else:
            self.message.setText(localized(found.reason or ""))
            self.message.setStyleSheet("color: #777777;")
            self.message.setVisible(True)
            self.edit.setStyleSheet("")
        self.changed.emit()


def describe_id(check: Check) -> str:
    d = check.details
    if check.kind == "cccd":
        return (
            f"CCCD, {d.get('sex', '')}, sinh năm {d.get('birth_year', '')}, {d.get('province', '')}"
        )
    if check.kind == "cmnd":
        return "CMND (9 số)"
    if check.kind == "passport":
        return "Hộ chiếu"
    return ""


def id_check(today: Callable[[], date]) -> Callable[[str], Check]:
    from onestop.domain.identifiers import check_person_id

    return lambda value: check_person_id(value, today=today())


class AddressEditor(QWidget):
    """Street or hamlet as text, then the province (34) and the commune/ward (3,321) of the map
    in force since 1 July 2025, each picked by typing."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from onestop.domain import addresses

        self._addresses = addresses
        self.street = QLineEdit(self)
        self.province = Picker(self)
        self.ward = Picker(self)
        self.province.set_choices(
            [
                Choice(u.code, u.full_name, fold(f"{u.name} {u.full_name}"))
                for u in addresses.provinces()
            ]
        )
        self.street_label = QLabel(self.tr("Số nhà, đường/thôn, ấp"), self)
        self.province_label = QLabel(self.tr("Tỉnh/thành phố"), self)
        self.ward_label = QLabel(self.tr("Phường/xã"), self)
        self.street.setPlaceholderText(self.tr("ví dụ: 12 Nguyễn Huệ"))
        self.province.setPlaceholderText(self.tr("gõ tên tỉnh, ví dụ an giang"))
        self.ward.setPlaceholderText(self.tr("chọn tỉnh trước, rồi gõ tên phường/xã"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.street_label, 0, 0)
        grid.addWidget(self.street, 0, 1, 1, 3)
        grid.addWidget(self.province_label, 1, 0)
        grid.addWidget(self.province, 1, 1)
        grid.addWidget(self.ward_label, 1, 2)
        grid.addWidget(self.ward, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.province.picked.connect(self._province_picked)
        self.ward.picked.connect(lambda _k: self.changed.emit())
        self.street.textEdited.connect(lambda _t: self.changed.emit())
        self.setTabOrder(self.street, self.province)
        self.setTabOrder(self.province, self.ward)
        self.setFocusProxy(self.street)

    def _province_picked(self, code: str) -> None:
        pool = self._addresses.wards(code) if code else []
        self.ward.set_choices(
            [Choice(u.code, u.full_name, fold(f"{u.name} {u.full_name}")) for u in pool]
        )
        self.changed.emit()

    def text(self) -> str:
        """The address as printed: "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"."""
        return self._addresses.Address(
            street=self.street.text().strip(),
            ward_code=self.ward.key or None,
            province_code=self.province.key or None,
        ).format()

    def clear(self) -> None:
        self.street.clear()
        self.province.clear_pick()
        self.ward.clear_pick()


class PlainText(QPlainTextEdit):
    """Multi-line text where Tab moves on and Ctrl+Enter is left to the form (save, confirm)
    instead of inserting a line break."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_ctrl_enter(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_ctrl_enter(event):
            event.ignore()
            return
        super().keyPressEvent(event)


def _is_ctrl_enter(event: Any) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )
