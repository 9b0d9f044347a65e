"""The window's part of ``onestop doctor``, run in a child process (``doctor --qt-probe [PDF]``):
load every module of the window, start Qt on the platform the window would use, render a PDF
with QtPdf as the receipt preview does, and list the printers Qt sees. A Qt that cannot start
its platform aborts this process; the doctor reports that from the outside."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

# Qt modules the window loads only once signed in (preview, printing, icons).
QT_MODULES = ("PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport", "PySide6.QtSvg")


def window_modules() -> list[str]:
    import onestop.ui

    return [m.name for m in pkgutil.walk_packages(onestop.ui.__path__, "onestop.ui.")]


def probe(pdf: Path | None) -> dict[str, Any]:
    missing: list[str] = []
    names = window_modules() + list(QT_MODULES)
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # ImportError, a system library missing
            missing.append(f"{name}: {type(exc).__name__}: {exc}")
    from PySide6 import __version__ as qt_version
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["onestop"])
    found: dict[str, Any] = {
        "platform": QApplication.platformName(),
        "qt": qt_version,
        "modules": len(names),
        "missing": missing,
        "pdf": _render(pdf) if pdf is not None else {"skipped": True},
    }
    found.update(_printers())
    del app
    return found


def _render(path: Path) -> dict[str, Any]:
    try:
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument
    except ImportError as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        return {"error": f"QPdfDocument: {error.name}"}
    pages = document.pageCount()
    image = document.render(0, QSize(300, 420))
    # Dark, opaque pixels (the page is rendered on a transparent background): a rendered page
    # has text and bars, a failed render is null or empty.
    dark = 0
    if not image.isNull():
        for y in range(image.height()):
            for x in range(0, image.width(), 3):
                color = image.pixelColor(x, y)
                if color.alpha() > 128 and color.lightness() < 100:
                    dark += 1
    document.close()
    return {"pages": pages, "drawn": dark > 0, "dark_pixels": dark}


def _printers() -> dict[str, Any]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError as exc:
        return {"printers": [], "default_printer": None, "print_error": str(exc)}
    return {
        "printers": list(QPrinterInfo.availablePrinterNames()),
        "default_printer": QPrinterInfo.defaultPrinterName() or None,
    }
