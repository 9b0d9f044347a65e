"""Issue 14, item 8 in the window: the reception form's address pickers store the 2025 province and
commune codes for a return by post; a return address typed as an old address is flagged while
typing (new province, nearest communes) and refused on save, nothing stored."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from onestop.services import dossiers
from tests.gui.conftest import ctrl_enter, sign_in, type_text, wait_ops


def pick(qtbot, picker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.key, f"nothing picked for {text!r}"


def counts(ctx) -> dict[str, int]:
    conn = sqlite3.connect(ctx.store.engine.url.database)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dossiers", "events")
        }
    finally:
        conn.close()


def start(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    page = main.show_page("reception")
    qtbot.waitUntil(lambda: bool(page.procedures))
    pick(qtbot, page.procedure, "1.001193")
    page.tick_all()
    type_text(page.name, "Trần Thị Bình")
    qtbot.keyClicks(page.phone.edit, "0912345678")
    type_text(page.address.street, "25 Trần Hưng Đạo")
    # Typed without diacritics, as clerks do.
    pick(qtbot, page.address.province, "an giang")
    pick(qtbot, page.address.ward, "my thoi")
    return main, page


def test_the_pickers_store_the_province_and_commune_codes(qtbot, shell, ctx):
    main, page = start(qtbot, shell)
    page.by_post.setChecked(True)
    assert page.return_unit_codes() == ("91", "30301")
    assert page.request().return_commune_code == "30301"
    ctrl_enter(qtbot, page.name)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=15000)
    stored = dossiers.show(ctx, page.last_code)
    assert stored.return_address == "25 Trần Hưng Đạo, Phường Mỹ Thới, Tỉnh An Giang"
    assert stored.return_unit is not None
    assert (stored.return_unit.province_code, stored.return_unit.commune_code) == ("91", "30301")
    assert stored.events[0].payload["return_commune_code"] == "30301"


def test_a_return_at_the_counter_carries_no_codes(qtbot, shell, ctx):
    _main, page = start(qtbot, shell)
    assert page.return_unit_codes() == (None, None)
    assert page.request().return_province_code is None


def test_an_old_return_address_is_flagged_while_typing_and_refused(qtbot, shell, ctx):
    main, page = start(qtbot, shell)
    page.by_post.setChecked(True)
    page.return_address.clear()
    type_text(page.return_address, "12 Lê Lợi, Phường Thủ Dầu Một, tỉnh Bình Dương")
    # A typed return address is resolved from its text, not from the applicant's pickers.
    assert page.return_unit_codes() == (None, None)
    assert page.address_error.isVisible()
    hint = page.address_error.text()
    assert "Thành phố Hồ Chí Minh" in hint and "Phường Thủ Dầu Một" in hint
    before = counts(ctx)
    ctrl_enter(qtbot, page.name)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: "chưa được lưu" in page.form_error.text(), timeout=10000)
    assert "Bình Dương" in page.form_error.text()
    assert counts(ctx) == before and main.last_preview is None
    # Written again on the 2025 map, the hint goes and the dossier is received with its codes.
    page.return_address.clear()
    qtbot.keyClicks(page.return_address, "12 Le Loi, phuong thu dau mot, tp ho chi minh")
    assert not page.address_error.isVisible()
    ctrl_enter(qtbot, page.name)
    qtbot.waitUntil(lambda: main.last_preview is not None, timeout=15000)
    unit = dossiers.show(ctx, page.last_code).return_unit
    assert unit is not None and unit.province_code == "79"
    assert unit.commune_name == "Phường Thủ Dầu Một"
