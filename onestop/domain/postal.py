"""Rules of the public postal service for dossiers: postage tariff, who pays which trip, the
two-attempt delivery schedule, handover record numbers (Decision 45/2016/QĐ-TTg, Circular
17/2017/TT-BTTTT).

Pure: no store, no Qt. The services apply these rules inside their units of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from onestop.domain.addresses import Address, Unit, get_province, get_ward
from onestop.domain.calendar import WorkingCalendar
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.text import fold

Kind = Literal["delivery", "pickup"]
KINDS: tuple[str, ...] = ("delivery", "pickup")
KIND_LABELS_VI = {"delivery": "Phát kết quả tận nhà", "pickup": "Thu gom hồ sơ tại nhà"}

# Who bears a trip: the office setting decides the first trip ("agency" = free for the citizen);
# a repeat trip or the return to the agency is paid by whoever caused it (Circular 17/2017).
PAYERS: tuple[str, ...] = ("agency", "citizen", "post")
PAYER_LABELS_VI = {
    "agency": "Cơ quan chi trả",
    "citizen": "Công dân chi trả",
    "post": "Bưu điện chịu",
}
SETTING_PAYERS: tuple[str, ...] = ("agency", "citizen")

# A charge is one trip of one consignment.
CHARGE_KINDS: tuple[str, ...] = ("first_trip", "repeat_trip", "return_to_agency")
CHARGE_LABELS_VI = {
    "first_trip": "Cước lượt đầu",
    "repeat_trip": "Cước phát lại",
    "return_to_agency": "Cước chuyển hoàn",
}

ZONES: tuple[str, ...] = ("intra_province", "inter_province")

# After two failed attempts, two working days apart, the result goes back to the agency.
MAX_ATTEMPTS = 2
REATTEMPT_WORKING_DAYS = 2

OUTCOMES: tuple[str, ...] = ("delivered", "failed")
# Words an operator's status file may use for an outcome, folded (no diacritics, đ -> d).
_OUTCOME_WORDS = {
    "delivered": "delivered",
    "success": "delivered",
    "da phat": "delivered",
    "phat thanh cong": "delivered",
    "thanh cong": "delivered",
    "failed": "failed",
    "fail": "failed",
    "khong thanh cong": "failed",
    "phat khong thanh cong": "failed",
    "that bai": "failed",
}

NO_WARD_VI = "(chưa xác định phường/xã)"


def outcome_of(value: str, field: str = "outcome") -> str:
    """The outcome an operator's word means; refuses anything else."""
    found = _OUTCOME_WORDS.get(" ".join(fold(value or "").split()))
    if found is None:
        raise InputError(field, msg("delivery.outcome_value", value=value))
    return found


def check_kind(value: str, field: str = "kind") -> str:
    if value not in KINDS:
        raise InputError(field, msg("handover.kind"))
    return value


def check_payer(value: str, field: str = "payer", allowed: tuple[str, ...] = PAYERS) -> str:
    if value not in allowed:
        raise InputError(field, msg("payer.invalid", payers=", ".join(allowed)))
    return value


# --- tariff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    up_to_g: int
    price: int


@dataclass(frozen=True)
class ZoneTariff:
    label: str
    bands: tuple[Band, ...]
    extra_per_500g: int
    repeat_trip: int
    return_to_agency: int
    service_days: int

    def postage(self, weight_g: int) -> int:
        for band in self.bands:
            if weight_g <= band.up_to_g:
                return band.price
        last = self.bands[-1]
        over = weight_g - last.up_to_g
        return last.price + -(-over // 500) * self.extra_per_500g


@dataclass(frozen=True)
class Tariff:
    """Postage per consignment by zone and weight; the agency's contract with the post."""

    name: str
    zones: dict[str, ZoneTariff]
    default_weight_g: int = 500
    # The province the office is in (2-digit 2025 code); None: every address counts as local.
    province_code: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Tariff:
        """Validates a tariff document; an error names the field (e.g. ``zones.inter_province``)."""
        if not isinstance(data, dict):
            raise InputError("tariff", msg("tariff.object"))
        zones_raw = data.get("zones")
        if not isinstance(zones_raw, dict):
            raise InputError("tariff.zones", msg("tariff.zones"))
        zones: dict[str, ZoneTariff] = {}
        for zone in ZONES:
            raw = zones_raw.get(zone)
            if not isinstance(raw, dict):
                raise InputError(f"tariff.zones.{zone}", msg("tariff.zone", zone=zone))
            zones[zone] = _zone(raw, f"tariff.zones.{zone}")
        weight = _money(data.get("default_weight_g", 500), "tariff.default_weight_g")
        if weight < 1:
            raise InputError("tariff.default_weight_g", msg("tariff.weight"))
        province = data.get("province_code")
        if province is not None:
            province = str(province).zfill(2)
            if get_province(province) is None:
                raise InputError("tariff.province_code", msg("tariff.province", code=province))
        name = str(data.get("name") or "Bảng cước bưu chính")
        return cls(name=name, zones=zones, default_weight_g=weight, province_code=province)

    def zone_for(
        self,
        address: str | None,
        province_code: str | None = None,
        commune_code: str | None = None,
    ) -> str:
        """Inter-province only when the address lies in a province other than the office's: by
        the 2025 unit codes it resolved to when they are known (issue 14), else by its text; an
        address we cannot place is charged as local (the usual case at a ward counter)."""
        if self.province_code is None:
            return "intra_province"
        province = province_of(address, province_code, commune_code)
        if province is None or province.code == self.province_code:
            return "intra_province"
        return "inter_province"

    def postage(self, zone: str, weight_g: int | None = None) -> int:
        return self.zones[zone].postage(weight_g or self.default_weight_g)

    def charge(self, kind: str, zone: str, weight_g: int | None = None) -> int:
        z = self.zones[zone]
        if kind == "first_trip":
            return z.postage(weight_g or self.default_weight_g)
        if kind == "repeat_trip":
            return z.repeat_trip
        if kind == "return_to_agency":
            return z.return_to_agency
        raise ValueError(kind)


def _money(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(field, msg("tariff.number"))
    return value


def _zone(raw: dict[str, Any], field: str) -> ZoneTariff:
    bands_raw = raw.get("bands")
    if not isinstance(bands_raw, list) or not bands_raw:
        raise InputError(f"{field}.bands", msg("tariff.bands"))
    bands: list[Band] = []
    for i, b in enumerate(bands_raw):
        if not isinstance(b, dict):
            raise InputError(f"{field}.bands[{i}]", msg("tariff.band"))
        up = _money(b.get("up_to_g"), f"{field}.bands[{i}].up_to_g")
        price = _money(b.get("price"), f"{field}.bands[{i}].price")
        if bands and (up <= bands[-1].up_to_g or price < bands[-1].price):
            raise InputError(f"{field}.bands[{i}]", msg("tariff.band_order"))
        bands.append(Band(up, price))
    return ZoneTariff(
        label=str(raw.get("label") or field.rsplit(".", 1)[-1]),
        bands=tuple(bands),
        extra_per_500g=_money(raw.get("extra_per_500g", 0), f"{field}.extra_per_500g"),
        repeat_trip=_money(raw.get("repeat_trip"), f"{field}.repeat_trip"),
        return_to_agency=_money(raw.get("return_to_agency"), f"{field}.return_to_agency"),
        service_days=_money(raw.get("service_days", 2), f"{field}.service_days"),
    )


# --- attempts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FailurePlan:
    """What a failed attempt leads to: the attempt's number, and either the day of the next
    attempt or the return of the result to the agency."""

    attempt: int
    returns_to_agency: bool
    next_attempt_on: date | None
    charge_kind: str  # the trip the failure causes: a repeat trip, or the return to the agency


def plan_failure(failed_before: int, at: datetime, calendar: WorkingCalendar) -> FailurePlan:
    attempt = failed_before + 1
    if attempt >= MAX_ATTEMPTS:
        return FailurePlan(attempt, True, None, "return_to_agency")
    nxt = calendar.add_working_days(at.date(), REATTEMPT_WORKING_DAYS)
    return FailurePlan(attempt, False, nxt, "repeat_trip")


# --- handover record numbers --------------------------------------------------------------------


def record_counter_key(agency_code: str, workstation_number: int, year: int) -> str:
    return f"postal-record:{agency_code}:{workstation_number}:{year}"


def record_number(year: int, workstation_number: int, seq: int) -> str:
    """ "BBGN-2026-02-00017": year, workstation, running number. Each workstation of an agency has
    its own number (as for dossier codes), so two offline workstations never issue the same."""
    if not 1 <= seq <= 99_999:
        raise InputError("record", msg("record.numbers_used"))
    return f"BBGN-{year}-{workstation_number:02d}-{seq:05d}"


# --- pickup references ---------------------------------------------------------------------------

PICKUP_PREFIX = "TG"
_PICKUP_REF = re.compile(r"^TG[-\s]?(\d{4,})$")


def pickup_counter_key(agency_code: str, workstation_number: int) -> str:
    return f"postal-pickup:{agency_code}:{workstation_number}"


def pickup_reference(workstation_number: int, seq: int) -> str:
    """ "TG-1012": what people read out for a home pickup request. As for dossier codes (see
    onestop.domain.codes), each workstation owns its numbers: the first digit is its number and
    the rest its own running number, so two offline counters never give the same reference; past
    999 the reference grows a digit instead of running out."""
    if not 0 <= workstation_number <= 9:
        raise InputError("workstation", msg("pickup.workstation"))
    if seq < 1:
        raise InputError("reference", msg("pickup.sequence"))
    return f"{PICKUP_PREFIX}-{workstation_number}{seq:03d}"


def pickup_reference_typed(text: str | None) -> str | None:
    """The reference a person typed ("tg-1012", "TG 1012", "TG1012"), as stored; None when the
    text is not a pickup reference (then it may be a request's id)."""
    found = _PICKUP_REF.match((text or "").strip().upper())
    return f"{PICKUP_PREFIX}-{found.group(1)}" if found else None


def province_of(
    address: str | None, province_code: str | None = None, commune_code: str | None = None
) -> Unit | None:
    """The 2025 province of an address: by its code, else its commune's, else read from the
    text (rows kept before codes were); None when it cannot be placed."""
    if (province := get_province(province_code)) is not None:
        return province
    if (commune := get_ward(commune_code)) is not None and commune.province_code:
        return get_province(commune.province_code)
    return Address.parse_legacy(address).province if address else None


def commune_of(address: str | None, commune_code: str | None = None) -> Unit | None:
    """The commune a list groups a row under: by its code when the address resolved to one
    (issue 14), else read from a written address (rows kept before codes were); None when it
    cannot be placed (such rows share one group rather than a guessed ward)."""
    if (commune := get_ward(commune_code)) is not None:
        return commune
    return Address.parse_legacy(address).ward if address else None


def ward_label(address: str | None, commune_code: str | None = None) -> str:
    """The heading of a row's group: the commune's name (see ``commune_of``)."""
    commune = commune_of(address, commune_code)
    return commune.full_name if commune is not None else NO_WARD_VI


def commune_group(ward: str, commune_code: str | None) -> tuple[str, str]:
    """Sort key that groups a list by commune code, the groups in the order of their names: two
    communes of one name in different provinces stay two groups."""
    return (fold(ward), commune_code or "")
