"""The outcome of a delivery on the postal page: delivered to a named recipient with an ID, or
failed with a reason and who caused it (the re-attempt day, or the return to the counter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QPushButton, QWidget

from onestop.ui.common import day_text, error_text, status_label
from onestop.ui.operations import postal as postal_ops

if TYPE_CHECKING:
    from onestop.services.context import Context


class OutcomeBox(QGroupBox):
    """``say(text, ok)`` reports to the clerk; ``recorded()`` is called after an outcome was
    recorded (the page refreshes its lists)."""

    def __init__(
        self,
        ctx: Context,
        say: Callable[[str, bool], None],
        recorded: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Kết quả phát"))
        self.ctx = ctx
        self.say = say
        self._recorded_hook = recorded
        self.outcome_code = QLineEdit(self)
        self.outcome_code.setObjectName("outcome_code")
        self.outcome_code.setPlaceholderText(self.tr("Mã hồ sơ"))
        self.outcome = QComboBox(self)
        self.outcome.addItem(self.tr("Đã phát cho người nhận"), "delivered")
        self.outcome.addItem(self.tr("Phát không thành công"), "failed")
        self.recipient = QLineEdit(self)
        self.recipient_id = QLineEdit(self)
        self.recipient_id.setPlaceholderText(self.tr("CCCD / CMND / hộ chiếu"))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Ví dụ: không có người nhận"))
        self.caused_by = QComboBox(self)
        self.caused_by.addItem(self.tr("Công dân (vắng nhà, sai địa chỉ)"), "citizen")
        self.caused_by.addItem(self.tr("Cơ quan"), "agency")
        self.caused_by.addItem(self.tr("Bưu điện"), "post")
        self.outcome_button = QPushButton(self.tr("&Ghi kết quả phát"), self)
        form = QFormLayout(self)
        form.addRow(self.tr("Hồ sơ:"), self.outcome_code)
        form.addRow(self.tr("Kết quả:"), self.outcome)
        form.addRow(self.tr("Người nhận:"), self.recipient)
        form.addRow(self.tr("Số giấy tờ:"), self.recipient_id)
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow(self.tr("Lỗi do:"), self.caused_by)
        form.addRow("", self.outcome_button)
        self.outcome.currentIndexChanged.connect(lambda _i: self._fields())
        self.outcome_button.clicked.connect(self.record_outcome)
        self._fields()

    def _fields(self) -> None:
        delivered = self.outcome.currentData() == "delivered"
        self.recipient.setEnabled(delivered)
        self.recipient_id.setEnabled(delivered)
        self.reason.setEnabled(not delivered)
        self.caused_by.setEnabled(not delivered)

    def take(self, code: str) -> None:
        """A result out for delivery chosen on the list: its outcome comes next."""
        self.outcome_code.setText(code)
        self.outcome_code.setFocus()

    def record_outcome(self) -> None:
        code = self.outcome_code.text().strip()
        if not code:
            self.say(self.tr("Nhập hoặc quét mã hồ sơ"), False)
            return
        attempt = postal_ops.Attempt(
            outcome=self.outcome.currentData(),
            recipient=self.recipient.text() or None,
            id_number=self.recipient_id.text() or None,
            reason=self.reason.text() or None,
            caused_by=self.caused_by.currentData(),
        )
        self.outcome_button.setEnabled(False)
        postal_ops.record_attempt(self, self.ctx, code, attempt).on_done(self._recorded).on_error(
            self._failed
        ).start()

    def _recorded(self, result: postal_ops.AttemptResult) -> None:
        self.outcome_button.setEnabled(True)
        text = self.tr("{0}: {1}").format(result.code, status_label(result.status))
        if result.next_attempt_on:
            text += self.tr("; phát lại ngày {0}").format(day_text(result.next_attempt_on))
        if result.status == "undeliverable":
            text += self.tr("; kết quả chuyển về Bộ phận Một cửa")
        self.say(text, True)
        for field in (self.outcome_code, self.recipient, self.recipient_id, self.reason):
            field.clear()
        self._recorded_hook()

    def _failed(self, error: BaseException) -> None:
        self.outcome_button.setEnabled(True)
        self.say(error_text(error), False)
