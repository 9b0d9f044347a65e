"""Tables of the staff feature: the accounts that sign in to the desktop client, with their role,
and the workstation's record of sign-in attempts and lockouts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.tables import Base, UTCDateTime


class Staff(Base):
    """One person who signs in. Master data: a UUIDv7 key so that accounts created at the centre
    and on workstations never collide; ``username`` is what people type and what events record
    as their actor."""

    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    # Argon2id encoded hash (parameters and salt included); never the password itself.
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The agency whose workstations receive this account by sync; None: every agency (the
    # province's administrators).
    agency_code: Mapped[str | None] = mapped_column(String(40))
    # A postal employee's number at the post and phone, printed on the hand-over records.
    employee_number: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SigninLock(Base):
    """Wrong passwords in a row for one name typed at sign-in, and the lock they earned. Keyed by
    the name, not the account: unknown names are locked alike, so locking tells nobody which
    names exist. Local to the workstation (never replicated: see migration 0010)."""

    __tablename__ = "signin_locks"
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SigninAttempt(Base):
    """Every sign-in attempt, lockout and unlock, append-only: ``outcome`` is ``success``,
    ``wrong_password`` (with ``locked_until`` when it locked the name), ``locked_out`` (refused
    unchecked while locked), ``disabled`` (right password, account disabled) or ``unlocked`` (by
    ``actor``, an administrator)."""

    __tablename__ = "signin_attempts"
    __table_args__ = (Index("ix_signin_attempts_username_at", "username", "at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(20))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    actor: Mapped[str | None] = mapped_column(String(100))
