"""The store's schema as SQLAlchemy 2 mapped classes: one schema for SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from onestop.domain.clock import VN_TZ

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Aware datetimes stored as UTC (SQLite has no time zones); read back in Vietnam's time."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(VN_TZ)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Office and workstation configuration, one JSON value per key."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Counter(Base):
    """Monotonic counters (dossier numbers per agency, day and band; tracking-book numbers)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Procedure(Base):
    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(Text)
    processing_days: Mapped[int | None] = mapped_column(Integer)
    processing_hours: Mapped[float | None] = mapped_column(Float)
    fee: Mapped[int] = mapped_column(Integer, default=0)
    postal: Mapped[bool] = mapped_column(Boolean, default=True)
    online: Mapped[str] = mapped_column(String(20))
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # "working" or "calendar" (issue 14); cases: [{"name", "processing_days"|"processing_hours",
    # "days_kind", "fee"}] when the time or fee depends on the case, else NULL.
    days_kind: Mapped[str] = mapped_column(String(10), default="working", server_default="working")
    cases: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


# The dossiers' columns the supervisors' figures read (onestop.store.repository_figures).
FIGURE_COLUMNS = (
    "received_at",
    "result_at",
    "original_due_at",
    "status",
    "finished_at",
    "channel",
    "procedure_code",
    "procedure_name",
    "receiver",
    "workstation_id",
)


class Dossier(Base):
    """The projection of a dossier's events, plus the facts captured at receipt."""

    __tablename__ = "dossiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(Text)
    applicant_kind: Mapped[str] = mapped_column(String(20), default="individual")
    applicant_name: Mapped[str] = mapped_column(Text)
    applicant_folded: Mapped[str] = mapped_column(Text)
    id_number: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    return_by: Mapped[str] = mapped_column(String(10), default="counter")
    return_address: Mapped[str | None] = mapped_column(Text)
    # The 2025 units the return address resolved to (issue 14): set when returned by post.
    return_province_code: Mapped[str | None] = mapped_column(String(2))
    return_commune_code: Mapped[str | None] = mapped_column(String(5))
    channel: Mapped[str] = mapped_column(String(10), default="counter")
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    sets: Mapped[int] = mapped_column(Integer, default=1)
    fee: Mapped[int] = mapped_column(Integer, default=0)
    processing_days: Mapped[int | None] = mapped_column(Integer)
    processing_hours: Mapped[float | None] = mapped_column(Float)
    days_kind: Mapped[str | None] = mapped_column(String(10))  # NULL: working days
    case_name: Mapped[str | None] = mapped_column(Text)  # the procedure's case, when it has cases
    notes: Mapped[str | None] = mapped_column(Text)
    workstation_id: Mapped[str] = mapped_column(String(36))
    receiver: Mapped[str] = mapped_column(String(100))
    book_volume: Mapped[str | None] = mapped_column(String(40))
    book_number: Mapped[int | None] = mapped_column(Integer)
    # Projected from the events:
    status: Mapped[str] = mapped_column(String(30))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_day: Mapped[str] = mapped_column(String(10))  # local date, YYYY-MM-DD
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    original_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    result_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The due date before an extension recorded too late (migration 0018): overdue is judged by it.
    late_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Supplement requests that took effect (migration 0022): the figures judge by it. Kept by the
    # workstations' projection; NULL at a PostgreSQL centre, whose push functions project in SQL
    # and whose report classifies such dossiers from their events.
    supplements: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_dossiers_received_day", "received_day", "received_at"),
        Index("ix_dossiers_status_due", "status", "due_at"),
        Index("ix_dossiers_applicant_folded", "applicant_folded"),
        Index("ix_dossiers_id_number", "id_number"),
        Index("ix_dossiers_phone", "phone"),
        # The supervisors' figures (migration 0020): the dossiers received in a period and those
        # resolved since its start, each index holding all the figures read (no row lookups).
        Index("ix_dossiers_figures_received", "received_day", *FIGURE_COLUMNS),
        Index("ix_dossiers_figures_result", "result_at", *FIGURE_COLUMNS[:1], *FIGURE_COLUMNS[2:]),
        # Those refused or stopped since an instant, received before it (migration 0022).
        Index("ix_dossiers_status_finished", "status", "finished_at", "received_at"),
    )


class Event(Base):
    """Append-only history: rows are inserted, never updated or deleted (enforced by triggers)."""

    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    type: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    workstation_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The recording workstation's hash chain (onestop.domain.chain): its number in the chain,
    # the previous event's hash, this event's hash. Never empty (a trigger refuses that).
    chain_seq: Mapped[int | None] = mapped_column(BigInteger)
    chain_prev: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_events_dossier_at", "dossier_id", "at"),
        # Ratings of a period; dossiers with supplements or an extension (migration 0020).
        Index("ix_events_type_at", "type", "at"),
        # One event per number of a workstation's chain: no fork, by construction.
        Index("uq_events_chain", "workstation_id", "chain_seq", unique=True),
    )


class CalendarOverride(Base):
    """Announced days off and make-up working days, on top of the public holidays."""

    __tablename__ = "calendar_overrides"
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="local")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Guidance(Base):
    """Guidance given at the counter for a dossier not accepted (no code): what to add, or why it
    cannot be accepted. Kept for the statistics; the citizen takes the printed form home."""

    __tablename__ = "guidance"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    procedure_code: Mapped[str] = mapped_column(String(40))
    applicant_name: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20))
    items: Mapped[list[str]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    workstation_id: Mapped[str] = mapped_column(String(36))

    __table_args__ = (Index("ix_guidance_at", "at"),)
