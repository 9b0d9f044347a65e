"""Does any action block the GUI thread? The desktop client on a 1,000,000-dossier store, driven
through its real widgets (sign in, search as you type, scroll the results, open a dossier, the
daily log of a busy day and its filters, receive a dossier and print its receipt, the return
desk), while a QTimer ticking every 10 ms records how late each tick comes. The longest gap
between two ticks is the longest time the GUI thread was busy; the target is 100 ms.

    uv run python tests/benchmarks/bench_gui_responsiveness.py [--dossiers 1000000] [--keep DIR]

``--keep DIR`` keeps (and reuses) the filled store there: filling a million takes a while.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

# An installed program has its bytecode compiled; do not measure compiling our sources.
sys.dont_write_bytecode = False
os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QCoreApplication, QDate, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10
TARGET_MS = 100


class Watch:
    """Ticks every 10 ms; remembers, per action, the longest interval between two ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.last = time.perf_counter()
        self.current: str | None = None
        self.worst: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self.order: list[str] = []

    def tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        self.last = now
        if self.current is not None:
            self.worst[self.current] = max(self.worst.get(self.current, 0.0), gap)

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def action(self, name: str, fn: Callable[[], None]) -> None:
        spin(30)  # a quiet moment between actions
        self.current = name
        self.order.append(name)
        self.last = time.perf_counter()
        t0 = time.perf_counter()
        fn()
        self.wall[name] = (time.perf_counter() - t0) * 1000
        spin(30)  # catch a late tick that belongs to this action
        self.current = None


class Sampler:
    """--why: a thread that prints where the GUI thread is while a tick is more than 50 ms late."""

    def __init__(self, watch: Watch) -> None:
        import threading

        self.watch = watch
        self.main_id = threading.get_ident()
        self.seen: dict[str, int] = {}
        threading.Thread(target=self.run, daemon=True).start()

    def run(self) -> None:
        import traceback

        while True:
            time.sleep(0.01)
            late = (time.perf_counter() - self.watch.last) * 1000
            if late > 50 and self.watch.current:
                frame = sys._current_frames().get(self.main_id)
                if frame is not None:
                    stack = "".join(
                        traceback.format_stack(
                            frame, limit=int(os.environ.get("BENCH_DEPTH", "12"))
                        )
                    )
                    key = f"[{self.watch.current}]\n{stack}"
                    self.seen[key] = self.seen.get(key, 0) + 1

    def report(self) -> None:
        for key, n in sorted(self.seen.items(), key=lambda kv: -kv[1])[:8]:
            print(f"--- {n} samples ---\n{key}")


def spin(ms: int) -> None:
    """Run the event loop for ``ms`` (never sleep on the GUI thread: that would be a gap)."""
    loop = QEventLoop()
    # A timer object, not QTimer.singleShot: see onestop.ui.common.later.
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(ms)
    loop.exec()


def wait_until(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            window = getattr(SHELL, "main", None)
            said = window.messages[-3:] if window is not None else []
            raise TimeoutError(f"the GUI did not get there in time; last messages: {said}")
        spin(5)


SHELL = None


def type_like_a_person(widget, text: str, delay_ms: int = 90) -> None:
    app = QApplication.instance()
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            app.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        spin(delay_ms)


def idle() -> bool:
    from onestop.ui import ops

    return ops.tracker().count == 0


def build_store(folder: Path, count: int) -> tuple[list[str], datetime]:
    from bench_store import fill

    from onestop.services.context import Context
    from onestop.services.setup import initialize
    from onestop.store.db import STORE_FILE, open_local

    marker = folder / f"filled-{count}"
    codes_file = folder / "codes.txt"
    if not marker.exists():
        folder.mkdir(parents=True, exist_ok=True)
        ctx = Context(store=open_local(folder), actor="bench")
        initialize(ctx, demo=True)
        ctx.store.close()
        t0 = time.perf_counter()
        codes = fill(folder / STORE_FILE, count, random.Random(1))
        print(f"filled {count:,} dossiers in {time.perf_counter() - t0:.0f} s", flush=True)
        codes_file.write_text("\n".join(codes[-5000:]))
        marker.touch()
    codes = codes_file.read_text().split()
    # fill() receives one dossier a minute from 2023-01-02 01:00 UTC: the days are busy ones
    # (1,440 dossiers). The day before the last is the daily log's; the clock stands at 09:30
    # the day after the last (fill's codes do not follow the workstation's series: receiving on
    # one of its days could draw a number it already used).
    last = datetime(2023, 1, 2, 1, 0) + timedelta(minutes=count - 1) + timedelta(hours=7)
    return codes, last.replace(hour=9, minute=30) + timedelta(days=1)


def startup_child(data: Path) -> None:
    """In a fresh process: the sign-in window as the application starts it (the store opens and
    SQLAlchemy, Alembic, reportlab, QtPdf load on a worker) while someone types their name."""
    from onestop.ui.app import Shell
    from onestop.ui.common import ensure_vietnamese_font

    app = QApplication(sys.argv)
    ensure_vietnamese_font(app)
    watch = Watch()
    watch.start()
    sampler = Sampler(watch) if os.environ.get("BENCH_WHY") else None
    shell = Shell(app, data.parent / "ui-startup")
    shell.signin.data_dir = data
    t0 = time.perf_counter()
    shell.start()
    # Measured from the first paint (bench_gui_startup.py times the way there), which is when
    # the loading starts: from then on the person may type.
    wait_until(lambda: shell.signin.loading)
    watch.last = time.perf_counter()
    watch.current = "sign-in window while the store opens"
    watch.order.append(watch.current)
    type_like_a_person(shell.signin.username, "can.bo.nguyen.thi.thu.ha", 90)
    wait_until(lambda: shell.signin.ctx is not None and idle())
    watch.wall[watch.current] = (time.perf_counter() - t0) * 1000
    spin(30)
    print(f"STARTUP {watch.worst[watch.current]:.1f} {watch.wall[watch.current]:.1f}", flush=True)
    if sampler is not None:
        sampler.report()
    shell.signin.ctx.store.close()


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--startup-child":
        startup_child(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--why", action="store_true", help="print where the GUI thread blocks")
    args = parser.parse_args()
    tmp = None
    if args.keep:
        folder = args.keep
    else:
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
    codes, day_end = build_store(folder / "data", args.dossiers)
    import subprocess

    child = subprocess.run(
        [sys.executable, __file__, "--startup-child", str(folder / "data")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    startup = [line.split()[1:] for line in child.stdout.splitlines() if line.startswith("STARTUP")]
    if not startup:
        raise RuntimeError(f"start-up measurement failed: {child.stderr[-2000:]}")

    from onestop.domain.clock import VN_TZ
    from onestop.services.context import Context
    from onestop.store.db import open_local
    from onestop.ui import ops
    from onestop.ui.app import Shell
    from onestop.ui.common import ensure_vietnamese_font
    from onestop.ui.signin import prepare

    app = QApplication(sys.argv)
    ensure_vietnamese_font(app)
    at = day_end.replace(tzinfo=VN_TZ)
    ctx = Context(store=open_local(folder / "data"), actor="bench", clock=lambda: at)
    prepare(ctx)
    shell = Shell(app, folder / "ui", ctx=ctx)
    global SHELL
    SHELL = shell
    shell.settings.setValue("printing/pdf_folder", str(folder / "printed"))
    watch = Watch()
    shell.start()
    wait_until(shell.signin.isVisible)
    watch.start()
    sampler = Sampler(watch) if args.why else None
    spin(200)

    def sign_in() -> None:
        s = shell.signin
        type_like_a_person(s.username, "can.bo", 60)
        QTest.keyClick(s.username, Qt.Key.Key_Return)
        type_like_a_person(s.password, "demo1234", 60)
        QTest.keyClick(s.password, Qt.Key.Key_Return)
        wait_until(lambda: shell.main is not None and shell.main.isVisible())
        wait_until(idle)

    watch.action("sign in", sign_in)
    main_window = shell.main

    def search_name() -> None:
        page = main_window.show_page("search")
        type_like_a_person(page.query, "nguyen thi lan")
        wait_until(lambda: page.model.rowCount() > 0 and idle())
        for _ in range(4):  # scroll: three more pages load
            page.table.scrollToBottom()
            spin(50)
            wait_until(idle)
        print(f"  search 'nguyen thi lan': {page.model.rowCount()} rows loaded", flush=True)

    watch.action("search by folded name, scroll", search_name)

    def search_code() -> None:
        page = main_window.pages["search"]
        page.query.clear()
        type_like_a_person(page.query, codes[-3000], 20)
        QTest.keyClick(page.query, Qt.Key.Key_Return)
        wait_until(lambda: page.model.rowCount() == 1 and idle())

    watch.action("search by code", search_code)

    def open_dossier() -> None:
        page = main_window.pages["search"]
        QTest.keyClick(page.query, Qt.Key.Key_Down)
        QTest.keyClick(page.table, Qt.Key.Key_Return)
        wait_until(lambda: bool(main_window.dossier_windows))
        window = main_window.dossier_windows[-1]
        wait_until(lambda: window.panel.detail is not None and idle())
        window.close()

    watch.action("open a dossier", open_dossier)

    def daily_log() -> None:
        page = main_window.show_page("log")
        wait_until(lambda: page.loaded_day is not None and idle())
        busy = (day_end - timedelta(days=2)).date()
        page.day.setDate(QDate(busy.year, busy.month, busy.day))
        wait_until(lambda: page.loaded_day == busy and idle())
        print(f"  daily log: {len(page.rows)} dossiers that day", flush=True)
        page.status.setCurrentIndex(page.status.findData("returned"))
        spin(50)
        page.status.setCurrentIndex(0)
        page.overdue_only.setChecked(True)
        spin(50)
        page.overdue_only.setChecked(False)
        page.table.scrollToBottom()
        spin(50)

    watch.action("daily log of a busy day, filters", daily_log)

    def receive() -> None:
        main_window.activateWindow()  # as a person clicks back into it after the dossier window
        page = main_window.show_page("reception")
        wait_until(lambda: bool(page.procedures))
        type_like_a_person(page.procedure, "khai sinh", 60)
        QTest.keyClick(page.procedure, Qt.Key.Key_Return)
        page.tick_all()
        type_like_a_person(page.name, "Đặng Thị Hoa Rây", 40)
        type_like_a_person(page.phone.edit, "0912345678", 40)
        type_like_a_person(page.address.province, "an giang", 60)
        QTest.keyClick(page.address.province, Qt.Key.Key_Return)
        type_like_a_person(page.address.ward, "long xuyen", 60)
        QTest.keyClick(page.address.ward, Qt.Key.Key_Return)
        watch.current = "  ...save, preview"
        watch.order.append(watch.current)
        t0 = time.perf_counter()
        QTest.mouseClick(page.save, Qt.MouseButton.LeftButton)  # Ctrl+Enter: see tests/gui
        wait_until(lambda: main_window.last_preview is not None and idle())
        spin(300)  # the preview paints its pages
        watch.wall[watch.current] = (time.perf_counter() - t0) * 1000
        watch.current = "  ...print it"
        watch.order.append(watch.current)
        t0 = time.perf_counter()
        QTest.mouseClick(main_window.last_preview.print_button, Qt.MouseButton.LeftButton)
        wait_until(idle)
        watch.wall[watch.current] = (time.perf_counter() - t0) * 1000
        print(f"  received {page.last_code}", flush=True)

    watch.action("receive and print the receipt", receive)

    def return_desk() -> None:
        page = main_window.show_page("return")
        type_like_a_person(page.scan, codes[-10], 5)  # a scanner types fast
        QTest.keyClick(page.scan, Qt.Key.Key_Return)
        wait_until(lambda: page.panel.detail is not None and idle())

    watch.action("return desk: scan a code", return_desk)
    watch.timer.stop()
    ops.wait_all()
    for w in QApplication.topLevelWidgets():
        w.close()
    QCoreApplication.processEvents()
    ctx.store.close()

    print(f"\n{args.dossiers:,} dossiers, platform {os.environ['QT_QPA_PLATFORM']}")
    print(f"{'action':<36} {'longest gap':>12} {'wall':>9}")
    worst_all = float(startup[0][0])
    print(
        f"{'sign-in window while the store opens':<36} {worst_all:9.0f} ms "
        f"{float(startup[0][1]):7.0f} ms"
    )
    for name in watch.order:
        worst = watch.worst.get(name, 0.0)
        worst_all = max(worst_all, worst)
        print(f"{name:<36} {worst:9.0f} ms {watch.wall[name]:7.0f} ms")
    verdict = "ok" if worst_all <= TARGET_MS else "BLOCKED"
    print(
        f"longest gap between 10 ms ticks: {worst_all:.0f} ms (target <= {TARGET_MS} ms: {verdict})"
    )
    if sampler is not None:
        sampler.report()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
