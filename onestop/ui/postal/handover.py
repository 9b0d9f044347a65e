"""Scan-to-hand-over on the postal page: the dossier's barcode (or the pickup request's code), then
its consignment label, pair after pair; then the hand-over record, made in one go and printed
for both sides to sign."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop.domain.identifiers import check_s10
from onestop.ui.common import error_text
from onestop.ui.operations import postal as postal_ops

from .lists import DayListsView

if TYPE_CHECKING:
    from onestop.services.context import Context


class HandoverBox(QGroupBox):
    """``say(text, ok)`` reports to the clerk; ``recorded()`` is called after a record was made
    (the page refreshes its lists); ``show_pdf(data, number)`` shows the record to print."""

    def __init__(
        self,
        ctx: Context,
        lists: DayListsView,
        say: Callable[[str, bool], None],
        recorded: Callable[[], None],
        show_pdf: Callable[[bytes, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Giao nhận với bưu điện"))
        self.ctx = ctx
        self.lists = lists
        self.say = say
        self._recorded_hook = recorded
        self._show_pdf = show_pdf
        # Pairs scanned so far: (ref, consignment, name); a dossier scanned waits for its label.
        self.pairs: list[tuple[str, str, str]] = []
        self.pending: tuple[str, str] | None = None
        self.last_record: str | None = None
        self.busy = False

        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Giao kết quả cho bưu điện phát"), "delivery")
        self.kind.addItem(self.tr("Nhận hồ sơ bưu điện thu gom"), "pickup")
        self.scan = QLineEdit(self)
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(
            self.tr("Quét mã hồ sơ, rồi quét nhãn bưu gửi (số hiệu S10), Enter sau mỗi mã")
        )
        self.scan.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.scan_hint = QLabel(self)
        self.scan_hint.setWordWrap(True)
        self.pairs_table = QTableWidget(0, 3, self)
        self.pairs_table.setObjectName("pairs")
        self.pairs_table.setHorizontalHeaderLabels(
            [self.tr("Mã hồ sơ"), self.tr("Số hiệu bưu gửi"), self.tr("Họ tên")]
        )
        self.pairs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pairs_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pairs_table.horizontalHeader().setStretchLastSection(True)
        self.postman = QLineEdit(self)
        self.postman.setPlaceholderText(self.tr("Họ tên nhân viên bưu điện"))
        # The other side of the record: the one-stop officer, asked for when the post signs in
        # (a counter officer signed in is the officer).
        self.officer = QLineEdit(self)
        self.officer.setObjectName("officer")
        self.officer.setPlaceholderText(self.tr("Họ tên cán bộ Bộ phận Một cửa"))
        # How the post identifies its employee, printed on the record: typed by the officer
        # (a postal account signed in has its own, see `user add --employee-number --phone`).
        self.postman_number = QLineEdit(self)
        self.postman_number.setObjectName("postman_number")
        self.postman_number.setPlaceholderText(self.tr("Mã số nhân viên"))
        self.postman_phone = QLineEdit(self)
        self.postman_phone.setObjectName("postman_phone")
        self.postman_phone.setPlaceholderText(self.tr("Điện thoại"))
        self.remove_button = QPushButton(self.tr("&Bỏ dòng đã chọn"), self)
        self.record_button = QPushButton(self.tr("&Lập biên bản giao nhận"), self)
        self.print_button = QPushButton(self.tr("&In biên bản"), self)
        self.print_button.setEnabled(False)
        self.record_label = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.print_button)
        form = QFormLayout()
        form.addRow(self.tr("Loại:"), self.kind)
        form.addRow(self.tr("&Quét:"), self.scan)
        form.addRow("", self.scan_hint)
        form.addRow(self.tr("Bưu tá:"), self.postman)
        if ctx.role == "postal":
            form.addRow(self.tr("Cán bộ Một cửa:"), self.officer)
            self.postman_number.hide()
            self.postman_phone.hide()
        else:
            self.officer.hide()
            ids = QHBoxLayout()
            ids.addWidget(self.postman_number)
            ids.addWidget(self.postman_phone)
            form.addRow("", ids)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pairs_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.record_label)
        self.scan.returnPressed.connect(self.scanned)
        self._kind_index = self.kind.currentIndex()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.remove_button.clicked.connect(self.remove_selected)
        self.record_button.clicked.connect(self.record_handover)
        self.print_button.clicked.connect(self.print_record)
        self._hint()

    def _hint(self) -> None:
        if self.pending is not None:
            ref, name = self.pending
            text = self.tr("Hồ sơ {0} ({1}): quét nhãn bưu gửi").format(ref, name)
        elif self.kind.currentData() == "pickup":
            text = self.tr("Quét hoặc gõ mã yêu cầu thu gom (hoặc nhấn đúp trên danh sách)")
        else:
            text = self.tr("Quét mã vạch hồ sơ trên kết quả (hoặc nhấn đúp trên danh sách)")
        self.scan_hint.setText(text)

    def _kind_changed(self, index: int) -> None:
        # The scanned items belong to the other kind of hand-over: never dropped on the way.
        if index == self._kind_index:
            return
        if self.pairs or self.pending is not None:
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self._kind_index)
            self.kind.blockSignals(False)
            self.say(
                self.tr("Lập biên bản hoặc bỏ các dòng đã quét trước khi đổi loại giao nhận"),
                False,
            )
            return
        self._kind_index = index
        self.clear_pairs()

    def select_kind(self, kind: str) -> None:
        index = self.kind.findData(kind)
        if index != self.kind.currentIndex():
            self.kind.setCurrentIndex(index)

    def waiting(self) -> dict[str, postal_ops.ListItem]:
        """What may be handed over now, by upper-cased reference."""
        return self.lists.waiting(self.kind.currentData())

    # --- scanning ---------------------------------------------------------------------------

    def scanned(self) -> None:
        """A scanner typed a code and Enter: a dossier (or request) first, then its label."""
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        if text.upper() in self.waiting() or self._paired_ref(text) is not None:
            self.take_ref(text)
        elif self.pending is not None:
            self.take_consignment(text)
        elif check_s10(text).valid:
            self.say(self.tr("Hãy quét mã hồ sơ trước, rồi mới quét nhãn bưu gửi"), False)
        elif self.kind.currentData() == "pickup":
            self.say(
                self.tr("Không có yêu cầu thu gom {0} đang chờ giao nhận ngày này").format(text),
                False,
            )
        else:
            self.say(
                self.tr("Hồ sơ {0} không có trong danh sách chờ giao bưu điện ngày này").format(
                    text
                ),
                False,
            )
        self._hint()

    def _paired_ref(self, text: str) -> str | None:
        for ref, _s10, _name in self.pairs:
            if ref.upper() == text.upper():
                return ref
        return None

    def take_ref(self, text: str) -> None:
        paired = self._paired_ref(text)
        if paired is not None:
            self.say(self.tr("Hồ sơ {0} đã có trong biên bản này").format(paired), False)
            return
        row = self.waiting().get(text.upper())
        if row is None:
            self.say(self.tr("Hồ sơ {0} không chờ giao nhận").format(text), False)
            return
        if self.pending is not None and self.pending[0] != row.ref:
            # The dossier scanned before still waits for its label: it is never dropped.
            self.say(
                self.tr(
                    "Hồ sơ {0} chưa có số hiệu bưu gửi: quét nhãn của nó, hoặc bỏ dòng đó"
                ).format(self.pending[0]),
                False,
            )
            return
        self.pending = (row.ref, row.name)
        self._show_pairs()
        self.say(self.tr("Hồ sơ {0}: {1}. Quét nhãn bưu gửi.").format(row.ref, row.name), True)
        self._hint()
        self.scan.setFocus()

    def take_consignment(self, text: str) -> None:
        assert self.pending is not None
        check = check_s10(text)
        if not check.valid or check.normalized is None:
            self.say(check.reason or self.tr("Số hiệu bưu gửi không hợp lệ"), False)
            return
        s10 = check.normalized
        for ref, other, _name in self.pairs:
            if other == s10:
                self.say(self.tr("Số hiệu {0} đã ghép với hồ sơ {1}").format(s10, ref), False)
                return
        ref, name = self.pending
        self.pairs.append((ref, s10, name))
        self.pending = None
        self._show_pairs()
        self.say(self.tr("Đã ghép hồ sơ {0} với bưu gửi {1}").format(ref, s10), True)

    def _show_pairs(self) -> None:
        table = self.pairs_table
        rows = list(self.pairs)
        if self.pending is not None:
            # The dossier waiting for its label is a row too: seen, and removable on purpose.
            rows.append((self.pending[0], self.tr("(chờ quét nhãn)"), self.pending[1]))
        table.setRowCount(len(rows))
        for i, (ref, s10, name) in enumerate(rows):
            for j, v in enumerate((ref, s10, name)):
                table.setItem(i, j, QTableWidgetItem(v))
        table.resizeColumnsToContents()
        self.record_button.setText(
            self.tr("&Lập biên bản giao nhận ({0})").format(len(self.pairs))
            if self.pairs
            else self.tr("&Lập biên bản giao nhận")
        )

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.pairs_table.selectedIndexes()}, reverse=True)
        for r in rows:
            if r < len(self.pairs):
                del self.pairs[r]
            elif self.pending is not None:
                self.pending = None  # the row of the dossier still waiting for its label
        self._show_pairs()
        self._hint()

    def clear_pairs(self) -> None:
        self.pairs = []
        self.pending = None
        self._show_pairs()
        self._hint()

    # --- the record -------------------------------------------------------------------------

    def record_handover(self) -> None:
        if self.busy:
            return
        if self.pending is not None:
            # Refused, and the dossier stays: scan its label or remove its row on purpose.
            self.say(
                self.tr(
                    "Hồ sơ {0} chưa có số hiệu bưu gửi: quét nhãn của nó, hoặc bỏ dòng đó"
                ).format(self.pending[0]),
                False,
            )
            self.scan.setFocus()
            return
        if not self.pairs:
            self.say(self.tr("Chưa quét hồ sơ nào"), False)
            return
        kind = self.kind.currentData()
        sent = list(self.pairs)
        lines = [postal_ops.HandoverLine(ref, s10) for ref, s10, _ in sent]
        self.busy = True
        self.record_button.setEnabled(False)
        postal_ops.handover(
            self,
            self.ctx,
            kind,
            lines,
            self.postman.text(),
            self.officer.text(),
            self.postman_number.text(),
            self.postman_phone.text(),
        ).on_done(lambda result: self._recorded(result, sent)).on_error(self._failed).start()

    def _recorded(
        self, result: postal_ops.HandoverResult, sent: list[tuple[str, str, str]]
    ) -> None:
        self.busy = False
        self.record_button.setEnabled(True)
        self.last_record = result.record
        # Only what the record holds leaves the table: anything scanned meanwhile stays.
        self.pairs = [p for p in self.pairs if p not in sent]
        self._show_pairs()
        self._hint()
        self.print_button.setEnabled(True)
        count = len(result.items)
        label = self.tr("Biên bản {0}: %n hồ sơ", "", count)
        self.record_label.setText(label.format(result.record))
        self.say(
            self.tr("Đã lập biên bản {0} gồm %n hồ sơ. In để hai bên ký.", "", count).format(
                result.record
            ),
            True,
        )
        self._recorded_hook()

    def _failed(self, error: BaseException) -> None:
        # Nothing was recorded: the pairs stay for correction.
        self.busy = False
        self.record_button.setEnabled(True)
        self.say(error_text(error), False)

    def print_record(self) -> None:
        number = self.last_record
        if number is None:
            return
        postal_ops.handover_pdf(self, self.ctx, number).on_done(
            lambda data: self._show_pdf(data, number)
        ).on_error(lambda e: self.say(error_text(e), False)).start()
