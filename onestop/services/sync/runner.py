"""One sync of a workstation with the central database, as the command line and the desktop
client's background thread call it.

A sync: connect (password from the keyring, or asked), check the central database's identity and
schema version, register the workstation, take the master data that changed, lease a block of
dossier numbers for today, push the local events in batches, pull the agency's events by
position. Every batch is one transaction at the centre and one here, in that order, so a sync
killed at any moment loses nothing and redoes at most one batch (the event's id makes the redo
harmless). A failure never raises into the counter's work: it comes back in the SyncReport.
"""

from __future__ import annotations

from sqlalchemy import Engine

from onestop.services.context import DEMO_AGENCY_CODE, Context
from onestop.sync import central, credentials, errors, local
from onestop.sync import rows as replicated
from onestop.sync.config import SyncSettings
from onestop.sync.connection import connect
from onestop.sync.errors import SyncError
from onestop.sync.pipeline import collector_paused

from .master import lease_numbers, take_master
from .pull import pull_changes
from .push import push_events, push_rows
from .report import SyncReport

# Events per transaction: a sync killed in the middle redoes at most one batch (plus the
# batches whose local marks were still being written, see onestop.sync.pipeline.Behind).
PUSH_BATCH = 20000
PULL_BATCH = 20000


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
        with collector_paused():
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
    take_master(ctx, engine, agency, report)
    lease_numbers(ctx, engine, report)
    # Row changes are noticed before the events are pushed: every dossier they name then has
    # its events pushed (hence positioned) before them.
    with ctx.store.unit_of_work() as session:
        replicated.detect(session, settings.workstation_id, ctx.clock())
        session.commit()
    push_events(ctx, engine, agency, report, push_batch)
    push_rows(ctx, engine, agency, report)
    pull_changes(ctx, engine, agency, report, pull_batch)
