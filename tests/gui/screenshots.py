"""Screenshots of every screen of the desktop client, taken from a real X server (Xvfb), for the
README and for looking at the layout (clipped Vietnamese, overlapping widgets).

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python tests/gui/screenshots.py [OUT_DIR]

Writes PNG files to resources/screenshots/ (or OUT_DIR). The store is a fresh demo store with a
few dossiers in various states; the clock stands on Monday 16 November 2026, 15:40.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def spin(ms: int) -> None:
    loop = QEventLoop()
    # A timer object, not QTimer.singleShot: see onestop.ui.common.later.
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(ms)
    loop.exec()


def wait_until(cond: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError("screen did not get ready")
        spin(20)


def type_text(widget: QWidget, text: str) -> None:
    app = QApplication.instance()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def idle() -> bool:
    from onestop.ui import ops

    return ops.tracker().count == 0


def shoot(window: QWidget, out: Path, name: str) -> Path:
    """What the X server shows in the window's rectangle (decorations aside: Xvfb has no
    window manager)."""
    window.raise_()
    spin(400)
    top_left = window.mapToGlobal(QPoint(0, 0))
    screen = window.screen()
    image = screen.grabWindow(0, top_left.x(), top_left.y(), window.width(), window.height())
    path = out / f"{name}.png"
    image.save(str(path), "PNG")
    print(
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
        f"{image.width()}x{image.height()}, {path.stat().st_size // 1024} KB"
    )
    return path


def seed(ctx, clock: Clock) -> dict[str, str]:
    """A morning's work: dossiers returned, waiting, overdue, by post."""
    from onestop.domain.clock import VN_TZ
    from onestop.services import dossiers, forms
    from onestop.services.context import Context
    from onestop.services.reception import ReceiveRequest, receive

    counter = Context(store=ctx.store, actor="can.bo", clock=clock, role="counter")
    codes: dict[str, str] = {}
    people = [
        ("1.001193", "Nguyễn Thị Thanh Hương", "001190012345", "0912345678", "counter"),
        ("1.001193", "Trần Văn Phúc", "079088001234", "0987654321", "post"),
        ("1.000689", "Lê Hoàng Khánh Ngọc", "001305004567", "0901234567", "counter"),
        ("1.001193", "Đặng Thị Hoa Rây", "089192007788", "0356789012", "counter"),
        ("1.000894", "Phạm Quốc Việt", "038095003322", "0388112233", "counter"),
        ("1.001193", "Võ Minh Tuấn", "052090006655", "0977665544", "counter"),
    ]
    start = datetime(2026, 11, 16, 7, 40, tzinfo=VN_TZ)
    for i, (proc, name, id_number, phone, ret) in enumerate(people):
        clock.at = start + timedelta(minutes=23 * i)
        code = receive(
            counter,
            ReceiveRequest(
                procedure_code=proc,
                applicant_name=name,
                id_number=id_number,
                phone=phone,
                address="12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang",
                return_by=ret,
            ),
        ).code
        codes[name] = code
    clock.at = datetime(2026, 11, 16, 11, 0, tzinfo=VN_TZ)
    dossiers.mark_result_ready(counter, codes["Nguyễn Thị Thanh Hương"])
    dossiers.mark_result_ready(counter, codes["Đặng Thị Hoa Rây"])
    dossiers.mark_result_ready(counter, codes["Trần Văn Phúc"])
    dossiers.return_result(
        counter,
        codes["Nguyễn Thị Thanh Hương"],
        "Nguyễn Thị Thanh Hương",
        id_number="001190012345",
    )
    forms.request_supplement(
        counter, codes["Phạm Quốc Việt"], ["Bản sao giấy chứng nhận quyền sử dụng đất"]
    )
    clock.at = datetime(2026, 11, 16, 17, 20, tzinfo=VN_TZ)  # past the in-the-day due times
    return codes


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if os.environ.get("QT_QPA_PLATFORM") != "xcb":
        print("note: run under a real X server: DISPLAY=:99 QT_QPA_PLATFORM=xcb")
    from onestop.domain.clock import VN_TZ
    from onestop.services.context import Context
    from onestop.services.setup import open_workstation
    from onestop.ui.app import Shell
    from onestop.ui.common import ensure_vietnamese_font
    from onestop.ui.signin import prepare

    app = QApplication(sys.argv)
    ensure_vietnamese_font(app)
    tmp = tempfile.TemporaryDirectory()
    data = Path(tmp.name)
    clock = Clock(datetime(2026, 11, 16, 7, 30, tzinfo=VN_TZ))
    ctx = Context(store=open_workstation(data / "data"), actor="setup", clock=clock)
    codes = seed(ctx, clock)
    prepare(ctx)
    shell = Shell(app, data / "ui", ctx=ctx)
    shell.settings.setValue("printing/pdf_folder", str(data / "printed"))
    shell.start()
    shell.signin.move(420, 150)
    wait_until(shell.signin.isVisible)
    shoot(shell.signin, out, "signin")

    # Reception: a form half filled, the due date live.
    QTest.keyClicks(shell.signin.username, "can.bo")
    QTest.keyClicks(shell.signin.password, "demo1234")
    QTest.keyClick(shell.signin.password, Qt.Key.Key_Return)
    wait_until(lambda: shell.main is not None and shell.main.isVisible())
    main = shell.main
    main.setGeometry(0, 0, 1366, 740)
    clock.at = datetime(2026, 11, 16, 15, 40, tzinfo=VN_TZ)
    page = main.show_page("reception")
    wait_until(lambda: bool(page.procedures) and idle())
    QTest.keyClicks(page.procedure, "1.001193")
    QTest.keyClick(page.procedure, Qt.Key.Key_Return)
    page.documents.item(0).setCheckState(Qt.CheckState.Checked)
    type_text(page.name, "nguyễn văn bình")
    QTest.keyClicks(page.id_number.edit, "001090012345")
    QTest.keyClicks(page.phone.edit, "0912 345 6")
    type_text(page.address.street, "25 Trần Hưng Đạo")
    QTest.keyClicks(page.address.province, "an giang")
    QTest.keyClick(page.address.province, Qt.Key.Key_Return)
    QTest.keyClicks(page.address.ward, "my thoi")
    QTest.keyClick(page.address.ward, Qt.Key.Key_Return)
    page.by_post.setChecked(True)
    page.phone.edit.setFocus()
    shoot(main, out, "reception")

    # Bad input: the reasons next to the fields, nothing stored.
    page.phone.edit.setText("0123")
    page.phone.edit.editingFinished.emit()
    page.email.edit.setText("binh@gmail")
    page.email.edit.editingFinished.emit()
    page.tick_all()
    page.submit()
    shoot(main, out, "reception-refused")

    # Documents missing: guidance forms instead of a receipt.
    page.reset()
    QTest.keyClicks(page.procedure, "1.001193")
    QTest.keyClick(page.procedure, Qt.Key.Key_Return)
    page.documents.item(0).setCheckState(Qt.CheckState.Checked)
    type_text(page.name, "Hồ Thị Thu Trang")
    page.submit()
    shoot(main, out, "reception-missing")

    # Save: the receipt's print preview.
    page.reset()
    QTest.keyClicks(page.procedure, "1.001193")
    QTest.keyClick(page.procedure, Qt.Key.Key_Return)
    page.tick_all()
    type_text(page.name, "Nguyễn Văn Bình")
    QTest.keyClicks(page.phone.edit, "0912345600")
    page.submit()
    wait_until(lambda: main.last_preview is not None and idle())
    preview = main.last_preview
    preview.setGeometry(300, 20, 760, 720)
    spin(600)
    shoot(preview, out, "receipt-preview")
    preview.close()

    # Late afternoon: the in-the-day dossiers not resolved are overdue.
    clock.at = datetime(2026, 11, 16, 17, 20, tzinfo=VN_TZ)

    # Return desk: a scanned code, the return form open.
    ret = main.show_page("return")
    QTest.keyClicks(ret.scan, codes["Đặng Thị Hoa Rây"])
    QTest.keyClick(ret.scan, Qt.Key.Key_Return)
    wait_until(lambda: ret.actions.form is not None and idle())
    shoot(main, out, "return-desk")

    # Search by a folded name; a dossier window.
    search = main.show_page("search")
    QTest.keyClicks(search.query, "nguyen")
    wait_until(lambda: search.model.rowCount() > 0 and idle())
    spin(300)
    shoot(main, out, "search")
    window = main.open_dossier(codes["Phạm Quốc Việt"])
    wait_until(lambda: window.panel.detail is not None and idle())
    window.setGeometry(200, 40, 900, 680)
    shoot(window, out, "dossier")
    window.close()

    # The daily log, overdue highlighted.
    log = main.show_page("log")
    wait_until(lambda: log.loaded_day is not None and idle())
    shoot(main, out, "daily-log")

    # The same in English.
    main.language_changed.emit("en")
    wait_until(lambda: shell.main is not main)
    main = shell.main
    main.setGeometry(0, 0, 1366, 740)
    log = main.show_page("log")
    wait_until(lambda: log.loaded_day is not None and idle())
    shoot(main, out, "daily-log-english")
    main.language_changed.emit("vi")
    wait_until(lambda: shell.main is not main)
    main = shell.main

    # A supervisor's dossier window (extension), the postal page, the administrator's accounts.
    for username, key, name in (("buu.dien", "postal", "postal"), ("quan.tri", "users", "users")):
        main.sign_out()
        wait_until(shell.signin.isVisible)
        shell.signin.username.clear()
        QTest.keyClicks(shell.signin.username, username)
        QTest.keyClicks(shell.signin.password, "demo1234")
        QTest.keyClick(shell.signin.password, Qt.Key.Key_Return)
        wait_until(lambda: shell.main is not None and shell.main.isVisible())
        main = shell.main
        main.setGeometry(0, 0, 1366, 740)
        main.show_page(key)
        wait_until(idle)
        shoot(main, out, name)
    for w in QApplication.topLevelWidgets():
        w.close()
    from onestop.ui import ops

    ops.wait_all()
    ctx.store.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
