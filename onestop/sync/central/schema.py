"""The central database's tables as sync sees them, its identity and schema version, the
workstations' registration, and the position allocators. Every function runs on a SQLAlchemy
Connection whose transaction the caller owns (PostgreSQL in production, SQLite in demos).

Positions, and why a reader never skips one
-------------------------------------------
Each agency has one allocator row, ``sync_heads(agency, 'events')``. A push inserts its events
first, then, as the last statement before COMMIT, moves that row forward by the number of new
events (``UPDATE ... RETURNING``) and writes their positions. The UPDATE locks the row until the
transaction ends, so a second push of the same agency waits there until the first has
committed (or rolled back, which also undoes its increment: positions have no holes). Positions
are therefore handed out in commit order: when a reader sees position p committed, every
position below p was committed before it, and a reader that continues from the last position it
read can never skip one that "commits late" (the classic gap of sequences). The lock is held
only from the allocation to the commit, not while the events are inserted, and only within one
agency, so agencies never wait for each other. SQLite serializes writers anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from onestop.domain.ids import new_id_str
from onestop.store import tables_sync as ts
from onestop.store.db import head_revision

from .. import bulk, errors
from ..projection import DOSSIERS

LOG: Table = ts.SyncLog.__table__  # type: ignore[assignment]
HEADS: Table = ts.SyncHead.__table__  # type: ignore[assignment]
LEASES: Table = ts.SyncCodeLease.__table__  # type: ignore[assignment]
WORKSTATIONS: Table = ts.SyncWorkstation.__table__  # type: ignore[assignment]
AGENCIES: Table = ts.SyncAgency.__table__  # type: ignore[assignment]
VERSIONS: Table = ts.SyncMasterVersion.__table__  # type: ignore[assignment]

EVENTS_HEAD = "events"


def dialect_insert(conn: Connection, table: Table):
    """INSERT with ON CONFLICT support on both engines."""
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


# --- identity and version ---------------------------------------------------------------------


@dataclass(frozen=True)
class CentralInfo:
    central_id: str
    revision: str
    role: str
    bypass_rls: bool


def inspect(conn: Connection, where: str = "") -> CentralInfo:
    """Check that this is a central database at this program's schema version, and who we are."""
    from alembic.script import ScriptDirectory

    from onestop.store.db import MIGRATIONS

    try:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:
        if "alembic_version" in str(exc):
            raise errors.SyncError(errors.NOT_CENTRAL, _not_central(where), str(exc)) from None
        raise
    head = head_revision()
    if revision != head:
        script = ScriptDirectory(str(MIGRATIONS))
        try:
            script.get_revision(revision)
            known = revision is not None
        except Exception:
            known = False
        if not known:
            raise errors.SyncError(
                errors.VERSION,
                f"Máy chủ trung tâm dùng lược đồ dữ liệu {revision}, mới hơn phiên bản onestop "
                f"này (lược đồ {head}): hãy cập nhật onestop trên máy trạm trước khi đồng bộ.",
            )
        raise errors.SyncError(
            errors.VERSION,
            f"Máy chủ trung tâm còn ở lược đồ dữ liệu {revision}, cũ hơn phiên bản onestop này "
            f"(lược đồ {head}): quản trị viên cần chạy 'onestop central init --central URL' để "
            "nâng cấp máy chủ trung tâm.",
        )
    central_id = conn.execute(select(ts.SyncCentral.id)).scalar()
    if central_id is None:
        raise errors.SyncError(errors.NOT_CENTRAL, _not_central(where))
    if conn.dialect.name == "postgresql":
        row = conn.execute(
            text(
                "SELECT current_user, r.rolsuper OR r.rolbypassrls "
                "OR pg_get_userbyid(c.relowner) = current_user, pg_is_in_recovery() "
                "FROM pg_roles r, pg_class c WHERE r.rolname = current_user "
                "AND c.oid = 'dossiers'::regclass"
            )
        ).one()
        role, bypass = str(row[0]), bool(row[1])
        if row[2]:
            raise errors.SyncError(errors.CONFIG, _standby(where))
    else:
        role, bypass = "sqlite", True
    return CentralInfo(central_id=central_id, revision=revision, role=role, bypass_rls=bypass)


def _standby(where: str) -> str:
    return (
        f"Máy chủ {where} là bản sao chỉ đọc (hot standby) của máy chủ trung tâm: máy trạm chỉ "
        "đồng bộ với máy chủ chính; bản sao dùng cho báo cáo (onestop report --central URL)."
    ).replace("  ", " ")


def _not_central(where: str) -> str:
    return (
        f"Cơ sở dữ liệu {where} chưa được khởi tạo làm máy chủ trung tâm: quản trị viên chạy "
        "'onestop central init --central URL'."
    ).replace("  ", " ")


def allowed_agencies(conn: Connection) -> list[str]:
    if conn.dialect.name != "postgresql":
        return []
    return list(conn.execute(text("SELECT onestop_agencies()")).scalar() or [])


def register(
    conn: Connection,
    *,
    info: CentralInfo,
    agency: str,
    workstation_id: str,
    number: int,
    name: str,
    now: datetime,
) -> None:
    """Record this workstation; refuse a second workstation with the same number in an agency,
    which would share its band of offline codes."""
    if not info.bypass_rls and agency not in allowed_agencies(conn):
        raise errors.SyncError(
            errors.FORBIDDEN,
            f"Tài khoản {info.role} không được phép ghi dữ liệu của cơ quan {agency} trên máy chủ "
            "trung tâm; quản trị viên cần cấp quyền (onestop central role).",
        )
    holder = conn.execute(
        select(WORKSTATIONS.c.workstation_id, WORKSTATIONS.c.name).where(
            WORKSTATIONS.c.agency_code == agency,
            WORKSTATIONS.c.workstation_number == number,
            WORKSTATIONS.c.workstation_id != workstation_id,
        )
    ).first()
    if holder is not None:
        raise errors.SyncError(
            errors.CONFIG,
            f"Số hiệu máy trạm {number} của cơ quan {agency} đã được máy trạm khác "
            f"('{holder.name}') dùng: mỗi máy trạm cần một số hiệu riêng "
            "(onestop init --workstation K) để mã hồ sơ không bao giờ trùng.",
        )
    values = {
        "agency_code": agency,
        "workstation_number": number,
        "name": name,
        "role_name": info.role,
        "last_seen": now,
    }
    done = conn.execute(
        update(WORKSTATIONS).where(WORKSTATIONS.c.workstation_id == workstation_id).values(values)
    )
    if done.rowcount == 0:
        conn.execute(
            insert(WORKSTATIONS).values(workstation_id=workstation_id, first_seen=now, **values)
        )


# --- positions ---------------------------------------------------------------------------------


def allocate(conn: Connection, agency: str, name: str, count: int) -> int:
    """Move an allocator forward by ``count``; returns the new last value. The row stays locked
    until the caller's transaction ends (see the module's docstring)."""
    conn.execute(
        dialect_insert(conn, HEADS)
        .values(agency_code=agency, name=name, value=0)
        .on_conflict_do_nothing(index_elements=["agency_code", "name"])
    )
    return conn.execute(
        update(HEADS)
        .where(HEADS.c.agency_code == agency, HEADS.c.name == name)
        .values(value=HEADS.c.value + count)
        .returning(HEADS.c.value)
    ).scalar_one()


def log_accepted(
    conn: Connection, agency: str, event_ids: list[str], workstation_id: str, now: Any
) -> int | None:
    """Give accepted changes the next positions of the agency's log, in the order given; the
    last position (None when none were accepted). Call it last, just before the caller commits:
    the allocator's row stays locked only this long."""
    if not event_ids:
        return None
    last = allocate(conn, agency, EVENTS_HEAD, len(event_ids))
    bulk.append_log(
        conn,
        LOG,
        agency=agency,
        first=last - len(event_ids) + 1,
        event_ids=event_ids,
        workstation_id=workstation_id,
        now=now,
    )
    return last


def head(conn: Connection, agency: str) -> int:
    value = conn.execute(
        select(HEADS.c.value).where(HEADS.c.agency_code == agency, HEADS.c.name == EVENTS_HEAD)
    ).scalar()
    return int(value or 0)


# --- administration ----------------------------------------------------------------------------


def ensure_identity(conn: Connection, now: datetime, *, renew: bool = False) -> str:
    """The central database's identity, created once; ``renew`` gives it a new one (after a
    restore from a backup: every workstation then pushes and pulls everything again)."""
    table = ts.SyncCentral.__table__
    existing = conn.execute(select(ts.SyncCentral.id)).scalar()
    if existing is not None and not renew:
        return existing
    central_id = new_id_str()
    # After a restore the lease allocators are back where the backup left them, and may hand
    # out numbers already printed on receipts: no lease until tomorrow (the workstations use
    # their own bands meanwhile, unique whatever happened).
    leases_from = (now.date() + timedelta(days=1)).isoformat() if existing else None
    conn.execute(table.delete())
    conn.execute(insert(table).values(id=central_id, created_at=now, leases_from=leases_from))
    return central_id


def upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    stmt = dialect_insert(conn, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys,
        set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys},
    )
    conn.execute(stmt, rows)


def counts(conn: Connection, agency: str | None = None) -> dict[str, int]:
    """How many dossiers, and events and row changes with positions, the central database holds
    (for reports)."""
    dossiers = select(func.count()).select_from(DOSSIERS)
    log = select(func.coalesce(func.sum(LOG.c.count), 0)).select_from(LOG)
    if agency:
        dossiers = dossiers.where(DOSSIERS.c.agency_code == agency)
        log = log.where(LOG.c.agency_code == agency)
    return {
        "dossiers": conn.execute(dossiers).scalar_one(),
        "events": int(conn.execute(log).scalar_one()),
    }
