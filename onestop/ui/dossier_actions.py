"""What can be done with the dossier on screen: the buttons the signed-in role may use in its
current status, the inline form of the chosen follow-up action, and reprints of its forms.
Every change runs as a write op of the operations layer (onestop.ui.operations), which tells
every other open page and dossier window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .common import error_text
from .operations import dossiers as dossier_ops
from .operations import forms as form_ops
from .operations.dossiers import DossierDetail
from .widgets import CheckedField, PlainText, describe_id, id_check

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .ops import Op


class ActionForm(QGroupBox):
    """An inline form for one follow-up action: fields, Confirm (Ctrl+Enter), Cancel (Esc)."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.ok = QPushButton(self.tr("Xác nhận (Ctrl+Enter)"), self)
        self.cancel = QPushButton(self.tr("Hủy (Esc)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        self.error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        self.ok.clicked.connect(self.confirmed)
        self.cancel.clicked.connect(self.cancelled)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(
                QKeySequence(seq),
                self,
                activated=self.confirmed.emit,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        QShortcut(
            QKeySequence("Escape"),
            self,
            activated=self.cancelled.emit,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))


def _lines(text: PlainText) -> list[str]:
    return [x.strip() for x in text.toPlainText().splitlines() if x.strip()]


class DossierActions(QWidget):
    """Buttons for what the role may do with the dossier in its current status, the inline form
    of the chosen action, and reprints. Every change runs through the services on a worker."""

    changed = Signal(object)  # the DossierDetail after one of its own actions
    form_closed = Signal()

    def __init__(self, host: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: DossierDetail | None = None
        self.buttons = QGridLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.form_area = QVBoxLayout()
        self.form: ActionForm | None = None
        self.button_widgets: dict[str, QPushButton] = {}
        # A newer state arrived while a form was open: the buttons follow once it closes.
        self._stale = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addLayout(self.form_area)

    # --- which actions ------------------------------------------------------------------------

    def _may(self, action: str) -> bool:
        return dossier_ops.may(self.host.ctx, action)

    def refresh(self, detail: DossierDetail) -> None:
        """The dossier as it now stands after someone else's change: the buttons follow at
        once, or when the form the person is filling in closes (never lost under their hands)."""
        if self.form is None:
            self.set_detail(detail)
        else:
            self.detail = detail
            self._stale = True

    def set_detail(self, detail: DossierDetail | None) -> None:
        self.detail = detail
        self._stale = False
        self._close_form()
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.button_widgets = {}
        if detail is None:
            return
        for i, (key, label, shortcut, slot) in enumerate(self._entries(detail)):
            button = QPushButton(label + (f" ({shortcut})" if shortcut else ""), self)
            if shortcut:
                button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(slot)
            self.buttons.addWidget(button, i // 3, i % 3)
            button.show()  # now, so that its shortcut works before the next event-loop turn
            self.button_widgets[key] = button

    def _entries(self, detail: DossierDetail) -> list[tuple[str, str, str, Callable[[], None]]]:
        """(key, label, shortcut, slot) of every action the role may take now."""
        s = detail.status
        types = {e.type for e in detail.events}
        open_ = s in ("received", "transferred", "supplement_requested")
        entries: list[tuple[str, str, str, Callable[[], None]]] = []
        if s in ("received", "transferred") and self._may("result_ready"):
            entries.append(("result_ready", self.tr("Đã có &kết quả"), "Ctrl+K", self.mark_ready))
        if s in ("result_ready", "undeliverable") and self._may("return"):
            entries.append(("return", self.tr("&Trả kết quả"), "Ctrl+T", self.ask_return))
        if s in ("received", "transferred") and self._may("supplement"):
            entries.append(("supplement", self.tr("Yêu cầu &bổ sung"), "", self.ask_supplement))
        if s == "supplement_requested" and self._may("supplement"):
            entries.append(("complete", self.tr("Đã bổ sung đủ"), "", self.complete_supplement))
        if open_ and self._may("refuse"):
            entries.append(("refuse", self.tr("Từ &chối giải quyết"), "", self.ask_refuse))
        if s in ("received", "transferred") and not detail.extended and self._may("extend"):
            entries.append(("extend", self.tr("&Gia hạn (xin lỗi)"), "", self.ask_extend))
        if open_ and self._may("stop"):
            entries.append(("stop", self.tr("&Dừng giải quyết"), "", self.ask_stop))
        if self._may("print"):
            entries.append(
                (
                    "print_receipt",
                    self.tr("&In lại giấy tiếp nhận"),
                    "",
                    lambda: self.reprint("receipt"),
                )
            )
            entries.append(
                (
                    "print_control",
                    self.tr("In phiếu kiểm &soát"),
                    "",
                    lambda: self.reprint("control"),
                )
            )
            for event_type, form, label in (
                ("supplement_requested", "supplement", self.tr("In phiếu bổ sung")),
                ("refused", "refusal", self.tr("In phiếu từ chối")),
                ("extended", "apology", self.tr("In văn bản xin lỗi")),
                ("stopped", "stop", self.tr("In thông báo dừng")),
            ):
                if event_type in types:
                    entries.append(("print_" + form, label, "", lambda f=form: self.reprint(f)))
        return entries

    # --- running an operation ---------------------------------------------------------------

    @property
    def code(self) -> str:
        return self.detail.code if self.detail else ""

    def _run(self, op: Op[DossierDetail], done_text: str, form_pdf: str | None = None) -> None:
        code = self.code
        host = self.host

        def done(detail: DossierDetail) -> None:
            self._close_form()
            self.changed.emit(detail)
            host.report(done_text.format(code), True)
            if form_pdf:
                self.reprint(form_pdf)

        def failed(error: BaseException) -> None:
            if self.form is not None:
                self.form.show_error(error_text(error))
            else:
                host.report(error_text(error), False)

        op.on_done(done).on_error(failed).start()

    def mark_ready(self) -> None:
        self._run(
            dossier_ops.mark_result_ready(self, self.host.ctx, self.code),
            self.tr("Hồ sơ {0}: đã có kết quả, chờ trả"),
        )

    def ask_return(self) -> None:
        d = self.detail
        assert d is not None
        form = self._open_form(self.tr("Trả kết quả cho người nhận"))
        name = QLineEdit(d.applicant_name, form)
        name.setObjectName("recipient")
        id_field = CheckedField(
            id_check(lambda: self.host.ctx.clock().date()), describe_id, parent=form
        )
        id_field.setObjectName("recipient_id")
        id_field.setText(d.id_number or "")
        form.form.addRow(self.tr("Họ tên người &nhận"), name)
        form.form.addRow(self.tr("Số &giấy tờ người nhận"), id_field)
        authorised = QCheckBox(
            self.tr("Người nhận được người nộp ủy &quyền (đã xem giấy ủy quyền)"), form
        )
        authorised.setObjectName("authorised")
        form.form.addRow("", authorised)
        form.recipient, form.recipient_id = name, id_field  # type: ignore[attr-defined]
        form.authorised = authorised  # type: ignore[attr-defined]

        def confirm() -> None:
            if not id_field.text().strip():
                form.show_error(self.tr("Chưa nhập số giấy tờ của người nhận kết quả"))
                id_field.setFocus()
                return
            if not id_field.is_valid():
                form.show_error(id_field.result().reason)
                id_field.setFocus()
                return
            self._run(
                dossier_ops.return_result(
                    self,
                    self.host.ctx,
                    d.code,
                    name.text(),
                    id_field.text() or None,
                    authorised.isChecked(),
                ),
                self.tr("Hồ sơ {0}: đã trả kết quả"),
            )

        form.confirmed.connect(confirm)
        name.selectAll()
        self._present(form, name)

    def _ask_lines(self, title: str, label: str, placeholder: str) -> tuple[ActionForm, PlainText]:
        form = self._open_form(title)
        text = PlainText(form)
        text.setTabChangesFocus(True)
        text.setPlaceholderText(placeholder)
        form.form.addRow(label, text)
        form.text = text  # type: ignore[attr-defined]
        return form, text

    def ask_supplement(self) -> None:
        form, text = self._ask_lines(
            self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"),
            self.tr("Giấy tờ cần bổ s&ung"),
            self.tr("Mỗi dòng một giấy tờ cần bổ sung"),
        )
        reason = QLineEdit(form)
        reason.setObjectName("supplement_reason")
        form.form.addRow(self.tr("&Lý do"), reason)
        form.reason = reason  # type: ignore[attr-defined]

        def confirm() -> None:
            self._run(
                form_ops.request_supplement(
                    self, self.host.ctx, self.code, _lines(text), reason.text()
                ),
                self.tr("Hồ sơ {0}: đã yêu cầu bổ sung"),
                "supplement",
            )

        form.confirmed.connect(confirm)
        self._present(form, text)

    def complete_supplement(self) -> None:
        self._run(
            form_ops.complete_supplement(self, self.host.ctx, self.code),
            self.tr("Hồ sơ {0}: đã bổ sung đủ, tính lại hạn trả"),
        )

    def ask_refuse(self) -> None:
        form, text = self._ask_lines(
            self.tr("Từ chối giải quyết hồ sơ (Mẫu 03)"),
            self.tr("&Lý do từ chối"),
            self.tr("Mỗi dòng một lý do"),
        )

        def confirm() -> None:
            self._run(
                form_ops.refuse(self, self.host.ctx, self.code, _lines(text)),
                self.tr("Hồ sơ {0}: đã từ chối"),
                "refusal",
            )

        form.confirmed.connect(confirm)
        self._present(form, text)

    def ask_extend(self) -> None:
        d = self.detail
        assert d is not None
        form = self._open_form(self.tr("Xin lỗi và hẹn lại ngày trả (Mẫu 04), chỉ một lần"))
        due = d.due_at
        day = QDateEdit(form)
        day.setCalendarPopup(True)
        day.setDisplayFormat("dd/MM/yyyy")
        day.setDate(QDate(due.year, due.month, due.day).addDays(5))
        reason = QLineEdit(form)
        form.form.addRow(self.tr("Ngày hẹn &mới"), day)
        form.form.addRow(self.tr("&Lý do"), reason)
        # The law wants the apology a working day before the due date; later, it is recorded
        # only as the apology of a dossier already late (and counted late).
        late = QCheckBox(self.tr("Hồ sơ đã &trễ hạn (xin lỗi muộn, vẫn tính là trễ hạn)"), form)
        late.setObjectName("late")
        late.setChecked(form_ops.extension_too_late(self.host.ctx, due))
        form.form.addRow("", late)
        form.day, form.reason, form.late = day, reason, late  # type: ignore[attr-defined]

        def confirm() -> None:
            q = day.date()
            self._run(
                form_ops.extend(
                    self,
                    self.host.ctx,
                    d.code,
                    date(q.year(), q.month(), q.day()),
                    reason.text(),
                    late.isChecked(),
                ),
                self.tr("Hồ sơ {0}: đã hẹn lại ngày trả"),
                "apology",
            )

        form.confirmed.connect(confirm)
        self._present(form, day)

    def ask_stop(self) -> None:
        form = self._open_form(self.tr("Dừng giải quyết hồ sơ (Mẫu 05)"))
        reason = QLineEdit(form)
        form.form.addRow(self.tr("&Lý do dừng"), reason)
        form.reason = reason  # type: ignore[attr-defined]

        def confirm() -> None:
            self._run(
                form_ops.stop(self, self.host.ctx, self.code, reason.text()),
                self.tr("Hồ sơ {0}: đã dừng giải quyết"),
                "stop",
            )

        form.confirmed.connect(confirm)
        self._present(form, reason)

    def reprint(self, form: str) -> None:
        code = self.code
        titles = {
            "receipt": self.tr("Giấy tiếp nhận hồ sơ"),
            "control": self.tr("Phiếu kiểm soát quá trình"),
            "supplement": self.tr("Phiếu yêu cầu bổ sung"),
            "refusal": self.tr("Phiếu từ chối"),
            "apology": self.tr("Văn bản xin lỗi, hẹn lại"),
            "stop": self.tr("Thông báo dừng giải quyết"),
        }
        title = titles[form]
        host = self.host
        form_ops.print_form(host, host.ctx, form, code).on_done(
            lambda pdf: host.preview_pdf(pdf, f"{title} · {code}", f"{form}-{code}")
        ).on_error(lambda e: host.report(error_text(e), False)).start()

    # --- the inline form ---------------------------------------------------------------------

    def _open_form(self, title: str) -> ActionForm:
        self._close_form()
        form = ActionForm(title, self)
        form.cancelled.connect(self._close_form)
        self.form_area.addWidget(form)
        self.form = form
        return form

    def _present(self, form: ActionForm, focus: QWidget) -> None:
        # Shown now with its rows, not on the next turn of the event loop: focus and the form's
        # shortcuts work at once (a scanner or a fast typist does not wait).
        form.show()
        focus.setFocus()

    def _close_form(self) -> None:
        if self.form is not None:
            self.form.hide()
            self.form.deleteLater()
            self.form = None
            self.form_closed.emit()
            if self._stale:
                self.set_detail(self.detail)
