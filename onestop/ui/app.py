"""Starts the desktop client: the Qt application and its main window (placeholder for now)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(data_dir: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from onestop.services.context import Context
    from onestop.services.setup import open_workstation

    store = open_workstation(data_dir)
    ctx = Context(store=store)
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    settings = ctx.settings
    window.setWindowTitle(f"onestop: {settings.unit_name}")
    window.setCentralWidget(QLabel(f"{settings.agency_name}\n{settings.workstation_name}"))
    window.resize(1000, 700)
    window.show()
    return app.exec()
