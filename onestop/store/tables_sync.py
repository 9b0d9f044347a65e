"""Tables of the sync feature: what a workstation knows of the central database, and what the
central database keeps to order, hand out and check (positions, code leases, workstations).

Local stores and the central database share one schema (the same migrations): the ``sync_*``
tables a role does not use simply stay empty there. None of them touches the append-only
``events`` table: what was pushed is recorded beside it, never by updating it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.tables import Base, UTCDateTime

# --- on a workstation -------------------------------------------------------------------------


class SyncState(Base):
    """The workstation's one row about its central database: which one (its identity), how far
    it has pulled, the master-data versions applied, and how the last attempt went."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    central_id: Mapped[str | None] = mapped_column(String(36))
    agency_code: Mapped[str | None] = mapped_column(String(40))
    pulled_position: Mapped[int] = mapped_column(BigInteger, default=0)
    central_position: Mapped[int | None] = mapped_column(BigInteger)
    master_versions: Mapped[dict[str, Any]] = mapped_column(JSON)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncPushed(Base):
    """Events known to be in the central database (pushed from here, or pulled from there)."""

    __tablename__ = "sync_pushed"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncLease(Base):
    """A block of band-0 dossier numbers the central database leased to this workstation for one
    agency and day; ``used`` numbers of it have been drawn."""

    __tablename__ = "sync_leases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[str] = mapped_column(String(10))
    width: Mapped[int] = mapped_column(Integer)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    used: Mapped[int] = mapped_column(Integer, default=0)
    leased_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_sync_leases_agency_day", "agency_code", "day"),)


class SyncRowVersion(Base):
    """The replicated version of one row of a table that is not event-sourced (postal records,
    counter guidance): its last-writer-wins stamp ``<UTC time>|<workstation id>``, the digest and
    JSON text of the row as that version had it, the change's id at the centre, and whether the
    centre has it. A row whose digest no longer matches was changed here: a new version."""

    __tablename__ = "sync_row_versions"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64))
    change_id: Mapped[str] = mapped_column(String(36))
    data: Mapped[str] = mapped_column(Text)
    pushed: Mapped[bool] = mapped_column(Boolean, default=False)


# --- in the central database ------------------------------------------------------------------


class SyncCentral(Base):
    """One row in a central database (written by ``onestop central init``): its identity, so that a
    workstation notices when it is pointed at another central database."""

    __tablename__ = "sync_central"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # No band-0 lease for a day before this one (YYYY-MM-DD): set when the identity is renewed
    # after a restore, since the restored allocators may have handed those numbers out already.
    leases_from: Mapped[str | None] = mapped_column(String(10))


class SyncLog(Base):
    """The agency's log of positions, in runs: each accepted batch of events (or of replicated
    row changes) was given the positions ``position`` .. ``position + count - 1``, in the order
    of ``event_ids``. Workstations pull by position."""

    __tablename__ = "sync_log"
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # the run's first
    workstation_id: Mapped[str] = mapped_column(String(36))
    pushed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    count: Mapped[int] = mapped_column(Integer)
    event_ids: Mapped[list[str]] = mapped_column(JSON)


class SyncHead(Base):
    """Per-agency allocators: ``events`` (the last position given) and ``lease:YYYY-MM-DD`` (the
    last band-0 number leased that day). A row is locked from allocation to commit."""

    __tablename__ = "sync_heads"
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class SyncCodeLease(Base):
    """Every block of band-0 numbers the central database has leased, to whom and when."""

    __tablename__ = "sync_code_leases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[str] = mapped_column(String(10))
    width: Mapped[int] = mapped_column(Integer)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    workstation_id: Mapped[str] = mapped_column(String(36))
    leased_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_sync_code_leases_agency_day", "agency_code", "day"),)


class SyncWorkstation(Base):
    """The workstations that sync, with their number in the agency: two workstations claiming
    the same number (hence the same offline band of codes) are refused."""

    __tablename__ = "sync_workstations"
    workstation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    workstation_number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role_name: Mapped[str] = mapped_column(String(100))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("agency_code", "workstation_number"),)


class SyncRole(Base):
    """Which agency a database role may write (row-level security on PostgreSQL reads this)."""

    __tablename__ = "sync_roles"
    role_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)


class SyncAgency(Base):
    """An agency's office settings as master data (name, unit, place, code pattern, hours...)."""

    __tablename__ = "sync_agencies"
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncMasterVersion(Base):
    """One version per kind of master data, bumped by triggers whenever its table changes, so
    that a workstation fetches a kind again only when it changed."""

    __tablename__ = "sync_master_versions"
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class SyncRowChange(Base):
    """One version of one replicated row, as a workstation pushed it: append-only like events,
    ordered in the agency's log with them (``sync_log.event_ids`` holds the change's id), so a
    row is always pulled after the dossiers it names. Workstations keep the highest version."""

    __tablename__ = "sync_rows"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[str] = mapped_column(String(80))
    data: Mapped[str] = mapped_column(Text)
    workstation_id: Mapped[str] = mapped_column(String(36))
    pushed_at: Mapped[datetime] = mapped_column(UTCDateTime)
