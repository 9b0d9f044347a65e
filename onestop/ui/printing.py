"""Showing and printing the PDF forms: a print preview on QtPdf, and printing off the GUI thread.

Where output goes is a workstation setting (QSettings ``printing/*``):
- ``printing/printer``: a printer name, empty for the system's default printer;
- ``printing/dialog``: true to ask with the system's print dialog each time;
- ``printing/pdf_folder``: write the forms' PDF files to this folder instead (demos, tests, a
  counter without a printer). Without any printer installed, output goes to ``<data dir>/in``
  and the status bar says so.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRect,
    QRectF,
    QSettings,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .operations.files import write_private
from .ops import Op

PRINT_DPI = 300


class PrintError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def load_pdf(data: bytes, parent=None):
    """A QPdfDocument holding ``data`` (the buffer is parented to the document, kept alive)."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument(parent)
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    return doc


def render_to_printer(data: bytes, printer) -> int:
    """Draw every page of the PDF on ``printer``; returns the number of pages. Safe on a worker
    thread (QPainter on a QPrinter and QPdfDocument rendering both are)."""
    from PySide6.QtPdf import QPdfDocument

    doc = load_pdf(data)
    try:
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
            raise PrintError("Không đọc được tệp PDF để in")
        first = doc.pagePointSize(0)
        printer.setResolution(PRINT_DPI)
        printer.setFullPage(True)
        page = QPageSize(first, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        orientation = (
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
        printer.setPageLayout(QPageLayout(page, orientation, QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("Không mở được máy in")
        try:
            for i in range(doc.pageCount()):
                if i:
                    printer.newPage()
                _draw_page(doc, i, painter)
        finally:
            # An active painter left to the garbage collector crashes the process at exit.
            painter.end()
        return doc.pageCount()
    finally:
        doc.close()


STRIPS = 8


def _draw_page(doc, index: int, painter: QPainter) -> None:
    """One page at PRINT_DPI, in horizontal strips: QtPdf and the print engine keep the GIL
    while they work, so one whole page at 300 dpi would stall the GUI thread for its duration."""
    from PySide6.QtPdf import QPdfDocumentRenderOptions

    size = doc.pagePointSize(index)
    width = round(size.width() * PRINT_DPI / 72)
    height = round(size.height() * PRINT_DPI / 72)
    viewport = QRectF(painter.viewport())
    sx, sy = viewport.width() / width, viewport.height() / height
    for k in range(STRIPS):
        top = k * height // STRIPS
        bottom = (k + 1) * height // STRIPS
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(QSize(width, height))
        options.setScaledClipRect(QRect(0, top, width, bottom - top))
        image = doc.render(index, QSize(width, bottom - top), options)
        painter.drawImage(QRectF(0, top * sy, width * sx, (bottom - top) * sy), image)


def print_target(settings: QSettings, data_dir: Path, name: str, parent: QWidget | None):
    """Where this print goes: ``("file", path)`` for a PDF folder (the form's own PDF is written,
    vector and exact), ``("printer", QPrinter)``, or ``("cancelled", None)`` when the person
    closed the print dialog. GUI thread only (it may show the dialog)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

    folder = str(settings.value("printing/pdf_folder", "") or "")
    wanted = str(settings.value("printing/printer", "") or "")
    if not folder and not QPrinterInfo.availablePrinters():
        folder = str(data_dir / "in")
    if folder:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in name)
        out = Path(folder) / f"{safe}-{stamp}.pdf"
        n = 1
        while out.exists():
            n += 1
            out = Path(folder) / f"{safe}-{stamp}-{n}.pdf"
        return "file", out
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if wanted:
        printer.setPrinterName(wanted)
    if str(settings.value("printing/dialog", "false")).lower() == "true":
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return "cancelled", None
    return "printer", printer


def write_pdf(data: bytes, out: Path, private: bool = False) -> int:
    """The "print to a folder" of a counter without a printer, demos and tests; pages written.
    ``private``: the folder is in the data folder, kept the OS account's alone (0700, 0600)."""
    from PySide6.QtPdf import QPdfDocument

    if private:
        write_private(out, data)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    doc = load_pdf(data)
    try:
        if doc.status() != QPdfDocument.Status.Ready:
            raise PrintError("Không đọc được tệp PDF để in")
        return doc.pageCount()
    finally:
        doc.close()


class PdfPreview(QDialog):
    """The form as it will print, with Print (Enter), Save as PDF (Ctrl+S) and Close (Esc).
    Non-modal: the counter can keep working. Printing goes on after the preview closed;
    ``report(text, ok)`` (called on the GUI thread) says where the output went."""

    def __init__(
        self,
        data: bytes,
        title: str,
        name: str,
        settings: QSettings,
        data_dir: Path,
        report: Callable[[str, bool], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtPdfWidgets import QPdfView

        self.setWindowTitle(title)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.data = data
        self.name = name
        self.settings = settings
        self.data_dir = data_dir
        self.report = report
        self.output: Path | None = None
        # Told of a file written, with its path (the main window offers its folder); else report.
        self.on_saved: Callable[[str, Path], None] | None = None
        self.document = load_pdf(data, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&In (Enter)"), self)
        self.print_button.setDefault(True)
        self.print_button.setAutoDefault(True)
        self.save_button = QPushButton(self.tr("&Lưu tệp PDF… (Ctrl+S)"), self)
        self.close_button = QPushButton(self.tr("Đóng (Esc)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_now)
        geometry = settings.value("preview/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(760, 720)
        self.print_button.setFocus()
        self.printing = False

    def done(self, result: int) -> None:
        self.settings.setValue("preview/geometry", self.saveGeometry())
        super().done(result)

    def print_now(self) -> None:
        if self.printing:
            return
        kind, target = print_target(self.settings, self.data_dir, self.name, self)
        if kind == "cancelled":
            return
        self.printing = True
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Đang in…"))
        data, report = self.data, self.report
        if kind == "file":
            done_text = self.tr("Đã in ra tệp {1} ({0} trang)")
            private = target.resolve().is_relative_to(self.data_dir.resolve())
            work = lambda: write_pdf(data, target, private)  # noqa: E731
            self.output = target
        else:
            done_text = self.tr("Đã in {0} trang")
            work = lambda: render_to_printer(data, target)  # noqa: E731
        saved = self.on_saved if kind == "file" else None

        def done(pages: int) -> None:
            text = done_text.format(pages, target)
            if saved is not None:
                saved(text, target)
            else:
                report(text, True)

        # The op outlives the preview (it closes at once): its callbacks belong to the parent.
        Op(work, parent=self.parent()).on_done(done).on_error(
            lambda e: report(getattr(e, "message", str(e)), False)
        ).start()
        self.accept()

    def save_as(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu tệp PDF"), str(Path.home() / f"{self.name}.pdf"), "PDF (*.pdf)"
        )
        if path:
            with contextlib.suppress(OSError):
                Path(path).write_bytes(self.data)
                self.status.setText(self.tr("Đã lưu {0}").format(path))
                if self.on_saved is not None:
                    self.on_saved(self.tr("Đã lưu {0}").format(path), Path(path))
