"""The return desk's list of results waiting to be collected: oldest first, how long each has
waited, narrowed by a name, phone or part of a code typed in the scan field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from .common import error_text, when
from .operations import dossiers as dossier_ops
from .operations.dossiers import WaitingResult

if TYPE_CHECKING:
    from onestop.services.context import Context

    from .ops import Op


class WaitingList(QWidget):
    """Results ready (or brought back by the post) not yet handed over. Enter or a double click
    on a row asks for that dossier (``chosen``)."""

    chosen = Signal(str)  # the dossier's code
    loaded = Signal(int)  # how many rows the last read found

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = ""
        self.rows: list[WaitingResult] = []
        self.title = QLabel(self.tr("Kết quả chờ trả"), self)
        self.title.setStyleSheet("font-weight: bold;")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("waiting")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(
            [
                self.tr("Mã hồ sơ"),
                self.tr("Người nộp"),
                self.tr("Điện thoại"),
                self.tr("Có kết quả"),
                self.tr("Đã chờ"),
            ]
        )
        self.tree.setMaximumHeight(180)
        self.tree.itemActivated.connect(lambda item, _col: self.chosen.emit(item.text(0)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self.loading: Op[list[WaitingResult]] | None = None

    def reload(self, query: str | None = None) -> None:
        if query is not None:
            self.query = query
        if self.loading is not None:
            self.loading.cancel()
        op = dossier_ops.waiting(self, self.ctx, self.query)
        op.on_done(self._show).on_error(self._failed)
        self.loading = op.start()

    def waited_text(self, row: WaitingResult) -> str:
        days = row.waited.days
        if days:
            return self.tr("%n ngày", "", days)
        return self.tr("%n giờ", "", int(row.waited.total_seconds() // 3600))

    def _show(self, rows: list[WaitingResult]) -> None:
        self.loading = None
        self.rows = rows
        self.tree.clear()
        for r in rows:
            item = QTreeWidgetItem(
                [r.code, r.applicant_name, r.phone or "", when(r.ready_at), self.waited_text(r)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, r.code)
            self.tree.addTopLevelItem(item)
        if self.query:
            self.title.setText(
                self.tr("Kết quả chờ trả khớp “{0}”: {1}").format(self.query, len(rows))
            )
        else:
            self.title.setText(self.tr("Kết quả chờ trả: {0}").format(len(rows)))
        for col in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(col)
        self.loaded.emit(len(rows))

    def _failed(self, error: BaseException) -> None:
        self.loading = None
        self.title.setText(error_text(error))
