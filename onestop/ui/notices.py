"""The main window's notification area: the last message for the person at the counter shown
whole (word-wrapped, selectable; the status bar cut long ones, a saved file's path ended in "…"),
errors in red and longer, and for a file written "Mở thư mục" opening the folder that holds it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

OK_STYLE = "QFrame#notice { background: #e8f3ea; border-top: 1px solid #b7d8bf; }"
ERROR_STYLE = (
    "QFrame#notice { background: #fbeaea; border-top: 1px solid #e3b4b1; }"
    " QLabel { color: #b3261e; }"
)
# How long a message stays: long enough to read a path; an error longer (a background sync
# that fails says so again at its next round).
OK_MS = 20_000
ERROR_MS = 60_000


class NoticeBar(QFrame):
    """One message at a time, the newest; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.path: Path | None = None
        self.label = QLabel(self)
        self.label.setObjectName("notice_text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Mở thư mục"), self)
        self.open_button.setObjectName("notice_open")
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Đóng thông báo"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.hide()

    def show_notice(self, text: str, ok: bool = True, path: Path | None = None) -> None:
        self.path = path
        self.label.setText(text)
        self.label.setToolTip(text)
        self.open_button.setVisible(path is not None)
        self.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.show()
        self.timer.start(OK_MS if ok else ERROR_MS)

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
