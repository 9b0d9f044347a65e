"""The reception page's counter-desk helps (issue 15): the procedure finder ranked by this
counter's use, the focus moving on after each pick and on Enter, and the warnings (an open
dossier of the same person and procedure, a time outside office hours) asked about before
saving. A mixin of ReceptionPage (onestop.ui.reception_page), which calls ``_connect_desk`` once
built, ``_load_use`` when the catalogue arrives and after each receipt, and ``_ask_warnings``
before it saves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .operations import counter as counter_ops
from .operations.counter import ReceptionWarning
from .procedure_finder import procedure_ranker

if TYPE_CHECKING:
    from .operations.reception import ReceiveRequest


PROVINCE_KEY = "reception/province"


class ReceptionDesk:
    """Methods only: the widgets are ReceptionForm's, the state ReceptionPage's."""

    procedures: dict[str, Any]
    saving: bool

    def _connect_desk(self) -> None:
        self.procedure_use: dict[str, int] = {}
        self._warned = False
        self.warning_box: QMessageBox | None = None
        self.last_warnings: list[ReceptionWarning] = []
        self.procedure.chosen.connect(lambda _k: self.field_after_procedure().setFocus())
        # Enter moves on to the next field a clerk usually fills (Tab still visits every one).
        onward = (
            (self.name, self.id_number.edit),
            (self.id_number.edit, self.phone.edit),
            (self.phone.edit, self.address.street),
            (self.email.edit, self.address.street),
        )
        for field, target in onward:
            field.returnPressed.connect(target.setFocus)
        self.address.street.returnPressed.connect(self._after_street)
        self.address.province.picked.connect(self._remember_province)
        # The kept province is put back once the map's indexes are built off the GUI thread.
        counter_ops.warm_addresses(self, self.ctx).on_done(
            lambda _n: self.restore_province()
        ).on_error(lambda _e: self.restore_province()).start()
        self.address.province.chosen.connect(lambda _k: self.address.ward.setFocus())
        self.address.ward.chosen.connect(lambda _k: self._return_choice().setFocus())

    def field_after_procedure(self) -> QWidget:
        """Where the focus goes once the clerk picks a procedure: the procedure's case when the
        form shows one (a widget named ``case``, visible and enabled once ``picked`` has filled
        it), else the applicant's name."""
        case = getattr(self, "case", None)
        if isinstance(case, QWidget) and case.isVisibleTo(self) and case.isEnabled():
            return case
        return self.name

    def _after_street(self) -> None:
        address = self.address
        (address.ward if address.province.key else address.province).setFocus()

    def _remember_province(self, code: str) -> None:
        if code:
            self.host.settings.setValue(PROVINCE_KEY, code)

    def restore_province(self) -> None:
        """The province of the last applicant stays for the next (a counter serves its own
        province; since 2025 a province is large), here and after a restart; the street and
        the ward are asked anew."""
        code = self.host.settings.value(PROVINCE_KEY, "")
        if code and not self.address.province.key:
            self.address.province.pick(str(code))

    def _return_choice(self) -> QWidget:
        return self.by_post if self.by_post.isChecked() else self.at_counter

    def _load_use(self) -> None:
        """This counter's procedures of the last 90 days, read off the GUI thread; the finder
        ranks with the last counts read."""
        self.procedure.ranker = procedure_ranker(
            {code: p.name for code, p in self.procedures.items()}, lambda: self.procedure_use
        )
        counter_ops.procedure_use(self, self.ctx).on_done(self._use_loaded).on_error(
            lambda _e: None
        ).start()

    def _use_loaded(self, use: dict[str, int]) -> None:
        self.procedure_use = dict(use)

    def _ask_warnings(self, req: ReceiveRequest) -> None:
        """Read the warnings a receipt made now would carry (an open dossier of the same person
        and procedure, outside office hours); ask when there are any, else save at once."""
        if self.warning_box is not None:  # already asking
            return
        self.saving = True
        op = counter_ops.warnings(self, self.ctx, req.procedure_code, req.id_number)
        op.on_done(self._warnings_read).on_error(self._warnings_failed).start()

    def _warnings_failed(self, _error: BaseException) -> None:
        # The warnings help; they never stop a receipt: the service still records them.
        self.saving = False
        self._warned = True
        self.submit()

    def _warnings_read(self, warnings: list[ReceptionWarning]) -> None:
        self.saving = False
        self.last_warnings = list(warnings)
        if not warnings:
            self._warned = True
            self.submit()
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ReceptionDesk", "Cảnh báo trước khi lưu"),
            "\n".join(w.message for w in warnings)
            + "\n\n"
            + QCoreApplication.translate("ReceptionDesk", "Vẫn tiếp nhận hồ sơ này?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("reception_warnings")
        # A second dossier of the same person is rarely meant: Enter does not save it.
        duplicate = any(w.code == "duplicate" for w in warnings)
        box.setDefaultButton(
            QMessageBox.StandardButton.No if duplicate else QMessageBox.StandardButton.Yes
        )
        box.finished.connect(lambda result: self._warnings_answered(result))
        self.warning_box = box
        box.open()

    def _warnings_answered(self, result: int) -> None:
        self.warning_box = None
        if result == QMessageBox.StandardButton.Yes:
            self._warned = True
            self.submit()
        else:
            self.form_error.setText(
                QCoreApplication.translate("ReceptionDesk", "Chưa lưu: hãy xem lại cảnh báo.")
            )
            self.id_number.edit.setFocus()
