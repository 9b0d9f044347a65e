"""One sync of a workstation with the central database, and the sync status, as the command line
and the desktop client's background thread call them.

A sync: connect (password from the keyring, or asked), check the central database's identity and
schema version, register the workstation, take the master data that changed, lease a block of
dossier numbers for today, push the local events in batches, pull the agency's events by
position. Every batch is one transaction at the centre and one here, in that order, so a sync
killed at any moment loses nothing and redoes at most one batch (the event's id makes the redo
harmless). A failure never raises into the counter's work: it comes back in the SyncReport.
"""

from __future__ import annotations

import gc
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError

from onestop.services import users
from onestop.services.context import DEMO_AGENCY_CODE, Context
from onestop.store.db import make_engine

from . import bulk, central, credentials, errors, local
from . import rows as replicated
from .config import SyncSettings
from .errors import SyncError

# Events per transaction: a sync killed in the middle redoes at most one batch (plus the
# batches whose local marks were still being written, see _Behind).
PUSH_BATCH = 20000
PULL_BATCH = 20000
# Band-0 numbers leased at a time, and the stock below which a sync leases another block.
LEASE_SIZE = 20
LEASE_LOW = 10
# Deadlocks and serialization failures are retried: the batch is redone from the start.
RETRYABLE = ("40P01", "40001")
RETRIES = 5


@dataclass
class SyncReport:
    ok: bool = False
    central: str | None = None
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    pending: int = 0
    central_position: int | None = None
    pulled_position: int | None = None
    lease_remaining: int = 0
    master: list[str] = field(default_factory=list)
    # Demo accounts the centre offered (published by an earlier version) or this store still
    # held: never kept here.
    demo_accounts_refused: list[str] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    error_detail: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def run_sync(
    ctx: Context,
    *,
    central_url: str | None = None,
    password: str | None = None,
    prompt: credentials.Prompt | None = None,
    ask_password: bool = False,
    sslmode: str | None = None,
    sslrootcert: str | None = None,
    push_batch: int = PUSH_BATCH,
    pull_batch: int = PULL_BATCH,
) -> SyncReport:
    """Sync this workstation once. Bad arguments (a malformed URL) raise InputError; anything
    about the central database comes back in the report (``ok`` False, ``error`` in Vietnamese).
    Safe to call from a background thread: it opens its own sessions and connections."""
    report = SyncReport(started_at=ctx.clock())
    refusal = _demo_refusal(ctx)
    if refusal is not None:
        # Before anything else, the URL included: a demo store never talks to a centre.
        _failed(report, refusal)
        report.finished_at = ctx.clock()
        _record(ctx, report)
        return report
    cfg = SyncSettings.load(ctx.store)
    if central_url:
        cfg, _ = cfg.with_url(central_url)  # a password inside it is refused
    cfg = cfg.with_tls(sslmode, sslrootcert)
    if cfg != SyncSettings.load(ctx.store):
        cfg.save(ctx.store)  # remembered at once: the next background sync goes there too
    report.central = cfg.where() or None
    engine: Engine | None = None
    try:
        if not cfg.central_url:
            raise SyncError(
                errors.CONFIG,
                "Chưa cấu hình máy chủ trung tâm: chạy 'onestop sync --central URL' một lần.",
            )
        engine = connect(cfg, password=password, prompt=prompt, ask_password=ask_password)
        with _collector_paused():
            _sync(ctx, engine, cfg, report, push_batch, pull_batch)
        report.ok = True
    except SyncError as exc:
        _failed(report, exc)
    except errors.database_errors() as exc:
        _failed(report, errors.classify(exc, cfg.where(), cfg.account()))
    finally:
        if engine is not None:
            engine.dispose()
        report.finished_at = ctx.clock()
        _record(ctx, report)
    return report


def _demo_refusal(ctx: Context) -> SyncError | None:
    """Why this store may not sync, if it is the demo's: its dossiers are practice and must not
    reach the centre, and the centre's real ones must not reach accounts whose password is
    printed on the sign-in screen."""
    settings = ctx.settings
    if not settings.demo and settings.agency_code != DEMO_AGENCY_CODE:
        return None
    return SyncError(
        errors.DEMO,
        f"Đây là kho trình diễn (demo, cơ quan {settings.agency_code}; tài khoản mẫu có mật "
        "khẩu công khai): không đồng bộ với máy chủ trung tâm. Khởi tạo kho của cơ quan: "
        "onestop init --agency-code MÃ_CƠ_QUAN (thêm --discard-demo nếu đã ghi hồ sơ mẫu).",
    )


_paused = 0
_paused_lock = threading.Lock()
_was_enabled = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a sync runs. A batch keeps tens of thousands of rows
    alive, and the collector, triggered every few hundred allocations, walks them again and
    again: a fifth of a sync's time, measured. Sync builds no reference cycles (its rows are
    freed by reference counting as usual); the collector is back on when the last concurrent
    sync ends."""
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def _failed(report: SyncReport, exc: SyncError) -> None:
    report.ok = False
    report.error = exc.message
    report.error_kind = exc.kind
    report.error_detail = exc.detail


def _record(ctx: Context, report: SyncReport) -> None:
    with ctx.store.unit_of_work() as session:
        state = local.state(session)
        state.last_attempt_at = report.finished_at
        if report.ok:
            state.last_sync_at = report.finished_at
            state.last_error = None
        else:
            state.last_error = report.error
        settings = ctx.settings
        report.pending = local.count_pending(session, settings.agency_code, settings.workstation_id)
        report.pulled_position = state.pulled_position
        if report.central_position is None:
            report.central_position = state.central_position
        session.commit()


# --- connecting --------------------------------------------------------------------------------


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
        from pathlib import Path

        if not url.database or not Path(url.database).exists():
            raise SyncError(
                errors.UNREACHABLE,
                f"Không tìm thấy tệp máy chủ trung tâm {url.database}.",
            )
        engine = make_engine(url.render_as_string(hide_password=False))
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect():
            pass
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise errors.classify(exc, cfg.where(), cfg.account()) from None
    return engine


def _reader(engine: Engine) -> Engine:
    # SQLite: a deferred transaction, so that reading never waits for a writer.
    return engine.execution_options(readonly=True)


def _retrying(work: Callable[[], Any]) -> Any:
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


# --- the steps ---------------------------------------------------------------------------------


def _sync(
    ctx: Context,
    engine: Engine,
    cfg: SyncSettings,
    report: SyncReport,
    push_batch: int,
    pull_batch: int,
) -> None:
    settings = ctx.settings
    agency = settings.agency_code
    with engine.begin() as conn:
        info = central.inspect(conn, cfg.where())
        central.register(
            conn,
            info=info,
            agency=agency,
            workstation_id=settings.workstation_id,
            number=settings.workstation_number,
            name=settings.workstation_name,
            now=ctx.clock(),
        )
        head = central.head(conn, agency)
    with ctx.store.unit_of_work() as session:
        local.switch_central(session, info.central_id, agency, head)
        session.commit()
    _master(ctx, engine, agency, report)
    _lease(ctx, engine, report)
    # Row changes are noticed before the events are pushed: every dossier they name then has
    # its events pushed (hence positioned) before them.
    with ctx.store.unit_of_work() as session:
        replicated.detect(session, settings.workstation_id, ctx.clock())
        session.commit()
    _push(ctx, engine, agency, report, push_batch)
    _push_rows(ctx, engine, agency, report)
    _pull(ctx, engine, agency, report, pull_batch)


def _master(ctx: Context, engine: Engine, agency: str, report: SyncReport) -> None:
    with ctx.store.reading() as session:
        state = local.read_state(session)
        applied = dict(state.master_versions) if state else {}
        # Pulled by an earlier version, which took the demo accounts a demo store published.
        stale = users.demo_accounts(session)
    with _reader(engine).connect() as conn:
        versions = central.master_versions(conn)
        changed = [kind for kind, version in versions.items() if applied.get(kind) != version]
        snapshots = {kind: central.master_snapshot(conn, kind, agency) for kind in changed}
    refused = set(stale.values())
    if "staff" in snapshots:
        kept = []
        for row in snapshots["staff"]:
            if users.is_demo_account(row.get("username"), row.get("password_hash")):
                refused.add(row["username"])
            else:
                kept.append(row)
        snapshots["staff"] = kept
    report.demo_accounts_refused = sorted(refused)
    if not changed and not stale:
        return
    with ctx.store.unit_of_work() as session:
        for kind in changed:
            local.apply_master(session, kind, snapshots[kind], agency)
        users.remove_demo_accounts(session)
        state = local.state(session)
        state.master_versions = {**applied, **{k: versions[k] for k in changed}}
        session.commit()
    ctx.refresh()
    report.master = changed


def _lease(ctx: Context, engine: Engine, report: SyncReport) -> None:
    settings = ctx.settings
    scheme = settings.code_scheme
    day = ctx.clock().date()
    with ctx.store.reading() as session:
        remaining = local.lease_remaining(session, scheme.agency, day, scheme.width)
    if remaining < LEASE_LOW:

        def take() -> tuple[int, int] | None:
            with engine.begin() as conn:
                return central.lease(
                    conn,
                    scheme=scheme,
                    day=day,
                    workstation_id=settings.workstation_id,
                    size=LEASE_SIZE,
                    now=ctx.clock(),
                )

        # Committed at the centre before it is stored here: a crash in between loses the block
        # (a gap in the day's numbers), never hands a number out twice.
        block = _retrying(take)
        if block is not None:
            with ctx.store.unit_of_work() as session:
                local.add_lease(session, scheme.agency, day, scheme.width, *block, ctx.clock())
                session.commit()
            remaining += block[1] - block[0] + 1
    report.lease_remaining = remaining


def _ramp(batch: int) -> Iterator[int]:
    """Batch sizes: small first, so that the centre has work while the read-ahead prepares the
    first full batch (a full one first would leave it idle that long), then ``batch``."""
    size = min(batch, 1000)
    while True:
        yield size
        size = min(batch, size * 4)


def _ahead(produce: Callable[[Any], tuple[Any, Any] | None], start: Any) -> Iterator[Any]:
    """Items made one step ahead on a worker thread: while this thread waits on one batch's
    round trip (the driver lets go of the GIL then), the next batch is read and prepared.
    ``produce(cursor)`` returns (item, next cursor), or None at the end."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def work() -> None:
        cursor = start
        try:
            while not stop.is_set():
                made = produce(cursor)
                _put(items, stop, ("item", made))
                if made is None:
                    return
                cursor = made[1]
        except BaseException as exc:
            _put(items, stop, ("error", exc))

    worker = threading.Thread(target=work, name="onestop-sync-ahead", daemon=True)
    worker.start()
    try:
        while True:
            kind, made = items.get()
            if kind == "error":
                raise made
            if made is None:
                return
            yield made[0]
    finally:
        stop.set()
        worker.join(timeout=30)


class _Behind:
    """Local writes done in order on a thread of their own, behind the loop that waits on the
    central database: marking a batch as pushed (a SQLite commit) overlaps the next batch's
    transaction at the centre. A write that fails stops the loop at its next step; leaving the
    block waits for every write given, so a sync never reports before its marks are stored.
    A sync killed in between only pushes those batches again, harmlessly (their ids are
    known at the centre)."""

    def __init__(self) -> None:
        self._work: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="onestop-sync-behind", daemon=True)

    def __enter__(self) -> _Behind:
        self._thread.start()
        return self

    def _run(self) -> None:
        while (work := self._work.get()) is not None:
            if self._error is None:
                try:
                    work()
                except BaseException as exc:
                    self._error = exc

    def do(self, work: Callable[[], None]) -> None:
        self._raise()
        self._work.put(work)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def __exit__(self, *exc_info: object) -> None:
        self._work.put(None)
        self._thread.join()
        if exc_info[0] is None:
            self._raise()


def _put(items: queue.Queue[tuple[str, Any]], stop: threading.Event, item: tuple[str, Any]):
    while not stop.is_set():
        try:
            items.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _push(ctx: Context, engine: Engine, agency: str, report: SyncReport, batch: int) -> None:
    workstation_id = ctx.settings.workstation_id
    on_postgresql = engine.dialect.name == "postgresql"

    sizes = _ramp(batch)

    def read(cursor: Any) -> tuple[tuple[list[dict[str, Any]], central.PreparedPush], Any] | None:
        with ctx.store.reading() as session:
            rows, cursor = local.pending(session, agency, workstation_id, cursor, next(sizes))
        if not rows:
            return None
        return (rows, central.prepare_push(rows, ctx.clock(), postgresql=on_postgresql)), cursor

    with _Behind() as behind:
        for rows, prepared in _ahead(read, None):

            def send(rows: list[dict[str, Any]] = rows, prepared=prepared) -> central.Pushed:
                with engine.begin() as conn:
                    return central.push(
                        conn,
                        agency=agency,
                        workstation_id=workstation_id,
                        events=rows,
                        now=ctx.clock(),
                        prepared=prepared,
                    )

            result = _retrying(send)
            ids = [r["id"] for r in rows]

            def mark(ids: list[str] = ids, result: central.Pushed = result) -> None:
                with ctx.store.unit_of_work() as session:
                    local.mark_pushed(session, ids, ctx.clock())
                    if result.last_position is not None:
                        local.skip_own_positions(session, result.accepted, result.last_position)
                    session.commit()

            behind.do(mark)
            report.pushed += result.accepted
            report.duplicates += result.duplicates


def _push_rows(ctx: Context, engine: Engine, agency: str, report: SyncReport) -> None:
    workstation_id = ctx.settings.workstation_id
    with ctx.store.reading() as session:
        changes = replicated.pending(session)
    if not changes:
        return

    def send() -> tuple[int, int]:
        with engine.begin() as conn:
            return replicated.push(
                conn,
                agency=agency,
                workstation_id=workstation_id,
                changes=changes,
                now=ctx.clock(),
            )

    accepted, duplicates = _retrying(send)
    with ctx.store.unit_of_work() as session:
        replicated.mark_pushed(session, [c["change_id"] for c in changes])
        session.commit()
    report.pushed += accepted
    report.duplicates += duplicates


def _pull(ctx: Context, engine: Engine, agency: str, report: SyncReport, batch: int) -> None:
    workstation_id = ctx.settings.workstation_id
    on_sqlite = ctx.store.dialect == "sqlite"
    with ctx.store.reading() as session:
        state = local.read_state(session)
        start = state.pulled_position if state else 0

    sizes = _ramp(batch)

    def fetch(cursor: int | None) -> tuple[Any, int | None] | None:
        if cursor is None:
            return None
        size = next(sizes)
        with _reader(engine).connect() as conn:
            listed = central.positions(conn, agency=agency, after=cursor, limit=size)
            head = central.head(conn, agency)
            # Only the unbroken run after the cursor: the allocator leaves no holes, and if one
            # ever appeared, waiting for it is right and jumping it is not.
            run = []
            for position, event_id, origin in listed:
                if position != cursor + len(run) + 1:
                    break
                run.append((position, event_id, origin))
            # Another workstation's events after the cursor cannot be here yet: the cursor moves
            # in the very transaction that stores them. This workstation's own are here, unless
            # its store was restored from an older copy: only those are looked up.
            own = [e for _, e, origin in run if origin == workstation_id]
            with ctx.store.reading() as session:
                lacking = local.unknown(session, own)
            wanted = [e for _, e, origin in run if origin != workstation_id or e in lacking]
            events = central.fetch(conn, wanted)
            # What is not an event is a replicated row's change (onestop.sync.rows).
            found = {e["id"] for e in events}
            changes = replicated.fetch(conn, [e for e in wanted if e not in found])
        if len(events) + len(changes) != len(wanted):
            raise SyncError(errors.CONFLICT, "Máy chủ trung tâm thiếu sự kiện đã ghi vị trí.")
        order = {e: p for p, e, _ in run}
        events.sort(key=lambda r: order[r["id"]])
        following = run[-1][0] if len(run) == size else None
        prepared = local.prepare_pulled(events, ctx.clock(), sqlite=on_sqlite)
        return (run, events, changes, prepared, head), following

    for run, events, changes, prepared, head in _ahead(fetch, start):
        report.central_position = head
        with ctx.store.unit_of_work() as session:
            if events:
                report.pulled += local.apply_pulled(
                    session, events, workstation_id, ctx.clock(), prepared=prepared
                )
            if changes:
                replicated.apply(session, changes)
                report.pulled += len([c for c in changes if c["workstation_id"] != workstation_id])
            state = local.state(session)
            if run:
                state.pulled_position = run[-1][0]
            state.central_position = head
            session.commit()


# --- status ------------------------------------------------------------------------------------


def status(ctx: Context) -> dict[str, Any]:
    """What the status bar shows, from the local store alone (no network): configured or not,
    pending events, last sync, the central position last seen, today's leased numbers left."""
    cfg = SyncSettings.load(ctx.store)
    settings = ctx.settings
    scheme = settings.code_scheme
    with ctx.store.reading() as session:
        state = local.read_state(session)
        known = {
            "last_sync_at": state.last_sync_at if state else None,
            "last_attempt_at": state.last_attempt_at if state else None,
            "last_error": state.last_error if state else None,
            "central_position": state.central_position if state else None,
            "pulled_position": state.pulled_position if state else 0,
        }
        pending = local.count_pending(session, settings.agency_code, settings.workstation_id)
        remaining = local.lease_remaining(session, scheme.agency, ctx.clock().date(), scheme.width)
    last_sync, last_attempt = known["last_sync_at"], known["last_attempt_at"]
    return {
        "configured": bool(cfg.central_url),
        "central": cfg.where() or None,
        "central_url": cfg.central_url,
        "sslmode": cfg.sslmode,
        "sslrootcert": cfg.sslrootcert,
        "keyring": credentials.keyring_available(),
        "online": bool(last_sync and last_attempt and last_sync >= last_attempt),
        "pending": pending,
        "last_sync_at": last_sync.isoformat() if last_sync else None,
        "last_attempt_at": last_attempt.isoformat() if last_attempt else None,
        "last_error": known["last_error"],
        "central_position": known["central_position"],
        "pulled_position": known["pulled_position"],
        "lease_remaining": remaining,
    }
