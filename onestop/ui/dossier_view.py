"""One dossier on screen: its facts, status, what to hand back and its timeline (DossierPanel),
with the follow-up actions and reprints the signed-in role may use (onestop.ui.dossier_actions).
Embedded in the return desk; opened as its own non-modal window from search and the daily log,
where it follows every change to its dossier, whoever makes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .common import STATUS_COLORS, error_text, event_label, money, status_label, when
from .dossier_actions import DossierActions
from .operations import Changes, listen
from .operations import dossiers as dossier_ops
from .operations.dossiers import DossierDetail, EventView

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .ops import Op


def _payload_text(event: EventView) -> str:
    p = event.payload or {}
    parts = []
    if p.get("recipient"):
        parts.append(p["recipient"])
    if p.get("recipient_id"):
        parts.append(p["recipient_id"])
    if p.get("authorised"):
        parts.append(QCoreApplication.translate("DossierPanel", "được ủy quyền"))
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


def _esc(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DossierPanel(QWidget):
    """The facts and timeline of one dossier (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: DossierDetail | None = None
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

    def show_detail(self, detail: DossierDetail | None) -> None:
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
        self.title.setText(d.code)
        color = STATUS_COLORS.get(d.status, "#000000")
        text = status_label(d.status)
        if d.overdue:
            text += " · " + self.tr("QUÁ HẠN")
            color = "#b3261e"
        self.status.setText(text)
        self.status.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {color};")
        rows = [
            (self.tr("Người nộp"), d.applicant_name),
            (self.tr("Số giấy tờ"), d.id_number or "—"),
            (self.tr("Điện thoại"), d.phone or "—"),
            (self.tr("Địa chỉ"), d.address or "—"),
            (self.tr("Thủ tục"), f"{d.procedure_code} · {d.procedure_name}"),
            (self.tr("Tiếp nhận"), f"{when(d.received_at)} · {d.receiver or ''}"),
            (
                self.tr("Hẹn trả"),
                when(d.due_at) + (" " + self.tr("(đã gia hạn)") if d.extended else ""),
            ),
            (self.tr("Lệ phí"), money(d.fee)),
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
        for e in d.events:
            item = QTreeWidgetItem([when(e.at), event_label(e.type), e.actor, _payload_text(e)])
            self.timeline.addTopLevelItem(item)
        for col in range(3):
            self.timeline.resizeColumnToContents(col)
            self.timeline.setColumnWidth(col, self.timeline.columnWidth(col) + 16)

    def _hand_back_html(self, d: DossierDetail) -> str:
        status = d.status
        lines: list[str] = []
        if status in ("result_ready", "undeliverable"):
            lines.append(
                self.tr("<b>Trao cho người nhận:</b> kết quả giải quyết thủ tục «{0}».").format(
                    _esc(d.procedure_name)
                )
            )
            lines.append(
                self.tr(
                    "Thu lại Giấy tiếp nhận (liên 2); kiểm tra giấy tờ tùy thân của người nhận; "
                    "người nhận thay phải có giấy ủy quyền."
                )
            )
            if d.return_by == "post" and status == "result_ready":
                lines.append(
                    self.tr("<b>Lưu ý:</b> hồ sơ đăng ký trả kết quả qua bưu điện tại: {0}").format(
                        _esc(d.return_address or "")
                    )
                )
        elif status == "supplement_requested":
            asked = d.last_event("supplement_requested")
            missing = (asked.payload or {}).get("missing", []) if asked else []
            lines.append(
                self.tr("<b>Chờ người nộp bổ sung:</b> {0}. Hạn trả tính lại khi đủ hồ sơ.").format(
                    _esc("; ".join(missing))
                )
            )
        elif status in ("received", "transferred"):
            lines.append(self.tr("<b>Chưa có kết quả.</b> Hẹn trả: {0}.").format(when(d.due_at)))
        elif status in ("returned", "delivered"):
            handed = d.last_event("returned", "delivered")
            who = (handed.payload or {}).get("recipient", "") if handed else ""
            lines.append(
                self.tr("<b>Đã trả kết quả</b> lúc {0} cho {1}.").format(
                    when(d.finished_at), _esc(who)
                )
            )
        elif status == "out_for_delivery":
            lines.append(self.tr("Kết quả đang được bưu điện phát đến người nhận."))
        else:
            lines.append(self.tr("Hồ sơ đã kết thúc: {0}.").format(status_label(status)))
        if d.documents:
            items = "".join(
                f"<li>{_esc(x.name)} ({_esc(x.kind)} × {x.count})</li>" for x in d.documents
            )
            lines.append(self.tr("Giấy tờ đã nhận:") + f"<ul style='margin:0'>{items}</ul>")
        return "<br>".join(lines)


class DossierWindow(QDialog):
    """A dossier in its own window (non-modal): panel, actions, Esc closes. It follows every
    change to dossiers (a return at the desk, a sync): its dossier is read again off the GUI
    thread and shown as it now stands."""

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
        self._reading: Op[DossierDetail] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.loading)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.actions)
        geometry = host.settings.value("dossier/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(820, 640)
        listen(self, self._changed, "dossiers")
        self.reload()

    def reload(self) -> None:
        if self._reading is not None:
            self._reading.cancel()
        op = dossier_ops.show(self, self.host.ctx, self.code)
        op.on_done(self._read).on_error(lambda e: self.loading.setText(error_text(e)))
        self._reading = op.start()

    def _read(self, detail: DossierDetail) -> None:
        self._reading = None
        if self.panel.detail is None:
            self.show_detail(detail)
        else:
            self.loading.hide()
            self.panel.show_detail(detail)
            self.actions.refresh(detail)

    def _changed(self, changes: Changes) -> None:
        # Its own actions already show what they did.
        if changes.source is not self.actions:
            self.reload()

    def show_detail(self, detail: DossierDetail) -> None:
        self.loading.hide()
        self.panel.show_detail(detail)
        self.actions.set_detail(detail)

    def done(self, result: int) -> None:
        self.host.settings.setValue("dossier/geometry", self.saveGeometry())
        super().done(result)
