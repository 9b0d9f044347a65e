"""Run-time hook of the onestop bundle for PySide6, in place of PyInstaller's own (see
packaging/onestop.spec): it tells Qt where the bundled plugins are, as PyInstaller's does, but
does not import PySide6.QtCore at every start to look for a qt.conf that PySide6's wheels embed
themselves. The command line never loads Qt: that import cost each command 50-90 ms."""

import os
import sys


def _qt_paths() -> None:
    base = sys._MEIPASS  # set by PyInstaller's bootloader
    if sys.platform.startswith("win"):
        qt = os.path.join(base, "PySide6")
        # Qt's TLS back end looks for the OpenSSL libraries on PATH.
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")
    else:
        qt = os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")


_qt_paths()
del _qt_paths
