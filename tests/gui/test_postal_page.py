"""The postal page on the real widget and a real store: lists by ward, scan-to-hand-over with a
scanner's keystrokes (code, Enter, label, Enter), a wrong label refused in Vietnamese, the record
made and printed, outcomes recorded, overdue items shown; a change made in another window reaches
the open page's lists and counts by itself, read off the GUI thread."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from onestop.domain.clock import VN_TZ
from onestop.domain.identifiers import make_s10
from onestop.services import dossiers, postal
from onestop.services.reception import ReceiveRequest, receive
from onestop.ui import operations, ops
from onestop.ui.operations import postal as postal_ops

ADDRESS = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
ADDRESS_2 = "Ấp Hòa Thạnh, Xã Mỹ Hòa Hưng, Tỉnh An Giang"


def wait(qtbot) -> None:
    qtbot.waitUntil(lambda: ops.tracker().count == 0, timeout=15000)


def ready(ctx, name: str, address: str = ADDRESS) -> str:
    req = ReceiveRequest(
        procedure_code="1.001193",
        applicant_name=name,
        phone="0912345678",
        address=address,
        return_by="post",
    )
    code = receive(ctx, req).code
    dossiers.mark_result_ready(ctx, code)
    return code


def scan(qtbot, page, text: str) -> None:
    """What a barcode scanner does: type the characters, then Enter."""
    qtbot.keyClicks(page.handover.scan, text)
    qtbot.keyClick(page.handover.scan, Qt.Key.Key_Return)


def tree_rows(tree) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in range(tree.topLevelItemCount()):
        ward = tree.topLevelItem(i)
        out[ward.text(0)] = [ward.child(j).text(0) for j in range(ward.childCount())]
    return out


def tree_column(tree, column: int) -> dict[str, str]:
    """Each row's first column -> its text in ``column``, under every ward."""
    return {
        tree.topLevelItem(i).child(j).text(0): tree.topLevelItem(i).child(j).text(column)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    }


@pytest.fixture
def page(ctx, qtbot):
    from onestop.ui.postal import PostalPage

    def make():
        ctx.role = "postal"
        widget = PostalPage(ctx)
        qtbot.addWidget(widget)
        widget.show()
        wait(qtbot)
        return widget

    return make


def test_scan_to_hand_over(ctx, clock, qtbot, page):
    a = ready(ctx, "Nguyễn Văn An")
    b = ready(ctx, "Trần Thị Bé", ADDRESS_2)
    c = ready(ctx, "Lê Văn Cường")
    w = page()
    assert tree_rows(w.lists.delivery_tree) == {
        "Phường Long Xuyên (2)": [a, c],
        "Xã Mỹ Hòa Hưng (1)": [b],
    }
    assert "3 chờ giao" in w.lists.tabText(0)

    good_a, good_b = make_s10("RR", 11111111), make_s10("RR", 22222222)
    wrong = good_b[:10] + str((int(good_b[10]) + 1) % 10) + "VN"
    scan(qtbot, w, make_s10("RR", 33333333))  # a label before any dossier
    assert "quét mã hồ sơ trước" in w.message.text()
    scan(qtbot, w, a.lower())  # scanners and people type lower case too
    assert w.handover.pending == (a, "Nguyễn Văn An")
    scan(qtbot, w, good_a)
    assert w.handover.pairs == [(a, good_a, "Nguyễn Văn An")]
    scan(qtbot, w, b)
    scan(qtbot, w, wrong)
    # The wrong check digit is refused with the reason in Vietnamese; the dossier still waits.
    assert "sai số kiểm tra" in w.message.text()
    assert w.handover.pending == (b, "Trần Thị Bé") and len(w.handover.pairs) == 1
    scan(qtbot, w, good_a)  # one label for two dossiers
    assert "đã ghép với hồ sơ" in w.message.text() and len(w.handover.pairs) == 1
    scan(qtbot, w, good_b)
    scan(qtbot, w, a)  # the same dossier twice
    assert "đã có trong biên bản" in w.message.text()
    scan(qtbot, w, "000.00.00.H00-261116-9999")
    assert "không có trong danh sách" in w.message.text()
    assert w.handover.pairs_table.rowCount() == 2
    assert w.handover.pairs_table.item(1, 1).text() == good_b

    w.handover.postman.setText("Võ Văn Bưu")
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert w.handover.last_record == "BBGN-2026-01-00001"
    assert w.handover.pairs == [] and w.handover.pairs_table.rowCount() == 0
    assert "BBGN-2026-01-00001" in w.message.text()
    assert {dossiers.show(ctx, x).to_json()["status"] for x in (a, b)} == {"out_for_delivery"}
    assert dossiers.show(ctx, c).to_json()["status"] == "result_ready"
    record = postal.record_json(ctx, "BBGN-2026-01-00001")
    assert [(i.code, i.consignment) for i in record.items] == [(a, good_a), (b, good_b)]
    assert record.postman == "Võ Văn Bưu"
    # The lists now show the consignments, and only c waits.
    consignments = tree_column(w.lists.delivery_tree, 4)
    assert consignments == {a: good_a, b: good_b, c: ""}
    assert "1 chờ giao" in w.lists.tabText(0)

    qtbot.mouseClick(w.handover.print_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert w.last_pdf is not None and w.last_pdf.startswith(b"%PDF")
    assert w.preview is not None and w.preview.isVisible()
    w.preview.close()


def test_a_refused_hand_over_keeps_the_pairs(ctx, clock, qtbot, page):
    a = ready(ctx, "Nguyễn Văn An")
    w = page()
    scan(qtbot, w, a)
    scan(qtbot, w, make_s10("RR", 44444444))
    # Meanwhile the dossier was handed over from another window: the service refuses.
    ctx.role = None
    postal.handover(ctx, "delivery", [postal.HandoverLine(a, make_s10("RR", 55555555))])
    ctx.role = "postal"
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert "chưa sẵn sàng giao bưu điện" in w.message.text()
    assert len(w.handover.pairs) == 1 and w.handover.last_record is None


def test_pickup_scan_outcomes_and_overdue(ctx, clock, qtbot, page):
    req = postal.request_pickup(
        ctx,
        postal.PickupInput(
            procedure_code="1.001193",
            applicant_name="Phạm Thị Dung",
            phone="0987654321",
            address=ADDRESS_2,
            day=date(2026, 11, 16),
        ),
    )
    code = ready(ctx, "Nguyễn Văn An")
    postal.handover(ctx, "delivery", [postal.HandoverLine(code, make_s10("RR", 66666666))])
    w = page()
    assert tree_rows(w.lists.pickup_tree) == {"Xã Mỹ Hòa Hưng (1)": [req.ref]}
    w.handover.kind.setCurrentIndex(w.handover.kind.findData("pickup"))
    scan(qtbot, w, req.ref)
    scan(qtbot, w, make_s10("EE", 77777777))
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    received = postal.day_list(ctx, date(2026, 11, 16), "pickup")[0]
    assert received.status == "received"
    assert dossiers.show(ctx, received.code).to_json()["channel"] == "postal"
    assert tree_rows(w.lists.pickup_tree) == {"Xã Mỹ Hòa Hưng (1)": [received.code]}

    # A failed attempt: the next one two working days later.
    w.outcomes.outcome_code.setText(code)
    w.outcomes.outcome.setCurrentIndex(w.outcomes.outcome.findData("failed"))
    w.outcomes.reason.setText("Không có người nhận")
    qtbot.mouseClick(w.outcomes.outcome_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert "phát lại ngày 18/11/2026" in w.message.text()
    # Missing recipient ID: refused with the reason, nothing recorded.
    w.outcomes.outcome_code.setText(code)
    w.outcomes.outcome.setCurrentIndex(w.outcomes.outcome.findData("delivered"))
    w.outcomes.recipient.setText("Nguyễn Văn An")
    qtbot.mouseClick(w.outcomes.outcome_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert "giấy tờ tùy thân" in w.message.text()
    assert dossiers.show(ctx, code).to_json()["status"] == "out_for_delivery"

    # Two days on, the re-attempt was not reported: overdue with the post.
    clock.set(datetime(2026, 11, 19, 9, 0, tzinfo=VN_TZ))
    w.day.setDate(w.day.date().addDays(3))
    wait(qtbot)
    assert w.lists.overdue_table.rowCount() == 1
    assert w.lists.overdue_table.item(0, 1).text() == code
    assert "phát lại" in w.lists.overdue_table.item(0, 5).text()


def test_export_and_import_files_for_the_post_office(
    ctx, clock, qtbot, page, tmp_path, monkeypatch
):
    """The buttons for the post office's files: the day's consignments out as XLSX (what the
    operator's system takes), its file of delivery outcomes back in; a bad file is refused
    with its line named and nothing written."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    a = ready(ctx, "Nguyễn Văn An")
    b = ready(ctx, "Trần Thị Bé", ADDRESS_2)
    s10_a, s10_b = make_s10("RR", 44444444), make_s10("RR", 55555555)
    postal.handover(ctx, "delivery", [postal.HandoverLine(a, s10_a), postal.HandoverLine(b, s10_b)])
    w = page()
    # The clerk types a name without an extension in the save dialog: XLSX is assumed.
    chosen = tmp_path / "gui-buu-gui"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), ""))
    )
    qtbot.mouseClick(w.files.export_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    written = chosen.with_suffix(".xlsx")
    assert "Đã xuất 2 bưu gửi" in w.message.text() and str(written) in w.message.text()
    grid = [list(r) for r in load_workbook(written).worksheets[0].iter_rows(values_only=True)]
    assert grid[0] == list(postal.EXPORT_COLUMNS)
    assert sorted(r[0] for r in grid[1:]) == sorted([s10_a, s10_b])

    day = w.selected_day().isoformat()
    clock.set(datetime(2026, 11, 16, 17, 0, tzinfo=VN_TZ))  # the end of the day: outcomes known
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "consignment,outcome,at,recipient,id_number,reason\n"
        f"{s10_a},delivered,{day}T10:00,Nguyễn Văn An,001190012345,\n"
        f"{s10_b},delivered,{day}T11:00,Trần Thị Bé,,\n",  # delivered without an ID number
        encoding="utf-8",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), ""))
    )
    qtbot.mouseClick(w.files.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert w.message.text().startswith("bad.csv, dòng 3.id_number: "), w.message.text()
    assert {dossiers.show(ctx, x).to_json()["status"] for x in (a, b)} == {"out_for_delivery"}

    good = tmp_path / "good.csv"
    good.write_text(
        "Số hiệu bưu gửi,Kết quả,Thời gian,Người nhận,Số giấy tờ,Lý do\n"
        f"{s10_a},delivered,{day}T10:00,Nguyễn Văn An,001190012345,\n"
        f"{s10_b},failed,{day}T11:00,,,Vắng nhà\n",
        encoding="utf-8-sig",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(good), ""))
    )
    qtbot.mouseClick(w.files.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert "Đã ghi 2 kết quả phát" in w.message.text(), w.message.text()
    assert dossiers.show(ctx, a).to_json()["status"] == "delivered"
    assert (
        dossiers.show(ctx, b).to_json()["status"] == "out_for_delivery"
    )  # one failure: tried again


def test_a_pickup_request_is_cancelled_from_the_list(ctx, clock, qtbot, page, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    day = clock().date()
    p = postal.request_pickup(
        ctx,
        postal.PickupInput(
            procedure_code="1.001193",
            applicant_name="Lê Thị Bích",
            phone="0987654321",
            address=ADDRESS_2,
            day=day,
        ),
    )
    w = page()
    # Nothing chosen: the clerk is told what to do, nothing changes.
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    assert "Chọn một yêu cầu" in w.message.text()
    ward = w.lists.pickup_tree.topLevelItem(0)
    w.lists.pickup_tree.setCurrentItem(ward.child(0))
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Công dân gọi điện hủy", True))
    )
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert "Đã hủy yêu cầu thu gom của Lê Thị Bích" in w.message.text()
    assert "0 chờ nhận" in w.lists.tabText(1)
    assert w.lists.pickup_tree.topLevelItem(0).child(0).text(5) == "Đã hủy"
    assert postal.day_list(ctx, day, "pickup")[0].status == "cancelled"
    w.handover.select_kind("pickup")
    assert p.ref.upper() not in w.handover.waiting()


def test_a_change_made_elsewhere_reaches_the_open_page_without_the_clerk(
    ctx, clock, qtbot, page, monkeypatch
):
    """A hand-over made in another window (through the operations layer, as every window makes
    it) and then a result marked ready at the counter: the open postal page's delivery list and
    its "chờ giao" count follow each time, agreeing with each other, without anyone pressing
    refresh; the page reads its lists in ops on worker threads, never on the GUI thread."""
    a = ready(ctx, "Nguyễn Văn An")
    b = ready(ctx, "Trần Thị Bé", ADDRESS_2)
    # Received for delivery by post, its result not ready yet: not on the list.
    c = receive(
        ctx,
        ReceiveRequest(
            procedure_code="1.001193",
            applicant_name="Lê Văn Cường",
            phone="0912345678",
            address=ADDRESS,
            return_by="post",
        ),
    ).code
    w = page()
    assert tree_column(w.lists.delivery_tree, 4) == {a: "", b: ""}
    assert "2 chờ giao" in w.lists.tabText(0)

    reads: list[bool] = []
    real = postal.day_lists

    def day_lists(c, day):
        reads.append(threading.current_thread() is threading.main_thread())
        return real(c, day)

    monkeypatch.setattr(postal, "day_lists", day_lists)
    other = QWidget()  # another window of the program
    qtbot.addWidget(other)
    label = make_s10("RR", 88888888)
    made: list = []
    postal_ops.handover(other, ctx, "delivery", [postal_ops.HandoverLine(a, label)]).on_done(
        made.append
    ).start()
    qtbot.waitUntil(lambda: "1 chờ giao" in w.lists.tabText(0), timeout=15000)
    wait(qtbot)
    assert made[0].record == "BBGN-2026-01-00001"
    assert tree_column(w.lists.delivery_tree, 4) == {a: label, b: ""}
    assert "1 chờ giao" in w.lists.tabText(0)
    waiting = [r for r in w.lists.current.delivery if r.status == "result_ready"]
    assert [r.ref for r in waiting] == [b] and w.lists.current.waiting_delivery == 1
    assert reads and not any(reads)

    # A result ready at the counter (a dossier change, not a postal one) joins the list too.
    ctx.role = None  # the counter's window
    changes = operations.Changes(dossiers=True, source=other)
    operations.write(other, ctx, changes, dossiers.mark_result_ready, c).start()
    qtbot.waitUntil(lambda: "2 chờ giao" in w.lists.tabText(0), timeout=15000)
    wait(qtbot)
    assert tree_column(w.lists.delivery_tree, 4) == {a: label, b: "", c: ""}
    assert len(reads) >= 2 and not any(reads)


def test_a_half_scanned_dossier_is_never_dropped(ctx, clock, qtbot, page):
    a = ready(ctx, "Nguyễn Văn An")
    b = ready(ctx, "Trần Thị Bé", ADDRESS_2)
    w = page()
    label_a, label_b = make_s10("RR", 66666666), make_s10("RR", 77777777)
    scan(qtbot, w, a)
    scan(qtbot, w, label_a)
    scan(qtbot, w, b)  # its label not scanned yet
    assert w.handover.pairs_table.rowCount() == 2  # the half-scanned dossier is a row
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert "chưa có số hiệu bưu gửi" in w.message.text() and b in w.message.text()
    assert w.handover.last_record is None
    assert w.handover.pending == (b, "Trần Thị Bé")
    assert w.handover.pairs == [(a, label_a, "Nguyễn Văn An")]
    assert dossiers.show(ctx, a).status == "result_ready"
    # Switching to pickups would lose them: refused too.
    w.handover.kind.setCurrentIndex(w.handover.kind.findData("pickup"))
    assert w.handover.kind.currentData() == "delivery" and w.handover.pending is not None
    # The pair stays: its label completes it and the record holds both.
    scan(qtbot, w, label_b)
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    record = postal.record_json(ctx, w.handover.last_record)
    assert [(i.code, i.consignment) for i in record.items] == [(a, label_a), (b, label_b)]


def test_a_half_scanned_dossier_is_removed_only_on_purpose(ctx, clock, qtbot, page):
    a = ready(ctx, "Nguyễn Văn An")
    b = ready(ctx, "Trần Thị Bé", ADDRESS_2)
    w = page()
    label_a = make_s10("RR", 66666666)
    scan(qtbot, w, a)
    scan(qtbot, w, label_a)
    scan(qtbot, w, b)
    w.handover.pairs_table.selectRow(1)
    qtbot.mouseClick(w.handover.remove_button, Qt.MouseButton.LeftButton)
    assert w.handover.pending is None and w.handover.pairs_table.rowCount() == 1
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    record = postal.record_json(ctx, w.handover.last_record)
    assert [i.code for i in record.items] == [a]
    assert dossiers.show(ctx, b).status == "result_ready"


def _pdf_text(data: bytes) -> str:
    import io

    import pypdf

    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


@pytest.mark.parametrize("role", ["postal", "counter"])
def test_the_record_names_both_parties_whoever_is_signed_in(ctx, clock, qtbot, role):
    from onestop.ui.postal import PostalPage

    a = ready(ctx, "Nguyễn Văn An")
    ctx.role = role
    ctx.actor = "buu.dien" if role == "postal" else "can.bo"
    w = PostalPage(ctx)
    qtbot.addWidget(w)
    w.show()
    wait(qtbot)
    scan(qtbot, w, a)
    scan(qtbot, w, make_s10("RR", 88888888))
    if role == "postal":
        # The postman signed in is the postal side; the officer is asked for.
        assert w.handover.officer.isVisible()
        w.handover.officer.setText("Nguyễn Thị Thu Hà")
    else:
        assert not w.handover.officer.isVisible()
        w.handover.postman.setText("Trần Văn Bưu")
    qtbot.mouseClick(w.handover.record_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    assert w.handover.last_record is not None
    record = postal.record_json(ctx, w.handover.last_record)
    assert record.officer_name == "Nguyễn Thị Thu Hà" and record.postman == "Trần Văn Bưu"
    qtbot.mouseClick(w.handover.print_button, Qt.MouseButton.LeftButton)
    wait(qtbot)
    text = _pdf_text(w.last_pdf)
    assert "Ông/Bà Nguyễn Thị Thu Hà, cán bộ Bộ phận Một cửa" in text
    assert "Ông/Bà Trần Văn Bưu, nhân viên" in text
    w.preview.close()
