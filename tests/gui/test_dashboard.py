"""The supervisor's dashboard through its real widgets: it is the page a supervisor lands on; its
headline figures equal ``report --json`` for the same period; a number opens the list of exactly
its dossiers and one of them opens in its window; a rating given in the citizen's dialog shows in
the figures at once (the write broadcasts, the dashboard reads again)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from onestop.domain.clock import VN_TZ
from onestop.services import dossiers, forms
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.ui.rating_dialog import offer
from tests.gui.conftest import sign_in, wait_ops
from tests.helpers import run_cli

HT = "1.004873"  # three working days


def at(day: int, hm: str = "09:00") -> datetime:
    h, m = map(int, hm.split(":"))
    return datetime(2026, 11, day, h, m, tzinfo=VN_TZ)


def as_role(ctx, role: str) -> Context:
    return Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role=role)


@pytest.fixture
def history(ctx):
    """A week's known history (9 to 13 November 2026), the clock on Monday the 16th."""
    counter = as_role(ctx, "counter")
    boss = as_role(ctx, "supervisor")
    codes: dict[str, str] = {}

    def rec(name: str, when: datetime) -> str:
        req = ReceiveRequest(procedure_code=HT, applicant_name=name, received_at=when)
        codes[name] = receive(counter, req).code
        return codes[name]

    a = rec("Lê Văn An", at(9))
    dossiers.mark_result_ready(counter, a, at=at(10))  # early
    dossiers.return_result(counter, a, "Lê Văn An", "001090012345", at=at(10, "11:00"))
    b = rec("Trần Thị Bình", at(9, "10:00"))
    dossiers.mark_result_ready(counter, b, at=at(13, "10:00"))  # late
    rec("Phạm Văn Cường", at(10))  # open; overdue at the end of the period? due the 13th
    c = rec("Hoàng Thị Dung", at(4))  # carried over, resolved on time
    dossiers.mark_result_ready(counter, c, at=at(9, "08:30"))
    d = rec("Vũ Văn Em", at(11))
    forms.refuse(counter, d, ["Không đủ điều kiện"], at=at(11, "10:00"))
    e = rec("Đặng Thị Giang", at(9, "14:00"))  # two supplements: late by supplements
    forms.request_supplement(counter, e, ["Tờ khai"], at=at(9, "14:30"))
    forms.complete_supplement(counter, e, at=at(10, "09:00"))
    forms.request_supplement(counter, e, ["Bản sao"], at=at(10, "10:00"))
    forms.complete_supplement(counter, e, at=at(10, "11:00"))
    dossiers.mark_result_ready(counter, e, at=at(12))
    assert boss.role == "supervisor"
    return codes


def board_loaded(qtbot, page, first: date, last: date):
    qtbot.waitUntil(
        lambda: (
            page.loading is None
            and page.board is not None
            and (page.board.first, page.board.last) == (first, last)
        ),
        timeout=20000,
    )
    return page.board


def test_the_headline_figures_are_report_json_and_a_number_drills_down(
    qtbot, shell, ctx, data_dir, history
):
    main = sign_in(qtbot, shell, "lanh.dao")
    assert main.current_page_key() == "dashboard"  # where a supervisor lands
    page = main.page("dashboard")
    first, last = date(2026, 11, 9), date(2026, 11, 13)
    page.set_period(first, last)
    board = board_loaded(qtbot, page, first, last)

    printed = json.loads(
        run_cli(data_dir, "report", "--from", str(first), "--to", str(last), "--json").stdout
    )
    shown = board.totals.to_json()
    assert shown == {k: printed[k] for k in shown}
    assert printed["resolved"] == 4 and printed["late_by_supplements"] == 1  # the history holds
    # What the tiles say is what the figures are.
    assert page.tiles["received"].value == str(printed["received"])
    assert page.tiles["late"].value == str(printed["late"])
    assert page.tiles["carried_over"].value == str(printed["carried_over"])
    rate = printed["on_time_rate"]
    assert page.tiles["on_time_rate"].value == f"{rate * 100:.1f}%".replace(".", ",")
    # The chart's days cover the period; the days' received add up to the figure.
    assert (board.days[0].day, board.days[-1].day) == (first, last)
    assert sum(p.received for p in board.days) == printed["received"]
    assert sum(p.resolved for p in board.days) == printed["resolved"]

    # A number drills down to exactly its dossiers (one classified from its history too).
    qtbot.mouseClick(page.tiles["late"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_drill is not None, timeout=20000)
    drill = page.last_drill
    expected = {history["Trần Thị Bình"], history["Đặng Thị Giang"]}
    assert set(drill.codes()) == expected
    # ... and one of them opens in its dossier window.
    drill.table.setCurrentIndex(drill.model.index(0, 0))
    drill.table.activated.emit(drill.model.index(0, 0))
    window = main.dossier_windows[-1]
    assert window.code == drill.codes()[0]
    wait_ops(qtbot)

    # The procedures' table drills down per procedure: the received of the one procedure.
    page.lists.setCurrentIndex(0)
    assert page.procedures.rowCount() == 1
    page.last_drill = None
    page._group_clicked("procedure", 0, 1)
    qtbot.waitUntil(lambda: page.last_drill is not None, timeout=20000)
    received = {history[n] for n in history if n != "Hoàng Thị Dung"}
    assert set(page.last_drill.codes()) == received


def test_a_rating_from_the_dialog_shows_in_the_figures(qtbot, shell, ctx, history):
    main = sign_in(qtbot, shell, "lanh.dao")
    page = main.page("dashboard")
    first, last = date(2026, 11, 9), date(2026, 11, 16)  # to today: the rating is made now
    page.set_period(first, last)
    board = board_loaded(qtbot, page, first, last)
    assert board.totals.satisfaction.satisfied == 0
    dialog = offer(main, history["Lê Văn An"])
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # "Hài lòng"
    qtbot.waitUntil(
        lambda: page.board is not None and page.board.totals.satisfaction.satisfied == 1,
        timeout=20000,
    )
    qtbot.waitUntil(lambda: page.tiles["satisfied"].value == "1", timeout=5000)
    assert dossiers.show(ctx, history["Lê Văn An"]).last_event("rated").payload["score"] == (
        "satisfied"
    )


def test_the_rating_dialog_is_skipped_with_esc_and_writes_nothing(qtbot, shell, ctx, history):
    main = sign_in(qtbot, shell, "lanh.dao")
    code = history["Lê Văn An"]
    dialog = offer(main, code)
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_ops(qtbot)
    assert dossiers.show(ctx, code).last_event("rated") is None
