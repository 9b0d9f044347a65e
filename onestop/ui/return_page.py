"""Return desk: scan the receipt's barcode (a scanner types the code and Enter), see the dossier,
what to hand back, its timeline; record the return or that the result came back."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .common import error_text, later
from .dossier_actions import DossierActions
from .dossier_view import DossierPanel
from .operations import Changes, listen
from .operations import dossiers as dossier_ops
from .operations.dossiers import DossierDetail
from .rating_dialog import offer as offer_rating
from .waiting_list import WaitingList

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .ops import Op

# What a scanner types (a whole dossier code); anything else typed is a search of the waiting list.
_CODE = re.compile(r"^[A-Za-z0-9.]+-[0-9]{4,8}-[0-9]+$")


class ReturnPage(QWidget):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.scan = QLineEdit(self)
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(
            self.tr("Quét mã vạch, gõ mã hồ sơ, hoặc tên, số điện thoại rồi Enter")
        )
        self.scan.setStyleSheet("font-size: 16pt; padding: 6px;")
        self.scan.setClearButtonEnabled(True)
        label = QLabel(self.tr("&Mã hồ sơ"), self)
        label.setBuddy(self.scan)
        label.setStyleSheet("font-size: 12pt;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.waiting = WaitingList(host.ctx, self)
        self.waiting.chosen.connect(self.open_code)
        self.waiting.loaded.connect(self._waiting_found)
        self.panel = DossierPanel(self)
        self.actions = DossierActions(host, self)
        self.actions.changed.connect(self._changed)
        self.actions.form_closed.connect(self.focus_scan)
        self.actions.form_closed.connect(self.waiting.show)
        head = QHBoxLayout()
        head.addWidget(label)
        head.addWidget(self.scan, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(self.waiting)
        # The dossier and its return form scroll together: with a result on the desk they need
        # more than a 1366x768 screen's height, and the window must not grow past the screen.
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.panel, 1)
        inner.addWidget(self.actions)
        self.body = QScrollArea(self)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidget(body)
        layout.addWidget(self.body, 1)
        # The timeline scrolls within itself rather than push the return form out of view.
        self.panel.timeline.setMaximumHeight(170)
        self.body.verticalScrollBar().rangeChanged.connect(self._keep_form_in_view)
        self.scan.returnPressed.connect(self.lookup)
        self.scan.installEventFilter(self)
        self.loading: Op[DossierDetail] | None = None
        listen(self, self._elsewhere, "dossiers")
        self.waiting.reload()

    def lookup(self) -> None:
        code = self.scan.text().strip()
        if not code:
            self.waiting.reload("")
            return
        if not _CODE.match(code):
            self.search_waiting(code)
            return
        if self.loading is not None:
            self.loading.cancel()
        self.message.setText(self.tr("Đang tìm {0}…").format(code))
        self.message.setStyleSheet("")
        op = dossier_ops.show(self, self.host.ctx, code)
        op.on_done(self._found).on_error(self._not_found)
        self.loading = op.start()

    def search_waiting(self, text: str) -> None:
        """A name, a phone or part of a code: the results waiting that match, to pick from."""
        self.message.setStyleSheet("")
        self.waiting.show()
        self.message.setText(
            self.tr("Tìm “{0}” trong kết quả chờ trả: chọn một dòng rồi Enter").format(text)
        )
        self.waiting.reload(text)

    def _waiting_found(self, count: int) -> None:
        if count and self.waiting.query:
            # The first match is ready to pick: Down then Enter, or a double click.
            self.waiting.tree.setCurrentItem(self.waiting.tree.topLevelItem(0))
        elif not count and self.waiting.query:
            self.message.setText(
                self.tr("Không có kết quả chờ trả nào khớp “{0}”").format(self.waiting.query)
            )

    def eventFilter(self, watched, event) -> bool:
        # Down from the scan field goes to the waiting list, to pick a match with Enter.
        if (
            watched is self.scan
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.waiting.tree.topLevelItemCount()
        ):
            tree = self.waiting.tree
            if tree.currentItem() is None:
                tree.setCurrentItem(tree.topLevelItem(0))
            tree.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def open_code(self, code: str) -> None:
        self.scan.setText(code)
        self.lookup()

    def _found(self, detail: DossierDetail) -> None:
        self.loading = None
        self.message.setText("")
        self.panel.show_detail(detail)
        self.actions.set_detail(detail)
        self.scan.selectAll()
        # Ready to act: the return form opens at once when the result is there to hand over.
        if "return" in self.actions.button_widgets:
            self.actions.ask_return()
            form = self.actions.form
            if form is not None:
                # One citizen at the desk: the waiting list steps aside until the form closes.
                self.waiting.hide()
                self._keep_form_in_view(0, self.body.verticalScrollBar().maximum())
        else:
            self.focus_scan()

    def _keep_form_in_view(self, _low: int, high: int) -> None:
        # A form just opened (or the layout settled after it): the part to act on is in view.
        if self.actions.form is not None:
            self.body.verticalScrollBar().setValue(high)

    def _not_found(self, error: BaseException) -> None:
        self.loading = None
        self.panel.show_detail(None)
        self.actions.set_detail(None)
        text = error_text(error) if getattr(error, "message", None) else str(error)
        self.message.setText(self.tr("Không tìm thấy hồ sơ: {0}").format(text))
        self.message.setStyleSheet("color: #b3261e;")
        self.focus_scan()

    def _changed(self, detail: DossierDetail) -> None:
        self.waiting.reload()
        if detail.status == "returned" and detail.last_event("rated") is None:
            offer_rating(self.host, detail.code)  # the citizen rates, or the officer skips
        self.panel.show_detail(detail)
        self.actions.set_detail(detail)
        self.focus_scan()

    def _elsewhere(self, changes: Changes) -> None:
        """A change made somewhere else (another window, a sync): the dossier on the desk is
        read again and shown as it now stands, without touching the scan field or a form."""
        if not self.window().isVisible():
            return  # its window was closed (signed out)
        if changes.source is not self.actions:
            self.waiting.reload()
        shown = self.panel.detail
        if shown is None or changes.source is self.actions or self.loading is not None:
            return
        op = dossier_ops.show(self, self.host.ctx, shown.code)
        op.on_done(self._reread).on_error(lambda _e: None)
        op.start()

    def _reread(self, detail: DossierDetail) -> None:
        shown = self.panel.detail
        if shown is None or shown.code != detail.code or self.loading is not None:
            return  # another dossier was scanned meanwhile
        self.panel.show_detail(detail)
        self.actions.refresh(detail)

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan.selectAll()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.focus_scan()
        # Again once the tab switch is over (it may move focus), without selecting: a scanner
        # may have typed the first characters of a code already.
        # Not when a scan made meanwhile has opened the return form already (a fast lookup can
        # finish before this turn of the loop): the form keeps the focus then.
        later(0, self._focus_scan_unless_form, self)

    def _focus_scan_unless_form(self) -> None:
        if self.actions.form is None:
            self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
