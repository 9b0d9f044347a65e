"""Reception: the counter clerk's form for a new dossier, built to be filled from the keyboard.

Procedure by code or folded name, its required documents as a checklist, the applicant with
identifiers checked as typed, the 2025 address pickers, return at the counter or free delivery
by post, the due date recomputed live. Ctrl+Enter saves and opens the receipt for printing;
missing documents turn the save into the supplement (02) or refusal (03) guidance forms. The
widgets are built by onestop.ui.reception_form; this module is what they do.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from onestop.domain import address_resolver
from onestop.domain.text import capitalize_name, fold, nfc

from .common import error_text, localized, money
from .operations import office as office_ops
from .operations import reception as reception_ops
from .operations.office import ProcedureRow
from .operations.reception import GuidanceGiven, Received, ReceiveRequest
from .rating_dialog import offer as offer_rating
from .reception_cases import chosen_case, document_item, fill_cases, is_required, timing
from .reception_desk import ReceptionDesk
from .reception_form import ReceptionForm
from .widgets import Choice

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


def processing_text(days: int | None, hours: float | None, days_kind: str = "working") -> str:
    # One is its own text: English says "1 working hour", "2 working hours".
    if hours == 1:
        return QCoreApplication.translate("ReceptionPage", "1 giờ làm việc")
    if hours is not None:
        return QCoreApplication.translate("ReceptionPage", "{0} giờ làm việc").format(f"{hours:g}")
    if not days:
        return QCoreApplication.translate("ReceptionPage", "Trong ngày")
    if days_kind == "calendar":  # "không quá N ngày": calendar days (issue 14)
        if days == 1:
            return QCoreApplication.translate("ReceptionPage", "1 ngày")
        return QCoreApplication.translate("ReceptionPage", "{0} ngày").format(days)
    if days == 1:
        return QCoreApplication.translate("ReceptionPage", "1 ngày làm việc")
    return QCoreApplication.translate("ReceptionPage", "{0} ngày làm việc").format(days)


class ReceptionPage(ReceptionDesk, ReceptionForm):
    def __init__(self, host: MainWindow) -> None:
        super().__init__(host)
        self.host = host
        self.ctx = host.ctx
        self.procedures: dict[str, ProcedureRow] = {}
        self.saving = False
        self.last_code: str | None = None
        self.guidance_id: str | None = None
        self._build()
        self._connect()
        self._connect_desk()
        self.update_due()
        self._load_catalog()
        # Time passes while the applicant is at the counter (past the 15:00 cut-off day 0 moves).
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(30_000)
        self.due_timer.timeout.connect(self.update_due)
        self.due_timer.start()

    # --- signals -----------------------------------------------------------------------------

    def _connect(self) -> None:
        self.procedure.picked.connect(self._procedure_picked)
        self.case.currentIndexChanged.connect(lambda _i: self._case_changed())
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

    # --- catalogue and procedure ------------------------------------------------------------

    def _load_catalog(self) -> None:
        office_ops.procedures(self, self.ctx).on_done(self._catalog_loaded).on_error(
            lambda e: self.host.report(error_text(e), False)
        ).start()

    def _catalog_loaded(self, procs: list[ProcedureRow]) -> None:
        self.procedures = {p.code: p for p in procs}
        self._load_use()
        self.procedure.set_choices(
            [Choice(p.code, f"{p.code} · {p.name}", fold(f"{p.code} {p.name}")) for p in procs]
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
                    proc.field,
                    processing_text(proc.processing_days, proc.processing_hours),
                    money(proc.fee),
                    "" if proc.postal else " · " + self.tr("không nhận/trả qua bưu điện"),
                )
            )
            for doc in proc.documents:
                self.documents.addItem(document_item(doc))
            if self.documents.count():
                self.documents.setCurrentRow(0)
            self.by_post.setEnabled(bool(proc.postal))
            if not proc.postal:
                self.at_counter.setChecked(True)
        self.documents.blockSignals(False)
        self._show_cases(proc)
        self._documents_changed()
        self.update_due()

    def _show_cases(self, proc: ProcedureRow | None) -> None:
        """The case combo, for a procedure with cases only; the clerk answers it next."""
        has_cases = fill_cases(self.case, proc)
        self.case.setVisible(has_cases)
        self.case_label.setVisible(has_cases)
        self._clear_error(self.case, self.case_error)
        if has_cases:
            self.case.setFocus()

    def _case_changed(self) -> None:
        self._clear_error(self.case, self.case_error)
        self.update_due()

    def tick_all(self) -> None:
        """Ctrl+D: every required document handed in; conditional ones stay as they are."""
        for i in range(self.documents.count()):
            item = self.documents.item(i)
            if is_required(item.data(Qt.ItemDataRole.UserRole)):
                item.setCheckState(Qt.CheckState.Checked)

    def missing(self) -> list[dict[str, Any]]:
        """The required documents not ticked (a conditional one unticked is not missing)."""
        return [
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() != Qt.CheckState.Checked
            and is_required(self.documents.item(i).data(Qt.ItemDataRole.UserRole))
        ]

    def received_documents(self) -> list[dict[str, Any]]:
        return [
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _documents_changed(self) -> None:
        total = sum(
            is_required(self.documents.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.documents.count())
        )
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
        # The chosen case's time and fee (the procedure's until one is chosen).
        now = timing(proc, chosen_case(self.case))
        due = self.ctx.calendar.due(
            self.ctx.clock(),
            days=now.processing_days,
            hours=now.processing_hours,
            calendar_days=now.days_kind == "calendar",
        )
        text = self.tr("Hẹn trả: {0}").format(due_text(due.due_at))
        if due.estimated:  # a holiday of a year not announced yet lies on the way
            text += " " + self.tr("(dự kiến: lịch nghỉ lễ chưa công bố)")
        self.due.setText(text)
        self.fee.setText(
            self.tr("Thời hạn giải quyết: {0} · Lệ phí: {1}").format(
                processing_text(now.processing_days, now.processing_hours, now.days_kind),
                money(now.fee),
            )
        )

    # --- applicant ---------------------------------------------------------------------------

    def _tidy_name(self) -> None:
        """Show the name as it will be stored: NFC, capitalised like a Vietnamese name."""
        if self.individual.isChecked() and self.name.text().strip():
            tidy = capitalize_name(nfc(self.name.text()))
            if tidy != self.name.text():
                self.name.setText(tidy)

    def _kind_changed(self, organisation: bool) -> None:
        self.name_label.setText(self.tr("&Tên tổ chức") if organisation else self.tr("Họ và &tên"))

    def _return_changed(self, by_post: bool) -> None:
        self.return_address.setEnabled(by_post)
        if by_post and not self._return_address_edited:
            self.return_address.setText(self.address.text())

    def _address_changed(self) -> None:
        self._clear_error(None, self.address_error)
        if self.by_post.isChecked() and not self._return_address_edited:
            self.return_address.setText(self.address.text())

    def _return_edited(self, text: str) -> None:
        self._return_address_edited = True
        # Checked as typed (the index is built once, a check takes well under a millisecond):
        # the post needs the 2025 commune, and the nearest units help rewrite an old address.
        found = address_resolver.resolve(text)
        if not text.strip() or found.resolved:
            self._clear_error(self.return_address, self.address_error)
        else:
            self._field_error(self.return_address, self.address_error, localized(found.message()))

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
        elif self.case.count() and chosen_case(self.case) is None:
            self._field_error(
                self.case, self.case_error, self.tr("Chưa chọn trường hợp của thủ tục")
            )
            first = first or self.case
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

    def return_unit_codes(self) -> tuple[str | None, str | None]:
        """The province and commune codes the address pickers hold, when the result goes by post
        to the applicant's address; (None, None) when a return address was typed instead (the
        service then resolves that text)."""
        if not self.by_post.isChecked() or self._return_address_edited:
            return None, None
        return self.address.province.key or None, self.address.ward.key or None

    def request(self) -> ReceiveRequest:
        province_code, commune_code = self.return_unit_codes()
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
            return_province_code=province_code,
            return_commune_code=commune_code,
            applicant_kind="organisation" if self.organisation.isChecked() else "individual",
            documents=self.received_documents(),
            sets=self.sets.value(),
            notes=self.notes.toPlainText() or None,
            case=chosen_case(self.case),
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
        if not self._warned:
            self._ask_warnings(req)
            return
        self._warned = False
        self.saving = True
        self.save.setEnabled(False)
        self.form_error.setText(self.tr("Đang lưu…"))
        reception_ops.receive(self, self.ctx, req).on_done(self._saved).on_error(
            self._refused
        ).start()

    def _saved(self, result: tuple[Received, bytes]) -> None:
        received, pdf = result
        self.saving = False
        self.save.setEnabled(True)
        self.last_code = received.code
        self.last.setText(
            self.tr("Vừa tiếp nhận: <b>{0}</b> · {1} · hẹn trả {2}").format(
                received.code, received.applicant_name, due_text(received.due_at)
            )
        )
        self.host.report(self.tr("Đã tiếp nhận hồ sơ {0}").format(received.code), True)
        self.reset()
        self._load_use()
        self.host.preview_pdf(
            pdf,
            self.tr("Giấy tiếp nhận hồ sơ {0}").format(received.code),
            f"receipt-{received.code}",
        )
        offer_rating(self.host, received.code)  # over the preview; Esc skips

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self.save.setEnabled(True)
        field = getattr(error, "field", None)
        message = error_text(error)
        targets: dict[str, tuple[QWidget, QLabel | None]] = {
            "procedure": (self.procedure, self.procedure_error),
            "case": (self.case, self.case_error),
            "name": (self.name, self.name_error),
            "address": (self.address.street, self.address_error),
            "return_address": (self.return_address, self.address_error),
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
        self.return_address.setStyleSheet("")
        self.sets.setValue(1)
        self.notes.clear()
        self.form_error.setText("")
        for widget, label in ((self.procedure, self.procedure_error), (self.name, self.name_error)):
            self._clear_error(widget, label)
        self._clear_error(None, self.address_error)
        self.restore_province()
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

        def done(result: tuple[GuidanceGiven, bytes]) -> None:
            given, pdf = result
            self.guidance_id = given.id
            title = (
                self.tr("Phiếu yêu cầu bổ sung")
                if kind == "supplement"
                else self.tr("Phiếu từ chối tiếp nhận")
            )
            self.host.report(
                self.tr("Đã ghi nhận hướng dẫn cho {0}").format(given.applicant_name), True
            )
            self.reset()
            self.host.preview_pdf(pdf, title, f"{kind}-{given.id[:8]}")

        op = reception_ops.guide(self, self.ctx, kind, code, name, items, phone)
        op.on_done(done).on_error(self._refused).start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.procedure.key:
            self.procedure.setFocus()
