"""Opening the central database: the password from the argument, the keyring or a prompt, one
try per connection; and the retry of a batch on a deadlock or a serialization failure."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError

from onestop.store.db import make_engine

from . import bulk, central, credentials, errors
from .config import SyncSettings
from .errors import SyncError

# Deadlocks and serialization failures are retried: the batch is redone from the start.
RETRYABLE = ("40P01", "40001")
RETRIES = 5


def connect(
    cfg: SyncSettings,
    *,
    password: str | None = None,
    prompt: credentials.Prompt | None = None,
    ask_password: bool = False,
) -> Engine:
    """An engine on the central database, tried once (see connect_with_password)."""
    return connect_with_password(cfg, password=password, prompt=prompt, ask_password=ask_password)[
        0
    ]


def connect_with_password(
    cfg: SyncSettings,
    *,
    password: str | None = None,
    prompt: credentials.Prompt | None = None,
    ask_password: bool = False,
) -> tuple[Engine, str | None]:
    """An engine on the central database and the password that opened it. The password comes
    from the argument (or the URL), else the keyring; a server that asks for one it was not
    given makes us prompt; a password that worked and was typed is kept in the keyring when
    there is one (and nowhere else when there is none)."""
    account = cfg.account()
    if cfg.is_sqlite:
        return _open(cfg, None), None
    typed = password is not None
    if ask_password and password is None:
        password = credentials.ask(prompt, account)
        if not password:
            raise SyncError(errors.CREDENTIALS, "Chưa nhập mật khẩu máy chủ trung tâm.")
        typed = True
    if password is None:
        password = credentials.stored(account)
    try:
        engine = _open(cfg, password)
    except SyncError as exc:
        needs = exc.kind == errors.CREDENTIALS and "no password supplied" in (exc.detail or "")
        if not needs or password is not None:
            raise
        password = credentials.ask(prompt, account)
        if not password:
            raise SyncError(
                errors.CREDENTIALS,
                "Máy chủ trung tâm cần mật khẩu"
                + ("" if credentials.keyring_available() else f". {credentials.NO_KEYRING_VI}"),
            ) from None
        typed = True
        engine = _open(cfg, password)
    if typed and password:
        credentials.remember(account, password)
    return engine, password


def _open(cfg: SyncSettings, password: str | None) -> Engine:
    url = cfg.url(password)
    if cfg.is_sqlite:
        if not url.database or not Path(url.database).exists():
            raise SyncError(
                errors.UNREACHABLE,
                f"Không tìm thấy tệp máy chủ trung tâm {url.database}.",
            )
        engine = make_engine(url.render_as_string(hide_password=False))
    else:
        # No server-side prepared statements: behind PgBouncer in transaction pooling mode
        # (packaging/central/README.md) the next transaction may run on another server
        # connection, which never saw them. The statements of a sync are few and each runs a
        # handful of times: preparing them saved nothing measurable.
        engine = create_engine(url, pool_pre_ping=True, connect_args={"prepare_threshold": None})
    try:
        with engine.connect():
            pass
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise errors.classify(exc, cfg.where(), cfg.account()) from None
    return engine


def reader(engine: Engine) -> Engine:
    """The engine for reading only."""
    # SQLite: a deferred transaction, so that reading never waits for a writer.
    return engine.execution_options(readonly=True)


def retrying(work: Callable[[], Any]) -> Any:
    """``work()``, redone from the start after a deadlock, a serialization failure or a race
    with another sync of this workstation, at most RETRIES times."""
    for attempt in range(RETRIES):
        try:
            return work()
        except errors.database_errors() as exc:
            code = errors.sqlstate(exc)
            # A dossier or event another sync of this workstation pushed meanwhile: the redo
            # finds it present (central.push inserts only what it did not find).
            raced = bulk.duplicate_key(exc, (central.DOSSIERS, central.EVENTS))
            if (code not in RETRYABLE and not raced) or attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
