"""The desktop client driven through its real widgets on a real store (offscreen Qt): sign-in and
roles, receiving from the keyboard, refusals that store nothing, the return desk, search, the daily
log, follow-up actions, printing to PDF files, remembered layout."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from onestop.domain.clock import VN_TZ
from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from tests.gui.conftest import ctrl_enter, sign_in, type_text, wait_ops


def counts(ctx) -> dict[str, int]:
    path = ctx.store.engine.url.database
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dossiers", "events", "guidance")
        }
    finally:
        conn.close()


def as_counter(ctx) -> Context:
    return Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")


def printed(shell) -> list:
    return sorted(shell.printed.glob("*.pdf")) if shell.printed.exists() else []


# --- sign-in and roles ------------------------------------------------------------------------


def test_sign_in_refuses_a_wrong_password_and_lists_demo_accounts(qtbot, shell):
    signin = shell.signin
    assert signin.demo_box.isVisible()
    assert signin.demo_list.count() == 4
    qtbot.keyClicks(signin.username, "can.bo")
    qtbot.keyClicks(signin.password, "sai-mat-khau")
    qtbot.keyClick(signin.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in signin.message.text(), timeout=10000)
    assert signin.message.isVisible()
    assert shell.main is None


def test_each_role_sees_only_its_pages(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    assert main.page_keys == ["reception", "return", "search", "log"]
    assert "Nguyễn Thị Thu Hà" in main.person_label.text()
    assert "Quầy 1" in main.workstation_label.text()
    main.set_sync_state("đã đồng bộ lúc 09:00")
    assert "đã đồng bộ" in main.sync_label.text()
    main.sign_out()
    qtbot.waitUntil(lambda: shell.signin.isVisible())
    main = sign_in(qtbot, shell, "lanh.dao")
    assert main.page_keys == ["search", "log", "dashboard"]
    assert main.current_page_key() == "dashboard"  # where a supervisor lands (issue 16)
    main.sign_out()
    main = sign_in(qtbot, shell, "buu.dien")
    assert "reception" not in main.page_keys and "postal" in main.page_keys
    main.sign_out()
    main = sign_in(qtbot, shell, "quan.tri")
    assert main.page_keys == [
        "reception",
        "return",
        "search",
        "log",
        "dashboard",
        "postal",
        "users",
    ]


def test_demo_account_is_picked_from_the_list_with_the_keyboard(qtbot, shell):
    signin = shell.signin
    signin.demo_list.setFocus()
    signin.demo_list.setCurrentRow(2)
    qtbot.keyClick(signin.demo_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.main is not None, timeout=10000)
    assert shell.main.ctx.role == "supervisor"
    assert shell.main.ctx.actor == "lanh.dao"


# --- reception ------------------------------------------------------------------------------


def pick(qtbot, picker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.key, f"nothing picked for {text!r}"


def fill_applicant(qtbot, page) -> None:
    type_text(page.name, "đặng thị hoa rây")
    qtbot.keyClicks(page.id_number.edit, "001190012345")
    qtbot.keyClicks(page.phone.edit, "0912 345 678")
    type_text(page.address.street, "12 Nguyễn Huệ")
    pick(qtbot, page.address.province, "an giang")
    pick(qtbot, page.address.ward, "long xuyen")


def test_receive_a_dossier_with_the_keyboard_and_print_its_receipt(qtbot, shell, ctx):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    assert page.procedure.hasFocus() or QApplication.focusWidget() is page.procedure
    pick(qtbot, page.procedure, "1.001193")
    assert page.documents.count() >= 1
    # Before all documents are ticked, Ctrl+D ticks them all.
    qtbot.keyClick(page.documents, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.missing() == []
    fill_applicant(qtbot, page)
    assert "CCCD" in page.id_number.message.text()
    page.by_post.setFocus()
    qtbot.keyClick(page.by_post, Qt.Key.Key_Space)
    assert page.by_post.isChecked()
    assert page.return_address.text() == "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
    # In-the-day procedure, received Monday 09:05: due at the end of the day.
    assert "17:00" in page.due.text() and "16/11/2026" in page.due.text()
    ctrl_enter(qtbot, page.name)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=15000)
    preview = main.last_preview
    assert preview.document.pageCount() == 2  # Liên 1 and Liên 2
    # Ready for the next applicant at once: blank form, focus on the procedure.
    assert page.name.text() == "" and page.procedure.key == ""
    code = page.last_code
    stored = dossiers.show(ctx, code)
    assert stored.applicant_name == "Đặng Thị Hoa Rây"
    assert stored.id_number == "001190012345"
    assert stored.phone == "0912345678"
    assert stored.return_by == "post"
    assert stored.return_address == "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"
    assert stored.events[0].actor == "can.bo"
    qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    files = printed(shell)
    assert len(files) == 1 and code in files[0].name
    from pypdf import PdfReader

    reader = PdfReader(files[0])
    assert len(reader.pages) == 2
    assert any("Đã in ra tệp" in text for text, ok in main.messages if ok)


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(qtbot, shell, ctx):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    before = counts(ctx)
    # Nothing at all: the procedure and the name are asked for.
    ctrl_enter(qtbot, page.procedure)
    assert page.procedure_error.isVisible()
    assert "Chưa chọn thủ tục" in page.procedure_error.text()
    assert page.name_error.isVisible()
    pick(qtbot, page.procedure, "1.001193")
    page.tick_all()
    type_text(page.name, "Lê Văn An")
    qtbot.keyClicks(page.phone.edit, "0123")
    # While typing, a grey hint; once the field is left or on save, the reason in red.
    assert "10 chữ số" in page.phone.message.text() or "Đầu số" in page.phone.message.text()
    ctrl_enter(qtbot, page.phone.edit)
    assert page.phone.message.isVisible()
    assert "b3261e" in page.phone.message.styleSheet()
    assert "chưa được lưu" in page.form_error.text()
    wait_ops(qtbot)
    assert counts(ctx) == before
    assert main.last_preview is None
    # Refused by the service (post without an address): the message names the field.
    page.phone.setText("0912345678")
    page.by_post.setChecked(True)
    ctrl_enter(qtbot, page.name)
    qtbot.waitUntil(lambda: page.address_error.isVisible(), timeout=10000)
    assert "địa chỉ" in page.address_error.text()
    assert counts(ctx) == before


def test_missing_documents_give_the_supplement_form_not_a_receipt(qtbot, shell, ctx):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    pick(qtbot, page.procedure, "1.001193")
    type_text(page.name, "Lê Văn Bình")
    before = counts(ctx)
    ctrl_enter(qtbot, page.name)
    assert page.guidance.isVisible()
    assert page.documents.item(0).data(Qt.ItemDataRole.UserRole)["name"] in (
        page.guidance_items.toPlainText()
    )
    qtbot.mouseClick(page.guidance_supplement, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=15000)
    after = counts(ctx)
    assert after["dossiers"] == before["dossiers"]
    assert after["guidance"] == before["guidance"] + 1
    assert not page.guidance.isVisible()


# --- return desk ------------------------------------------------------------------------------


def test_scan_the_code_mark_the_result_and_record_the_return(qtbot, shell, ctx):
    code = receive(
        as_counter(ctx),
        ReceiveRequest(
            procedure_code="1.001193", applicant_name="Trần Thị Mai", id_number="001190012345"
        ),
    ).code
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("return")
    qtbot.waitUntil(lambda: page.scan.hasFocus() or QApplication.focusWidget() is page.scan)
    # The scanner types the code and Enter; lower case, as some scanners send it.
    qtbot.keyClicks(page.scan, code.lower())
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10000)
    assert page.panel.title.text() == code
    assert page.panel.timeline.topLevelItemCount() == 1
    assert "Chưa có kết quả" in page.panel.hand_back.text()
    qtbot.keyClick(page.scan, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.panel.detail.status == "result_ready", timeout=10000)
    assert page.panel.timeline.topLevelItemCount() == 2
    # Scanning again opens the return form straight away, recipient prefilled.
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.actions.form is not None, timeout=10000)
    form = page.actions.form
    assert "Trao cho người nhận" in page.panel.hand_back.text()
    assert form.recipient.text() == "Trần Thị Mai"
    form.recipient.selectAll()
    type_text(form.recipient, "Trần Văn Hùng")
    form.recipient_id.edit.clear()
    qtbot.keyClicks(form.recipient_id.edit, "001090012345")
    ctrl_enter(qtbot, form.recipient)
    qtbot.waitUntil(lambda: page.panel.detail.status == "returned", timeout=10000)
    shown = dossiers.show(ctx, code)
    assert shown.status == "returned"
    assert shown.events[-1].payload == {
        "recipient": "Trần Văn Hùng",
        "recipient_id": "001090012345",
    }
    assert shown.events[-1].actor == "can.bo"
    assert page.scan.hasFocus() or QApplication.focusWidget() is page.scan


def test_unknown_code_says_so_and_keeps_the_scan_field(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("return")
    qtbot.keyClicks(page.scan, "000.00.00.H00-261116-9999")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Không tìm thấy" in page.message.text(), timeout=10000)
    assert page.panel.detail is None


# --- search and dossier window ----------------------------------------------------------------


def test_search_with_a_folded_name_and_open_the_dossier(qtbot, shell, ctx):
    counter = as_counter(ctx)
    wanted = receive(
        counter, ReceiveRequest(procedure_code="1.001193", applicant_name="Đặng Thị Hoa Rây")
    ).code
    receive(counter, ReceiveRequest(procedure_code="1.001193", applicant_name="Nguyễn Văn An"))
    main = sign_in(qtbot, shell, "lanh.dao")
    page = main.show_page("search")
    qtbot.keyClicks(page.query, "dang thi hoa ray")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert page.model.row(0).code == wanted
    assert "1 hồ sơ" in page.state.text()
    qtbot.keyClick(page.query, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(main.dossier_windows), timeout=5000)
    window = main.dossier_windows[-1]
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    assert window.panel.detail.applicant_name == "Đặng Thị Hoa Rây"
    # A supervisor extends once (apology letter) but does not receive or return.
    assert "extend" in window.actions.button_widgets
    assert "return" not in window.actions.button_widgets


def test_search_model_loads_lazily_page_by_page(qtbot, shell, ctx):
    counter = as_counter(ctx)
    for i in range(120):
        receive(
            counter,
            ReceiveRequest(
                procedure_code="1.001193", applicant_name=f"Phạm Thị Lan {chr(65 + i % 26)}"
            ),
        )
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("search")
    qtbot.keyClicks(page.query, "pham lan")
    qtbot.waitUntil(lambda: page.model.rowCount() == 50, timeout=10000)
    assert page.model.canFetchMore()
    page.table.scrollToBottom()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 100, timeout=10000)
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 120, timeout=10000)
    wait_ops(qtbot)
    assert not page.model.canFetchMore()
    codes = [page.model.row(i).code for i in range(120)]
    assert len(set(codes)) == 120


def test_follow_up_actions_from_the_dossier_window(qtbot, shell, ctx):
    code = receive(
        as_counter(ctx), ReceiveRequest(procedure_code="1.001193", applicant_name="Võ Thị Sáu")
    ).code
    main = sign_in(qtbot, shell, "can.bo")
    window = main.open_dossier(code)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    assert "extend" not in window.actions.button_widgets  # a supervisor's decision
    qtbot.mouseClick(window.actions.button_widgets["supplement"], Qt.MouseButton.LeftButton)
    form = window.actions.form
    assert form.text.hasFocus()
    type_text(form.text, "Bản sao giấy chứng nhận kết hôn")
    ctrl_enter(qtbot, form.text)
    qtbot.waitUntil(lambda: window.panel.detail.status == "supplement_requested", timeout=10000)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=10000)
    assert dossiers.show(ctx, code).events[-1].payload == {
        "missing": ["Bản sao giấy chứng nhận kết hôn"]
    }
    assert "print_supplement" in window.actions.button_widgets


# --- daily log -----------------------------------------------------------------------------------


def test_daily_log_in_receipt_order_with_overdue_highlighted_and_filters(qtbot, shell, ctx, clock):
    counter = as_counter(ctx)
    first = receive(
        counter, ReceiveRequest(procedure_code="1.001193", applicant_name="Hồ Văn Một")
    ).code
    second = receive(
        counter, ReceiveRequest(procedure_code="1.001193", applicant_name="Hồ Văn Hai")
    ).code
    dossiers.mark_result_ready(counter, second)
    clock.set(datetime(2026, 11, 16, 17, 30, tzinfo=VN_TZ))  # past the in-the-day due time
    main = sign_in(qtbot, shell, "lanh.dao")
    page = main.show_page("log")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10000)
    assert [page.model.row(i).code for i in range(2)] == [first, second]
    overdue_brush = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert overdue_brush is not None
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "1 quá hạn" in page.summary.text()
    page.status.setCurrentIndex(page.status.findData("result_ready"))
    assert page.model.rowCount() == 1 and page.model.row(0).code == second
    page.status.setCurrentIndex(0)
    page.overdue_only.setChecked(True)
    assert page.model.rowCount() == 1 and page.model.row(0).code == first
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=15000)
    clock.set(clock.now + timedelta(days=1))


# --- administration, layout ----------------------------------------------------------------------


def test_administrator_creates_an_account_who_can_then_sign_in(qtbot, shell):
    main = sign_in(qtbot, shell, "quan.tri")
    page = main.show_page("users")
    qtbot.waitUntil(lambda: page.list.topLevelItemCount() == 4, timeout=10000)
    page.username.clear()
    qtbot.keyClicks(page.username, "thu.trang")
    type_text(page.full_name, "Lý Thu Trang")
    qtbot.keyClicks(page.password, "mat-khau-moi")
    qtbot.keyClicks(page.password2, "mat-khau-moi")
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.list.topLevelItemCount() == 5, timeout=15000)
    main.sign_out()
    main = sign_in(qtbot, shell, "thu.trang", "mat-khau-moi")
    assert main.ctx.role == "counter"


def test_the_accounts_page_shows_a_change_made_elsewhere_without_user_action(qtbot, shell):
    from onestop.ui.operations import accounts

    main = sign_in(qtbot, shell, "quan.tri")
    page = main.show_page("users")
    qtbot.waitUntil(lambda: page.list.topLevelItemCount() == 4, timeout=10000)
    page.list.setCurrentItem(page.list.topLevelItem(0))
    chosen = page.list.currentItem().text(0)
    page.username.setText("dang.go")
    # Another window of this program (any parent) creates an account and disables one.
    accounts.add(None, main.ctx, "moi.den", "postal", "mat-khau-dai").start()
    accounts.set_active(None, main.ctx, "buu.dien", False).start()

    def rows() -> dict[str, str]:
        return {
            page.list.topLevelItem(i).text(0): page.list.topLevelItem(i).text(3)
            for i in range(page.list.topLevelItemCount())
        }

    qtbot.waitUntil(lambda: rows().get("buu.dien") == "Đã khóa" and "moi.den" in rows())
    assert rows()["moi.den"] == "Hoạt động"
    # The refresh keeps the chosen row and leaves what is being typed alone.
    assert page.list.currentItem().text(0) == chosen
    assert page.username.text() == "dang.go"


def test_window_layout_is_remembered_between_sessions(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    main.resize(777, 555)
    main.show_page("search")
    main.sign_out()
    main = sign_in(qtbot, shell, "can.bo")
    assert (main.width(), main.height()) == (777, 555)
    assert main.current_page_key() == "search"
    assert (shell.data_dir / "onestop-ui.ini").exists()


def test_every_page_is_reachable_by_its_key(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    for key, act in main.page_actions.items():
        act.trigger()
        assert main.current_page_key() == key
        assert main.pages[key].isVisible()
        assert act.shortcut().toString()


# --- sync state ---------------------------------------------------------------------------------


def test_f9_in_the_demo_says_the_demo_never_syncs(qtbot, shell, tmp_path):
    main = sign_in(qtbot, shell, "can.bo")
    main.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(main.messages) and not main.syncing, timeout=10000)
    assert any("kho trình diễn" in text for text, _ in main.messages), main.messages
    assert not any(ok for text, ok in main.messages if "kho trình diễn" in text)


def test_status_bar_shows_sync_state_and_f9_syncs(qtbot, shell, ctx, tmp_path, request):
    from onestop.services import sync, users
    from onestop.services.setup import initialize
    from tests.integration.test_sync_support import AGENCY, make_central

    # A demo store does not sync: the office's own, set up on the store nobody practised on.
    initialize(ctx, agency_code=AGENCY)
    users.add_user(ctx, "ha.nguyen", "counter", "mat-khau-dai")
    main = sign_in(qtbot, shell, "ha.nguyen", "mat-khau-dai")
    qtbot.waitUntil(lambda: "chưa cấu hình" in main.sync_label.text(), timeout=10000)
    # As 'onestop sync --central URL' does once on the command line.
    central = make_central("sqlite", tmp_path, request)
    assert sync.run_sync(ctx, central_url=central.admin_url).ok
    receive(
        as_counter(ctx), ReceiveRequest(procedure_code="1.001193", applicant_name="Lý Văn Đồng")
    )
    main.refresh_sync_state()
    qtbot.waitUntil(lambda: "1 sự kiện chờ gửi" in main.sync_label.text(), timeout=10000)
    main.sync_action.trigger()
    qtbot.waitUntil(lambda: "0 sự kiện chờ gửi" in main.sync_label.text(), timeout=20000)
    assert any("Đã đồng bộ: gửi 1" in text for text, ok in main.messages if ok)


def test_after_init_of_the_office_the_sign_in_lists_and_opens_no_demo_account(qtbot, tmp_path):
    from onestop.ui.common import ui_settings
    from onestop.ui.signin import SignInWindow
    from tests.helpers import run_cli

    data = tmp_path / "office"
    run_cli(data, "user", "list")  # the first start: the demo store
    run_cli(data, "init", "--agency-code", "000.00.53.H48", "--agency-name", "UBND PHƯỜNG A")
    window = SignInWindow(data, ui_settings(tmp_path / "ui"))
    qtbot.addWidget(window)
    window.show()
    window.start_loading()
    try:
        qtbot.waitUntil(lambda: window.ctx is not None, timeout=15000)
        assert not window.demo_box.isVisible() and window.demo_list.count() == 0
        assert "000.00.53.H48" in window.agency.text()
        qtbot.waitUntil(lambda: "onestop user add" in window.message.text(), timeout=5000)
        signed: list = []
        window.signed_in.connect(lambda c, person: signed.append(person))
        qtbot.keyClicks(window.username, "quan.tri")
        qtbot.keyClicks(window.password, "demo1234")
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Sai tên đăng nhập" in window.message.text(), timeout=10000)
        assert signed == []
    finally:
        wait_ops(qtbot)
        if window.ctx is not None:
            window.ctx.store.close()


def test_demo_accounts_are_listed_in_demo_mode_only(qtbot, tmp_path):
    from onestop.services import users
    from onestop.services.context import Context
    from onestop.services.setup import initialize
    from onestop.store.db import open_local
    from onestop.ui.common import ui_settings
    from onestop.ui.signin import SignInWindow, prepare

    store = open_local(tmp_path / "office")
    try:
        office = Context(store=store, actor="quan.tri")
        initialize(office, demo=False, agency_code="000.00.53.H48")
        prepare(office, warm=False)
        window = SignInWindow(tmp_path, ui_settings(tmp_path / "ui"), office)
        qtbot.addWidget(window)
        window.show()
        assert not window.demo_box.isVisible()
        qtbot.waitUntil(lambda: "onestop user add" in window.message.text(), timeout=5000)
        users.add_user(office, "truong.phong", "admin", "mat-khau-dai")
        qtbot.keyClicks(window.username, "truong.phong")
        qtbot.keyClicks(window.password, "mat-khau-dai")
        signed: list = []
        window.signed_in.connect(lambda c, person: signed.append((c.actor, c.role)))
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(signed), timeout=10000)
        assert signed == [("truong.phong", "admin")]
    finally:
        wait_ops(qtbot)
        store.close()
