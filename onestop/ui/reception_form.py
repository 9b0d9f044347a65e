"""The reception form's widgets and layout, built to be filled from the keyboard: the procedure and
its documents, the applicant, how the result goes back, the due date, and the guidance panel shown
instead of a receipt when documents are missing. What the form does is ReceptionPage's
(onestop.ui.reception_page); this module only builds and arranges."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from onestop.domain.identifiers import check_email, check_phone

from .common import ERROR_STYLE
from .widgets import AddressEditor, CheckedField, Picker, PlainText, describe_id, id_check


class ReceptionForm(QWidget):
    """The form's widgets, each a public attribute (tests and the page drive them by name)."""

    def _build(self) -> None:
        self._build_procedure()
        self._build_applicant()
        self._build_return()
        self._build_summary()
        self._build_guidance()
        self._arrange()
        self._tab_order()

    # --- the sections ------------------------------------------------------------------------

    def _build_procedure(self) -> None:
        """The procedure by code or folded name, and its documents as a checklist."""
        self.procedure = Picker(self)
        self.procedure.setObjectName("procedure")
        self.procedure.setPlaceholderText(
            self.tr("Gõ mã hoặc tên thủ tục (không cần dấu), Enter để chọn")
        )
        self.procedure_info = QLabel(self)
        self.procedure_info.setWordWrap(True)
        self.procedure_error = self._error_label()
        # The procedure's case (issue 14): shown only when its time or fee depends on the case.
        self.case = QComboBox(self)
        self.case.setObjectName("case")
        self.case_label = QLabel(self.tr("Trường hợp (&L)"), self)
        self.case_label.setBuddy(self.case)
        self.case_error = self._error_label()
        for widget in (self.case, self.case_label):
            widget.setVisible(False)
        self.documents = QListWidget(self)
        self.documents.setObjectName("documents")
        self.documents.setMinimumHeight(120)
        # Long document names wrap instead of running off under a scroll bar.
        self.documents.setWordWrap(True)
        self.documents.setSpacing(2)
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.all_documents = QPushButton(self.tr("Đủ giấy tờ bắt buộc (Ctrl+D)"), self)
        self.documents_state = QLabel(self)
        self.documents_state.setWordWrap(True)

    def _build_applicant(self) -> None:
        """Person or organisation, name, identifiers checked as typed, the 2025 address."""
        self.individual = QRadioButton(self.tr("Cá &nhân"), self)
        self.organisation = QRadioButton(self.tr("Tổ chức"), self)
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

    def _build_return(self) -> None:
        """At the counter or free delivery by post, the sets handed in, notes."""
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

    def _build_summary(self) -> None:
        """The due date and fee, the save and new buttons, what was received last."""
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

    def _build_guidance(self) -> None:
        """The guidance panel shown instead of a receipt when documents are missing."""
        self.guidance = QGroupBox(self.tr("Hồ sơ chưa đủ giấy tờ: không cấp giấy tiếp nhận"), self)
        self.guidance_items = PlainText(self.guidance)
        self.guidance_items.setFixedHeight(96)
        self.guidance_items.setTabChangesFocus(True)
        self.guidance_supplement = QPushButton(
            self.tr("In phiếu yêu cầu bổ s&ung (Mẫu 02)"), self.guidance
        )
        self.guidance_refusal = QPushButton(
            self.tr("In phiếu từ chối tiếp nhận (&Mẫu 03)"), self.guidance
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

    # --- arrangement -------------------------------------------------------------------------

    def _applicant_box(self) -> QGroupBox:
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
        left.addRow(self._buddy(self.tr("Số bộ hồ &sơ"), self.sets), self.sets)
        left.addRow(self._buddy(self.tr("Gh&i chú"), self.notes), self.notes)
        applicant = QGroupBox(self.tr("Người nộp hồ sơ"), self)
        applicant.setLayout(left)
        return applicant

    def _procedure_box(self) -> QGroupBox:
        proc_box = QGroupBox(self.tr("Thủ tục và giấy tờ"), self)
        pl = QVBoxLayout(proc_box)
        pl.addWidget(self._buddy(self.tr("Thủ tụ&c"), self.procedure))
        pl.addWidget(self.procedure)
        pl.addWidget(self.procedure_error)
        pl.addWidget(self.case_label)
        pl.addWidget(self.case)
        pl.addWidget(self.case_error)
        pl.addWidget(self.procedure_info)
        docs_head = QHBoxLayout()
        docs_head.addWidget(QLabel(self.tr("Giấy tờ đã nhận (Space đánh dấu):"), self), 1)
        docs_head.addWidget(self.all_documents)
        pl.addLayout(docs_head)
        pl.addWidget(self.documents, 1)
        pl.addWidget(self.documents_state)
        return proc_box

    def _arrange(self) -> None:
        """Applicant on the left, procedure and due date on the right, actions below; the whole
        in a scroll area for small screens."""
        # Built in this order: widgets join the focus chain as they are placed.
        applicant = self._applicant_box()
        proc_box = self._procedure_box()
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

    def _tab_order(self) -> None:
        # The order a clerk works in. (setTabOrder is one of the static calls that cost PySide6
        # 6.12.0 a reference to None, see common.later: once per page.)
        chain = [
            self.procedure, self.case, self.documents, self.all_documents, self.individual,
            self.name, self.id_number.edit, self.phone.edit, self.email.edit, self.address.street,
            self.address.province, self.address.ward, self.at_counter, self.by_post,
            self.return_address, self.sets, self.notes, self.save, self.new,
        ]  # fmt: skip
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- helpers -----------------------------------------------------------------------------

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
