"""Shared pieces of the sync tests (no tests here): an in-memory keyring, workstations on real
SQLite files, central databases on a real SQLite file or the throwaway PostgreSQL cluster (each
workstation connecting as its own role), and the convergence check every sync test ends with."""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, select

from onestop.domain.clock import VN_TZ
from onestop.services import catalog, dossiers
from onestop.services.context import Context, ensure_initialized
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.setup import initialize
from onestop.services.sync import SyncReport, connect, create_role, init_central, publish, run_sync
from onestop.store import tables as t
from onestop.store.db import STORE_FILE, open_local
from onestop.sync.config import SyncSettings
from tests.helpers import figure_days

BIRTH = "1.001193"  # Đăng ký khai sinh
# A real office's code: a demo store never syncs (tests/integration/test_demo.py).
AGENCY = "000.00.53.H48"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives and dies with the test: never the machine's real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch):
    """Every sync test runs on an in-memory keyring; the machine's keyring is left alone. It
    stands for an encrypted OS store, so it joins their list for the test."""
    from onestop.sync import credentials

    name = f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}"
    monkeypatch.setattr(credentials, "ENCRYPTED_STORES", credentials.ENCRYPTED_STORES | {name})
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class Clock:
    """A hand-moved clock shared by every workstation of a test (see conftest.FixedClock)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 16, 8, 0, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float = 60) -> datetime:
        from datetime import timedelta

        self.now = self.now + timedelta(seconds=seconds)
        return self.now


# --- central databases -------------------------------------------------------------------------


@dataclass
class Central:
    """A central database for one test. ``admin_url`` is its owner's; ``url_for(n)`` is what
    workstation n connects with (its own role on PostgreSQL)."""

    kind: str
    admin_url: str
    cluster: Any = None
    database: str | None = None
    roles: dict[int, str] = field(default_factory=dict)

    def url_for(self, number: int) -> str:
        if self.kind == "sqlite":
            return self.admin_url
        return self.cluster.url(self.database, self.roles[number])

    def engine(self):
        from onestop.store.db import make_engine

        return make_engine(self.admin_url)


def make_central(kind: str, tmp_path: Path, request: pytest.FixtureRequest, n: int = 3) -> Central:
    clock = Clock()
    admin = _admin_context(tmp_path, clock)
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
        central = Central(kind="sqlite", admin_url=url)
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
        from sqlalchemy.engine import make_url

        database = make_url(url).database
        central = Central(kind="postgresql", admin_url=url, cluster=cluster, database=database)
    cfg, _ = SyncSettings().with_url(central.admin_url)
    init_central(admin, cfg, None)
    engine = connect(cfg)
    try:
        publish(admin, engine)
        if kind == "postgresql":
            for number in range(1, n + 1):
                role = f"ws_{central.database}_{number}"
                create_role(engine, role, None, AGENCY)
                central.roles[number] = role
    finally:
        engine.dispose()
    admin.store.close()
    return central


def _admin_context(tmp_path: Path, clock: Clock) -> Context:
    store = open_local(tmp_path / "admin")
    ctx = Context(store=store, actor="quan.tri", clock=clock)
    real_office(ctx, workstation_number=9)
    return ctx


def real_office(ctx: Context, **values: Any) -> None:
    """A real office's store (never the demo's, which does not sync) with the demo catalogue."""
    initialize(ctx, agency_code=AGENCY, **values)
    catalog.import_demo(ctx)


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Central:
    return make_central(request.param, tmp_path, request)


@pytest.fixture
def pg_central(request: pytest.FixtureRequest, tmp_path: Path) -> Central:
    return make_central("postgresql", tmp_path, request)


@pytest.fixture
def sqlite_central(request: pytest.FixtureRequest, tmp_path: Path) -> Central:
    return make_central("sqlite", tmp_path, request)


# --- workstations ------------------------------------------------------------------------------

_TEMPLATE: dict[str, Path] = {}


def _template(root: Path) -> Path:
    """One migrated store of the office, with the demo catalogue, copied for each workstation:
    setting a store up costs more than copying a file."""
    if "store" not in _TEMPLATE:
        folder = root / "template"
        store = open_local(folder)
        real_office(Context(store=store, actor="mau", clock=Clock()))
        store.close()
        _TEMPLATE["store"] = folder
    return _TEMPLATE["store"]


@pytest.fixture(scope="session")
def template_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sync-template")


@dataclass
class Workstation:
    number: int
    folder: Path
    ctx: Context
    central: Central

    @property
    def url(self) -> str:
        return self.central.url_for(self.number)

    def sync(self, **kw: Any) -> SyncReport:
        kw.setdefault("central_url", self.url)
        return run_sync(self.ctx, **kw)

    def receive(self, name: str = "Nguyễn Văn An", **kw: Any) -> str:
        req = ReceiveRequest(procedure_code=BIRTH, applicant_name=name, **kw)
        return receive(self.ctx, req).code

    def result(self, code: str) -> dossiers.DossierDetail:
        return dossiers.mark_result_ready(self.ctx, code)

    def give_back(self, code: str, to: str = "Nguyễn Văn An") -> dossiers.DossierDetail:
        return dossiers.return_result(self.ctx, code, to, id_number="001090012345")

    def close(self) -> None:
        self.ctx.store.close()


def make_workstations(
    root: Path, template_root: Path, central: Central, clock: Any, n: int = 3
) -> list[Workstation]:
    template = _template(template_root)
    result = []
    for number in range(1, n + 1):
        folder = root / f"ws{number}"
        shutil.copytree(template, folder)
        store = open_local(folder)
        ctx = Context(store=store, actor=f"can.bo.{number}", clock=clock)
        ensure_initialized(
            ctx,
            workstation_id=str(uuid.uuid4()),
            workstation_number=number,
            workstation_name=f"Quầy {number}",
        )
        result.append(Workstation(number=number, folder=folder, ctx=ctx, central=central))
    return result


# --- convergence -------------------------------------------------------------------------------

DOSSIER_COLUMNS = [c for c in t.Dossier.__table__.columns if c.name != "updated_at"]
EVENT_COLUMNS = list(t.Event.__table__.columns)


def snapshot_engine(engine) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Every dossier (all columns but the time it was last written) and every event."""
    with engine.connect() as conn:
        dossier_rows = conn.execute(select(*DOSSIER_COLUMNS)).all()
        event_rows = conn.execute(select(*EVENT_COLUMNS)).all()
    return (
        {r.id: _plain(r) for r in dossier_rows},
        {r.id: _plain(r) for r in event_rows},
    )


def _plain(row: Any) -> tuple:
    """(column, value) pairs, values made comparable across engines."""
    values = []
    for key, value in row._mapping.items():
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, dict | list):
            value = json.dumps(value, sort_keys=True, ensure_ascii=False)
        values.append((key, value))
    return tuple(values)


def _projected_at_centre(row: tuple) -> tuple:
    """A dossier's columns but those the centre's SQL projection does not keep (the supplements
    the figures read: the centre's report classifies such dossiers from their events). The
    workstations' own copies are compared whole, below."""
    return tuple((k, v) for k, v in row if k != "supplements")


def central_snapshot(central: Central):
    engine = create_engine(central.admin_url)
    try:
        return snapshot_engine(engine)
    finally:
        engine.dispose()


def raw_text(folder: Path) -> dict[str, list[tuple]]:
    """Events and dossiers as SQLite stores them (text, as written), the write time aside: a
    value stored in another format (a datetime without its microseconds, say) differs here even
    when it reads back equal, and would sort wrongly in SQL."""
    import sqlite3

    from onestop.store.db import STORE_FILE

    conn = sqlite3.connect(folder / STORE_FILE)
    try:
        # The full-text index agrees with the dossiers (a pull writes it in bulk) and its
        # trigger is in place for the counter's own writes.
        conn.execute(
            "INSERT INTO dossier_search(dossier_search, rank) VALUES ('integrity-check', 1)"
        )
        trigger = "SELECT count(*) FROM sqlite_master WHERE name = 'dossier_search_ai'"
        assert conn.execute(trigger).fetchone()[0] == 1
        dossier_columns = ", ".join(c.name for c in DOSSIER_COLUMNS)
        return {
            "events": conn.execute("SELECT * FROM events ORDER BY id").fetchall(),
            "dossiers": conn.execute(
                f"SELECT {dossier_columns} FROM dossiers ORDER BY id"
            ).fetchall(),
        }
    finally:
        conn.close()


def assert_converged(workstations: list[Workstation], central: Central) -> dict[str, tuple]:
    """Every dossier once everywhere, codes unique, projections and histories equal (read back,
    and on the workstations byte for byte as stored)."""
    reference = central_snapshot(central)
    dossier_rows, event_rows = reference
    codes = [dict(row)["code"] for row in dossier_rows.values()]
    assert len(codes) == len(set(codes)), "a dossier code was issued twice"
    for ws in workstations:
        mine = snapshot_engine(ws.ctx.store.engine)
        assert set(mine[0]) == set(dossier_rows), f"workstation {ws.number}: dossiers differ"
        assert mine[1] == event_rows, f"workstation {ws.number}: histories differ"
        for dossier_id, row in dossier_rows.items():
            ours = _projected_at_centre(mine[0][dossier_id])
            assert ours == _projected_at_centre(row), f"workstation {ws.number}: projection differs"
    stored = [raw_text(ws.folder) for ws in workstations]
    for ws, text in zip(workstations[1:], stored[1:], strict=True):
        assert text == stored[0], f"workstation {ws.number} stores values in another format"
    # The per-day figures each keeps by triggers (the pulls' bulk writes included) are right,
    # and the same everywhere.
    days = [figure_days(ws.folder / STORE_FILE) for ws in workstations]
    for ws, mine in zip(workstations[1:], days[1:], strict=True):
        assert mine == days[0], f"workstation {ws.number}: per-day figures differ"
    return dossier_rows


def sync_all_until_quiet(workstations: list[Workstation], rounds: int = 3) -> None:
    for _ in range(rounds):
        reports = [ws.sync() for ws in workstations]
        for report in reports:
            assert report.ok, report.error
        if all(r.pushed == 0 and r.pulled == 0 for r in reports):
            return
