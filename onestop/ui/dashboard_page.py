"""Dashboard (Tổng quan), the supervisor's first page: the figures of today, this week, month,
quarter, year or chosen days, for this counter or the whole agency (every workstation's dossiers
as synced here); received and resolved per day, the on-time rate per week, the busiest procedures
and officers with their late results, the overdue dossiers and those due within two working days.
Every number opens the list of its dossiers, and each of those its dossier window. Read off the
GUI thread; read again when dossiers change (a write here, a sync)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .common import error_text
from .dashboard_charts import DailyChart, WeeklyChart
from .models import DossierTableModel
from .operations import Changes, listen
from .operations import report as report_ops
from .operations.report import Dashboard, Drill
from .ops import Op

if TYPE_CHECKING:
    from .main_window import MainWindow

# The headline numbers, two rows of figures; on_time_rate shows a percentage and opens the
# dossiers resolved on time.
TILE_ROWS = (
    (
        "received",
        "carried_over",
        "resolved",
        "early",
        "on_time",
        "late",
        "late_with_apology",
        "on_time_rate",
    ),
    (
        "open",
        "within_limit",
        "overdue",
        "refused",
        "stopped",
        "very_satisfied",
        "satisfied",
        "dissatisfied",
    ),
)
# The columns of the procedures' and officers' tables after the name: (figure, header).
GROUP_COLUMNS = ("received", "resolved", "late", "open", "overdue")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%".replace(".", ",")


class Tile(QPushButton):
    """A number and what it counts; clicking opens the dossiers behind it."""

    def __init__(self, figure: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.caption = caption
        self.setObjectName(f"tile_{figure}")
        self.setMinimumHeight(62)
        self.set_value("…")

    def set_value(self, text: str, colour: str = "#222") -> None:
        self.value = text
        self.setText(f"{text}\n{self.caption}")
        self.setStyleSheet(
            "QPushButton { text-align: left; padding: 4px 8px; border: 1px solid #c8c8c8;"
            f" border-radius: 6px; background: #fafafa; font-size: 10pt; color: {colour}; }}"
            "QPushButton:hover { background: #eef4fb; }"
        )


class DrillDialog(QDialog):
    """The dossiers behind one number; Enter or a double click opens one."""

    def __init__(self, host: MainWindow, title: str, drill: Drill) -> None:
        super().__init__(host)
        self.host = host
        self.setObjectName("drill")
        self.setWindowTitle(title)
        self.resize(1000, 520)
        shown = len(drill.dossiers)
        text = self.tr("{0}: {1} hồ sơ").format(title, drill.total)
        if shown < drill.total:
            text += self.tr(" (hiện {0} hồ sơ đầu tiên)").format(shown)
        self.summary = QLabel(text, self)
        self.model = DossierTableModel(self, page=200)
        self.model.set_rows(list(drill.dossiers))
        self.table = _dossier_table(self, self.model)
        self.table.activated.connect(self._open)
        close = QPushButton(self.tr("Đóng (Esc)"), self)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.table.setFocus()

    def codes(self) -> list[str]:
        return [self.model.row(i).code for i in range(self.model.rowCount())]

    def _open(self, index: Any) -> None:
        if index.isValid():
            self.host.open_dossier(self.model.row(index.row()).code)


def _dossier_table(parent: QWidget, model: DossierTableModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    for col, width in enumerate((215, 160, 230, 140, 125, 125)):
        table.setColumnWidth(col, width)
    return table


class DashboardPage(QWidget):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.board: Dashboard | None = None
        self.loading: Op[Any] | None = None
        self.last_drill: DrillDialog | None = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("period")
        for key, text in (
            ("today", self.tr("Hôm nay")),
            ("week", self.tr("Tuần này")),
            ("month", self.tr("Tháng này")),
            ("quarter", self.tr("Quý này")),
            ("year", self.tr("Năm nay")),
            ("custom", self.tr("Tự chọn")),
        ):
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(2)
        self.first = self._date_edit("first")
        self.last = self._date_edit("last")
        self.scope = QComboBox(self)
        self.scope.setObjectName("scope")
        self.scope.addItem(self.tr("Toàn cơ quan (đã đồng bộ)"), "agency")
        self.scope.addItem(
            self.tr("Quầy này ({0})").format(host.ctx.settings.workstation_name), "counter"
        )
        self.refresh_button = QPushButton(self.tr("Làm mới (F5)"), self)
        self.status = QLabel(self)
        bar = QHBoxLayout()
        for text, widget in (
            (self.tr("&Kỳ"), self.kind),
            (self.tr("&Từ"), self.first),
            (self.tr("Đế&n"), self.last),
            (self.tr("Phạm &vi"), self.scope),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status, 1)

        captions = {
            "received": self.tr("Tiếp nhận trong kỳ"),
            "carried_over": self.tr("Kỳ trước chuyển sang"),
            "resolved": self.tr("Đã giải quyết"),
            "early": self.tr("Trước hạn"),
            "on_time": self.tr("Đúng hạn (gồm trước hạn)"),
            "late": self.tr("Trễ hạn"),
            "late_with_apology": self.tr("Trễ hạn, đã xin lỗi"),
            "on_time_rate": self.tr("Tỷ lệ đúng hạn"),
            "open": self.tr("Đang giải quyết"),
            "within_limit": self.tr("Trong hạn"),
            "overdue": self.tr("Quá hạn"),
            "refused": self.tr("Từ chối"),
            "stopped": self.tr("Dừng giải quyết"),
            "very_satisfied": self.tr("Rất hài lòng"),
            "satisfied": self.tr("Hài lòng"),
            "dissatisfied": self.tr("Không hài lòng"),
        }
        self.captions = captions
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for r, row in enumerate(TILE_ROWS):
            for c, figure in enumerate(row):
                tile = Tile(figure, captions[figure], self)
                tile.clicked.connect(lambda _c=False, f=figure: self.drill_tile(f))
                self.tiles[figure] = tile
                grid.addWidget(tile, r, c)

        self.daily = DailyChart(self)
        self.weekly = WeeklyChart(self)
        charts = QSplitter(Qt.Orientation.Vertical, self)
        charts.addWidget(self.daily)
        charts.addWidget(self.weekly)
        self.procedures = self._group_table("procedures", self.tr("Thủ tục"))
        self.officers = self._group_table("officers", self.tr("Cán bộ tiếp nhận"))
        self.procedures.cellClicked.connect(lambda r, c: self._group_clicked("procedure", r, c))
        self.officers.cellClicked.connect(lambda r, c: self._group_clicked("officer", r, c))
        self.overdue_model = DossierTableModel(self, page=200)
        self.soon_model = DossierTableModel(self, page=200)
        self.overdue_table = _dossier_table(self, self.overdue_model)
        self.overdue_table.setObjectName("overdue_list")
        self.soon_table = _dossier_table(self, self.soon_model)
        self.soon_table.setObjectName("due_soon_list")
        for table, model in (
            (self.overdue_table, self.overdue_model),
            (self.soon_table, self.soon_model),
        ):
            table.activated.connect(
                lambda i, m=model: i.isValid() and self.host.open_dossier(m.row(i.row()).code)
            )
        self.lists = QTabWidget(self)
        self.lists.setObjectName("lists")
        self.lists.addTab(self.procedures, self.tr("Thủ tục nhiều hồ sơ nhất"))
        self.lists.addTab(self.officers, self.tr("Cán bộ"))
        self.lists.addTab(self.overdue_table, self.tr("Quá hạn"))
        self.lists.addTab(self.soon_table, self.tr("Đến hạn trong 2 ngày làm việc"))
        middle = QSplitter(Qt.Orientation.Horizontal, self)
        middle.addWidget(charts)
        middle.addWidget(self.lists)
        middle.setSizes([560, 760])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid)
        layout.addWidget(middle, 1)

        self._period_changed()
        self.kind.currentIndexChanged.connect(lambda _i: self._period_changed(reload=True))
        self.first.dateChanged.connect(lambda _d: self._dates_changed())
        self.last.dateChanged.connect(lambda _d: self._dates_changed())
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button.clicked.connect(lambda: self.reload())
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("F5"), self, activated=self.reload, context=scope)
        listen(self, self._dossiers_changed, "dossiers")

    # --- choosing the period ---------------------------------------------------------------

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _period_changed(self, reload: bool = False) -> None:
        kind = self.kind.currentData()
        custom = kind == "custom"
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if not custom:
            first, last = report_ops.period_days(kind, self.host.ctx.clock().date())
            for edit, day in ((self.first, first), (self.last, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        if reload:
            self.reload()

    def _dates_changed(self) -> None:
        if self.kind.currentData() == "custom":
            self.reload()

    def set_period(self, first: date, last: date) -> None:
        """Choose the days ``first`` to ``last`` (as a person would: custom, then the dates)."""
        self.kind.setCurrentIndex(self.kind.findData("custom"))
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.reload()

    def period(self) -> tuple[date, date]:
        a, b = self.first.date(), self.last.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    def counter(self) -> str | None:
        if self.scope.currentData() == "counter":
            return self.host.ctx.settings.workstation_id
        return None

    # --- loading -----------------------------------------------------------------------------

    def reload(self, quiet: bool = False) -> None:
        if self.loading is not None:
            self.loading.cancel()
        if not quiet:
            self.status.setText(self.tr("Đang tải…"))
        first, last = self.period()
        op = report_ops.dashboard(self, self.host.ctx, first, last, self.counter())
        op.on_done(self._loaded).on_error(self._failed)
        self.loading = op.start()

    def _failed(self, error: BaseException) -> None:
        self.loading = None
        self.status.setText(error_text(error))
        self.status.setStyleSheet("color: #b3261e;")

    def _dossiers_changed(self, _changes: Changes) -> None:
        if self.board is not None and self.window().isVisible():
            self.reload(quiet=True)

    def _loaded(self, board: Dashboard) -> None:
        self.loading = None
        self.board = board
        self.status.setStyleSheet("")
        f = board.totals
        self.status.setText(
            self.tr("Số liệu đến {0} · hài lòng trở lên: {1} của {2} lượt đánh giá").format(
                f"{board.seen_at:%H:%M %d/%m/%Y}",
                _percent(f.satisfaction.share_satisfied),
                f.satisfaction.rated,
            )
        )
        for figure, tile in self.tiles.items():
            if figure == "on_time_rate":
                tile.set_value(_percent(f.on_time_rate))
            elif figure in ("very_satisfied", "satisfied", "dissatisfied"):
                value = getattr(f.satisfaction, figure)
                red = figure == "dissatisfied" and value
                tile.set_value(str(value), "#b3261e" if red else "#222")
            else:
                value = f.within_limit if figure == "within_limit" else getattr(f, figure)
                red = figure in ("late", "overdue") and value
                tile.set_value(str(value), "#b3261e" if red else "#222")
        self.daily.show_dashboard(board)
        self.weekly.show_dashboard(board)
        self._fill_group(self.procedures, board.procedures)
        self._fill_group(self.officers, board.officers)
        self.overdue_model.set_rows(list(board.overdue))
        self.soon_model.set_rows(list(board.due_soon))
        self.lists.setTabText(2, self.tr("Quá hạn ({0})").format(board.overdue_count))
        self.lists.setTabText(
            3, self.tr("Đến hạn trong 2 ngày làm việc ({0})").format(board.due_soon_count)
        )

    # --- the procedures' and officers' tables --------------------------------------------------

    def _group_table(self, name: str, first: str) -> QTableWidget:
        table = QTableWidget(0, 1 + len(GROUP_COLUMNS), self)
        table.setObjectName(name)
        headers = {
            "received": self.tr("Tiếp nhận"),
            "resolved": self.tr("Đã giải quyết"),
            "late": self.tr("Trễ hạn"),
            "open": self.tr("Đang giải quyết"),
            "overdue": self.tr("Quá hạn"),
        }
        table.setHorizontalHeaderLabels([first, *(headers[c] for c in GROUP_COLUMNS)])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 1 + len(GROUP_COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        table.setToolTip(self.tr("Bấm vào một số để xem các hồ sơ"))
        return table

    def _fill_group(self, table: QTableWidget, rows: Any) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = QTableWidgetItem(row.label)
            name.setData(Qt.ItemDataRole.UserRole, row.key)
            name.setToolTip(f"{row.key} · {row.label}")
            table.setItem(r, 0, name)
            for c, figure in enumerate(GROUP_COLUMNS, start=1):
                value = getattr(row.figures, figure)
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if figure in ("late", "overdue") and value:
                    item.setForeground(Qt.GlobalColor.red)
                table.setItem(r, c, item)

    def _group_clicked(self, by: str, row: int, col: int) -> None:
        table = self.procedures if by == "procedure" else self.officers
        if col == 0 or table.item(row, 0) is None:
            return
        key = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        figure = GROUP_COLUMNS[col - 1]
        title = f"{table.item(row, 0).text()} · {table.horizontalHeaderItem(col).text()}"
        self.drill(figure, title, by, key)

    # --- drilling down -------------------------------------------------------------------------

    def drill_tile(self, figure: str) -> None:
        target = {"on_time_rate": "on_time"}.get(figure, figure)
        self.drill(target, self.captions[figure])

    def drill(
        self, figure: str, title: str, by: str | None = None, key: str | None = None
    ) -> Op[Drill]:
        first, last = self.period()
        op = report_ops.drill(self, self.host.ctx, first, last, figure, by, key, self.counter())
        op.on_done(lambda d: self._show_drill(title, d)).on_error(
            lambda e: self.host.report(error_text(e), False)
        )
        return op.start()

    def _show_drill(self, title: str, drill: Drill) -> None:
        first, last = self.period()
        span = f"{first:%d/%m/%Y}" if first == last else f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
        dialog = DrillDialog(self.host, f"{title} · {span}", drill)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_drill = dialog
        dialog.show()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # Each visit shows the figures as they now stand (today may have moved on).
        if self.kind.currentData() != "custom":
            self._period_changed()
        self.reload(quiet=self.board is not None)
