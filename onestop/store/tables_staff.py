"""Tables of the staff feature: the accounts that sign in to the desktop client, with their role."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
