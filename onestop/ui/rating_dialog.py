"""The citizen's rating, on a window turned to them: three large buttons (Rất hài lòng, Hài lòng,
Không hài lòng), keys 1, 2 and 3 for the officer, Esc to skip. Offered at the return desk after
a result is handed over and after a receipt is saved; recorded through the one write path
(operations.rating.rate), so an open dashboard counts it at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .common import error_text
from .operations import rating as rating_ops

if TYPE_CHECKING:
    from .main_window import MainWindow

# (score, key, background): the colours a citizen reads at a glance, from good to bad.
CHOICES = (
    ("very_satisfied", "1", "#1b7f3b"),
    ("satisfied", "2", "#2f6fb3"),
    ("dissatisfied", "3", "#b3261e"),
)


class RatingDialog(QDialog):
    """Asks the citizen once; ``rated(score)`` after the rating was recorded."""

    rated = Signal(str)

    def __init__(self, host: MainWindow, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent or host)
        self.host = host
        self.code = code
        self.setObjectName("rating")
        self.setWindowTitle(self.tr("Đánh giá mức độ hài lòng · {0}").format(code))
        question = QLabel(
            self.tr("Ông/Bà có hài lòng với việc giải quyết hồ sơ hôm nay không?"), self
        )
        question.setWordWrap(True)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        question.setStyleSheet("font-size: 20pt; font-weight: bold; padding: 12px;")
        about = QLabel(self.tr("Hồ sơ {0}").format(code), self)
        about.setAlignment(Qt.AlignmentFlag.AlignCenter)
        about.setStyleSheet("font-size: 12pt; color: #555;")
        labels = {
            "very_satisfied": self.tr("Rất hài lòng"),
            "satisfied": self.tr("Hài lòng"),
            "dissatisfied": self.tr("Không hài lòng"),
        }
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for score, key, colour in CHOICES:
            button = QPushButton(f"{labels[score]}\n({key})", self)
            button.setObjectName(f"rate_{score}")
            button.setMinimumSize(220, 150)
            button.setStyleSheet(
                f"QPushButton {{ font-size: 20pt; font-weight: bold; color: white; "
                f"background: {colour}; border-radius: 10px; padding: 12px; }}"
                "QPushButton:disabled { background: #999; }"
            )
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=score: self.choose(s))
            self.buttons[score] = button
            row.addWidget(button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.skip = QPushButton(self.tr("Bỏ qua (Esc)"), self)
        self.skip.setObjectName("rate_skip")
        self.skip.setAutoDefault(False)
        self.skip.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.skip)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addLayout(bottom)
        self.saving = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The officer's keys (also from the number pad): 1, 2, 3. Esc skips (QDialog's own).
        keys = {key: score for score, key, _ in CHOICES}
        score = keys.get(event.text())
        if score is not None:
            self.choose(score)
            return
        super().keyPressEvent(event)

    def choose(self, score: str) -> None:
        if self.saving:
            return  # one rating per dossier: a second key press while saving does nothing
        self.saving = True
        for button in self.buttons.values():
            button.setEnabled(False)
        self.message.setText(self.tr("Đang ghi nhận…"))
        op = rating_ops.rate(self, self.host.ctx, self.code, score)
        op.on_done(lambda _d: self._done(score)).on_error(self._failed).start()

    def _done(self, score: str) -> None:
        self.host.report(self.tr("Hồ sơ {0}: đã ghi nhận đánh giá").format(self.code), True)
        self.rated.emit(score)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        for button in self.buttons.values():
            button.setEnabled(True)
        self.message.setText(error_text(error))
        self.message.setStyleSheet("color: #b3261e;")


def offer(host: MainWindow, code: str) -> RatingDialog | None:
    """Show the rating window for ``code``, when the signed-in role records ratings and the
    workstation offers them (setting ``rating/offer``, on unless set to false). It does not take
    the keyboard: the officer's scan field keeps it (a scanner types there), the citizen clicks
    or touches (on a second screen when there is one); the officer's 1/2/3 work once it is
    clicked. A rating still open when the next is offered was skipped."""
    if not rating_ops.may_rate(host.ctx):
        return None
    if str(host.settings.value("rating/offer", "true")).lower() in ("false", "0", "no"):
        return None
    previous = getattr(host, "last_rating", None)
    if previous is not None and shiboken6.isValid(previous) and previous.isVisible():
        previous.reject()
    dialog = RatingDialog(host, code)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    screens = QGuiApplication.screens()
    if len(screens) > 1 and screens[-1] is not host.screen():
        dialog.move(screens[-1].availableGeometry().center() - dialog.rect().center())
    host.last_rating = dialog  # type: ignore[attr-defined]
    keep = QApplication.focusWidget()
    dialog.show()
    dialog.raise_()
    if keep is not None and keep.window() is not dialog:
        # Platforms that activate a window shown anyway: the keyboard goes back where it was.
        keep.window().activateWindow()
        keep.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog
