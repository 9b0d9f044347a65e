"""The reception form's procedure cases and conditional documents (issue 14): the case combo shown
only for a procedure whose time and fee depend on the case, the time and fee then in force, and
which documents of the checklist are required (Ctrl+D ticks those and no others)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QListWidgetItem

from .operations.office import ProcedureRow


@dataclass(frozen=True)
class Timing:
    """The time, way of counting it and fee of a procedure, or of its case when one is chosen."""

    processing_days: int | None
    processing_hours: float | None
    days_kind: str
    fee: int


def fill_cases(combo: QComboBox, proc: ProcedureRow | None) -> bool:
    """Put the procedure's cases in the combo, none chosen yet; whether it has any."""
    combo.blockSignals(True)
    combo.clear()
    cases = list(proc.cases) if proc is not None else []
    if cases:
        combo.addItem(QCoreApplication.translate("ReceptionPage", "— Chọn trường hợp —"), None)
        for case in cases:
            combo.addItem(case["name"], case["name"])
    combo.setCurrentIndex(0)
    combo.blockSignals(False)
    return bool(cases)


def chosen_case(combo: QComboBox) -> str | None:
    return combo.currentData() if combo.count() else None


def timing(proc: ProcedureRow, case_name: str | None) -> Timing:
    """What the due date and fee follow: the chosen case's, else the procedure's."""
    for case in proc.cases:
        if case_name is not None and case["name"] == case_name:
            return Timing(
                case.get("processing_days"),
                case.get("processing_hours"),
                case.get("days_kind") or proc.days_kind,
                int(case.get("fee", proc.fee)),
            )
    return Timing(proc.processing_days, proc.processing_hours, proc.days_kind, proc.fee)


def is_required(doc: Mapping[str, Any]) -> bool:
    return doc.get("required", True) is not False


def document_item(doc: Mapping[str, Any]) -> QListWidgetItem:
    """One checklist line: a conditional paper says when it is needed."""
    text = f"{doc['name']}  ({doc.get('kind', '')} × {doc.get('count', 1)})"
    if not is_required(doc):
        when = doc.get("condition") or QCoreApplication.translate("ReceptionPage", "nếu có")
        text += "  – " + QCoreApplication.translate("ReceptionPage", "không bắt buộc: {0}").format(
            when
        )
    item = QListWidgetItem(text)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    item.setData(Qt.ItemDataRole.UserRole, dict(doc))
    return item
