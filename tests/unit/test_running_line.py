"""The running line at the top of a continuation page (receipt, notices, control sheet) stays
within the page's side margins: the receipt's title, dossier code and copy label once reached
past them on its second page (issue 14 leftover). Checked on poppler's rendering: nothing dark in
the margins of the running line's band; and its text is unchanged."""

from __future__ import annotations

import dataclasses

from onestop.documents import render_receipt
from onestop.documents.fonts import SANS
from onestop.documents.layout import fitted_size
from onestop.documents.receipt import MARGIN_TOP, MARGIN_X, TITLE
from tests.unit.test_documents import (  # noqa: F401  (fixtures)
    dossier,
    office,
    page_texts,
    rasterise,
    thirty_documents,
)

DPI = 150


def test_the_receipts_running_line_keeps_within_the_margins(office, dossier):  # noqa: F811
    long = dataclasses.replace(dossier, documents=thirty_documents())
    pdf = render_receipt(office, long, copies=2)
    texts = page_texts(pdf)
    assert len(texts) >= 2
    assert f"{TITLE} – Mã hồ sơ: {long.code} – Liên" in " ".join(texts[1].split())
    pages = rasterise(pdf, dpi=DPI)
    margin = round(MARGIN_X / 72 * DPI) - 2
    band = round(MARGIN_TOP / 72 * DPI)
    continued = [p for p, text in zip(pages, texts, strict=True) if "(tiếp theo)" in text]
    assert continued
    for page in continued:
        width = page.width
        for box in ((0, 0, margin, band), (width - margin, 0, width, band)):
            darkest = page.crop(box).getextrema()[0]
            assert darkest > 200, (box, darkest)
        # The line is there: something dark between the margins.
        assert page.crop((margin, 0, width - margin, band)).getextrema()[0] < 128


def test_fitted_size_shrinks_only_what_does_not_fit():
    assert fitted_size("ngắn", SANS, 6.5, 300) == 6.5
    assert 4.5 <= fitted_size("x" * 400, SANS, 6.5, 300) < 6.5
