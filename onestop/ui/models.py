"""Qt table model of dossier summaries that loads lazily: a page at a time, off the GUI thread,
when the view scrolls near the end (canFetchMore/fetchMore). Instant at a million dossiers,
because only what is on screen (and a page ahead) is ever fetched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from .common import STATUS_COLORS, status_label, when
from .ops import Op

Index = QModelIndex | QPersistentModelIndex
# fetch(ctx, offset, limit) -> rows, run on a worker thread with its own Context.
Fetch = Callable[[Any, int, int], list[dict[str, Any]]]

OVERDUE_BACKGROUND = QColor("#fde2e1")


def _columns() -> list[tuple[str, str]]:
    return [
        ("code", QCoreApplication.translate("DossierModel", "Mã hồ sơ")),
        ("applicant_name", QCoreApplication.translate("DossierModel", "Người nộp")),
        ("procedure_name", QCoreApplication.translate("DossierModel", "Thủ tục")),
        ("status", QCoreApplication.translate("DossierModel", "Trạng thái")),
        ("due_at", QCoreApplication.translate("DossierModel", "Hẹn trả")),
        ("received_at", QCoreApplication.translate("DossierModel", "Tiếp nhận")),
        ("id_number", QCoreApplication.translate("DossierModel", "Số giấy tờ")),
        ("phone", QCoreApplication.translate("DossierModel", "Điện thoại")),
    ]


class DossierTableModel(QAbstractTableModel):
    """Either a ``Fetch`` source (search: pages come from the store on a worker), or a list
    already loaded (daily log: shown a chunk at a time so the view stays light)."""

    loading_changed = Signal(bool)
    failed = Signal(object)
    reset_done = Signal()

    def __init__(self, ctx: Any, parent: QObject | None = None, page: int = 50) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page = page
        self.columns = _columns()
        self._rows: list[dict[str, Any]] = []
        self._all: list[dict[str, Any]] | None = None
        self._fetch: Fetch | None = None
        self._more = False
        self._op: Op[list[dict[str, Any]]] | None = None

    # --- sources ---------------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch | None) -> None:
        """Start over with a new source; a page still coming from the previous one is dropped."""
        self._cancel()
        self.beginResetModel()
        self._rows = []
        self._all = None
        self._fetch = fetch
        self._more = fetch is not None
        self.endResetModel()
        if fetch is not None:
            self.fetchMore(QModelIndex())
        else:
            self.reset_done.emit()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self._cancel()
        self.beginResetModel()
        self._fetch = None
        self._all = rows
        self._rows = rows[: self.page * 4]
        self._more = len(self._rows) < len(rows)
        self.endResetModel()
        self.reset_done.emit()

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self._op = None
            self.loading_changed.emit(False)

    @property
    def loading(self) -> bool:
        return self._op is not None

    def row(self, index: int) -> dict[str, Any]:
        return self._rows[index]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def total_known(self) -> int:
        return len(self._all) if self._all is not None else len(self._rows)

    # --- lazy loading ------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and self._op is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._op is not None:
            return
        if self._all is not None:
            start = len(self._rows)
            chunk = self._all[start : start + self.page * 4]
            self.beginInsertRows(QModelIndex(), start, start + len(chunk) - 1)
            self._rows.extend(chunk)
            self.endInsertRows()
            self._more = len(self._rows) < len(self._all)
            return
        fetch, offset, page = self._fetch, len(self._rows), self.page
        assert fetch is not None
        # One row more than a page tells whether another page exists.
        op = Op(lambda c: fetch(c, offset, page + 1), ctx=self.ctx, parent=self)
        op.on_done(lambda rows: self._arrived(op, rows)).on_error(lambda e: self._broke(op, e))
        self._op = op
        self.loading_changed.emit(True)
        op.start()

    def _arrived(self, op: Op[Any], rows: list[dict[str, Any]]) -> None:
        if op is not self._op:
            return
        self._op = None
        first = not self._rows
        page = rows[: self.page]
        self._more = len(rows) > self.page
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.loading_changed.emit(False)
        if first:
            self.reset_done.emit()

    def _broke(self, op: Op[Any], error: BaseException) -> None:
        if op is not self._op:
            return
        self._op = None
        self._more = False
        self.loading_changed.emit(False)
        self.failed.emit(error)

    # --- the table ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            if key == "status":
                text = status_label(str(value))
                return text + (
                    "  ⚠ " + QCoreApplication.translate("DossierModel", "quá hạn")
                    if row.get("overdue")
                    else ""
                )
            if key in ("due_at", "received_at"):
                return when(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and row.get("overdue"):
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QBrush(QColor(STATUS_COLORS.get(row.get("status", ""), "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("procedure_name", "applicant_name"):
            return row.get(key)
        if role == Qt.ItemDataRole.UserRole:
            return row.get("code")
        return None
