"""One dossier on screen: its facts, status, what to hand back, its timeline, and the follow-up
actions and reprints the signed-in role may use. Embedded in the return desk; opened as its own
non-modal window from search and the daily log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .common import STATUS_COLORS, error_text, event_label, money, status_label, when
from .ops import Op
from .widgets import PlainText

if TYPE_CHECKING:
    from .main_window import MainWindow


def _payload_text(event: dict[str, Any]) -> str:
    p = event.get("payload") or {}
    parts = []
    if p.get("recipient"):
        parts.append(p["recipient"])
    if p.get("recipient_id"):
        parts.append(p["recipient_id"])
    for key in ("missing", "reasons"):
        if p.get(key):
            parts.append("; ".join(p[key]))
    if p.get("reason"):
        parts.append(p["reason"])
    if p.get("new_due_at"):
        parts.append("→ " + when(p["new_due_at"]))
    if p.get("consignment"):
        parts.append(p["consignment"])
    return " · ".join(parts)


class DossierPanel(QWidget):
    """The facts and timeline of one dossier (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: dict[str, Any] | None = None
        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hand_back = QLabel(self)
        self.hand_back.setWordWrap(True)
        self.hand_back.setTextFormat(Qt.TextFormat.RichText)
        self.hand_back.setStyleSheet(
            "background: #fff8e1; border: 1px solid #e0c060; padding: 6px; border-radius: 3px;"
        )
        self.timeline = QTreeWidget(self)
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels(
            [
                self.tr("Thời điểm"),
                self.tr("Sự kiện"),
                self.tr("Người thực hiện"),
                self.tr("Chi tiết"),
            ]
        )
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setStyleSheet("QTreeView::item { padding: 2px 4px; }")
        self.timeline_label = QLabel(self.tr("Quá trình xử lý"), self)
        self.timeline_label.setStyleSheet("font-weight: bold;")
        self.empty = QLabel(self.tr("Chưa mở hồ sơ nào."), self)
        self.empty.setStyleSheet("color: #777777;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.hand_back)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline, 1)
        self.show_detail(None)

    def show_detail(self, detail: dict[str, Any] | None) -> None:
        self.detail = detail
        has = detail is not None
        for w in (self.title, self.status, self.facts, self.hand_back, self.timeline):
            w.setVisible(has)
        self.timeline_label.setVisible(has)
        self.empty.setVisible(not has)
        if detail is None:
            self.timeline.clear()
            return
        d = detail
        self.title.setText(d["code"])
        color = STATUS_COLORS.get(d["status"], "#000000")
        text = status_label(d["status"])
        if d.get("overdue"):
            text += " · " + self.tr("QUÁ HẠN")
            color = "#b3261e"
        self.status.setText(text)
        self.status.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {color};")
        rows = [
            (self.tr("Người nộp"), d["applicant_name"]),
            (self.tr("Số giấy tờ"), d.get("id_number") or "—"),
            (self.tr("Điện thoại"), d.get("phone") or "—"),
            (self.tr("Địa chỉ"), d.get("address") or "—"),
            (self.tr("Thủ tục"), f"{d['procedure_code']} · {d['procedure_name']}"),
            (self.tr("Tiếp nhận"), f"{when(d['received_at'])} · {d.get('receiver') or ''}"),
            (
                self.tr("Hẹn trả"),
                when(d["due_at"]) + (" " + self.tr("(đã gia hạn)") if d.get("extended") else ""),
            ),
            (self.tr("Lệ phí"), money(d.get("fee"))),
        ]
        html = (
            "<table cellspacing='2'>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:10px'>{_esc(k)}</td>"
                f"<td>{_esc(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
        self.facts.setText(html)
        self.hand_back.setText(self._hand_back_html(d))
        self.timeline.clear()
        for e in d.get("events", []):
            item = QTreeWidgetItem(
                [when(e["at"]), event_label(e["type"]), e["actor"], _payload_text(e)]
            )
            self.timeline.addTopLevelItem(item)
        for col in range(3):
            self.timeline.resizeColumnToContents(col)
            self.timeline.setColumnWidth(col, self.timeline.columnWidth(col) + 16)

    def _hand_back_html(self, d: dict[str, Any]) -> str:
        status = d["status"]
        lines: list[str] = []
        if status in ("result_ready", "undeliverable"):
            lines.append(
                self.tr("<b>Trao cho người nhận:</b> kết quả giải quyết thủ tục «{0}».").format(
                    _esc(d["procedure_name"])
                )
            )
            lines.append(
                self.tr(
                    "Thu lại Giấy tiếp nhận (liên 2); kiểm tra giấy tờ tùy thân của người nhận; "
                    "người nhận thay phải có giấy ủy quyền."
                )
            )
            if d.get("return_by") == "post" and status == "result_ready":
                lines.append(
                    self.tr("<b>Lưu ý:</b> hồ sơ đăng ký trả kết quả qua bưu điện tại: {0}").format(
                        _esc(d.get("return_address") or "")
                    )
                )
        elif status == "supplement_requested":
            missing: list[str] = []
            for e in reversed(d.get("events", [])):
                if e["type"] == "supplement_requested":
                    missing = (e.get("payload") or {}).get("missing", [])
                    break
            lines.append(
                self.tr("<b>Chờ người nộp bổ sung:</b> {0}. Hạn trả tính lại khi đủ hồ sơ.").format(
                    _esc("; ".join(missing))
                )
            )
        elif status in ("received", "transferred"):
            lines.append(self.tr("<b>Chưa có kết quả.</b> Hẹn trả: {0}.").format(when(d["due_at"])))
        elif status in ("returned", "delivered"):
            who = ""
            for e in reversed(d.get("events", [])):
                if e["type"] in ("returned", "delivered"):
                    who = (e.get("payload") or {}).get("recipient", "")
                    break
            lines.append(
                self.tr("<b>Đã trả kết quả</b> lúc {0} cho {1}.").format(
                    when(d.get("finished_at")), _esc(who)
                )
            )
        elif status == "out_for_delivery":
            lines.append(self.tr("Kết quả đang được bưu điện phát đến người nhận."))
        else:
            lines.append(self.tr("Hồ sơ đã kết thúc: {0}.").format(status_label(status)))
        docs = d.get("documents") or []
        if docs:
            items = "".join(
                f"<li>{_esc(x['name'])} ({_esc(x.get('kind', ''))} × {x.get('count', 1)})</li>"
                for x in docs
            )
            lines.append(self.tr("Giấy tờ đã nhận:") + f"<ul style='margin:0'>{items}</ul>")
        return "<br>".join(lines)


def _esc(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


class DossierActions(QWidget):
    """Buttons for what the role may do with the dossier in its current status, the inline form
    of the chosen action, and reprints. Every change runs through the services on a worker."""

    changed = Signal(dict)
    form_closed = Signal()

    def __init__(self, host: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: dict[str, Any] | None = None
        self.buttons = QGridLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.form_area = QVBoxLayout()
        self.form: ActionForm | None = None
        self.button_widgets: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addLayout(self.form_area)

    # --- which actions ------------------------------------------------------------------------

    def _may(self, action: str) -> bool:
        from onestop.services.users import may

        return may(self.host.ctx.role, action)

    def set_detail(self, detail: dict[str, Any] | None) -> None:
        self.detail = detail
        self._close_form()
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.button_widgets = {}
        if detail is None:
            return
        s = detail["status"]
        types = {e["type"] for e in detail.get("events", [])}
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
        if s in ("received", "transferred") and not detail.get("extended") and self._may("extend"):
            entries.append(("extend", self.tr("&Gia hạn (xin lỗi)"), "", self.ask_extend))
        if open_ and self._may("stop"):
            entries.append(("stop", self.tr("&Dừng giải quyết"), "", self.ask_stop))
        if self._may("print"):
            entries.append(
                (
                    "print_receipt",
                    self.tr("In lại &giấy tiếp nhận"),
                    "",
                    lambda: self.reprint("receipt"),
                )
            )
            entries.append(
                (
                    "print_control",
                    self.tr("In phiếu &kiểm soát"),
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
        for i, (key, label, shortcut, slot) in enumerate(entries):
            button = QPushButton(label + (f" ({shortcut})" if shortcut else ""), self)
            if shortcut:
                button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(slot)
            self.buttons.addWidget(button, i // 3, i % 3)
            button.show()  # now, so that its shortcut works before the next event-loop turn
            self.button_widgets[key] = button

    # --- running a service ------------------------------------------------------------------

    def _run(self, fn: Callable[[Any], Any], done_text: str, form_pdf: str | None = None) -> None:
        code = self.detail["code"] if self.detail else ""
        host = self.host

        def done(detail: dict[str, Any]) -> None:
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

        Op(lambda c: fn(c), ctx=host.ctx, parent=self).on_done(done).on_error(failed).start()

    def mark_ready(self) -> None:
        from onestop.services import dossiers

        code = self.detail["code"]
        self._run(
            lambda c: dossiers.mark_result_ready(c, code),
            self.tr("Hồ sơ {0}: đã có kết quả, chờ trả"),
        )

    def ask_return(self) -> None:
        from .widgets import CheckedField, describe_id, id_check

        d = self.detail
        form = self._open_form(self.tr("Trả kết quả cho người nhận"))
        name = QLineEdit(d.get("applicant_name", ""), form)
        name.setObjectName("recipient")
        id_field = CheckedField(
            id_check(lambda: self.host.ctx.clock().date()), describe_id, parent=form
        )
        id_field.setObjectName("recipient_id")
        id_field.setText(d.get("id_number") or "")
        form.form.addRow(self.tr("Họ tên người &nhận"), name)
        form.form.addRow(self.tr("Số &giấy tờ người nhận"), id_field)
        form.recipient, form.recipient_id = name, id_field

        def confirm() -> None:
            from onestop.services import dossiers

            if not id_field.is_valid():
                form.show_error(id_field.result().reason)
                id_field.setFocus()
                return
            who, number, code = name.text(), id_field.text(), d["code"]
            self._run(
                lambda c: dossiers.return_result(c, code, who, id_number=number or None),
                self.tr("Hồ sơ {0}: đã trả kết quả"),
            )

        form.confirmed.connect(confirm)
        name.selectAll()
        self._present(form, name)

    def ask_supplement(self) -> None:
        form = self._open_form(self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"))
        text = PlainText(form)
        text.setTabChangesFocus(True)
        text.setPlaceholderText(self.tr("Mỗi dòng một giấy tờ cần bổ sung"))
        form.form.addRow(self.tr("Giấy tờ cần &bổ sung"), text)
        form.text = text

        def confirm() -> None:
            from onestop.services import forms

            items = [x.strip() for x in text.toPlainText().splitlines() if x.strip()]
            code = self.detail["code"]
            self._run(
                lambda c: forms.request_supplement(c, code, items),
                self.tr("Hồ sơ {0}: đã yêu cầu bổ sung"),
                "supplement",
            )

        form.confirmed.connect(confirm)
        self._present(form, text)

    def complete_supplement(self) -> None:
        from onestop.services import forms

        code = self.detail["code"]
        self._run(
            lambda c: forms.complete_supplement(c, code),
            self.tr("Hồ sơ {0}: đã bổ sung đủ, tính lại hạn trả"),
        )

    def ask_refuse(self) -> None:
        form = self._open_form(self.tr("Từ chối giải quyết hồ sơ (Mẫu 03)"))
        text = PlainText(form)
        text.setTabChangesFocus(True)
        text.setPlaceholderText(self.tr("Mỗi dòng một lý do"))
        form.form.addRow(self.tr("&Lý do từ chối"), text)
        form.text = text

        def confirm() -> None:
            from onestop.services import forms

            items = [x.strip() for x in text.toPlainText().splitlines() if x.strip()]
            code = self.detail["code"]
            self._run(
                lambda c: forms.refuse(c, code, items), self.tr("Hồ sơ {0}: đã từ chối"), "refusal"
            )

        form.confirmed.connect(confirm)
        self._present(form, text)

    def ask_extend(self) -> None:
        from onestop.domain.clock import VN_TZ

        d = self.detail
        form = self._open_form(self.tr("Xin lỗi và hẹn lại ngày trả (Mẫu 04), chỉ một lần"))
        due = datetime.fromisoformat(d["due_at"])
        day = QDateEdit(form)
        day.setCalendarPopup(True)
        day.setDisplayFormat("dd/MM/yyyy")
        day.setDate(QDate(due.year, due.month, due.day).addDays(5))
        reason = QLineEdit(form)
        form.form.addRow(self.tr("Ngày hẹn &mới"), day)
        form.form.addRow(self.tr("&Lý do"), reason)
        form.day, form.reason = day, reason

        def confirm() -> None:
            from onestop.services import forms

            q = day.date()
            hours = self.host.ctx.settings.hours
            try:
                end = hours.sessions_on(q.dayOfWeek() - 1)[-1].end
            except (IndexError, AttributeError):
                end = time(17, 0)
            new_due = datetime(q.year(), q.month(), q.day(), end.hour, end.minute, tzinfo=VN_TZ)
            why, code = reason.text(), d["code"]
            self._run(
                lambda c: forms.extend(c, code, new_due, why),
                self.tr("Hồ sơ {0}: đã hẹn lại ngày trả"),
                "apology",
            )

        form.confirmed.connect(confirm)
        self._present(form, day)

    def ask_stop(self) -> None:
        form = self._open_form(self.tr("Dừng giải quyết hồ sơ (Mẫu 05)"))
        reason = QLineEdit(form)
        form.form.addRow(self.tr("&Lý do dừng"), reason)
        form.reason = reason

        def confirm() -> None:
            from onestop.services import forms

            why, code = reason.text(), self.detail["code"]
            self._run(
                lambda c: forms.stop(c, code, why), self.tr("Hồ sơ {0}: đã dừng giải quyết"), "stop"
            )

        form.confirmed.connect(confirm)
        self._present(form, reason)

    def reprint(self, form: str) -> None:
        from onestop.services import forms

        code = self.detail["code"] if self.detail else ""
        makers = {
            "receipt": (lambda c: forms.receipt_pdf(c, code), self.tr("Giấy tiếp nhận hồ sơ")),
            "control": (lambda c: forms.control_pdf(c, code), self.tr("Phiếu kiểm soát quá trình")),
            "supplement": (
                lambda c: forms.supplement_pdf(c, code),
                self.tr("Phiếu yêu cầu bổ sung"),
            ),
            "refusal": (lambda c: forms.refusal_pdf(c, code), self.tr("Phiếu từ chối")),
            "apology": (lambda c: forms.apology_pdf(c, code), self.tr("Văn bản xin lỗi, hẹn lại")),
            "stop": (lambda c: forms.stop_pdf(c, code), self.tr("Thông báo dừng giải quyết")),
        }
        make, title = makers[form]
        host = self.host
        Op(make, ctx=host.ctx, parent=host).on_done(
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


class DossierWindow(QDialog):
    """A dossier in its own window (non-modal): panel, actions, Esc closes."""

    def __init__(self, host: MainWindow, code: str) -> None:
        super().__init__(host)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.host = host
        self.code = code
        self.setWindowTitle(self.tr("Hồ sơ {0}").format(code))
        self.panel = DossierPanel(self)
        self.actions = DossierActions(host, self)
        self.actions.changed.connect(self.show_detail)
        self.loading = QLabel(self.tr("Đang mở hồ sơ…"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.loading)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.actions)
        geometry = host.settings.value("dossier/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(820, 640)
        self.reload()

    def reload(self) -> None:
        from onestop.services import dossiers

        code = self.code
        Op(lambda c: dossiers.show(c, code), ctx=self.host.ctx, parent=self).on_done(
            self.show_detail
        ).on_error(lambda e: self.loading.setText(error_text(e))).start()

    def show_detail(self, detail: dict[str, Any]) -> None:
        self.loading.hide()
        self.panel.show_detail(detail)
        self.actions.set_detail(detail)

    def done(self, result: int) -> None:
        self.host.settings.setValue("dossier/geometry", self.saveGeometry())
        super().done(result)
