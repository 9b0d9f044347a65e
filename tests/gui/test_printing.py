"""Printing the forms: the printer path (QPrinter, here with PDF output) draws every page at its own
size on a worker thread; the PDF-folder path writes the form's own PDF."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from onestop.services import forms
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.ui import ops
from onestop.ui.printing import render_to_printer, write_pdf


def receipt(ctx) -> bytes:
    counter = Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")
    code = receive(
        counter, ReceiveRequest(procedure_code="1.001193", applicant_name="Đặng Thị Hoa Rây")
    ).code
    return forms.receipt_pdf(ctx, code)


def test_receipt_prints_both_copies_on_a5_from_a_worker(qtbot, ctx, tmp_path):
    data = receipt(ctx)
    out = tmp_path / "printer.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pages: list[int] = []
    ops.Op(lambda: render_to_printer(data, printer)).on_done(pages.append).start()
    qtbot.waitUntil(lambda: ops.tracker().count == 0, timeout=30000)
    assert pages == [2]
    reader = PdfReader(out)
    assert len(reader.pages) == 2  # Liên 1: Lưu, Liên 2: Giao người nộp
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 419.5) < 3 and abs(height - 595.3) < 3  # A5 portrait, in points


def test_pdf_folder_gets_the_form_itself(qtbot, ctx, tmp_path):
    data = receipt(ctx)
    out = tmp_path / "in" / "receipt.pdf"
    assert write_pdf(data, out) == 2
    assert out.read_bytes() == data
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Đặng Thị Hoa Rây" in text
