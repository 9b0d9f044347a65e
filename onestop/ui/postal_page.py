"""The postal page (postal-staff role): the day's pickup and delivery lists by ward,
scan-to-hand-over (the dossier's barcode, then the consignment label), the handover record to
print, delivery outcomes, and what is overdue with the post. Store work runs off the GUI thread
(ui.ops)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .common import ERROR_STYLE, OK_STYLE, day_text, error_text, status_label
from .ops import Op


class PostalPage(QWidget):
    """``parent`` may be the main window: its preview and status bar are used when it has them."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = parent if hasattr(parent, "preview_pdf") else None
        self.delivery_rows: list[dict[str, Any]] = []
        self.pickup_rows: list[dict[str, Any]] = []
        self.overdue_rows: list[dict[str, Any]] = []
        # Pairs scanned so far: (ref, consignment, name); a dossier scanned waits for its label.
        self.pairs: list[tuple[str, str, str]] = []
        self.pending: tuple[str, str] | None = None
        self.last_record: str | None = None
        self.last_pdf: bytes | None = None
        self.preview: QWidget | None = None
        self.loading: Op[Any] | None = None
        self.busy = False

        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        today = ctx.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.refresh_button = QPushButton(self.tr("Làm &mới"), self)
        # The day's consignments for the post office's system, and its file of delivery
        # outcomes back (the same files as 'onestop postal export|import').
        self.export_button = QPushButton(self.tr("&Xuất danh sách bưu gửi..."), self)
        self.export_button.setToolTip(
            self.tr("Các bưu gửi đã giao trong ngày, ra tệp Excel (XLSX) hoặc CSV")
        )
        self.import_button = QPushButton(self.tr("&Nhập kết quả phát..."), self)
        self.import_button.setToolTip(
            self.tr(
                "Tệp trạng thái phát của bưu điện (XLSX hoặc CSV): ghi tất cả hoặc không ghi gì"
            )
        )
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Ngày:"), self))
        head.addWidget(self.day)
        head.addWidget(self.refresh_button)
        self.cancel_button = QPushButton(self.tr("&Hủy yêu cầu thu gom..."), self)
        self.cancel_button.setToolTip(
            self.tr("Hủy yêu cầu thu gom đang chọn (bưu điện chưa nhận hồ sơ), ghi lý do")
        )
        head.addStretch(1)
        head.addWidget(self.cancel_button)
        head.addWidget(self.export_button)
        head.addWidget(self.import_button)

        self.lists = QTabWidget(self)
        self.delivery_tree = self._tree(self.tr("Mã hồ sơ"))
        self.pickup_tree = self._tree(self.tr("Mã yêu cầu / hồ sơ"))
        self.overdue_table = QTableWidget(0, 6, self)
        self.overdue_table.setHorizontalHeaderLabels(
            [
                self.tr("Loại"),
                self.tr("Mã"),
                self.tr("Họ tên"),
                self.tr("Số hiệu bưu gửi"),
                self.tr("Từ ngày"),
                self.tr("Lý do"),
            ]
        )
        self.overdue_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue_table.horizontalHeader().setStretchLastSection(True)
        self.lists.addTab(self.delivery_tree, self.tr("Phát kết quả"))
        self.lists.addTab(self.pickup_tree, self.tr("Thu gom hồ sơ"))
        self.lists.addTab(self.overdue_table, self.tr("Quá hạn với bưu điện"))

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self._handover_box())
        side_layout.addWidget(self._outcome_box())
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
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.delivery_tree.itemActivated.connect(self._delivery_activated)
        self.pickup_tree.itemActivated.connect(self._pickup_activated)
        self.refresh()

    # --- layout -----------------------------------------------------------------------------

    def _tree(self, first: str) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setColumnCount(6)
        tree.setHeaderLabels(
            [
                first,
                self.tr("Họ tên"),
                self.tr("Địa chỉ"),
                self.tr("Điện thoại"),
                self.tr("Số hiệu bưu gửi"),
                self.tr("Trạng thái"),
            ]
        )
        tree.setRootIsDecorated(True)
        tree.setAlternatingRowColors(True)
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return tree

    def _handover_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Giao nhận với bưu điện"), self)
        self.kind = QComboBox(box)
        self.kind.addItem(self.tr("Giao kết quả cho bưu điện phát"), "delivery")
        self.kind.addItem(self.tr("Nhận hồ sơ bưu điện thu gom"), "pickup")
        self.scan = QLineEdit(box)
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(
            self.tr("Quét mã hồ sơ, rồi quét nhãn bưu gửi (số hiệu S10), Enter sau mỗi mã")
        )
        self.scan.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.scan_hint = QLabel(box)
        self.scan_hint.setWordWrap(True)
        self.pairs_table = QTableWidget(0, 3, box)
        self.pairs_table.setObjectName("pairs")
        self.pairs_table.setHorizontalHeaderLabels(
            [self.tr("Mã hồ sơ"), self.tr("Số hiệu bưu gửi"), self.tr("Họ tên")]
        )
        self.pairs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pairs_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pairs_table.horizontalHeader().setStretchLastSection(True)
        self.postman = QLineEdit(box)
        self.postman.setPlaceholderText(self.tr("Họ tên nhân viên bưu điện"))
        self.remove_button = QPushButton(self.tr("&Bỏ dòng đã chọn"), box)
        self.record_button = QPushButton(self.tr("&Lập biên bản giao nhận"), box)
        self.print_button = QPushButton(self.tr("&In biên bản"), box)
        self.print_button.setEnabled(False)
        self.record_label = QLabel(box)
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
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.pairs_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.record_label)
        self.scan.returnPressed.connect(self.scanned)
        self.kind.currentIndexChanged.connect(lambda _i: self.clear_pairs())
        self.remove_button.clicked.connect(self.remove_selected)
        self.record_button.clicked.connect(self.record_handover)
        self.print_button.clicked.connect(self.print_record)
        self._hint()
        return box

    def _outcome_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Kết quả phát"), self)
        self.outcome_code = QLineEdit(box)
        self.outcome_code.setObjectName("outcome_code")
        self.outcome_code.setPlaceholderText(self.tr("Mã hồ sơ"))
        self.outcome = QComboBox(box)
        self.outcome.addItem(self.tr("Đã phát cho người nhận"), "delivered")
        self.outcome.addItem(self.tr("Phát không thành công"), "failed")
        self.recipient = QLineEdit(box)
        self.recipient_id = QLineEdit(box)
        self.recipient_id.setPlaceholderText(self.tr("CCCD / CMND / hộ chiếu"))
        self.reason = QLineEdit(box)
        self.reason.setPlaceholderText(self.tr("Ví dụ: không có người nhận"))
        self.caused_by = QComboBox(box)
        self.caused_by.addItem(self.tr("Công dân (vắng nhà, sai địa chỉ)"), "citizen")
        self.caused_by.addItem(self.tr("Cơ quan"), "agency")
        self.caused_by.addItem(self.tr("Bưu điện"), "post")
        self.outcome_button = QPushButton(self.tr("&Ghi kết quả phát"), box)
        form = QFormLayout(box)
        form.addRow(self.tr("Hồ sơ:"), self.outcome_code)
        form.addRow(self.tr("Kết quả:"), self.outcome)
        form.addRow(self.tr("Người nhận:"), self.recipient)
        form.addRow(self.tr("Số giấy tờ:"), self.recipient_id)
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow(self.tr("Lỗi do:"), self.caused_by)
        form.addRow("", self.outcome_button)
        self.outcome.currentIndexChanged.connect(lambda _i: self._outcome_fields())
        self.outcome_button.clicked.connect(self.record_outcome)
        self._outcome_fields()
        return box

    def _outcome_fields(self) -> None:
        delivered = self.outcome.currentData() == "delivered"
        self.recipient.setEnabled(delivered)
        self.recipient_id.setEnabled(delivered)
        self.reason.setEnabled(not delivered)
        self.caused_by.setEnabled(not delivered)

    # --- messages ---------------------------------------------------------------------------

    def say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        if self.host is not None and hasattr(self.host, "report"):
            self.host.report(text, ok)

    def _hint(self) -> None:
        if self.pending is not None:
            ref, name = self.pending
            text = self.tr("Hồ sơ {0} ({1}): quét nhãn bưu gửi").format(ref, name)
        elif self.kind.currentData() == "pickup":
            text = self.tr("Quét hoặc gõ mã yêu cầu thu gom (hoặc nhấn đúp trên danh sách)")
        else:
            text = self.tr("Quét mã vạch hồ sơ trên kết quả (hoặc nhấn đúp trên danh sách)")
        self.scan_hint.setText(text)

    # --- lists ------------------------------------------------------------------------------

    def selected_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        from onestop.services import postal

        day = self.selected_day()
        if self.loading is not None:
            self.loading.cancel()

        def load(c: Any) -> tuple[list, list, list]:
            return (
                postal.day_list(c, day, "delivery"),
                postal.day_list(c, day, "pickup"),
                postal.overdue(c, day),
            )

        op = Op(load, ctx=self.ctx, parent=self, label="postal-lists")
        self.loading = op.on_done(self._loaded).on_error(self._load_failed).start()

    def _loaded(self, lists: tuple[list, list, list]) -> None:
        self.loading = None
        self.delivery_rows, self.pickup_rows, self.overdue_rows = lists
        self._fill(self.delivery_tree, self.delivery_rows, delivery=True)
        self._fill(self.pickup_tree, self.pickup_rows, delivery=False)
        self._fill_overdue()
        n_out = sum(1 for r in self.delivery_rows if r["status"] == "result_ready")
        n_in = sum(1 for r in self.pickup_rows if r["status"] == "requested")
        self.lists.setTabText(0, self.tr("Phát kết quả ({0} chờ giao)").format(n_out))
        self.lists.setTabText(1, self.tr("Thu gom hồ sơ ({0} chờ nhận)").format(n_in))
        self.lists.setTabText(
            2, self.tr("Quá hạn với bưu điện ({0})").format(len(self.overdue_rows))
        )

    def _load_failed(self, error: BaseException) -> None:
        self.loading = None
        self.say(error_text(error), False)

    def _fill(self, tree: QTreeWidget, rows: list[dict[str, Any]], delivery: bool) -> None:
        tree.clear()
        wards: dict[str, QTreeWidgetItem] = {}
        for r in rows:
            parent = wards.get(r["ward"])
            if parent is None:
                parent = QTreeWidgetItem(tree, [r["ward"]])
                parent.setFirstColumnSpanned(True)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                wards[r["ward"]] = parent
            shown_ref = r["ref"] if delivery else (r.get("code") or r["ref"])
            # Pickup statuses are the postal service's own, labelled by it.
            status = status_label(r["status"]) if delivery else r["status_label"]
            if r.get("next_attempt_on"):
                status += self.tr(" · phát lại {0}").format(day_text(r["next_attempt_on"]))
            item = QTreeWidgetItem(
                parent,
                [
                    shown_ref,
                    r["name"],
                    r["address"],
                    r["phone"] or "",
                    r["consignment"] or "",
                    status,
                ],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, r)
        for ward, parent in wards.items():
            parent.setText(0, f"{ward} ({parent.childCount()})")
        tree.expandAll()
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)

    def _fill_overdue(self) -> None:
        table = self.overdue_table
        table.setRowCount(len(self.overdue_rows))
        kinds = {"delivery": self.tr("Phát"), "pickup": self.tr("Thu gom")}
        for i, r in enumerate(self.overdue_rows):
            values = [
                kinds.get(r["kind"], r["kind"]),
                r["ref"],
                r["name"],
                r["consignment"] or "",
                day_text(r["since"]),
                r["reason"],
            ]
            for j, v in enumerate(values):
                table.setItem(i, j, QTableWidgetItem(v))
        table.resizeColumnsToContents()

    def _delivery_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = item.data(0, Qt.ItemDataRole.UserRole)
        if not row:
            return
        if row["status"] == "out_for_delivery":
            self.outcome_code.setText(row["ref"])
            self.outcome_code.setFocus()
            return
        self._select_kind("delivery")
        self.take_ref(row["ref"])

    def _pickup_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = item.data(0, Qt.ItemDataRole.UserRole)
        if row:
            self._select_kind("pickup")
            self.take_ref(row["ref"])

    def _select_kind(self, kind: str) -> None:
        index = self.kind.findData(kind)
        if index != self.kind.currentIndex():
            self.kind.setCurrentIndex(index)

    # --- scan-to-hand-over --------------------------------------------------------------------

    def _waiting(self) -> dict[str, dict[str, Any]]:
        """What may be handed over now, by upper-cased reference."""
        if self.kind.currentData() == "pickup":
            return {r["ref"].upper(): r for r in self.pickup_rows if r["status"] == "requested"}
        return {r["ref"].upper(): r for r in self.delivery_rows if r["status"] == "result_ready"}

    def scanned(self) -> None:
        """A scanner typed a code and Enter: a dossier (or request) first, then its label."""
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        if text.upper() in self._waiting() or self._paired_ref(text) is not None:
            self.take_ref(text)
        elif self.pending is not None:
            self.take_consignment(text)
        else:
            from onestop.domain.identifiers import check_s10

            if check_s10(text).valid:
                self.say(self.tr("Hãy quét mã hồ sơ trước, rồi mới quét nhãn bưu gửi"), False)
            elif self.kind.currentData() == "pickup":
                self.say(
                    self.tr("Không có yêu cầu thu gom {0} đang chờ giao nhận ngày này").format(
                        text
                    ),
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
        row = self._waiting().get(text.upper())
        if row is None:
            self.say(self.tr("Hồ sơ {0} không chờ giao nhận").format(text), False)
            return
        self.pending = (row["ref"], row["name"])
        self.say(self.tr("Hồ sơ {0}: {1}. Quét nhãn bưu gửi.").format(row["ref"], row["name"]))
        self._hint()
        self.scan.setFocus()

    def take_consignment(self, text: str) -> None:
        from onestop.domain.identifiers import check_s10

        assert self.pending is not None
        check = check_s10(text)
        if not check.valid or check.normalized is None:
            self.say(check.reason or self.tr("Số hiệu bưu gửi không hợp lệ"), False)
            return
        s10 = check.normalized
        for ref, other, _name in self.pairs:
            if other == s10:
                self.say(
                    self.tr("Số hiệu {0} đã ghép với hồ sơ {1}").format(s10, ref),
                    False,
                )
                return
        ref, name = self.pending
        self.pairs.append((ref, s10, name))
        self.pending = None
        self._show_pairs()
        self.say(self.tr("Đã ghép hồ sơ {0} với bưu gửi {1}").format(ref, s10))

    def _show_pairs(self) -> None:
        table = self.pairs_table
        table.setRowCount(len(self.pairs))
        for i, (ref, s10, name) in enumerate(self.pairs):
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
            del self.pairs[r]
        self._show_pairs()

    def clear_pairs(self) -> None:
        self.pairs = []
        self.pending = None
        self._show_pairs()
        self._hint()

    def record_handover(self) -> None:
        from onestop.services import postal

        if self.busy:
            return
        if self.pending is not None:
            self.say(
                self.tr("Hồ sơ {0} chưa có số hiệu bưu gửi: quét nhãn hoặc bỏ qua").format(
                    self.pending[0]
                ),
                False,
            )
            self.pending = None
            self._hint()
            return
        if not self.pairs:
            self.say(self.tr("Chưa quét hồ sơ nào"), False)
            return
        kind = self.kind.currentData()
        lines = [postal.HandoverLine(ref, s10) for ref, s10, _ in self.pairs]
        postman = self.postman.text()
        self.busy = True
        self.record_button.setEnabled(False)
        Op(
            lambda c: postal.handover(c, kind, lines, postman_name=postman),
            ctx=self.ctx,
            parent=self,
            label="postal-handover",
        ).on_done(self._recorded).on_error(self._handover_failed).start()

    def _recorded(self, result: dict[str, Any]) -> None:
        self.busy = False
        self.record_button.setEnabled(True)
        self.last_record = result["record"]
        self.clear_pairs()
        self.print_button.setEnabled(True)
        self.record_label.setText(
            self.tr("Biên bản {0}: {1} hồ sơ").format(result["record"], len(result["items"]))
        )
        self.say(
            self.tr("Đã lập biên bản {0} gồm {1} hồ sơ. In để hai bên ký.").format(
                result["record"], len(result["items"])
            )
        )
        self.refresh()

    def _handover_failed(self, error: BaseException) -> None:
        # Nothing was recorded: the pairs stay for correction.
        self.busy = False
        self.record_button.setEnabled(True)
        self.say(error_text(error), False)

    # --- cancelling a pickup --------------------------------------------------------------------

    def selected_pickup(self) -> dict[str, Any] | None:
        item = self.pickup_tree.currentItem()
        row = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return row if row and row["status"] == "requested" else None

    def ask_cancel(self) -> None:
        row = self.selected_pickup()
        if row is None:
            self.lists.setCurrentWidget(self.pickup_tree)
            self.say(
                self.tr("Chọn một yêu cầu đang chờ thu gom trên danh sách 'Thu gom hồ sơ'"),
                False,
            )
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Hủy yêu cầu thu gom"),
            self.tr("Lý do hủy yêu cầu thu gom của {0}:").format(row["name"]),
        )
        if ok:
            self.cancel_pickup(row["ref"], reason)

    def cancel_pickup(self, ref: str, reason: str) -> None:
        from onestop.services import postal

        def done(result: dict[str, Any]) -> None:
            self.say(
                self.tr("Đã hủy yêu cầu thu gom của {0}: {1}").format(
                    result["name"], result["cancel_reason"]
                )
            )
            self.refresh()

        Op(
            lambda c: postal.cancel_pickup(c, ref, reason),
            ctx=self.ctx,
            parent=self,
            label="postal-cancel",
        ).on_done(done).on_error(lambda e: self.say(error_text(e), False)).start()

    # --- files for the post office ------------------------------------------------------------

    def choose_export(self) -> None:
        day = self.selected_day()
        suggested = str(Path.home() / f"buu-gui-{day.isoformat()}.xlsx")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Xuất danh sách bưu gửi ngày {0}").format(day_text(day)),
            suggested,
            self.tr("Excel (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """The selected day's consignments into ``path`` (XLSX, or CSV by its extension)."""
        from onestop.services import postal

        day = self.selected_day()
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            if count:
                self.say(self.tr("Đã xuất {0} bưu gửi ra tệp {1}").format(count, str(path)))
            else:
                self.say(
                    self.tr("Ngày {0} chưa giao bưu gửi nào; đã tạo tệp trống {1}").format(
                        day_text(day), str(path)
                    )
                )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.say(error_text(error), False)

        Op(
            lambda c: postal.export_day(c, day, fmt, path),
            ctx=self.ctx,
            parent=self,
            label="postal-export",
        ).on_done(done).on_error(failed).start()

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Nhập kết quả phát của bưu điện"),
            str(Path.home()),
            self.tr("Excel hoặc CSV (*.xlsx *.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Apply the post office's file of delivery outcomes: every row or none."""
        from onestop.services import postal

        self.import_button.setEnabled(False)

        def done(result: dict[str, Any]) -> None:
            self.import_button.setEnabled(True)
            self.say(
                self.tr("Đã ghi {0} kết quả phát từ tệp {1} ({2} dòng đã có từ trước)").format(
                    result["applied"], path.name, result["unchanged"]
                )
            )
            self.refresh()

        def failed(error: BaseException) -> None:
            # Nothing was written. The refusal names the file's line and column ("dòng 3.at").
            self.import_button.setEnabled(True)
            where = getattr(error, "field", None)
            text = error_text(error)
            if getattr(error, "file", None):
                # A file refused as a whole or out of bounds: the message names file and line.
                self.say(f"{where}: {text}", False)
            else:
                self.say(f"{path.name}, {where}: {text}" if where else text, False)

        Op(
            lambda c: postal.import_statuses(c, path),
            ctx=self.ctx,
            parent=self,
            label="postal-import",
        ).on_done(done).on_error(failed).start()

    def print_record(self) -> None:
        from onestop.services import postal

        number = self.last_record
        if number is None:
            return
        Op(lambda c: postal.handover_pdf(c, number), ctx=self.ctx, parent=self).on_done(
            lambda data: self._show_pdf(data, number)
        ).on_error(lambda e: self.say(error_text(e), False)).start()

    def _show_pdf(self, data: bytes, number: str) -> None:
        self.last_pdf = data
        title = self.tr("Biên bản giao nhận {0}").format(number)
        if self.host is not None:
            self.preview = self.host.preview_pdf(data, title, number)
            return
        from .common import data_dir, ui_settings
        from .printing import PdfPreview

        folder = _store_folder(self.ctx) or data_dir()
        preview = PdfPreview(data, title, number, ui_settings(folder), folder, self.say, self)
        self.preview = preview
        preview.show()

    # --- outcomes ---------------------------------------------------------------------------

    def record_outcome(self) -> None:
        from onestop.services import postal

        code = self.outcome_code.text().strip()
        if not code:
            self.say(self.tr("Nhập hoặc quét mã hồ sơ"), False)
            return
        attempt = postal.Attempt(
            outcome=self.outcome.currentData(),
            recipient=self.recipient.text() or None,
            id_number=self.recipient_id.text() or None,
            reason=self.reason.text() or None,
            caused_by=self.caused_by.currentData(),
        )
        self.outcome_button.setEnabled(False)
        Op(lambda c: postal.record_attempt(c, code, attempt), ctx=self.ctx, parent=self).on_done(
            self._outcome_recorded
        ).on_error(self._outcome_failed).start()

    def _outcome_recorded(self, detail: dict[str, Any]) -> None:
        self.outcome_button.setEnabled(True)
        text = self.tr("{0}: {1}").format(detail["code"], status_label(detail["status"]))
        if detail.get("next_attempt_on"):
            text += self.tr("; phát lại ngày {0}").format(day_text(detail["next_attempt_on"]))
        if detail["status"] == "undeliverable":
            text += self.tr("; kết quả chuyển về Bộ phận Một cửa")
        self.say(text)
        for field in (self.outcome_code, self.recipient, self.recipient_id, self.reason):
            field.clear()
        self.refresh()

    def _outcome_failed(self, error: BaseException) -> None:
        self.outcome_button.setEnabled(True)
        self.say(error_text(error), False)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.scan.setFocus)


def _store_folder(ctx: Any) -> Path | None:
    """The data folder of a local SQLite store (for print output and the preview's settings)."""
    database = ctx.store.engine.url.database
    if ctx.store.dialect == "sqlite" and database and database != ":memory:":
        return Path(database).parent
    return None
