"""Search as you type over dossier codes, applicants' names (folded: no diacritics needed, đ = d),
ID numbers and phones; results load lazily off the GUI thread; Enter opens the dossier. An open
search runs again by itself when dossiers change (a return, a sync), so its rows never go stale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .common import error_text
from .models import DossierTableModel, Fetch
from .operations import Changes, listen
from .operations import dossiers as dossier_ops

if TYPE_CHECKING:
    from onestop.services.context import Context

    from .main_window import MainWindow

DEBOUNCE_MS = 200


def search_fetch(ctx: Context, text: str) -> Fetch:
    """Pages of the dossiers matching ``text``, each a read op (operations.dossiers.search)."""
    return lambda parent, offset, limit: dossier_ops.search(parent, ctx, text, offset, limit)


class SearchPage(QWidget):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.query = QLineEdit(self)
        self.query.setObjectName("query")
        self.query.setPlaceholderText(
            self.tr("Mã hồ sơ, tên người nộp (gõ không dấu được), số giấy tờ hoặc số điện thoại")
        )
        self.query.setClearButtonEnabled(True)
        self.query.setStyleSheet("font-size: 13pt; padding: 4px;")
        label = QLabel(self.tr("&Tìm"), self)
        label.setBuddy(self.query)
        self.state = QLabel(self)
        self.model = DossierTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((190, 190, 260, 150, 125, 125, 120)):
            self.table.setColumnWidth(col, width)
        state = host.settings.value("search/header")
        if state is not None:
            header.restoreState(state)
        head = QHBoxLayout()
        head.addWidget(label)
        head.addWidget(self.query, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.query.textEdited.connect(lambda _t: self.timer.start())
        self.query.returnPressed.connect(self._enter_in_query)
        self.table.activated.connect(self._open)
        self.model.loading_changed.connect(self._loading)
        self.model.reset_done.connect(self._count)
        self.model.rowsInserted.connect(lambda *_: self._count())
        self.model.failed.connect(lambda e: self.state.setText(error_text(e)))
        self.query.installEventFilter(self)
        self.last_query: str | None = None
        listen(self, self._dossiers_changed, "dossiers")

    def run_search(self) -> None:
        self.timer.stop()
        text = self.query.text().strip()
        if text == self.last_query:
            return
        self.last_query = text
        self.model.set_fetch(search_fetch(self.host.ctx, text) if text else None)
        if not text:
            self.state.setText("")

    def _dossiers_changed(self, _changes: Changes) -> None:
        # The rows on screen are read again in place; a search still being typed runs anyway.
        # A page of a window that was closed (signed out) has no one to show them to.
        if self.last_query and not self.timer.isActive() and self.window().isVisible():
            self.model.reload()

    def _enter_in_query(self) -> None:
        # Enter searches at once; when the results are there and one row is shown, open it.
        if self.timer.isActive() or self.query.text().strip() != self.last_query:
            self.run_search()
        elif self.model.rowCount() >= 1:
            self.table.setFocus()
            self.table.selectRow(0)
            if self.model.rowCount() == 1:
                self._open(self.model.index(0, 0))

    def _loading(self, busy: bool) -> None:
        if busy and not self.model.rowCount():
            self.state.setText(self.tr("Đang tìm…"))
        else:
            self._count()

    def _count(self) -> None:
        if self.model.loading and not self.model.rowCount():
            return
        n = self.model.rowCount()
        if not self.last_query:
            self.state.setText("")
        elif n == 0:
            self.state.setText(self.tr("Không tìm thấy hồ sơ nào"))
        else:
            more = self.tr(" (cuộn xuống để xem thêm)") if self.model.canFetchMore() else ""
            self.state.setText(self.tr("%n hồ sơ, mới nhất trước", "", n) + more)

    def _open(self, index) -> None:
        if index.isValid():
            self.host.open_dossier(self.model.row(index.row()).code)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down arrow from the search field goes to the results.
        if (
            watched is self.query
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.table.setFocus()
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def save_layout(self) -> None:
        self.host.settings.setValue("search/header", self.table.horizontalHeader().saveState())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.query.setFocus()
        self.query.selectAll()
