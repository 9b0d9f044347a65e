"""Tables of the postal service: home pickup requests, handover records with the post, consignments
(S10 items) and the postage charged per trip."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.tables import Base, UTCDateTime


class PickupRequest(Base):
    """A citizen's request that the post pick a dossier up at home on a given day. It becomes a
    dossier when the postman hands it over at the counter (``dossier_id`` then set)."""

    __tablename__ = "postal_pickups"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(Text)
    applicant_name: Mapped[str] = mapped_column(Text)
    id_number: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(Text)
    # The 2025 units the address resolved to (issue 14); NULL for requests taken before 0017.
    province_code: Mapped[str | None] = mapped_column(String(2))
    commune_code: Mapped[str | None] = mapped_column(String(5))
    return_by: Mapped[str] = mapped_column(String(10))
    day: Mapped[str] = mapped_column(String(10))  # local date of the pickup, YYYY-MM-DD
    status: Mapped[str] = mapped_column(String(20))  # requested|handed_over|received|cancelled
    notes: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    requested_by: Mapped[str] = mapped_column(String(100))
    workstation_id: Mapped[str] = mapped_column(String(36))
    record_id: Mapped[str | None] = mapped_column(ForeignKey("postal_handover_records.id"))
    consignment: Mapped[str | None] = mapped_column(String(13))
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(100))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # "TG-1012" (onestop.domain.postal.pickup_reference): what people read and type.
    reference: Mapped[str | None] = mapped_column(String(20))
    case_name: Mapped[str | None] = mapped_column(Text)  # the procedure's case, when it has cases

    __table_args__ = (
        Index("ix_postal_pickups_day", "day", "status"),
        # Not unique: a row pulled from a misconfigured counter must still apply.
        Index("ix_postal_pickups_reference", "reference"),
    )


class HandoverRecord(Base):
    """A signed handover record (Biên bản giao nhận) between the counter and the post."""

    __tablename__ = "postal_handover_records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))  # delivery | pickup
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[str] = mapped_column(String(10))  # local date of the signature
    officer: Mapped[str] = mapped_column(String(100))
    postman_name: Mapped[str] = mapped_column(Text)
    post_office: Mapped[str] = mapped_column(Text)
    workstation_id: Mapped[str] = mapped_column(String(36))
    # How the post identifies its employee: the employee number and/or a phone number.
    postman_number: Mapped[str | None] = mapped_column(String(40))
    postman_phone: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("agency_code", "number", name="uq_postal_handover_records_number"),
        Index("ix_postal_handover_records_day", "day"),
    )


class Consignment(Base):
    """One postal item (UPU S10 number) listed on a handover record. A workstation never gives
    a number twice; two workstations cut off from each other may, and sync keeps both (see
    migration 0008)."""

    __tablename__ = "postal_consignments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(13))
    kind: Mapped[str] = mapped_column(String(10))
    record_id: Mapped[str] = mapped_column(ForeignKey("postal_handover_records.id"))
    position: Mapped[int] = mapped_column(Integer)  # line on the record
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"))
    pickup_id: Mapped[str | None] = mapped_column(ForeignKey("postal_pickups.id"))
    applicant_name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20))
    zone: Mapped[str] = mapped_column(String(20))
    weight_g: Mapped[int] = mapped_column(Integer)
    handed_over_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_postal_consignments_record", "record_id", "position"),
        Index("ix_postal_consignments_dossier", "dossier_id"),
        Index("ix_postal_consignments_number", "number"),
    )


class Charge(Base):
    """Postage of one trip of one consignment, and who pays it; the monthly statement sums them."""

    __tablename__ = "postal_charges"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    consignment_id: Mapped[str] = mapped_column(ForeignKey("postal_consignments.id"))
    kind: Mapped[str] = mapped_column(String(20))  # first_trip | repeat_trip | return_to_agency
    amount: Mapped[int] = mapped_column(Integer)  # VND
    payer: Mapped[str] = mapped_column(String(10))  # agency | citizen | post
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    month: Mapped[str] = mapped_column(String(7))  # local YYYY-MM of the trip
    event_id: Mapped[str | None] = mapped_column(String(36))  # the dossier event that caused it

    __table_args__ = (Index("ix_postal_charges_month", "month", "payer"),)
