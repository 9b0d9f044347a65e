"""The desktop client (PySide6). Importing it first protects the process from a PySide6 6.12.0
reference-counting defect, see ``keep_singletons_alive``."""

from __future__ import annotations

import ctypes
import sys

# Far beyond what any run could drop, far below what would overflow a 64-bit count.
_RESERVE = 1 << 40


def keep_singletons_alive() -> bool:
    """Give None, True and False a reserve of references, as CPython 3.12+ does by making them
    immortal. Returns whether the reserve was added (CPython 3.11 release builds).

    PySide6 6.12.0 returns these objects to Python without the reference it owes in several
    places: every ``Signal.emit()`` (True), every call of a static Qt function returning void
    (``QCoreApplication.processEvents``, ``QWidget.setTabOrder``, the callback of
    ``QTimer.singleShot``: None), every QVariant-returning call that finds no value (None). Each
    one costs a reference; the counter at a counter runs all day, and once a count reaches zero
    CPython aborts ("Fatal Python error: bool_dealloc" / "none_dealloc"). The singletons are never
    freed anyway, so an extra count changes nothing else (tests/gui/test_ops.py checks it).
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if hasattr(sys, "gettotalrefcount"):  # a debug build lays PyObject out differently
        return False
    done = True
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        before = sys.getrefcount(obj)
        # The first field of a PyObject is its reference count: check before writing.
        if abs(count.value - before) > 2:
            done = False
            continue
        if count.value < _RESERVE:
            count.value += _RESERVE
        done = done and sys.getrefcount(obj) >= _RESERVE
    return done


keep_singletons_alive()
