"""The postal page (postal-staff role): the day's lists with their counts, the hand-over with the
post, delivery outcomes, pickups cancelled, and the files for the post office. Every call to the
postal service is an op of onestop.ui.operations.postal, run off the GUI thread; the page hears
every postal or dossier change made anywhere in the program and refreshes itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop.ui.common import ERROR_STYLE, OK_STYLE, error_text
from onestop.ui.operations import Changes, listen
from onestop.ui.operations import postal as postal_ops

from .files import PostFiles
from .handover import HandoverBox
from .lists import DayListsView
from .outcome import OutcomeBox

if TYPE_CHECKING:
    from onestop.services.context import Context
    from onestop.ui.ops import Op


class PostalPage(QWidget):
    """``parent`` may be the main window: its preview and status bar are used when it has them."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = parent if hasattr(parent, "preview_pdf") else None
        self.loading: Op[Any] | None = None
        self.last_pdf: bytes | None = None
        self.preview: QWidget | None = None

        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        today = ctx.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.refresh_button = QPushButton(self.tr("Làm &mới"), self)
        self.cancel_button = QPushButton(self.tr("Hủ&y yêu cầu thu gom..."), self)
        self.cancel_button.setToolTip(
            self.tr("Hủy yêu cầu thu gom đang chọn (bưu điện chưa nhận hồ sơ), ghi lý do")
        )
        self.files = PostFiles(ctx, self.say, self.selected_day, self.refresh, self)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Ngày:"), self))
        head.addWidget(self.day)
        head.addWidget(self.refresh_button)
        head.addStretch(1)
        head.addWidget(self.cancel_button)
        head.addWidget(self.files)

        self.lists = DayListsView(self)
        self.handover = HandoverBox(ctx, self.lists, self.say, self.refresh, self._show_pdf, self)
        self.outcomes = OutcomeBox(ctx, self.say, self.refresh, self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.handover)
        side_layout.addWidget(self.outcomes)
        side_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.lists)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.lists.delivery_tree.itemActivated.connect(self._delivery_activated)
        self.lists.pickup_tree.itemActivated.connect(self._pickup_activated)
        # A hand-over at another window, an outcome, a result ready at the counter, a sync
        # that pulled postal rows: the lists and their counts follow without the clerk asking.
        listen(self, self._changed, "postal", "dossiers")
        self.refresh()

    def say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        if self.host is not None and hasattr(self.host, "report"):
            self.host.report(text, ok)

    # --- lists ------------------------------------------------------------------------------

    def selected_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        """Read the day's lists on a worker thread; a newer refresh drops an older one's result."""
        if self.loading is not None:
            self.loading.cancel()
        op = postal_ops.day_lists(self, self.ctx, self.selected_day())
        self.loading = op.on_done(self._loaded).on_error(self._load_failed).start()

    def _changed(self, changes: Changes) -> None:
        # This page's own writes refresh it as soon as they are done.
        if not self._own(changes.source):
            self.refresh()

    def _own(self, source: object | None) -> bool:
        # A write's source may be gone by the time its change arrives (a rating dialog closes
        # and is deleted at once): such a source is not this page.
        if not isinstance(source, QObject) or not shiboken6.isValid(source):
            return False
        return source is self or (isinstance(source, QWidget) and self.isAncestorOf(source))

    def _loaded(self, lists: postal_ops.DayLists) -> None:
        self.loading = None
        self.lists.show_lists(lists)

    def _load_failed(self, error: BaseException) -> None:
        self.loading = None
        self.say(error_text(error), False)

    def _delivery_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = item.data(0, Qt.ItemDataRole.UserRole)
        if not isinstance(row, postal_ops.DeliveryItem):
            return
        if row.status == "out_for_delivery":
            self.outcomes.take(row.ref)
            return
        self.handover.select_kind("delivery")
        self.handover.take_ref(row.ref)

    def _pickup_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(row, postal_ops.PickupItem):
            self.handover.select_kind("pickup")
            self.handover.take_ref(row.ref)

    # --- cancelling a pickup ----------------------------------------------------------------

    def ask_cancel(self) -> None:
        row = self.lists.selected_pickup()
        if row is None:
            self.lists.setCurrentWidget(self.lists.pickup_tree)
            self.say(
                self.tr("Chọn một yêu cầu đang chờ thu gom trên danh sách 'Thu gom hồ sơ'"),
                False,
            )
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Hủy yêu cầu thu gom"),
            self.tr("Lý do hủy yêu cầu thu gom của {0}:").format(row.name),
        )
        if ok:
            self.cancel_pickup(row.ref, reason)

    def cancel_pickup(self, ref: str, reason: str) -> None:
        def done(result: postal_ops.PickupItem) -> None:
            self.say(
                self.tr("Đã hủy yêu cầu thu gom của {0}: {1}").format(
                    result.name, result.cancel_reason
                )
            )
            self.refresh()

        postal_ops.cancel_pickup(self, self.ctx, ref, reason).on_done(done).on_error(
            lambda e: self.say(error_text(e), False)
        ).start()

    # --- the printed record -----------------------------------------------------------------

    def _show_pdf(self, data: bytes, number: str) -> None:
        self.last_pdf = data
        title = self.tr("Biên bản giao nhận {0}").format(number)
        if self.host is not None:
            self.preview = self.host.preview_pdf(data, title, number)
            return
        from onestop.ui.common import data_dir, ui_settings
        from onestop.ui.printing import PdfPreview

        folder = _store_folder(self.ctx) or data_dir()
        preview = PdfPreview(data, title, number, ui_settings(folder), folder, self.say, self)
        self.preview = preview
        preview.show()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.handover.scan.setFocus)


def _store_folder(ctx: Any) -> Path | None:
    """The data folder of a local SQLite store (for print output and the preview's settings)."""
    database = ctx.store.engine.url.database
    if ctx.store.dialect == "sqlite" and database and database != ":memory:":
        return Path(database).parent
    return None
