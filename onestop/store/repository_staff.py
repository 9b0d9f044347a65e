"""Queries and writes on the staff tables: accounts, the sign-in throttle's rows (locks and the
record of attempts) and the demo's accounts, so that the account services compose no SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from onestop.domain.ids import new_id_str
from onestop.store.tables_staff import SigninAttempt, SigninLock, Staff

# --- accounts ---------------------------------------------------------------------------------


def account(session: Session, username: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.username == username))


def accounts(session: Session) -> list[Staff]:
    """Every account, by role, then name."""
    return list(session.scalars(select(Staff).order_by(Staff.role, Staff.username)))


def count_active(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Staff).where(Staff.active.is_(True)))


def usernames(session: Session) -> set[str]:
    return set(session.scalars(select(Staff.username)))


def add_account(
    session: Session,
    *,
    username: str,
    full_name: str,
    role: str,
    password_hash: str,
    now: datetime,
) -> Staff:
    """A new active account (a UUIDv7 key: see Staff); the caller commits."""
    row = Staff(
        id=new_id_str(),
        username=username,
        full_name=full_name,
        role=role,
        password_hash=password_hash,
        active=True,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    return row


def password_hashes(session: Session) -> Sequence[Row[tuple[str, str, str]]]:
    """(id, username, password_hash) of every account: what telling the demo's apart needs."""
    return session.execute(select(Staff.id, Staff.username, Staff.password_hash)).all()


def delete_accounts(session: Session, ids: Iterable[str]) -> None:
    """Staff rows are master data, not history: deleting them is allowed (events keep the
    actor's name)."""
    ids = list(ids)
    if ids:
        session.execute(delete(Staff).where(Staff.id.in_(ids)))


# --- sign-in throttle -------------------------------------------------------------------------


def signin_lock(session: Session, username: str) -> SigninLock | None:
    return session.get(SigninLock, username)


def signin_locks(session: Session, usernames: Iterable[str]) -> dict[str, SigninLock]:
    names = list(usernames)
    found = session.scalars(select(SigninLock).where(SigninLock.username.in_(names)))
    return {lock.username: lock for lock in found}


def new_signin_lock(session: Session, username: str, now: datetime) -> SigninLock:
    """A lock row with no failure counted yet; the caller counts and commits."""
    lock = SigninLock(username=username, failures=0, updated_at=now)
    session.add(lock)
    return lock


def record_attempt(
    session: Session,
    username: str,
    at: datetime,
    outcome: str,
    *,
    locked_until: datetime | None = None,
    actor: str | None = None,
) -> None:
    """One line of the append-only record of sign-in attempts (see SigninAttempt)."""
    session.add(
        SigninAttempt(
            id=new_id_str(),
            username=username,
            at=at,
            outcome=outcome,
            locked_until=locked_until,
            actor=actor,
        )
    )
