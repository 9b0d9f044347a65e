"""Sync between workstations on real SQLite files and a central database on a real SQLite file or
the throwaway PostgreSQL cluster: offline work synced in every order, idempotent pushes, leased
dossier numbers, master data, status, and what a clear refusal looks like."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
import test_sync_support as support
from sqlalchemy import delete, func, select, text
from test_sync_support import (
    AGENCY,
    Clock,
    assert_converged,
    central_snapshot,
    make_central,
    make_workstations,
    sync_all_until_quiet,
)

from onestop.domain.codes import CodeScheme
from onestop.services.sync import status
from onestop.store import tables as t
from onestop.store import tables_sync as ts

# The shared fixtures (assigned, so that the parameters naming them are not redefinitions).
memory_keyring = support.memory_keyring
template_root = support.template_root
central = support.central
pg_central = support.pg_central
sqlite_central = support.sqlite_central

ORDERS = list(itertools.permutations(range(3)))


def _offline_work(stations, clock) -> list[str]:
    """Each workstation receives, and moves some of its own dossiers along, without a network."""
    codes = []
    for ws in stations:
        mine = [ws.receive(f"Người {ws.number}-{i}") for i in range(4)]
        clock.tick()
        ws.result(mine[0])
        ws.result(mine[1])
        clock.tick()
        ws.give_back(mine[1])
        codes += mine
    return codes


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: "".join(str(i + 1) for i in o))
def test_offline_workstations_converge_whatever_the_sync_order(
    request, tmp_path, template_root, order
):
    kind = "postgresql" if order in (ORDERS[0], ORDERS[-1]) else "sqlite"
    centre = make_central(kind, tmp_path, request)
    clock = Clock()
    stations = make_workstations(tmp_path, template_root, centre, clock)
    codes = _offline_work(stations, clock)
    # Offline numbers come from each workstation's own band: unique without any network.
    assert len(set(codes)) == len(codes) == 12
    for i in order:
        report = stations[i].sync()
        assert report.ok, report.error
        assert report.pushed == 4 + 2 + 1
    for i in order:  # the second round brings everyone what the later ones pushed
        assert stations[i].sync().ok
    dossier_rows = assert_converged(stations, centre)
    assert len(dossier_rows) == 12
    statuses = sorted(dict(row)["status"] for row in dossier_rows.values())
    assert statuses == sorted(["received"] * 6 + ["result_ready"] * 3 + ["returned"] * 3)
    for ws in stations:
        assert status(ws.ctx)["pending"] == 0
        ws.close()


def test_conflicting_offline_actions_resolve_the_same_everywhere(central, tmp_path, template_root):
    """Two counters return the same dossier while cut off from each other: both events stay in the
    history, the earlier one wins, on every workstation and at the centre."""
    clock = Clock()
    stations = make_workstations(tmp_path, template_root, central, clock)
    a, b, _c = stations
    code = a.receive("Phạm Thị Dung")
    clock.tick()
    a.result(code)
    sync_all_until_quiet(stations)
    clock.tick()
    b.give_back(code, "Người Nhận B")
    clock.tick()
    a.give_back(code, "Người Nhận A")
    sync_all_until_quiet(stations)
    dossier_rows = assert_converged(stations, central)
    assert len(dossier_rows) == 1
    for ws in stations:
        with ws.ctx.store.reading() as session:
            row = session.scalar(select(t.Dossier))
            assert row.status == "returned"
            assert session.scalar(select(func.count()).select_from(t.Event)) == 4
    with pytest.raises(Exception, match="Chỉ trả kết quả"):
        a.give_back(code)


def test_a_retried_push_never_duplicates(central, tmp_path, template_root):
    clock = Clock()
    stations = make_workstations(tmp_path, template_root, central, clock, n=2)
    a, b = stations
    for i in range(5):
        a.receive(f"Người {i}")
    first = a.sync()
    assert (first.pushed, first.duplicates) == (5, 0)
    # The centre committed but the workstation "never heard back": forget what was pushed (the
    # sync's own bookkeeping, beside the events) and push again.
    with a.ctx.store.unit_of_work() as session:
        session.execute(delete(ts.SyncPushed))
        session.commit()
    assert status(a.ctx)["pending"] == 5
    again = a.sync()
    assert again.ok and (again.pushed, again.duplicates) == (0, 5)
    assert again.central_position == 5
    assert b.sync().pulled == 5
    dossier_rows = assert_converged(stations, central)
    assert len(dossier_rows) == 5


def test_online_workstations_number_from_leased_blocks_then_their_own_band(
    central, tmp_path, template_root
):
    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    for ws in (a, b):
        report = ws.sync()
        assert report.ok and report.lease_remaining == 20
    codes_a = [a.receive(f"A {i}") for i in range(25)]
    codes_b = [b.receive(f"B {i}") for i in range(3)]
    numbers_a = [int(c.rsplit("-", 1)[1]) for c in codes_a]
    numbers_b = [int(c.rsplit("-", 1)[1]) for c in codes_b]
    # a leased first (1..20), b second (21..40); a then falls back to its own band 1000...
    assert numbers_a == [*range(1, 21), *range(1000, 1005)]
    assert numbers_b == [21, 22, 23]
    # A sync tops a low stock up with the next free block.
    report = a.sync()
    assert report.lease_remaining == 20
    assert int(a.receive("A next").rsplit("-", 1)[1]) == 41
    # A receipt back-entered on another day has no lease for that day: the workstation's band.
    other_day = clock.now.replace(day=13, hour=9)
    assert a.receive("A hôm trước", received_at=other_day).endswith("-261113-1000")
    sync_all_until_quiet([a, b])
    assert_converged([a, b], central)


@pytest.mark.postgres
def test_concurrent_leases_are_disjoint_and_band_zero_runs_out(pg_central, tmp_path):
    """Sixty leases of 20 taken by threads at once fill band 0 (1..999) exactly once each."""
    from concurrent.futures import ThreadPoolExecutor

    from onestop.services.sync import connect
    from onestop.sync import central as central_ops
    from onestop.sync.config import SyncSettings

    engine = connect(SyncSettings().with_url(pg_central.url_for(1))[0])
    scheme = CodeScheme(agency=AGENCY)
    clock = Clock()

    def take(_i: int):
        with engine.begin() as conn:
            return central_ops.lease(
                conn,
                scheme=scheme,
                day=date(2026, 11, 16),
                workstation_id="w",
                size=20,
                now=clock(),
            )

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            blocks = list(pool.map(take, range(60)))
    finally:
        engine.dispose()
    granted = [b for b in blocks if b is not None]
    numbers = [n for first, last in granted for n in range(first, last + 1)]
    assert sorted(numbers) == list(range(1, 1000))
    assert blocks.count(None) == 60 - 50  # 49 full blocks and one of 19


def test_master_data_flows_from_the_centre(central, tmp_path, template_root):
    from onestop.services import calendar, catalog
    from onestop.services.sync import connect, publish
    from onestop.sync.config import SyncSettings

    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, central, clock, n=1)
    assert ws.sync().ok
    # The administrator's workstation changes the catalogue, the calendar and the office name,
    # and publishes them.
    (admin,) = make_workstations(tmp_path / "admin2", template_root, central, clock, n=1)
    from onestop.services.catalog import demo_catalog

    procs = demo_catalog()
    with admin.ctx.store.unit_of_work() as session:
        session.execute(delete(t.Procedure).where(t.Procedure.code == procs[-1].code))
        session.commit()
    catalog.store_procedures(admin.ctx, procs[:-1])
    calendar.add_override(admin.ctx, date(2026, 12, 31), "day_off", "Nghỉ theo thông báo")
    from onestop.services.context import ensure_initialized

    ensure_initialized(
        admin.ctx,
        agency_name="ỦY BAN NHÂN DÂN PHƯỜNG MỚI",
        unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG MỚI",
        phone="0296 3 852 852",
    )
    from onestop.services import users

    # One account of the same name on both (the template has none: an office's store starts
    # without any).
    users.add_user(admin.ctx, "ha.nguyen", "supervisor", "mat-khau-dai")
    users.add_user(ws.ctx, "ha.nguyen", "counter", "mat-khau-khac")
    engine = connect(SyncSettings().with_url(central.admin_url)[0])
    try:
        publish(admin.ctx, engine)
    finally:
        engine.dispose()
    report = ws.sync()
    assert report.ok
    assert set(report.master) >= {"procedures", "calendar_overrides", "sync_agencies"}
    assert ws.ctx.settings.agency_name == "ỦY BAN NHÂN DÂN PHƯỜNG MỚI"
    # The unit printed under the agency and the office phone are the office's: from the centre.
    assert ws.ctx.settings.unit_name == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG MỚI"
    assert ws.ctx.settings.phone == "0296 3 852 852"
    # Staff accounts: the centre's (the administrator's) replace local ones of the same name.
    staff = pytest.importorskip("onestop.store.tables_staff").Staff

    def accounts(context):
        with context.store.reading() as session:
            return {r.username: (r.id, r.role) for r in session.scalars(select(staff))}

    assert accounts(ws.ctx) == accounts(admin.ctx) != {}
    assert ws.ctx.settings.workstation_number == 1  # the workstation's own settings stay
    codes = {p.code for p in catalog.list_procedures(ws.ctx)}
    assert procs[-1].code not in codes and procs[0].code in codes
    assert not ws.ctx.calendar.is_working_day(date(2026, 12, 31))
    # Nothing changed: nothing fetched again.
    assert ws.sync().master == []
    # Removed at the centre: removed here.
    calendar.remove_override(admin.ctx, date(2026, 12, 31))
    engine = connect(SyncSettings().with_url(central.admin_url)[0])
    try:
        publish(admin.ctx, engine)
    finally:
        engine.dispose()
    assert "calendar_overrides" in ws.sync().master
    assert ws.ctx.calendar.is_working_day(date(2026, 12, 31))


def test_status_reports_pending_last_sync_and_position(sqlite_central, tmp_path, template_root):
    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, sqlite_central, clock, n=2)
    first = status(a.ctx)
    assert first["configured"] is False and first["pending"] == 0 and first["online"] is False
    a.receive()
    a.receive()
    assert status(a.ctx)["pending"] == 2
    assert a.sync().ok
    after = status(a.ctx)
    assert after["configured"] and after["online"]
    assert after["pending"] == 0 and after["central_position"] == 2
    assert after["last_sync_at"] == clock.now.isoformat()
    assert after["central_url"] == sqlite_central.admin_url
    # The URL is remembered: the next sync needs no argument.
    b.receive()
    assert b.sync().ok
    from onestop.services.sync import run_sync

    again = run_sync(a.ctx)
    assert again.ok and again.pulled == 1 and again.central_position == 3


def test_an_older_workstation_refuses_a_newer_central_and_says_so(central, tmp_path, template_root):
    clock = Clock()
    (ws,) = make_workstations(tmp_path, template_root, central, clock, n=1)
    ws.receive()
    engine = central.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    report = ws.sync()
    assert not report.ok and report.error_kind == "version"
    assert "mới hơn" in report.error and "cập nhật onestop" in report.error
    assert status(ws.ctx)["pending"] == 1  # nothing was pushed
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    report = ws.sync()
    assert not report.ok and report.error_kind == "version"
    assert "central init" in report.error
    engine.dispose()


def test_a_database_that_is_not_a_central_is_refused(tmp_path, template_root):
    from onestop.store.db import open_store

    plain = f"sqlite:///{tmp_path / 'plain.sqlite3'}"
    open_store(plain).close()
    fake = type("C", (), {"url_for": lambda self, n: plain})()
    (ws,) = make_workstations(tmp_path, template_root, fake, Clock(), n=1)  # type: ignore[arg-type]
    report = ws.sync()
    assert report.error_kind == "not_central" and "central init" in report.error


def test_an_unreachable_server_is_reported_and_the_counter_keeps_working(tmp_path, template_root):
    fake = type(
        "C", (), {"url_for": lambda self, n: "postgresql://ws@/onestop?host=/nonexistent"}
    )()
    (ws,) = make_workstations(tmp_path, template_root, fake, Clock(), n=1)  # type: ignore[arg-type]
    report = ws.sync()
    assert not report.ok and report.error_kind == "unreachable"
    assert "Không kết nối được máy chủ trung tâm" in report.error
    assert ws.receive().endswith("-1000")
    shown = status(ws.ctx)
    assert shown["online"] is False and shown["last_error"] == report.error
    assert shown["pending"] == 1


def test_two_workstations_with_the_same_number_are_refused(central, tmp_path, template_root):
    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    from onestop.services.context import ensure_initialized

    ensure_initialized(b.ctx, workstation_number=1)
    b.number = 1
    first = a.receive("Người A")
    assert a.sync().ok
    # Same number, same offline band: b's first code is a's.
    assert b.receive("Người B") == first
    report = b.sync()
    assert report.error_kind == "config" and "Số hiệu máy trạm 1" in report.error
    dossier_rows, _ = central_snapshot(central)
    assert [dict(row)["code"] for row in dossier_rows.values()] == [first]


def test_a_central_restored_from_a_backup_and_renewed_gets_everything_back(
    sqlite_central, tmp_path, template_root
):
    """The centre is restored from yesterday's backup (a copy of its file) and given a new
    identity: the workstations push and pull everything again, no dossier is lost, and no
    leased number is handed out twice (no lease for the rest of the day)."""
    import shutil

    from onestop.services.context import Context
    from onestop.services.sync import init_central
    from onestop.store.db import open_local
    from onestop.sync.config import SyncSettings

    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, sqlite_central, clock, n=2)
    for ws in (a, b):
        assert ws.sync().ok
    first = [a.receive("Trước sao lưu 1"), a.receive("Trước sao lưu 2")]
    sync_all_until_quiet([a, b])
    central_file = tmp_path / "central.sqlite3"
    shutil.copy(central_file, tmp_path / "backup.sqlite3")
    # After the backup: a uses up its block, leases the next one (41..60) and uses it.
    later = [a.receive(f"Sau sao lưu {i}") for i in range(18)] + [b.receive("Sau sao lưu B")]
    assert a.sync().lease_remaining == 20
    later.append(a.receive("Số 41"))
    assert later[-1].endswith("-0041")
    sync_all_until_quiet([a, b])
    shutil.copy(tmp_path / "backup.sqlite3", central_file)
    admin = Context(store=open_local(tmp_path / "admin"), actor="quan.tri", clock=clock)
    init_central(
        admin, SyncSettings().with_url(sqlite_central.admin_url)[0], None, new_identity=True
    )
    admin.store.close()
    # The restored allocator would lease 41..60 again: no lease today, own bands instead.
    reports = [ws.sync() for ws in (b, a)]
    assert all(r.ok for r in reports)
    assert [r.lease_remaining for r in reports] == [0, 0]
    today = b.receive("Sau khôi phục")
    assert int(today.rsplit("-", 1)[1]) >= 2000  # workstation 2's own band
    sync_all_until_quiet([a, b])
    rows = assert_converged([a, b], sqlite_central)
    codes = {dict(r)["code"] for r in rows.values()}
    assert codes == {*first, *later, today}


def test_a_centre_whose_log_went_back_makes_the_workstation_start_again(
    sqlite_central, tmp_path, template_root
):
    """Restored without a new identity: a workstation that has pulled further than the restored
    centre's log notices it, and pushes its events again."""
    import shutil

    clock = Clock()
    (a,) = make_workstations(tmp_path, template_root, sqlite_central, clock, n=1)
    a.receive("Một")
    assert a.sync().ok
    shutil.copy(tmp_path / "central.sqlite3", tmp_path / "backup.sqlite3")
    a.receive("Hai")
    assert a.sync().central_position == 2
    shutil.copy(tmp_path / "backup.sqlite3", tmp_path / "central.sqlite3")
    report = a.sync()
    assert report.ok and report.pushed == 1 and report.duplicates == 1
    assert len(assert_converged([a], sqlite_central)) == 2


def test_the_fast_sqlite_datetime_text_is_sqlalchemys():
    from datetime import UTC, datetime, timedelta, timezone

    from sqlalchemy.dialects import sqlite

    from onestop.domain.clock import VN_TZ
    from onestop.sync import bulk

    column = t.Event.__table__.c.at
    dialect = sqlite.dialect()
    slow = column.type.dialect_impl(dialect).bind_processor(dialect)
    read = column.type.dialect_impl(dialect).result_processor(dialect, None)
    for value in (
        datetime(2026, 11, 16, 9, 5, tzinfo=VN_TZ),
        datetime(2026, 11, 16, 0, 0, 0, 1, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 1, 1, tzinfo=VN_TZ),
    ):
        assert bulk.sqlite_datetime(value) == slow(value)
        assert bulk.from_sqlite_datetime(slow(value)) == value
        assert bulk.from_sqlite_datetime(slow(value)) == read(slow(value))
    assert bulk.sqlite_datetime(None) is None and slow(None) is None


def test_a_push_moves_the_pull_past_its_own_block_only_when_nothing_lies_between(
    central, tmp_path, template_root
):
    """After a push the workstation's pull position jumps over the block of positions its own
    events were given, when the pull had reached the block; when another workstation's events
    lie before the block it stays, and the next pull brings them."""
    from onestop.sync import local

    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    a.receive("Một")
    a.receive("Hai")
    report = a.sync(push_batch=1)  # two pushes, two blocks, each right after the last
    assert report.ok and report.pushed == 2 and report.pulled == 0
    with a.ctx.store.reading() as session:
        assert local.read_state(session).pulled_position == 2
    b.receive("Ba")
    assert b.sync().ok  # position 3, not a's
    a.receive("Bốn")
    report = a.sync()
    # a's own event got position 4; the pull had stopped at 2, so it still lists 3 and brings it.
    assert report.ok and report.pushed == 1 and report.pulled == 1
    with a.ctx.store.reading() as session:
        assert local.read_state(session).pulled_position == 4
    assert b.sync().pulled == 1
    assert len(assert_converged([a, b], central)) == 4


def test_a_sync_gives_the_cycle_collector_back_and_stores_every_mark(
    sqlite_central, tmp_path, template_root
):
    import gc

    clock = Clock()
    (a,) = make_workstations(tmp_path, template_root, sqlite_central, clock, n=1)
    for i in range(7):
        a.receive(f"Người {i}")
    assert gc.isenabled()
    report = a.sync(push_batch=2)  # four batches, marked on the thread behind
    assert report.ok and report.pushed == 7
    assert gc.isenabled()
    assert status(a.ctx)["pending"] == 0  # every batch marked before the sync reported
    with a.ctx.store.reading() as session:
        assert session.execute(select(func.count()).select_from(ts.SyncPushed)).scalar() == 7
    failed = a.sync(central_url=f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    assert not failed.ok and gc.isenabled()
    a.close()


def test_id_lists_for_postgresql_survive_a_comma(pg_central):
    """Ids cross to PostgreSQL as one comma-joined text; a key holding a comma (never a UUID,
    but a caller may pass anything) goes as a list and is still compared whole."""
    from sqlalchemy import create_engine

    from onestop.sync import bulk

    assert bulk.text_array(["a", "b"]) == ("string_to_array(%s, ',')", "a,b")
    assert bulk.text_array(["a,b"]) == ("%s::text[]", ["a,b"])
    engine = create_engine(pg_central.admin_url)
    try:
        with engine.connect() as conn:
            column = t.Dossier.__table__.c.id
            assert bulk.existing(conn, column, ["x,y", "z"]) == set()
    finally:
        engine.dispose()


def test_payloads_decode_as_the_standard_library_does():
    import json

    from onestop.sync import bulk

    for text_ in (
        '{"applicant_name": "Nguyễn Văn Đức", "fee": 0, "hours": 2.5, "documents": []}',
        '{"a": "\\u0110\\u1eb7ng", "n": null, "t": true}',
        # Beyond 64 bits, which orjson would read as a float; 19 digits that fit, and in a text.
        '{"big": 123456789012345678901234567890, "neg": -98765432109876543210}',
        '{"fits": 1234567890123456789, "account": "12345678901234567890123"}',
    ):
        assert bulk.loads(text_) == json.loads(text_)
        assert bulk.loads(text_.encode()) == json.loads(text_)
    assert type(bulk.loads('{"big": 123456789012345678901234567890}')["big"]) is int


def test_a_stored_row_parses_its_json_only_when_read():
    from onestop.sync import bulk

    row = bulk.StoredRow({"id": "e1", bulk.JSON_TEXT + "payload": '{"recipient": "Bình"}'})
    assert "payload" not in row and row.get("payload") is None  # not parsed yet
    assert row["payload"] == {"recipient": "Bình"}
    assert row.get("payload") == {"recipient": "Bình"}  # parsed once, kept
    with pytest.raises(KeyError):
        row["documents"]  # no text to parse: an ordinary missing key
    assert (
        bulk.dumps({"name": "Tờ khai", "n": 2**70})
        == '{"name": "Tờ khai", "n": ' + str(2**70) + "}"
    )
    assert bulk.dumps([{"name": "Tờ khai", "count": 1}]) == '[{"name":"Tờ khai","count":1}]'


def test_an_unknown_failure_does_not_blame_the_centre_and_says_nothing_is_lost():
    import sqlite3

    from onestop.sync import errors

    failure = errors.classify(sqlite3.IntegrityError("UNIQUE constraint failed: x.number"))
    assert failure.kind == errors.ERROR
    assert "máy chủ trung tâm" not in failure.message
    assert "không bị mất" in failure.message and "UNIQUE" in (failure.detail or "")
