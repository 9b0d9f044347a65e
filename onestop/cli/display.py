"""Whether the window can open on this machine: on Linux and the other X11/Wayland systems Qt
needs a display (DISPLAY or WAYLAND_DISPLAY), or a platform chosen with QT_QPA_PLATFORM;
without one Qt aborts the process with a core dump, so ``onestop`` says why and exits instead."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

NO_DISPLAY = (
    "onestop: không có màn hình để mở cửa sổ ứng dụng (chưa có DISPLAY hay WAYLAND_DISPLAY). "
    "Hãy chạy trên máy có giao diện đồ họa, hoặc dùng các lệnh (onestop --help).\n"
    "onestop: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
    "is set). Run it on a desktop, or use the commands (onestop --help)."
)


def missing_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when Qt would find no display: never on Windows or macOS, nor when QT_QPA_PLATFORM
    names a platform (offscreen, a VNC server...)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM"):
        return False
    if platform.startswith(("win", "cygwin", "darwin")):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
