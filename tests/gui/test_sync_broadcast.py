"""The window's sync tells every open page what it brought: a round that pulled another
workstation's dossier broadcasts a dossier (and postal) change on the operations bus, and the
open daily log shows that dossier by itself, read again on a worker thread; a round that brought
nothing broadcasts nothing."""

from __future__ import annotations

import threading
from typing import Any

from onestop.services import dossiers, users
from onestop.services.setup import initialize
from onestop.services.sync import SyncReport, run_sync
from onestop.ui.operations import Changes, bus
from onestop.ui.operations.sync import pulled_changes
from tests.gui.conftest import sign_in, wait_ops
from tests.integration import test_sync_support as support
from tests.integration.test_sync_support import AGENCY, Clock, make_central, make_workstations

# The sync tests' fixtures: one migrated office store copied per workstation, and the keyring in
# memory (assigned, so that the parameters naming them are not redefinitions).
template_root = support.template_root
memory_keyring = support.memory_keyring


def test_a_sync_that_pulls_broadcasts_and_one_that_pulls_nothing_does_not(
    qtbot, shell, ctx, tmp_path, request, template_root, monkeypatch
):
    initialize(ctx, agency_code=AGENCY)
    users.add_user(ctx, "ha.nguyen", "counter", "mat-khau-dai")
    central = make_central("sqlite", tmp_path, request)
    assert run_sync(ctx, central_url=central.admin_url).ok
    # Another counter of the office (number 2: this one is number 1) receives and syncs.
    _, other = make_workstations(tmp_path / "others", template_root, central, Clock(), n=2)
    other.receive("Lý Văn Đồng")
    assert other.sync().ok
    main = sign_in(qtbot, shell, "ha.nguyen", "mat-khau-dai")
    log = main.show_page("log")
    qtbot.waitUntil(lambda: log.loaded_day is not None, timeout=10000)
    assert log.model.rowCount() == 0
    on_gui_thread: list[bool] = []
    real = dossiers.list_dossiers

    def spy(*args: Any, **kw: Any) -> Any:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kw)

    monkeypatch.setattr(dossiers, "list_dossiers", spy)
    heard: list[Changes] = []
    bus().changed.connect(heard.append)

    main.sync_action.trigger()
    qtbot.waitUntil(lambda: not main.syncing and bool(heard), timeout=20000)
    # The open daily log shows the pulled dossier without anyone touching it.
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=15000)
    assert log.model.row(0).applicant_name == "Lý Văn Đồng"
    assert on_gui_thread and not any(on_gui_thread)
    assert any("nhận 1 sự kiện" in text for text, ok in main.messages if ok), main.messages
    assert len(heard) == 1
    assert heard[0].dossiers and heard[0].postal
    assert not heard[0].master and not heard[0].accounts

    main.sync_action.trigger()
    qtbot.waitUntil(lambda: not main.syncing and len(main.messages) >= 2, timeout=20000)
    wait_ops(qtbot)
    assert heard[1:] == []


def test_what_a_round_changed_follows_what_it_pulled():
    assert not pulled_changes(SyncReport(ok=True)).any
    assert pulled_changes(SyncReport(pulled=3)) == Changes(dossiers=True, postal=True)
    assert pulled_changes(SyncReport(master=["staff"])) == Changes(accounts=True)
    assert pulled_changes(SyncReport(master=["procedures", "sync_agencies"])) == Changes(
        master=True
    )
