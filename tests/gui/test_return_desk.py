"""The return desk through its real widgets: the recipient's ID number is required, an
authorised person's collection is recorded and shown in the timeline, and the list of results
waiting to be collected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from tests.gui.conftest import ctrl_enter, sign_in, type_text
from tests.gui.test_desktop import counts


def as_counter(ctx) -> Context:
    return Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")


def ready(ctx, name: str, id_number: str | None = None, phone: str | None = None) -> str:
    counter = as_counter(ctx)
    req = ReceiveRequest(
        procedure_code="1.001193", applicant_name=name, id_number=id_number, phone=phone
    )
    code = receive(counter, req).code
    dossiers.mark_result_ready(counter, code)
    return code


def scan(qtbot, page, text: str) -> None:
    page.scan.selectAll()
    qtbot.keyClicks(page.scan, text)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)


def test_a_return_without_the_recipients_id_is_refused_and_writes_nothing(qtbot, shell, ctx):
    code = ready(ctx, "Hồ Thị Lan")  # received without an ID number: nothing to prefill
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("return")
    scan(qtbot, page, code)
    qtbot.waitUntil(lambda: page.actions.form is not None, timeout=10000)
    form = page.actions.form
    assert form.recipient_id.text() == ""
    before = counts(ctx)
    ctrl_enter(qtbot, form.recipient)
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=10000)
    assert "số giấy tờ" in form.error.text()
    assert counts(ctx) == before
    assert dossiers.show(ctx, code).status == "result_ready"


def test_an_authorised_person_collects_and_the_timeline_says_so(qtbot, shell, ctx):
    code = ready(ctx, "Hồ Thị Lan", id_number="001190012345")
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("return")
    scan(qtbot, page, code)
    qtbot.waitUntil(lambda: page.actions.form is not None, timeout=10000)
    form = page.actions.form
    form.recipient.selectAll()
    type_text(form.recipient, "Lý Văn Tài")
    form.recipient_id.edit.clear()
    qtbot.keyClicks(form.recipient_id.edit, "001090012345")
    form.authorised.setFocus()
    qtbot.keyClick(form.authorised, Qt.Key.Key_Space)
    assert form.authorised.isChecked()
    ctrl_enter(qtbot, form.recipient)
    qtbot.waitUntil(lambda: page.panel.detail.status == "returned", timeout=10000)
    assert dossiers.show(ctx, code).events[-1].payload == {
        "recipient": "Lý Văn Tài",
        "recipient_id": "001090012345",
        "authorised": True,
    }
    timeline = page.panel.timeline
    last = timeline.topLevelItem(timeline.topLevelItemCount() - 1)
    row = " ".join(last.text(i) for i in range(last.columnCount()))
    assert "Lý Văn Tài" in row and "được ủy quyền" in row


def test_the_waiting_list_and_a_name_typed_in_the_scan_field(qtbot, shell, ctx, clock):
    from datetime import timedelta

    older = ready(ctx, "Đặng Thị Hoa Rây", phone="0912345678")
    clock.set(clock.now + timedelta(days=3))
    newer = ready(ctx, "Nguyễn Văn An", phone="0987654321")
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("return")
    tree = page.waiting.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10000)
    assert [tree.topLevelItem(i).text(0) for i in range(2)] == [older, newer]
    assert tree.topLevelItem(0).text(4) == "3 ngày"
    # A name, not a code: the matching results to pick from, not "not found".
    scan(qtbot, page, "hoa ray")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1, timeout=10000)
    assert tree.topLevelItem(0).text(0) == older
    assert "Không tìm thấy" not in page.message.text()
    scan(qtbot, page, "0987")
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(0) == newer, timeout=10000)
    assert tree.topLevelItemCount() == 1
    qtbot.keyClick(page.scan, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.actions.form is not None, timeout=10000)
    assert page.panel.detail.code == newer
    form = page.actions.form
    form.recipient_id.setText("001090012345")
    ctrl_enter(qtbot, form.recipient)
    qtbot.waitUntil(lambda: page.panel.detail.status == "returned", timeout=10000)
    # The list follows: the result handed over leaves it.
    page.scan.clear()
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    # (The filtered list showed one row already: wait for the unfiltered one.)
    qtbot.waitUntil(
        lambda: tree.topLevelItemCount() == 1 and tree.topLevelItem(0).text(0) == older,
        timeout=10000,
    )
