"""Reception: the counter clerk's form for a new dossier, built to be filled from the keyboard.

Procedure by code or folded name, its required documents as a checklist, the applicant with
identifiers checked as typed, the 2025 address pickers, return at the counter or free delivery
by post, the due date recomputed live. Ctrl+Enter saves and opens the receipt for printing;
missing documents turn the save into the supplement (02) or refusal (03) guidance forms.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from onestop.domain.identifiers import check_email, check_phone

from .common import ERROR_STYLE, error_text, money
from .ops import Op
from .widgets import (
    AddressEditor,
    CheckedField,
    Choice,
    Picker,
    PlainText,
    describe_id,
    id_check,
)

if TYPE_CHECKING:
    from .main_window import MainWindow


def weekday_name(index: int) -> str:
    names = (
        QCoreApplication.translate("Weekday", "Thứ Hai"),
        QCoreApplication.translate("Weekday", "Thứ Ba"),
        QCoreApplication.translate("Weekday", "Thứ Tư"),
        QCoreApplication.translate("Weekday", "Thứ Năm"),
        QCoreApplication.translate("Weekday", "Thứ Sáu"),
        QCoreApplication.translate("Weekday", "Thứ Bảy"),
        QCoreApplication.translate("Weekday", "Chủ Nhật"),
    )
    return names[index]


def due_text(at: datetime) -> str:
    return f"{at:%H:%M} {weekday_name(at.weekday())}, {at:%d/%m/%Y}"


def processing_text(days: int | None, hours: float | None) -> str:
    if hours is not None:
        return QCoreApplication.translate("ReceptionPage", "{0} giờ làm việc").format(f"{hours:g}")
    if not days:
        return QCoreApplication.translate("ReceptionPage", "Trong ngày")
    return QCoreApplication.translate("ReceptionPage", "{0} ngày làm việc").format(days)


class ReceptionPage(QWidget):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.ctx = host.ctx
        self.procedures: dict[str, dict[str, Any]] = {}
        self.saving = False
        self.last_code: str | None = None
        self.guidance_id: str | None = None
        self._build()
        self._load_catalog()
        # Time passes while the applicant is at the counter (the 15:00 cut-off moves day 0).
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(30_000)
        self.due_timer.timeout.connect(self.update_due)
        self.due_timer.start()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        # Procedure and its documents.
        self.procedure = Picker(self)
        self.procedure.setObjectName("procedure")
        self.procedure.setPlaceholderText(
            self.tr("Gõ mã hoặc tên thủ tục (không cần dấu), Enter để chọn")
        )
        self.procedure_info = QLabel(self)
        self.procedure_info.setWordWrap(True)
        self.procedure_error = self._error_label()
        self.documents = QListWidget(self)
        self.documents.setObjectName("documents")
        self.documents.setMinimumHeight(120)
        # Long document names wrap instead of running off under a scroll bar.
        self.documents.setWordWrap(True)
        self.documents.setSpacing(2)
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.all_documents = QPushButton(self.tr("Đủ tất cả giấy tờ (Ctrl+D)"), self)
        self.documents_state = QLabel(self)
        self.documents_state.setWordWrap(True)

        # Applicant.
        self.individual = QRadioButton(self.tr("Cá &nhân"), self)
        self.organisation = QRadioButton(self.tr("Tổ &chức"), self)
        self.individual.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.individual)
        self.kind_group.addButton(self.organisation)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name_error = self._error_label()
        today = lambda: self.ctx.clock().date()  # noqa: E731
        self.id_number = CheckedField(id_check(today), describe_id, self)
        self.id_number.setObjectName("id_number")
        self.phone = CheckedField(check_phone, None, self)
        self.phone.setObjectName("phone")
        self.email = CheckedField(check_email, None, self)
        self.email.setObjectName("email")
        self.address = AddressEditor(self)
        self.address.setObjectName("address")
        self.address_error = self._error_label()

        # Return of the result.
        self.at_counter = QRadioButton(self.tr("Nhận tại &quầy"), self)
        self.by_post = QRadioButton(self.tr("Trả tận nhà qua &bưu điện (miễn phí)"), self)
        self.at_counter.setChecked(True)
        self.return_group = QButtonGroup(self)
        self.return_group.addButton(self.at_counter)
        self.return_group.addButton(self.by_post)
        self.return_address = QLineEdit(self)
        self.return_address.setObjectName("return_address")
        self.return_address.setPlaceholderText(
            self.tr("Địa chỉ nhận kết quả (lấy từ địa chỉ người nộp)")
        )
        self.return_address.setEnabled(False)
        self._return_address_edited = False
        self.sets = QSpinBox(self)
        self.sets.setRange(1, 99)
        self.notes = PlainText(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(54)

        # Summary and actions.
        self.due = QLabel(self)
        self.due.setObjectName("due")
        self.due.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1f5fa8;")
        self.due.setWordWrap(True)
        self.fee = QLabel(self)
        self.save = QPushButton(self.tr("Lưu và in giấy tiếp nhận (Ctrl+Enter)"), self)
        self.save.setObjectName("save")
        self.save.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.new = QPushButton(self.tr("Hồ sơ mới (Ctrl+N)"), self)
        self.form_error = QLabel(self)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.last = QLabel(self)
        self.last.setWordWrap(True)
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The guidance panel shown instead of a receipt when documents are missing.
        self.guidance = QGroupBox(self.tr("Hồ sơ chưa đủ giấy tờ: không cấp giấy tiếp nhận"), self)
        self.guidance_items = PlainText(self.guidance)
        self.guidance_items.setFixedHeight(96)
        self.guidance_items.setTabChangesFocus(True)
        self.guidance_supplement = QPushButton(
            self.tr("In phiếu yêu cầu &bổ sung (Mẫu 02)"), self.guidance
        )
        self.guidance_refusal = QPushButton(
            self.tr("In phiếu &từ chối tiếp nhận (Mẫu 03)"), self.guidance
        )
        self.guidance_back = QPushButton(self.tr("Quay lại (Esc)"), self.guidance)
        g = QVBoxLayout(self.guidance)
        g.addWidget(QLabel(self.tr("Nội dung hướng dẫn (mỗi dòng một mục):"), self.guidance))
        g.addWidget(self.guidance_items)
        gb = QHBoxLayout()
        gb.addWidget(self.guidance_back)
        gb.addStretch(1)
        gb.addWidget(self.guidance_refusal)
        gb.addWidget(self.guidance_supplement)
        g.addLayout(gb)
        self.guidance.setVisible(False)

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.individual)
        kind_row.addWidget(self.organisation)
        kind_row.addStretch(1)
        self.name_label = QLabel(self.tr("Họ và &tên"), self)
        self.name_label.setBuddy(self.name)
        left.addRow(self.tr("Người nộp"), kind_row)
        left.addRow(self.name_label, self._stack(self.name, self.name_error))
        left.addRow(self._buddy(self.tr("Số &giấy tờ"), self.id_number.edit), self.id_number)
        left.addRow(self._buddy(self.tr("Điện th&oại"), self.phone.edit), self.phone)
        left.addRow(self._buddy(self.tr("&Email"), self.email.edit), self.email)
        left.addRow(
            self._buddy(self.tr("Đị&a chỉ"), self.address.street),
            self._stack(self.address, self.address_error),
        )
        ret_row = QVBoxLayout()
        ret_row.addWidget(self.at_counter)
        ret_row.addWidget(self.by_post)
        ret_row.addWidget(self.return_address)
        left.addRow(self.tr("Trả kết quả"), ret_row)
        left.addRow(self._buddy(self.tr("Số &bộ hồ sơ"), self.sets), self.sets)
        left.addRow(self._buddy(self.tr("Ghi &chú"), self.notes), self.notes)
        applicant = QGroupBox(self.tr("Người nộp hồ sơ"), self)
        applicant.setLayout(left)

        proc_box = QGroupBox(self.tr("Thủ tục và giấy tờ"), self)
        pl = QVBoxLayout(proc_box)
        pl.addWidget(self._buddy(self.tr("&Thủ tục"), self.procedure))
        pl.addWidget(self.procedure)
        pl.addWidget(self.procedure_error)
        pl.addWidget(self.procedure_info)
        docs_head = QHBoxLayout()
        docs_head.addWidget(QLabel(self.tr("Giấy tờ đã nhận (Space đánh dấu):"), self), 1)
        docs_head.addWidget(self.all_documents)
        pl.addLayout(docs_head)
        pl.addWidget(self.documents, 1)
        pl.addWidget(self.documents_state)

        summary = QGroupBox(self.tr("Hẹn trả kết quả"), self)
        sl = QVBoxLayout(summary)
        sl.addWidget(self.due)
        sl.addWidget(self.fee)

        actions = QHBoxLayout()
        actions.addWidget(self.new)
        actions.addStretch(1)
        actions.addWidget(self.save)

        right = QVBoxLayout()
        right.addWidget(proc_box, 1)
        right.addWidget(summary)

        columns = QHBoxLayout()
        left_col = QVBoxLayout()
        left_col.addWidget(applicant)
        left_col.addStretch(1)
        columns.addLayout(left_col, 3)
        columns.addLayout(right, 2)

        body = QWidget(self)
        bl = QVBoxLayout(body)
        bl.addLayout(columns, 1)
        bl.addWidget(self.guidance)
        bl.addWidget(self.form_error)
        bl.addLayout(actions)
        bl.addWidget(self.last)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        # Keyboard order: the order a clerk works in. (setTabOrder is one of the static calls
        # that cost PySide6 6.12.0 a reference to None, see common.later: once per page.)
        chain = [
            self.procedure, self.documents, self.all_documents, self.individual, self.name,
            self.id_number.edit, self.phone.edit, self.email.edit, self.address.street,
            self.address.province, self.address.ward, self.at_counter, self.by_post,
            self.return_address, self.sets, self.notes, self.save, self.new,
        ]  # fmt: skip
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

        # Signals.
        self.procedure.picked.connect(self._procedure_picked)
        self.documents.itemChanged.connect(lambda _i: self._documents_changed())
        self.all_documents.clicked.connect(self.tick_all)
        self.organisation.toggled.connect(self._kind_changed)
        self.by_post.toggled.connect(self._return_changed)
        self.address.changed.connect(self._address_changed)
        self.return_address.textEdited.connect(self._return_edited)
        self.name.textEdited.connect(lambda _t: self._clear_error(self.name, self.name_error))
        self.name.editingFinished.connect(self._tidy_name)
        self.save.clicked.connect(self.submit)
        self.new.clicked.connect(self.reset)
        self.guidance_supplement.clicked.connect(lambda: self.give_guidance("supplement"))
        self.guidance_refusal.clicked.connect(lambda: self.give_guidance("refusal"))
        self.guidance_back.clicked.connect(self._hide_guidance)
        ctx_shortcut = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.submit, context=ctx_shortcut)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.reset, context=ctx_shortcut)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.tick_all, context=ctx_shortcut)
        QShortcut(
            QKeySequence("Escape"),
            self.guidance,
            activated=self._hide_guidance,
            context=ctx_shortcut,
        )
        self.update_due()

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def _stack(self, widget: QWidget, label: QLabel) -> QWidget:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        lay.addWidget(label)
        return box

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # --- catalogue and procedure ------------------------------------------------------------

    def _load_catalog(self) -> None:
        from onestop.services import catalog

        Op(catalog.list_procedures, ctx=self.ctx, parent=self).on_done(
            self._catalog_loaded
        ).on_error(lambda e: self.host.report(error_text(e), False)).start()

    def _catalog_loaded(self, procs: list[dict[str, Any]]) -> None:
        self.procedures = {p["code"]: p for p in procs}
        self.procedure.set_choices(
            [
                Choice(p["code"], f"{p['code']} · {p['name']}", _fold(f"{p['code']} {p['name']}"))
                for p in procs
            ]
        )

    def _procedure_picked(self, code: str) -> None:
        self._clear_error(self.procedure, self.procedure_error)
        proc = self.procedures.get(code)
        self.documents.blockSignals(True)
        self.documents.clear()
        if proc is None:
            self.procedure_info.setText("")
        else:
            self.procedure_info.setText(
                self.tr("Lĩnh vực: {0} · Thời hạn: {1} · Lệ phí: {2}{3}").format(
                    proc["field"],
                    processing_text(proc["processing_days"], proc["processing_hours"]),
                    money(proc["fee"]),
                    "" if proc["postal"] else " · " + self.tr("không nhận/trả qua bưu điện"),
                )
            )
            for doc in proc["documents"]:
                item = QListWidgetItem(
                    f"{doc['name']}  ({doc.get('kind', '')} × {doc.get('count', 1)})"
                )
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, doc)
                self.documents.addItem(item)
            if self.documents.count():
                self.documents.setCurrentRow(0)
            self.by_post.setEnabled(bool(proc["postal"]))
            if not proc["postal"]:
                self.at_counter.setChecked(True)
        self.documents.blockSignals(False)
        self._documents_changed()
        self.update_due()

    def tick_all(self) -> None:
        for i in range(self.documents.count()):
            self.documents.item(i).setCheckState(Qt.CheckState.Checked)

    def missing(self) -> list[dict[str, Any]]:
        return [
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() != Qt.CheckState.Checked
        ]

    def received_documents(self) -> list[dict[str, Any]]:
        return [
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _documents_changed(self) -> None:
        total = self.documents.count()
        missing = len(self.missing())
        if not total:
            self.documents_state.setText("")
        elif missing:
            self.documents_state.setText(
                self.tr("Còn thiếu {0}/{1} giấy tờ").format(missing, total)
            )
            self.documents_state.setStyleSheet("color: #b36b00;")
        else:
            self.documents_state.setText(self.tr("Đã nhận đủ {0} giấy tờ").format(total))
            self.documents_state.setStyleSheet("color: #1b7f3b;")

    def update_due(self) -> None:
        proc = self.procedures.get(self.procedure.key)
        if proc is None:
            self.due.setText(self.tr("Chọn thủ tục để tính ngày hẹn trả"))
            self.fee.setText("")
            return
        due = self.ctx.calendar.due(
            self.ctx.clock(), days=proc["processing_days"], hours=proc["processing_hours"]
        )
        self.due.setText(self.tr("Hẹn trả: {0}").format(due_text(due.due_at)))
        self.fee.setText(
            self.tr("Thời hạn giải quyết: {0} · Lệ phí: {1}").format(
                processing_text(proc["processing_days"], proc["processing_hours"]),
                money(proc["fee"]),
            )
        )

    # --- applicant ---------------------------------------------------------------------------

    def _tidy_name(self) -> None:
        """Show the name as it will be stored: NFC, capitalised like a Vietnamese name."""
        if self.individual.isChecked() and self.name.text().strip():
            from onestop.domain.text import capitalize_name, nfc

            tidy = capitalize_name(nfc(self.name.text()))
            if tidy != self.name.text():
                self.name.setText(tidy)

    def _kind_changed(self, organisation: bool) -> None:
        self.name_label.setText(self.tr("Tên tổ &chức") if organisation else self.tr("Họ và &tên"))

    def _return_changed(self, by_post: bool) -> None:
        self.return_address.setEnabled(by_post)
        if by_post and not self._return_address_edited:
            self.return_address.setText(self.address.text())

    def _address_changed(self) -> None:
        self._clear_error(None, self.address_error)
        if self.by_post.isChecked() and not self._return_address_edited:
            self.return_address.setText(self.address.text())

    def _return_edited(self, _text: str) -> None:
        self._return_address_edited = True

    def _clear_error(self, widget: QWidget | None, label: QLabel) -> None:
        label.setVisible(False)
        if widget is not None:
            widget.setStyleSheet("")

    def _field_error(self, widget: QWidget, label: QLabel, message: str) -> None:
        label.setText(message)
        label.setVisible(True)
        widget.setStyleSheet("border: 1px solid #b3261e;")

    # --- saving ------------------------------------------------------------------------------

    def _check_locally(self) -> bool:
        """The checks that need no store, so that the message shows at once next to the field."""
        first: QWidget | None = None
        if not self.procedure.key:
            self._field_error(self.procedure, self.procedure_error, self.tr("Chưa chọn thủ tục"))
            first = first or self.procedure
        if not self.name.text().strip():
            self._field_error(
                self.name, self.name_error, self.tr("Chưa nhập họ tên người nộp hồ sơ")
            )
            first = first or self.name
        for field in (self.id_number, self.phone, self.email):
            if not field.is_valid():
                field.show_error(field.result().reason or "")
                first = first or field.edit
        if first is not None:
            first.setFocus()
            self.form_error.setText(self.tr("Hồ sơ chưa được lưu: hãy sửa các ô báo đỏ."))
            return False
        self.form_error.setText("")
        return True

    def request(self):
        from onestop.services.reception import ReceiveRequest

        return ReceiveRequest(
            procedure_code=self.procedure.key,
            applicant_name=self.name.text(),
            id_number=self.id_number.text() or None,
            phone=self.phone.text() or None,
            email=self.email.text() or None,
            address=self.address.text() or None,
            return_by="post" if self.by_post.isChecked() else "counter",
            return_address=(self.return_address.text() or None)
            if self.by_post.isChecked()
            else None,
            applicant_kind="organisation" if self.organisation.isChecked() else "individual",
            documents=self.received_documents(),
            sets=self.sets.value(),
            notes=self.notes.toPlainText() or None,
        )

    def submit(self) -> None:
        if self.saving:
            return
        if not self._check_locally():
            return
        missing = self.missing()
        if missing:
            self._show_guidance(missing)
            return
        req = self.request()
        self.saving = True
        self.save.setEnabled(False)
        self.form_error.setText(self.tr("Đang lưu…"))

        def work(c: Any) -> tuple[dict[str, Any], bytes]:
            from onestop.services import forms
            from onestop.services.reception import receive

            received = receive(c, req).to_json()
            return received, forms.receipt_pdf(c, received["code"])

        Op(work, ctx=self.ctx, parent=self).on_done(self._saved).on_error(self._refused).start()

    def _saved(self, result: tuple[dict[str, Any], bytes]) -> None:
        received, pdf = result
        self.saving = False
        self.save.setEnabled(True)
        self.last_code = received["code"]
        self.last.setText(
            self.tr("Vừa tiếp nhận: <b>{0}</b> · {1} · hẹn trả {2}").format(
                received["code"],
                received["applicant_name"],
                due_text(datetime.fromisoformat(received["due_at"])),
            )
        )
        self.host.report(self.tr("Đã tiếp nhận hồ sơ {0}").format(received["code"]), True)
        self.reset()
        self.host.preview_pdf(
            pdf,
            self.tr("Giấy tiếp nhận hồ sơ {0}").format(received["code"]),
            f"receipt-{received['code']}",
        )

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self.save.setEnabled(True)
        field = getattr(error, "field", None)
        message = error_text(error)
        targets: dict[str, tuple[QWidget, QLabel | None]] = {
            "procedure": (self.procedure, self.procedure_error),
            "name": (self.name, self.name_error),
            "address": (self.address.street, self.address_error),
        }
        if field in ("id_number", "phone", "email"):
            checked = {"id_number": self.id_number, "phone": self.phone, "email": self.email}[field]
            checked.show_error(message)
            checked.edit.setFocus()
        elif field in targets:
            widget, label = targets[field]
            if label is not None:
                self._field_error(widget, label, message)
            widget.setFocus()
        self.form_error.setText(self.tr("Hồ sơ chưa được lưu: {0}").format(message))

    def reset(self) -> None:
        """A blank form for the next applicant, the procedure field focused."""
        self._hide_guidance()
        self.procedure.clear_pick()
        self.name.clear()
        for field in (self.id_number, self.phone, self.email):
            field.setText("")
        self.address.clear()
        self.individual.setChecked(True)
        self.at_counter.setChecked(True)
        self.return_address.clear()
        self._return_address_edited = False
        self.sets.setValue(1)
        self.notes.clear()
        self.form_error.setText("")
        for widget, label in ((self.procedure, self.procedure_error), (self.name, self.name_error)):
            self._clear_error(widget, label)
        self._clear_error(None, self.address_error)
        self.procedure.setFocus()

    # --- documents missing: guidance instead of a receipt -------------------------------------

    def _show_guidance(self, missing: list[dict[str, Any]]) -> None:
        lines = [f"{d['name']} ({d.get('kind', '')} × {d.get('count', 1)})" for d in missing]
        self.guidance_items.setPlainText("\n".join(lines))
        self.guidance.setVisible(True)
        # Only the guidance forms can be printed now: the receipt's buttons step aside.
        self.save.setVisible(False)
        self.new.setVisible(False)
        self.form_error.setText(
            self.tr(
                "Còn thiếu {0} giấy tờ: in phiếu hướng dẫn bổ sung hoặc từ chối tiếp nhận."
            ).format(len(missing))
        )
        self.guidance_supplement.setFocus()

    def _hide_guidance(self) -> None:
        self.guidance.setVisible(False)
        self.save.setVisible(True)
        self.new.setVisible(True)

    def give_guidance(self, kind: str) -> None:
        items = [x.strip() for x in self.guidance_items.toPlainText().splitlines() if x.strip()]
        code, name, phone = self.procedure.key, self.name.text(), self.phone.text() or None

        def work(c: Any) -> tuple[dict[str, Any], bytes]:
            from onestop.services import forms

            given = forms.guide_at_counter(c, kind, code, name, items, phone=phone)
            return given, forms.guidance_pdf(c, given["id"])

        def done(result: tuple[dict[str, Any], bytes]) -> None:
            given, pdf = result
            self.guidance_id = given["id"]
            title = (
                self.tr("Phiếu yêu cầu bổ sung")
                if kind == "supplement"
                else self.tr("Phiếu từ chối tiếp nhận")
            )
            self.host.report(
                self.tr("Đã ghi nhận hướng dẫn cho {0}").format(given["applicant_name"]), True
            )
            self.reset()
            self.host.preview_pdf(pdf, title, f"{kind}-{given['id'][:8]}")

        Op(work, ctx=self.ctx, parent=self).on_done(done).on_error(self._refused).start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.procedure.key:
            self.procedure.setFocus()


def _fold(text: str) -> str:
    from onestop.domain.text import fold

    return fold(text)
