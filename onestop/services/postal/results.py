"""What the postal use cases return: frozen dataclasses the desktop client reads by attribute,
each with ``to_json()`` giving the very dict the command line prints (same keys, same order).

Times are datetimes here and ISO text in JSON; days the store keeps as ISO text (a pickup's day,
a re-attempt's day) stay text. A field listed in ``_OPTIONAL`` is left out of the JSON when None:
the command line has always printed those keys only when they apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, ClassVar

from onestop.domain import postal as rules
from onestop.services.dossiers import DossierDetail


def _plain(value: Any) -> Any:
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class _Result:
    _OPTIONAL: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None and f.name in self._OPTIONAL:
                continue
            out[f.name] = _plain(value)
        return out


# --- lists --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListItem(_Result):
    """What every row of the postman's lists has: whom to see where (grouped by commune:
    ``commune_code`` of the 2025 map, None when the address cannot be placed, ``ward`` its name),
    the consignment once handed over, and the status with its label."""

    ref: str
    kind: str
    name: str
    address: str
    phone: str | None
    consignment: str | None
    status: str
    status_label: str
    ward: str
    commune_code: str | None


@dataclass(frozen=True)
class PickupItem(ListItem):
    """A home pickup request: a row of a day's pickup list, and what requesting or cancelling
    one returns. ``code``: the dossier it became, once received."""

    day: str
    procedure_code: str
    procedure_name: str
    id_number: str | None
    return_by: str
    code: str | None
    cancel_reason: str | None
    # ``ref`` is the short reference people read ("TG-1012"); ``id`` the request's key.
    id: str | None = None


@dataclass(frozen=True)
class DeliveryItem(ListItem):
    """A result on a day's delivery list: waiting for the post, handed over that day (with its
    consignment), or due for a re-attempt (``next_attempt_on``)."""

    _OPTIONAL: ClassVar[tuple[str, ...]] = ("next_attempt_on",)

    code: str
    procedure_code: str
    procedure_name: str
    result_at: datetime | None
    failed_attempts: int
    next_attempt_on: str | None = None


@dataclass(frozen=True)
class OverdueItem(_Result):
    """A result out with the post past its service time or re-attempt day, or a pickup whose
    day passed without a hand-over."""

    kind: str
    ref: str
    name: str
    address: str | None
    phone: str | None
    consignment: str | None
    since: str
    reason: str


@dataclass(frozen=True)
class DayLists(_Result):
    """The postal page's view of a day, read in one go: the delivery and pickup lists, what is
    overdue, and the counts its tabs show (from the same rows, so they always agree)."""

    day: date
    delivery: tuple[DeliveryItem, ...]
    pickup: tuple[PickupItem, ...]
    overdue: tuple[OverdueItem, ...]

    @property
    def waiting_delivery(self) -> int:
        """Results waiting to be handed to the post."""
        return sum(1 for r in self.delivery if r.status == "result_ready")

    @property
    def waiting_pickup(self) -> int:
        """Requests waiting for the post to collect them."""
        return sum(1 for r in self.pickup if r.status == "requested")


# --- hand-over records --------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoverItem(_Result):
    """One consignment of a record: ``ref`` is the dossier code (delivery) or the request's
    reference (pickup), ``code`` the dossier code. ``address`` is given when the record is read
    back."""

    _OPTIONAL: ClassVar[tuple[str, ...]] = ("address",)

    ref: str | None
    code: str | None
    consignment: str
    name: str
    address: str | None
    zone: str
    postage: int
    payer: str | None


@dataclass(frozen=True)
class HandoverResult(_Result):
    """A hand-over record with its items, as made or as read back (then with the officer's
    full name)."""

    _OPTIONAL: ClassVar[tuple[str, ...]] = ("officer_name", "postman_number", "postman_phone")

    record: str
    kind: str
    at: datetime
    officer: str
    postman: str
    post_office: str
    items: tuple[HandoverItem, ...]
    postage: int
    officer_name: str | None = None
    postman_number: str | None = None
    postman_phone: str | None = None


# --- attempts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptResult:
    """The dossier as it stands after an outcome (``dossiers.show``), with the attempt's number,
    the re-attempt day and the consignment when they apply."""

    dossier: DossierDetail
    attempt: int | None
    next_attempt_on: str | None
    consignment: str | None

    @property
    def code(self) -> str:
        return self.dossier.code

    @property
    def status(self) -> str:
        return self.dossier.status

    @property
    def status_label(self) -> str:
        return self.dossier.status_label

    def to_json(self) -> dict[str, Any]:
        return {
            **self.dossier.to_json(),
            "attempt": self.attempt,
            "next_attempt_on": self.next_attempt_on,
            "consignment": self.consignment,
        }


# --- statement ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChargeLine(_Result):
    """One trip of a consignment and who pays it."""

    kind: str
    label: str
    at: datetime
    amount: int
    payer: str


@dataclass(frozen=True)
class StatementItem(_Result):
    """A consignment with the month's trips."""

    consignment: str
    kind: str
    ref: str | None
    code: str | None
    name: str
    record: str
    handed_over_at: datetime
    zone: str
    weight_g: int
    charges: tuple[ChargeLine, ...]
    postage: int


@dataclass(frozen=True)
class Statement(_Result):
    """Postage of a month by consignment, with totals by payer and by trip."""

    month: str
    payer: str
    items: tuple[StatementItem, ...]
    count: int
    trips: int
    postage: int
    by_payer: Mapping[str, int]
    by_charge: Mapping[str, int]
    agency_total: int
    tariff: str


# --- files and tariff ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult(_Result):
    """The day's consignments written for the operator: how many rows, where, in which format."""

    rows: int
    out: str
    format: str


@dataclass(frozen=True)
class ImportResult(_Result):
    """An operator's status file applied: rows read, outcomes recorded, rows recorded before,
    and the dossiers changed (in the order applied)."""

    rows: int
    applied: int
    unchanged: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class TariffView:
    """The tariff in force, shown as the document ``postal tariff --set`` takes."""

    tariff: rules.Tariff

    @property
    def name(self) -> str:
        return self.tariff.name

    def to_json(self) -> dict[str, Any]:
        tar = self.tariff
        return {
            "name": tar.name,
            "province_code": tar.province_code,
            "default_weight_g": tar.default_weight_g,
            "zones": {
                name: {
                    "label": z.label,
                    "bands": [{"up_to_g": b.up_to_g, "price": b.price} for b in z.bands],
                    "extra_per_500g": z.extra_per_500g,
                    "repeat_trip": z.repeat_trip,
                    "return_to_agency": z.return_to_agency,
                    "service_days": z.service_days,
                }
                for name, z in tar.zones.items()
            },
        }
