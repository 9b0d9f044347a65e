"""Daily log (sổ theo dõi hồ sơ): the day's dossiers in receipt order, overdue ones highlighted,
filters by procedure, counter, staff and status; prints the tracking book (Mẫu 07). An open log
reloads its day by itself when dossiers change (a receipt, a return, a sync)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .common import STATUSES, error_text, status_label
from .day_edit import DayEdit
from .models import DossierTableModel
from .operations import Changes, listen
from .operations import dossiers as dossier_ops
from .operations import forms as form_ops
from .operations.dossiers import DossierSummary
from .ops import Op

if TYPE_CHECKING:
    from .main_window import MainWindow

ALL = ""


class DailyLogPage(QWidget):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.rows: list[DossierSummary] = []
        today = host.ctx.clock().date()
        # Typed (20/11/2026, 20/11, 20112026) or stepped with Ctrl+← / Ctrl+→.
        self.day = DayEdit(self, today)
        self.day.setObjectName("day")
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.procedure = QComboBox(self)
        self.counter = QComboBox(self)
        self.staff = QComboBox(self)
        self.status = QComboBox(self)
        for combo in (self.procedure, self.counter, self.staff, self.status):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        self.procedure.setObjectName("filter_procedure")
        self.status.setObjectName("filter_status")
        self.overdue_only = QCheckBox(self.tr("Chỉ hồ &sơ quá hạn"), self)
        self.refresh_button = QPushButton(self.tr("Làm mới (F5)"), self)
        self.print_button = QPushButton(self.tr("In sổ theo dõi (Ctrl+P)"), self)
        self.summary = QLabel(self)
        self.model = DossierTableModel(self, page=100)
        self.table = QTableView(self)
        self.table.setObjectName("log")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((190, 190, 260, 160, 125, 125, 120)):
            self.table.setColumnWidth(col, width)
        state = host.settings.value("log/header")
        if state is not None:
            header.restoreState(state)

        # Two rows, so the page fits a 1024-pixel-wide screen.
        filters = QGridLayout()
        cells = (
            (0, 0, self.tr("&Ngày"), self.day),
            (0, 2, self.tr("Thủ tụ&c"), self.procedure),
            (1, 0, self.tr("&Quầy"), self.counter),
            (1, 2, self.tr("Cán &bộ"), self.staff),
            (1, 4, self.tr("&Trạng thái"), self.status),
        )
        for row, col, text, widget in cells:
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label, row, col)
            if widget is self.procedure:
                filters.addWidget(widget, row, col + 1, 1, 3)
            else:
                filters.addWidget(widget, row, col + 1)
        filters.addWidget(self.overdue_only, 0, 6)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._fill_static_filters()
        self.day.dateChanged.connect(lambda _d: self.reload())
        for combo in (self.procedure, self.counter, self.staff, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue_only.toggled.connect(lambda _b: self.apply_filters())
        self.refresh_button.clicked.connect(self.reload)
        self.print_button.clicked.connect(self.print_book)
        self.table.activated.connect(self._open)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("F5"), self, activated=self.reload, context=scope)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_book, context=scope)
        # Anywhere on the page (the day field steps by itself while it has the focus).
        QShortcut(
            QKeySequence("Ctrl+Left"), self, activated=lambda: self.day.step(-1), context=scope
        )
        QShortcut(
            QKeySequence("Ctrl+Right"), self, activated=lambda: self.day.step(1), context=scope
        )
        self.loaded_day: date | None = None
        self.loading: Op[Any] | None = None
        listen(self, self._dossiers_changed, "dossiers")

    def _fill_static_filters(self) -> None:
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(self.tr("Tất cả"), ALL)
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        self.status.blockSignals(False)

    def selected_day(self) -> date:
        q = self.day.date()
        return date(q.year(), q.month(), q.day())

    def reload(self, quiet: bool = False) -> None:
        """Read the chosen day again (``quiet``: keep the summary until the rows are there)."""
        day = self.selected_day()
        if self.loading is not None:
            self.loading.cancel()
        if not quiet:
            self.summary.setText(self.tr("Đang tải…"))
        op = dossier_ops.day(self, self.host.ctx, day)
        op.on_done(lambda rows: self._loaded(day, rows)).on_error(
            lambda e: self.summary.setText(error_text(e))
        )
        self.loading = op.start()

    def _dossiers_changed(self, _changes: Changes) -> None:
        # Once the log was shown (before that, showing it loads the day anyway), while its
        # window is open (not one closed by signing out).
        shown = self.loaded_day is not None or self.loading is not None
        if shown and self.window().isVisible():
            self.reload(quiet=True)

    def _loaded(self, day: date, rows: list[DossierSummary]) -> None:
        self.loading = None
        self.loaded_day = day
        self.rows = rows
        here = self.host.ctx.settings
        self._refill(
            self.procedure,
            sorted({(r.procedure_code, r.procedure_name) for r in rows}),
            lambda v: f"{v[0]} · {v[1]}",
            lambda v: v[0],
        )
        stations = sorted({r.workstation_id or "" for r in rows})
        self._refill(
            self.counter,
            stations,
            lambda w: (
                here.workstation_name
                if w == here.workstation_id
                else self.tr("Máy trạm {0}").format(w[:8])
            ),
            lambda w: w,
        )
        self._refill(self.staff, sorted({r.receiver or "" for r in rows}), lambda s: s, lambda s: s)
        self.apply_filters()

    def _refill(self, combo: QComboBox, values: Any, text: Any, key: Any) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Tất cả"), ALL)
        for v in values:
            combo.addItem(text(v), key(v))
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def filtered(self) -> list[DossierSummary]:
        want = {
            "procedure_code": self.procedure.currentData() or ALL,
            "workstation_id": self.counter.currentData() or ALL,
            "receiver": self.staff.currentData() or ALL,
            "status": self.status.currentData() or ALL,
        }
        out = []
        for r in self.rows:
            if any(v and getattr(r, k) != v for k, v in want.items()):
                continue
            if self.overdue_only.isChecked() and not r.overdue:
                continue
            out.append(r)
        return out

    def apply_filters(self) -> None:
        rows = self.filtered()
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        text = self.tr("%n hồ sơ", "", len(rows))
        if len(rows) != len(self.rows):
            text += self.tr(" (trong %n hồ sơ của ngày)", "", len(self.rows))
        if overdue:
            text += " · " + self.tr("{0} quá hạn").format(overdue)
        self.summary.setText(text)

    def print_book(self) -> None:
        day = self.selected_day()
        host = self.host
        form_ops.book(self, host.ctx, day).on_done(
            lambda pdf: host.preview_pdf(
                pdf,
                self.tr("Sổ theo dõi hồ sơ ngày {0}").format(f"{day:%d/%m/%Y}"),
                f"so-theo-doi-{day}",
            )
        ).on_error(lambda e: host.report(error_text(e), False)).start()

    def _open(self, index) -> None:
        if index.isValid():
            self.host.open_dossier(self.model.row(index.row()).code)

    def save_layout(self) -> None:
        self.host.settings.setValue("log/header", self.table.horizontalHeader().saveState())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Each visit shows the current state; the day stays what the person chose.
        self.reload()
        self.table.setFocus()
