"""The files exchanged with the post office from the postal page: the day's consignments out for
the operator's system (XLSX or CSV), its file of delivery outcomes back in (every row or none);
the same files as ``onestop postal export|import``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from onestop.ui.common import day_text, error_text
from onestop.ui.operations import postal as postal_ops

if TYPE_CHECKING:
    from onestop.services.context import Context


class PostFiles(QWidget):
    """Two buttons. ``selected_day()`` is the page's day; ``imported()`` is called after a file
    of outcomes was applied (the page refreshes its lists)."""

    def __init__(
        self,
        ctx: Context,
        say: Callable[[str, bool], None],
        selected_day: Callable[[], date],
        imported: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.say = say
        self.selected_day = selected_day
        self._imported_hook = imported
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.export_button)
        layout.addWidget(self.import_button)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)

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
        day = self.selected_day()
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        self.export_button.setEnabled(False)

        def done(result: postal_ops.ExportResult) -> None:
            self.export_button.setEnabled(True)
            if result.rows:
                self.say(
                    self.tr("Đã xuất {0} bưu gửi ra tệp {1}").format(result.rows, str(path)), True
                )
            else:
                self.say(
                    self.tr("Ngày {0} chưa giao bưu gửi nào; đã tạo tệp trống {1}").format(
                        day_text(day), str(path)
                    ),
                    True,
                )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.say(error_text(error), False)

        postal_ops.export_day(self, self.ctx, day, fmt, path).on_done(done).on_error(failed).start()

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
        self.import_button.setEnabled(False)

        def done(result: postal_ops.ImportResult) -> None:
            self.import_button.setEnabled(True)
            self.say(
                self.tr("Đã ghi {0} kết quả phát từ tệp {1} ({2} dòng đã có từ trước)").format(
                    result.applied, path.name, result.unchanged
                ),
                True,
            )
            self._imported_hook()

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

        postal_ops.import_statuses(self, self.ctx, path).on_done(done).on_error(failed).start()
