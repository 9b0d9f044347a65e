"""The administrator's office settings in the window: the back-entry window (issue 12, item 5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

from onestop.domain.errors import InputError
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from tests.gui.conftest import sign_in, wait_ops


def menu_texts(main) -> list[str]:
    return [a.text() for m in main.menuBar().actions() if m.menu() for a in m.menu().actions()]


def test_an_administrator_widens_the_back_entry_window(qtbot, shell, ctx, clock):
    long_ago = clock() - timedelta(days=60)
    with pytest.raises(InputError) as refused:
        receive(
            ctx,
            ReceiveRequest(procedure_code="1.001193", applicant_name="An", received_at=long_ago),
        )
    assert refused.value.field == "received_at"

    main = sign_in(qtbot, shell, "quan.tri")
    assert "&Cài đặt cơ quan…" in menu_texts(main)
    dialog = main.office_settings()
    days = dialog.findChild(QSpinBox, "back_entry_days")
    assert days.value() == 30
    days.setValue(90)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: main.ctx.settings.back_entry_days == 90, timeout=5000)
    assert main.messages[-1] == ("Đã lưu: ghi lùi tối đa 90 ngày", True)

    fresh = Context(store=ctx.store, actor="can.bo.test", clock=clock)
    assert fresh.settings.back_entry_days == 90
    done = receive(
        fresh, ReceiveRequest(procedure_code="1.001193", applicant_name="An", received_at=long_ago)
    )
    assert done.received_at == long_ago


def test_the_counter_has_no_office_settings(qtbot, shell):
    main = sign_in(qtbot, shell, "can.bo")
    assert "&Cài đặt cơ quan…" not in menu_texts(main)
