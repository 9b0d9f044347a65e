"""Qt table model of dossier summaries (DossierSummary) that loads lazily: a page at a time, off
the GUI thread, when the view scrolls near the end (canFetchMore/fetchMore). Instant at a million
dossiers, because only what is on screen (and a page ahead) is ever fetched."""

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
from .operations.dossiers import DossierSummary
from .ops import Op

Index = QModelIndex | QPersistentModelIndex
# fetch(parent, offset, limit) -> an un-started read op giving those rows (operations.dossiers).
Fetch = Callable[[QObject, int, int], Op[list[DossierSummary]]]

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

    def __init__(self, parent: QObject | None = None, page: int = 50) -> None:
        super().__init__(parent)
        self.page = page
        self.columns = _columns()
        self._rows: list[DossierSummary] = []
        self._all: list[DossierSummary] | None = None
        self._fetch: Fetch | None = None
        self._more = False
        self._op: Op[list[DossierSummary]] | None = None

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

    def set_rows(self, rows: list[DossierSummary]) -> None:
        self._cancel()
        self._fetch = None
        self._all = rows
        count = self.page * 4
        shown = [r.code for r in self._rows]
        if len(shown) > count and [r.code for r in rows[: len(shown)]] == shown:
            count = len(shown)  # the same list again after a change: as far as it was scrolled
        self._replace(rows[:count])
        self._more = len(self._rows) < len(rows)
        self.reset_done.emit()

    def reload(self) -> None:
        """Read the source again, as many rows as are shown: the rows change in place when they
        arrive (a status after a return elsewhere), the list never empties meanwhile."""
        fetch = self._fetch
        if fetch is None:
            return
        self._cancel()
        count = max(len(self._rows), self.page)
        op = fetch(self, 0, count + 1)
        op.on_done(lambda rows: self._reloaded(op, rows, count)).on_error(
            lambda e: self._broke(op, e)
        )
        self._op = op
        self.loading_changed.emit(True)
        op.start()

    def _reloaded(self, op: Op[Any], rows: list[DossierSummary], count: int) -> None:
        if op is not self._op:
            return
        self._op = None
        self._more = len(rows) > count
        self._replace(rows[:count])
        self.loading_changed.emit(False)
        self.reset_done.emit()

    def _replace(self, rows: list[DossierSummary]) -> None:
        """Show ``rows`` instead: the same dossiers in the same order are updated in place (the
        selection and scroll position stay), anything else resets the view."""
        if [r.code for r in rows] == [r.code for r in self._rows]:
            self._rows = rows
            if rows:
                last = self.index(len(rows) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self._op = None
            self.loading_changed.emit(False)

    @property
    def loading(self) -> bool:
        return self._op is not None

    def row(self, index: int) -> DossierSummary:
        return self._rows[index]

    def rows(self) -> list[DossierSummary]:
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
        op = fetch(self, offset, page + 1)
        op.on_done(lambda rows: self._arrived(op, rows)).on_error(lambda e: self._broke(op, e))
        self._op = op
        self.loading_changed.emit(True)
        op.start()

    def _arrived(self, op: Op[Any], rows: list[DossierSummary]) -> None:
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
            value = getattr(row, key)
            if key == "status":
                text = status_label(str(value))
                return text + (
                    "  ⚠ " + QCoreApplication.translate("DossierModel", "quá hạn")
                    if row.overdue
                    else ""
                )
            if key in ("due_at", "received_at"):
                return when(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QBrush(QColor(STATUS_COLORS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("procedure_name", "applicant_name"):
            return getattr(row, key)
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None
