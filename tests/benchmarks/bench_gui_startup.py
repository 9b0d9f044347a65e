"""Start-up of the desktop client: from process start to the sign-in window painted, beside a bare
PySide6 window (QApplication + one widget with a label) measured in the same run, same platform.

    uv run python tests/benchmarks/bench_gui_startup.py [--runs 9]
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python tests/benchmarks/bench_gui_startup.py

Each start is a fresh interpreter; the two kinds alternate so that disk caches favour neither. The
client runs as people start it (``python -m onestop`` on an existing store), with
ONESTOP_STARTUP_PROBE set: it prints the monotonic time of the sign-in window's first paint and
quits. The target is a ratio of at most 2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"shown {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            watched.removeEventFilter(self)
        return False

app = QApplication(sys.argv)
window = QWidget()
QVBoxLayout(window).addWidget(QLabel("Bộ phận Tiếp nhận và Trả kết quả"))
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in out.stdout.splitlines() if line.startswith("shown ")]
    if not lines:
        raise RuntimeError(f"no window shown by {cmd}: {out.stderr[-2000:]}")
    return float(lines[0].split()[1]) - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    # An installed program has its bytecode compiled (uv compile-bytecode, the installer);
    # a workplace that forbids writing it would measure compiling our sources instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if "QT_QPA_PLATFORM" not in env:
        env["QT_QPA_PLATFORM"] = "xcb" if env.get("DISPLAY") else "offscreen"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        # An existing, set-up store: the everyday start, not the very first one.
        subprocess.run(
            [sys.executable, "-m", "onestop", "--data-dir", str(data), "init", "--demo"],
            env=env,
            check=True,
            capture_output=True,
        )
        app_cmd = [sys.executable, "-m", "onestop", "--data-dir", str(data)]
        bare_cmd = [sys.executable, "-c", BARE]
        app_env = {**env, "ONESTOP_STARTUP_PROBE": "1"}
        once(bare_cmd, env)  # warm the disk cache for both
        once(app_cmd, app_env)
        bare, client = [], []
        for _ in range(args.runs):
            bare.append(once(bare_cmd, env))
            client.append(once(app_cmd, app_env))
    b, c = statistics.median(bare), statistics.median(client)
    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} runs each, medians:")
    print(f"bare PySide6 window:      {b * 1000:7.0f} ms   (min {min(bare) * 1000:.0f})")
    print(f"onestop sign-in window:   {c * 1000:7.0f} ms   (min {min(client) * 1000:.0f})")
    verdict = "ok" if c / b <= 2 else "TOO SLOW"
    print(f"ratio {c / b:.2f}x   (target <= 2.00x: {verdict})")


if __name__ == "__main__":
    main()
