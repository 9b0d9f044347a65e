"""The central database's administration as statements: create or upgrade its schema, copy an
office's master data to it, and make a workstation's database role confined to one agency.
What may be published (no demo data) is decided above, in onestop.services.sync.admin."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.store import repository as repo
from onestop.store.db import current_revision, open_store

from .. import dba, errors
from ..config import SyncSettings
from ..local import OFFICE_KEYS
from . import schema

_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def init_central(
    cfg: SyncSettings, password: str | None, now: datetime, *, new_identity: bool = False
) -> dict[str, Any]:
    """Create the central database's schema (or bring it to this program's version) with the
    same migrations as every store, and give it its identity (a new one if asked: after it was
    restored from a backup)."""
    url = cfg.url(password).render_as_string(hide_password=False)
    try:
        store = open_store(url)
    except errors.SyncError:
        raise
    except Exception as exc:
        if exc.__class__.__name__ == "StoreTooNew":
            raise errors.SyncError(errors.VERSION, str(exc)) from None
        raise errors.classify(exc, cfg.where(), cfg.account()) from None
    try:
        with store.engine.begin() as conn:
            central_id = schema.ensure_identity(conn, now, renew=new_identity)
        return {
            "central": cfg.where(),
            "central_id": central_id,
            "revision": current_revision(store.engine),
            "dialect": store.dialect,
        }
    finally:
        store.close()


@dataclass(frozen=True)
class LocalMaster:
    """A store's master data as rows: what publishing sends to the centre."""

    procedures: list[dict[str, Any]]
    calendar: list[dict[str, Any]]
    staff: list[dict[str, Any]]
    settings: dict[str, Any]

    def office(self) -> dict[str, Any]:
        """The office's own settings (not the workstation's): those flow from the centre."""
        return {k: self.settings[k] for k in OFFICE_KEYS if k in self.settings}


def _master_tables() -> tuple[Any, Any, Any]:
    from onestop.store.all_tables import metadata

    tables = metadata.tables
    return tables["procedures"], tables["calendar_overrides"], tables.get("staff")


def local_master(session: Session) -> LocalMaster:
    procedures, calendar, staff = _master_tables()
    procs = [dict(r) for r in session.execute(select(procedures)).mappings()]
    days = [dict(r) for r in session.execute(select(calendar)).mappings()]
    people = []
    if staff is not None:
        people = [dict(r) for r in session.execute(select(staff)).mappings()]
    return LocalMaster(procs, days, people, repo.get_settings(session))


def send_master(
    engine: Engine,
    master: LocalMaster,
    *,
    agency: str,
    now: datetime,
    is_demo_account: Callable[[str | None, str | None], bool],
) -> list[str]:
    """Make the central master data this store's, in one transaction at the centre: its
    catalogue (procedures it lacks are deactivated there), its calendar overrides, its staff
    accounts, its office settings. Returns the demo accounts found (and removed) at the centre.
    Run by the administrator, as the owner of the central tables."""
    procedures, calendar, staff = _master_tables()
    procs, days, people = master.procedures, master.calendar, master.staff
    with engine.begin() as conn:
        schema.inspect(conn)
        if procs:
            schema.upsert(conn, procedures, procs)
            codes = [p["code"] for p in procs]
            conn.execute(
                update(procedures).where(procedures.c.code.not_in(codes)).values(active=False)
            )
        conn.execute(delete(calendar).where(calendar.c.day.not_in([d["day"] for d in days])))
        schema.upsert(conn, calendar, days)
        removed: list[str] = []
        if staff is not None:
            # Demo accounts an earlier version published (quan.tri reached every agency).
            found = conn.execute(select(staff.c.id, staff.c.username, staff.c.password_hash))
            spread = [r for r in found if is_demo_account(r.username, r.password_hash)]
            if spread:
                conn.execute(delete(staff).where(staff.c.id.in_([r.id for r in spread])))
                removed = sorted(r.username for r in spread)
        if staff is not None and people:
            for person in people:
                conn.execute(
                    delete(staff).where(
                        staff.c.username == person["username"], staff.c.id != person["id"]
                    )
                )
            schema.upsert(conn, staff, people)
        schema.upsert(
            conn,
            schema.AGENCIES,
            [{"agency_code": agency, "settings": master.office(), "updated_at": now}],
        )
    return removed


def create_role(engine: Engine, role: str, password: str | None, agency: str) -> dict[str, Any]:
    """A login role for one workstation, member of onestop_workstation, allowed one agency. The
    password goes to the server already hashed (SCRAM-SHA-256), so it never appears in clear in
    the server's statement log.

    An administrator set up by the DBA (onestop.sync.dba) has no CREATEROLE: the role is made by
    the DBA's function, which makes plain workstation roles and nothing else; this
    administrator then maps it to its agency (sync_roles, its own table). A superuser, or an
    administrator of an older setup that still has CREATEROLE, makes it directly."""
    if engine.dialect.name != "postgresql":
        raise InputError("central", msg("central.workstation_pg"))
    if not _ROLE.match(role):
        raise InputError("role", msg("central.role_name"))
    with engine.begin() as conn:
        schema.inspect(conn)
        verifier = dba.scram_verifier(conn, role, password) if password else None
        if dba.has_role_function(conn):
            created = _by_role_function(conn, role, verifier)
        else:
            created = _directly(conn, role, verifier)
        table = schema.AGENCIES.metadata.tables["sync_roles"]
        conn.execute(
            schema.dialect_insert(conn, table)
            .values(role_name=role, agency_code=agency)
            .on_conflict_do_nothing()
        )
    return {"role": role, "agency_code": agency, "created": created}


def _by_role_function(conn: Connection, role: str, verifier: str | None) -> bool:
    try:
        with conn.begin_nested():
            return bool(
                conn.execute(
                    text(f"SELECT {dba.ROLE_FUNCTION_NAME}(:role, :verifier)"),
                    {"role": role, "verifier": verifier},
                ).scalar()
            )
    except DBAPIError as exc:
        if errors.sqlstate(exc) in ("42501", "22023"):
            raise InputError("role", msg("central.role_taken", role=role)) from None
        raise


def _directly(conn: Connection, role: str, verifier: str | None) -> bool:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    try:
        with conn.begin_nested():
            if not exists:
                conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
            if verifier:
                conn.exec_driver_sql(f"ALTER ROLE \"{role}\" PASSWORD '{verifier}'")
            conn.exec_driver_sql(f'GRANT onestop_workstation TO "{role}"')
    except DBAPIError as exc:
        if errors.sqlstate(exc) != "42501":
            raise
        raise errors.SyncError(
            errors.FORBIDDEN,
            "Tài khoản quản trị này không tạo được tài khoản máy trạm: quản trị viên cơ sở dữ "
            "liệu cần chạy một lần 'onestop central setup' (hoặc packaging/central/setup.sql) "
            "với quyền superuser.",
            str(getattr(exc, "orig", exc)),
        ) from None
    return not exists
