"""Opens a store (SQLite locally, PostgreSQL centrally), migrates it, hands out units of work."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from onestop.store.uow import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
STORE_FILE = "onestop.sqlite3"
# SQLite's header field for the program that owns a file ("ONST"): a SQLite file of another
# program is never migrated in place by onestop.
APPLICATION_ID = 0x4F4E5354


class StoreError(Exception):
    """The store cannot be used; the message is for the user (Vietnamese first)."""


class StoreTooNew(StoreError):
    pass


def default_data_dir() -> Path:
    env = os.environ.get("ONESTOP_DATA_DIR")
    if env:
        return Path(env)
    return Path(user_data_dir("onestop", appauthor=False))


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / STORE_FILE}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # We issue BEGIN ourselves (below): pysqlite's implicit transactions would start
        # deferred and fail with "database is locked" on the upgrade to a write lock.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed dossier survives a power cut, not only a killed process.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = "DEFERRED" if conn.get_execution_options().get("readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to this program's head; refuse a store written by a newer program."""
    script = ScriptDirectory(str(MIGRATIONS))
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise StoreTooNew(
                "Kho dữ liệu này do một phiên bản onestop mới hơn tạo ra "
                f"(lược đồ {current}); hãy cập nhật chương trình. "
                "This store was written by a newer onestop; please upgrade."
            ) from None
        if current == script.get_current_head():
            return
    command.upgrade(alembic_config(engine), "head")


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    readonly_sessions: sessionmaker[Session]
    # Sentences for the person about opening the store (e.g. rights tightened on its folder):
    # the command line writes them on stderr, the window shows them.
    notices: list[str] = field(default_factory=list)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """The one place a write transaction begins and ends: rolled back unless committed."""
        session = self.sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def work(self) -> Iterator[UnitOfWork]:
        """A write transaction with its dossier repository (onestop.store.uow)."""
        with self.unit_of_work() as session:
            yield UnitOfWork(session)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self.readonly_sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, run_migrations: bool = True) -> Store:
    engine = make_engine(url)
    try:
        if run_migrations:
            migrate(engine)
    except Exception:
        engine.dispose()
        raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    readonly = sessionmaker(engine.execution_options(readonly=True), expire_on_commit=False)
    return Store(engine=engine, sessions=sessions, readonly_sessions=readonly)


def open_local(data_dir: Path | None = None) -> Store:
    """The workstation's store in ``data_dir``, in a folder kept private (onestop.store.private):
    the folder 0700, the store (and so its -wal and -shm files) 0600. A file there that is not
    onestop's store is refused untouched (check_local_file)."""
    from onestop.store import private

    folder = data_dir or default_data_dir()
    notice = private.secure_folder(folder)
    check_local_file(folder / STORE_FILE)
    private.create_file(folder / STORE_FILE)
    store = open_store(sqlite_url(folder))
    try:
        with store.engine.begin() as conn:
            if conn.exec_driver_sql("PRAGMA application_id").scalar() != APPLICATION_ID:
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except Exception:
        store.close()
        raise
    if notice:
        store.notices.append(notice)
    return store


def check_local_file(path: Path) -> None:
    """Refuse, before anything is written to it, a file that is not a SQLite database or is
    another program's: onestop's own stores carry its application id (older ones at least
    their migration table)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"Tệp {path} không đọc được như một kho dữ liệu SQLite (hỏng, hoặc không phải kho "
            "của onestop): khôi phục từ bản sao lưu hoặc chọn thư mục dữ liệu khác. "
            f"The store cannot be read ({type(exc).__name__})."
        ) from None
    if app_id == APPLICATION_ID or (app_id == 0 and (not tables or "alembic_version" in tables)):
        return
    raise StoreError(
        f"Tệp {path} là cơ sở dữ liệu của một chương trình khác, không phải kho dữ liệu của "
        "onestop: onestop không sửa nó. Hãy chọn thư mục dữ liệu khác (--data-dir). "
        "This SQLite file is not onestop's; it was left untouched."
    )
