"""Screenshots of the supervisor's dashboard, one of its drill-downs and the citizen's rating
dialog, from a real X server (Xvfb) at 1366x768, over three weeks of a small office's work.

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python tests/gui/screenshots_dashboard.py [OUT_DIR]

Writes dashboard.png, dashboard-drill.png and rating.png to resources/screenshots/ (or OUT_DIR).
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from screenshots import ROOT, Clock, idle, shoot, spin, wait_until

PROCEDURES = ("1.001193", "1.001193", "1.000689", "1.000894", "1.004873", "1.001612")
OFFICERS = ("nguyen.thu.ha", "tran.minh.quan", "le.thi.lan")
NAMES = ("Nguyễn Thị Hương", "Trần Văn Phúc", "Lê Hoàng Ngọc", "Phạm Quốc Việt", "Võ Minh Tuấn")


def seed(ctx, clock: Clock) -> list[str]:
    """Three weeks of receipts (2 to 16 November 2026), most resolved, some late, a few
    refused, open and overdue ones, a third of the returned rated."""
    from onestop.domain.clock import VN_TZ
    from onestop.services import dossiers, forms, rating
    from onestop.services.context import Context
    from onestop.services.reception import ReceiveRequest, receive

    rng = random.Random(16)
    clock.at = datetime(2026, 11, 16, 15, 40, tzinfo=VN_TZ)
    codes = []
    day = datetime(2026, 11, 2, 7, 45, tzinfo=VN_TZ)
    while day.date() <= clock.at.date():
        if day.weekday() < 5:
            for _ in range(rng.randint(4, 9)):
                officer = rng.choice(OFFICERS)
                ctx_o = Context(store=ctx.store, actor=officer, clock=clock, role="counter")
                at = day + timedelta(minutes=rng.randint(0, 420))
                if at >= clock.at:
                    continue
                code = receive(
                    ctx_o,
                    ReceiveRequest(
                        procedure_code=rng.choice(PROCEDURES),
                        applicant_name=rng.choice(NAMES),
                        received_at=at,
                    ),
                ).code
                codes.append(code)
                roll = rng.random()
                ready = at + timedelta(hours=rng.choice((3, 20, 26, 50, 75, 98, 120)))
                if ready >= clock.at:
                    continue
                try:
                    if roll < 0.05:
                        forms.refuse(ctx_o, code, ["Hồ sơ không đủ điều kiện"], at=ready)
                    elif roll < 0.85:
                        dossiers.mark_result_ready(ctx_o, code, at=ready)
                        back = ready + timedelta(hours=2)
                        if back < clock.at and rng.random() < 0.8:
                            dossiers.return_result(
                                ctx_o, code, "Người nhận", "001090012345", at=back
                            )
                            if rng.random() < 0.4:
                                score = rng.choice(
                                    ("very_satisfied",) * 3 + ("satisfied",) * 2 + ("dissatisfied",)
                                )
                                rating.rate(ctx_o, code, score, at=back + timedelta(minutes=1))
                except (
                    Exception
                ):  # a step the history refuses (e.g. a result before a holiday's end)
                    pass
        day += timedelta(days=1)
    return codes


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from onestop.domain.clock import VN_TZ
    from onestop.services.context import Context
    from onestop.services.setup import open_workstation, set_back_entry_days
    from onestop.ui.app import Shell
    from onestop.ui.common import ensure_vietnamese_font
    from onestop.ui.rating_dialog import offer
    from onestop.ui.signin import prepare

    app = QApplication(sys.argv)
    ensure_vietnamese_font(app)
    tmp = tempfile.TemporaryDirectory()
    data = Path(tmp.name)
    clock = Clock(datetime(2026, 11, 16, 15, 40, tzinfo=VN_TZ))
    ctx = Context(store=open_workstation(data / "data"), actor="setup", clock=clock)
    set_back_entry_days(ctx, 60)
    codes = seed(ctx, clock)
    prepare(ctx)
    shell = Shell(app, data / "ui", ctx=ctx)
    shell.start()
    wait_until(shell.signin.isVisible)
    QTest.keyClicks(shell.signin.username, "lanh.dao")
    QTest.keyClicks(shell.signin.password, "demo1234")
    QTest.keyClick(shell.signin.password, Qt.Key.Key_Return)
    wait_until(lambda: shell.main is not None and shell.main.isVisible())
    main = shell.main
    main.setGeometry(0, 0, 1366, 740)
    page = main.page("dashboard")
    wait_until(lambda: page.board is not None and idle())
    spin(500)
    shoot(main, out, "dashboard")

    page.drill_tile("late")
    wait_until(lambda: page.last_drill is not None and idle())
    drill = page.last_drill
    drill.setGeometry(180, 120, 1000, 480)
    shoot(drill, out, "dashboard-drill")
    drill.close()

    dialog = offer(main, codes[-1])
    assert dialog is not None
    wait_until(dialog.isVisible)
    dialog.adjustSize()
    dialog.move((1366 - dialog.width()) // 2, (768 - dialog.height()) // 2)
    shoot(dialog, out, "rating")
    dialog.close()
    for w in QApplication.topLevelWidgets():
        w.close()
    from onestop.ui import ops

    ops.wait_all()
    ctx.store.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
