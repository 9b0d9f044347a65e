"""The public postal service at the counter: home pickup of dossiers, home delivery of results,
handover records with the post, delivery attempts, postage and the monthly statement, and the
files exchanged with the postal operator. One use case each, for the desktop client and the
command line alike.

Facts: Decision 45/2016/QĐ-TTg and Circular 17/2017/TT-BTTTT (see DOMAIN.md). A dossier picked
up at home counts as submitted at the signature of the handover record; a result goes back to
the agency after two failed attempts two working days apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from onestop.adapters import files
from onestop.adapters.tariff_files import load_tariff
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain import postal as rules
from onestop.domain.clock import VN_TZ, parse_time
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.identifiers import check_person_id, check_phone, check_s10, require
from onestop.domain.ids import new_id_str
from onestop.domain.text import capitalize_name, fold
from onestop.resources import resource
from onestop.services import reception
from onestop.services.context import Context, ensure_initialized
from onestop.services.users import may, require_role
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables as t
from onestop.store import tables_postal as tp

TARIFF_SETTING = "postal_tariff"
DEFAULT_POST_OFFICE = "Bưu điện"
PICKUP_PAST_DAYS = 30
PICKUP_AHEAD_DAYS = 90
PICKUP_LABELS_VI = {
    "requested": "Chờ thu gom",
    "handed_over": "Đã giao nhận, đang tiếp nhận",
    "received": "Đã tiếp nhận hồ sơ",
    "cancelled": "Đã hủy",
}


# --- tariff -------------------------------------------------------------------------------------


def tariff(ctx: Context) -> rules.Tariff:
    """The office's tariff when one was set (``set_tariff``), else the shipped placeholder."""
    with ctx.store.reading() as session:
        stored = repo.get_settings(session).get(TARIFF_SETTING)
    if stored is not None:
        return rules.Tariff.from_dict(stored)
    return load_tariff(resource("postal", "tariff.json"))


def set_tariff(ctx: Context, data: Any) -> rules.Tariff:
    """Validate a tariff document and store it as the office's; refused whole when invalid.
    Configuration: the administrator's (the "users" action is the administrator's only)."""
    require_role(ctx, "users")
    parsed = rules.Tariff.from_dict(data)
    with ctx.store.unit_of_work() as session:
        repo.put_settings(session, {TARIFF_SETTING: data})
        session.commit()
    return parsed


# A tariff is a few zones of weight steps: a few kilobytes.
TARIFF_LIMITS = files.Limits(max_bytes=1 * files.MiB, max_depth=8, max_json_values=100_000)


def read_tariff_file(path: Path) -> Any:
    """A tariff file (JSON, the shape ``postal tariff --json`` prints), read within bounds."""
    return files.read_json(Path(path), TARIFF_LIMITS)


def tariff_json(tar: rules.Tariff) -> dict[str, Any]:
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


# --- helpers ------------------------------------------------------------------------------------


def _local(at: datetime | None, ctx: Context, field: str = "at") -> datetime:
    return ctx.recorded_time(at, field)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0, 0), tzinfo=VN_TZ)
    return start, start + timedelta(days=1)


def _month_bounds(month: str) -> tuple[str, date]:
    try:
        first = date.fromisoformat(month.strip() + "-01")
    except (ValueError, AttributeError):
        raise InputError("month", f"Tháng '{month}' không đúng dạng YYYY-MM") from None
    return first.strftime("%Y-%m"), first


def _s10(value: str, field: str, ref: str | None = None) -> str:
    check = check_s10(value)
    if not check.valid or check.normalized is None:
        where = f"Hồ sơ {ref}: " if ref else ""
        raise InputError(field, where + (check.reason or "Số hiệu bưu gửi không hợp lệ"))
    return check.normalized


def _event(ctx: Context, dossier_id: str, event_type: str, at: datetime, payload: dict[str, Any]):
    return domain.Event(
        id=new_id_str(),
        dossier_id=dossier_id,
        type=event_type,
        at=at,
        actor=ctx.actor,
        workstation=ctx.settings.workstation_id,
        payload=repo.jsonable(payload),
    )


def _new_consignment(
    session: Session,
    tar: rules.Tariff,
    record: tp.HandoverRecord,
    position: int,
    s10: str,
    weight_g: int | None,
    at: datetime,
    *,
    kind: str,
    name: str,
    address: str,
    phone: str | None,
    dossier_id: str | None = None,
    pickup_id: str | None = None,
) -> tp.Consignment:
    """One consignment of a handover record, zoned by the tariff from its address."""
    consignment = tp.Consignment(
        id=new_id_str(),
        number=s10,
        kind=kind,
        record_id=record.id,
        position=position,
        dossier_id=dossier_id,
        pickup_id=pickup_id,
        applicant_name=name,
        address=address,
        phone=phone,
        zone=tar.zone_for(address),
        weight_g=weight_g or tar.default_weight_g,
        handed_over_at=at,
    )
    session.add(consignment)
    session.flush()
    return consignment


def _add_charge(
    session: Session,
    consignment: tp.Consignment,
    kind: str,
    amount: int,
    payer: str,
    at: datetime,
    event_id: str | None = None,
) -> tp.Charge:
    charge = tp.Charge(
        id=new_id_str(),
        consignment_id=consignment.id,
        kind=kind,
        amount=amount,
        payer=payer,
        at=at,
        month=at.astimezone(VN_TZ).strftime("%Y-%m"),
        event_id=event_id,
    )
    session.add(charge)
    return charge


def _next_record_number(ctx: Context, session: Session, at: datetime) -> str:
    s = ctx.settings
    key = rules.record_counter_key(s.agency_code, s.workstation_number, at.year)
    return rules.record_number(at.year, s.workstation_number, repo.next_number(session, key, 1))


def _require(ctx: Context, *actions: str) -> None:
    """Allowed when the role may do any of ``actions``; refused naming the first otherwise."""
    if not any(may(ctx.role, a) for a in actions):
        require_role(ctx, actions[0])


def _receiving_context(ctx: Context) -> Context:
    """The context a pickup becomes a dossier in. The receipt is part of the hand-over the role
    was allowed to record (postal staff at the counter sign it with the officer), so a postal
    role receives these dossiers, and only these, through reception.receive."""
    if may(ctx.role, "receive"):
        return ctx
    return ctx.with_role(None)


def _ensure_ready(ctx: Context) -> None:
    if not ctx.initialized:
        ensure_initialized(ctx)


# --- pickup requests ----------------------------------------------------------------------------


@dataclass
class PickupInput:
    """What the citizen (or the clerk on the phone) gives to have a dossier picked up at home."""

    procedure_code: str
    applicant_name: str
    phone: str
    address: str
    day: date
    id_number: str | None = None
    return_by: str = "post"
    notes: str | None = None


def pickup_json(row: tp.PickupRequest, code: str | None = None) -> dict[str, Any]:
    return {
        "ref": row.id,
        "kind": "pickup",
        "name": row.applicant_name,
        "address": row.address,
        "phone": row.phone,
        "consignment": row.consignment,
        "status": row.status,
        "status_label": PICKUP_LABELS_VI.get(row.status, row.status),
        "ward": rules.ward_label(row.address),
        "day": row.day,
        "procedure_code": row.procedure_code,
        "procedure_name": row.procedure_name,
        "id_number": row.id_number,
        "return_by": row.return_by,
        "code": code,
        "cancel_reason": row.cancel_reason,
    }


def request_pickup(ctx: Context, req: PickupInput) -> dict[str, Any]:
    """Register a home pickup on a day; refused whole (nothing written) on any bad field. Postal
    staff or the counter (a citizen's phone call) may take the request."""
    _require(ctx, "postal", "receive")
    _ensure_ready(ctx)
    name = policy.clean(req.applicant_name, "name", limit=policy.NAME)
    if not name:
        raise InputError("name", "Chưa nhập họ tên người nộp hồ sơ")
    name = capitalize_name(name)
    phone = require(check_phone(req.phone or ""), "phone")
    address = policy.clean(req.address, "address")
    if len(address) < 5:
        raise InputError("address", "Cần địa chỉ thu gom đầy đủ (số nhà, đường/ấp, phường/xã)")
    id_number = None
    if policy.optional(req.id_number, "id_number", limit=policy.NAME):
        id_number = require(check_person_id(req.id_number, today=ctx.clock().date()), "id_number")
    if req.return_by not in reception.RETURN_CHANNELS:
        raise InputError("return_by", "Hình thức trả kết quả phải là 'counter' hoặc 'post'")
    now = ctx.clock()
    # Back-entry of requests noted on paper is allowed, within limits that catch a mistyped year.
    if not -PICKUP_PAST_DAYS <= (req.day - now.date()).days <= PICKUP_AHEAD_DAYS:
        raise InputError(
            "date",
            f"Ngày thu gom phải trong khoảng {PICKUP_PAST_DAYS} ngày trước đến "
            f"{PICKUP_AHEAD_DAYS} ngày sau hôm nay",
        )
    notes = policy.optional(req.notes, "notes", limit=policy.TEXT, multiline=True)
    with ctx.store.unit_of_work() as session:
        proc = repo.procedure(session, req.procedure_code or "")
        if proc is None or not proc.active:
            raise InputError("procedure", f"Không có thủ tục mã '{req.procedure_code}'")
        if not proc.postal:
            raise InputError(
                "procedure",
                f"Thủ tục {proc.code} cần người nộp có mặt, không nhận hồ sơ qua bưu điện",
            )
        row = tp.PickupRequest(
            id=new_id_str(),
            procedure_code=proc.code,
            procedure_name=proc.name,
            applicant_name=name,
            id_number=id_number,
            phone=phone,
            address=address,
            return_by=req.return_by,
            day=req.day.isoformat(),
            status="requested",
            notes=notes,
            requested_at=now,
            requested_by=ctx.actor,
            workstation_id=ctx.settings.workstation_id,
            updated_at=now,
        )
        session.add(row)
        session.commit()
        return pickup_json(row)


def cancel_pickup(ctx: Context, ref: str, reason: str) -> dict[str, Any]:
    """Cancel a pickup request the post has not collected yet (the citizen called back, or
    came to the counter in person). Postal staff or the counter; the reason is kept."""
    _require(ctx, "postal", "receive")
    why = policy.clean(reason, "reason")
    if len(why) < 3:
        raise InputError("reason", "Cần ghi lý do hủy yêu cầu thu gom")
    if len(why) > 500:
        raise InputError("reason", "Lý do quá dài (tối đa 500 ký tự)")
    with ctx.store.unit_of_work() as session:
        row = prepo.pickup(session, (ref or "").strip())
        if row is None:
            raise NotFound("Yêu cầu thu gom", ref)
        if row.status == "cancelled":
            raise StateError("status", f"Yêu cầu thu gom {row.id} đã được hủy trước đó")
        if row.status != "requested":
            raise StateError(
                "status",
                f"Yêu cầu thu gom {row.id} đã được bưu điện giao nhận (biên bản trước): "
                "không hủy được nữa",
            )
        now = ctx.clock()
        row.status = "cancelled"
        row.cancelled_at = now
        row.cancelled_by = ctx.actor
        row.cancel_reason = why
        row.updated_at = now
        session.commit()
        return pickup_json(row)


# --- daily lists --------------------------------------------------------------------------------


def _next_attempt(events: Sequence[domain.Event], state: domain.DossierState) -> str | None:
    """The day of the re-attempt a failed attempt scheduled, while the result is still out."""
    if state.status != domain.Status.OUT_FOR_DELIVERY or state.failed_attempts == 0:
        return None
    attempts = [e for e in events if e.type == domain.EventType.DELIVERY_ATTEMPT]
    return attempts[-1].payload.get("next_attempt_on") if attempts else None


def _delivery_json(
    row: t.Dossier, consignment: str | None, state: domain.DossierState | None = None, **extra
) -> dict[str, Any]:
    address = row.return_address or row.address or ""
    return {
        "ref": row.code,
        "kind": "delivery",
        "name": row.applicant_name,
        "address": address,
        "phone": row.phone,
        "consignment": consignment,
        "status": row.status,
        "status_label": domain.STATUS_LABELS_VI.get(row.status, row.status),
        "ward": rules.ward_label(address),
        "code": row.code,
        "procedure_code": row.procedure_code,
        "procedure_name": row.procedure_name,
        "result_at": row.result_at.isoformat() if row.result_at else None,
        "failed_attempts": state.failed_attempts if state else 0,
        **extra,
    }


def day_list(ctx: Context, day: date, kind: str) -> list[dict[str, Any]]:
    """The postman's list for a day, sorted by ward.

    delivery: results waiting for the post (ready on or before the day, every day until handed
    over), those handed over that day (with their consignment), and re-attempts due that day or
    earlier. pickup: the requests for that day, with their consignment once handed over."""
    rules.check_kind(kind)
    if kind == "pickup":
        complete_pending_pickups(ctx)
        with ctx.store.reading() as session:
            rows = prepo.pickups_of_day(session, day.isoformat())
            dossiers = prepo.dossiers_by_ids(session, [r.dossier_id for r in rows if r.dossier_id])
            items = [
                pickup_json(r, dossiers[r.dossier_id].code if r.dossier_id else None) for r in rows
            ]
        return sorted(items, key=lambda d: (fold(d["ward"]), d["day"], d["ref"]))
    _, end = _day_bounds(day)
    found: dict[str, dict[str, Any]] = {}
    with ctx.store.reading() as session:
        for row in prepo.dossiers_waiting_for_post(session, end):
            found[row.code] = _delivery_json(row, None)
        for c, _rec in prepo.consignments_between(session, *_day_bounds(day)):
            if c.kind != "delivery" or c.dossier_id is None:
                continue
            row = session.get(t.Dossier, c.dossier_id)
            assert row is not None
            found[row.code] = _delivery_json(row, c.number)
        for row in prepo.dossiers_out_for_delivery(session):
            if row.code in found:
                continue
            events = repo.events_of(session, row.id)
            state = domain.project(events)
            nxt = _next_attempt(events, state)
            if nxt is not None and nxt <= day.isoformat():
                c = prepo.last_delivery_consignment(session, row.id)
                found[row.code] = _delivery_json(
                    row, c.number if c else state.consignment, state, next_attempt_on=nxt
                )
    return sorted(found.values(), key=lambda d: (fold(d["ward"]), d["ref"]))


# --- hand-over ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoverLine:
    """One pair scanned or typed at the hand-over: the dossier (or pickup request) and its S10."""

    ref: str
    consignment: str
    weight_g: int | None = None


def parse_item(text: str) -> HandoverLine:
    """``REF=S10`` as typed on the command line, or ``REF=S10@GRAMS`` with the item's weight
    (else the tariff's default weight)."""
    ref, sep, rest = (text or "").partition("=")
    s10, at, grams = rest.partition("@")
    if not sep or not ref.strip() or not s10.strip():
        raise InputError("item", f"'{text}' không đúng dạng MÃ=SỐ_HIỆU_BƯU_GỬI[@GAM]")
    weight = None
    if at:
        digits = grams.strip().lower().removesuffix("g").strip()
        if not digits.isdigit():
            raise InputError(
                "weight", f"Khối lượng '{grams}' của {ref.strip()} phải là số gam (ví dụ @350)"
            )
        weight = int(digits)
    return HandoverLine(ref.strip(), s10.strip(), weight)


def _check_lines(lines: Sequence[HandoverLine]) -> list[tuple[HandoverLine, str]]:
    """Every S10 valid and listed once, every reference listed once: else nothing is recorded."""
    if not lines:
        raise InputError("item", "Biên bản giao nhận cần ít nhất một hồ sơ")
    checked: list[tuple[HandoverLine, str]] = []
    seen_refs: set[str] = set()
    seen_s10: set[str] = set()
    for line in lines:
        s10 = _s10(line.consignment, "consignment", line.ref)
        if line.ref.upper() in seen_refs:
            raise InputError("item", f"Hồ sơ {line.ref} có hai lần trong biên bản")
        if s10 in seen_s10:
            raise InputError("consignment", f"Số hiệu bưu gửi {s10} dùng cho hai hồ sơ")
        if line.weight_g is not None and not 1 <= line.weight_g <= 30_000:
            raise InputError("weight", f"Khối lượng bưu gửi của {line.ref} phải từ 1 g đến 30 kg")
        seen_refs.add(line.ref.upper())
        seen_s10.add(s10)
        checked.append((line, s10))
    return checked


def _label_used_twice(session: Session, found: Sequence[tp.Consignment]) -> str:
    """What to say when one S10 number was given to several dossiers by workstations cut off
    from each other: which ones, so that the labels can be checked."""
    codes = [
        d.code
        for d in prepo.dossiers_by_ids(
            session, [c.dossier_id for c in found if c.dossier_id]
        ).values()
    ]
    return (
        f"Số hiệu bưu gửi {found[0].number} được ghi cho {len(found)} hồ sơ "
        f"({', '.join(sorted(codes))}) ở các máy trạm khác nhau khi mất kết nối: kiểm tra "
        "nhãn trên bưu gửi và ghi kết quả phát cho từng hồ sơ theo mã hồ sơ"
    )


def _refuse_used(session: Session, numbers: Sequence[str]) -> None:
    taken = prepo.consignments_taken(session, numbers)
    if taken:
        raise InputError(
            "consignment", f"Số hiệu bưu gửi {taken[0]} đã có trong một biên bản trước"
        )


def handover(
    ctx: Context,
    kind: str,
    lines: Sequence[HandoverLine],
    *,
    at: datetime | None = None,
    postman_name: str = "",
    post_office: str = DEFAULT_POST_OFFICE,
) -> dict[str, Any]:
    """Record a hand-over with the post. Refused whole, with nothing recorded, when one S10 is
    wrong or used before, or one dossier is not ready (delivery) or one request not pending
    (pickup)."""
    rules.check_kind(kind)
    # The counter officer and the postman sign together: either may record it.
    _require(ctx, "postal", "receive" if kind == "pickup" else "return")
    _ensure_ready(ctx)
    checked = _check_lines(lines)
    when = _local(at, ctx)
    postman = capitalize_name(policy.clean(postman_name, "postman", limit=policy.NAME))
    office = policy.clean(post_office, "post_office", limit=policy.NAME) or DEFAULT_POST_OFFICE
    if kind == "delivery":
        return _handover_delivery(ctx, checked, when, postman, office)
    return _handover_pickup(ctx, checked, when, postman, office)


def _new_record(
    ctx: Context, session: Session, kind: str, at: datetime, postman: str, office: str
) -> tp.HandoverRecord:
    record = tp.HandoverRecord(
        id=new_id_str(),
        agency_code=ctx.settings.agency_code,
        number=_next_record_number(ctx, session, at),
        kind=kind,
        at=at,
        day=at.date().isoformat(),
        officer=ctx.actor,
        postman_name=postman,
        post_office=office,
        workstation_id=ctx.settings.workstation_id,
        created_at=ctx.clock(),
    )
    session.add(record)
    session.flush()
    return record


def _handover_delivery(
    ctx: Context,
    checked: list[tuple[HandoverLine, str]],
    at: datetime,
    postman: str,
    office: str,
) -> dict[str, Any]:
    tar = tariff(ctx)
    payer = rules.check_payer(ctx.settings.postage_payer, "postage_payer", rules.SETTING_PAYERS)
    with ctx.store.unit_of_work() as session:
        prepared = []
        for line, s10 in checked:
            row = repo.dossier_by_code(session, line.ref)
            if row is None:
                raise NotFound("Hồ sơ", line.ref)
            events = repo.events_of(session, row.id)
            probe = _event(ctx, row.id, domain.EventType.POSTAL_HANDOVER, at, {"consignment": s10})
            try:
                domain.check_insert(events, probe)
            except domain.TransitionRefused as refused:
                label = domain.STATUS_LABELS_VI.get(refused.status, refused.status)
                raise StateError(
                    "status",
                    f"Hồ sơ {row.code} chưa sẵn sàng giao bưu điện (trạng thái: {label})",
                ) from None
            except InputError as exc:
                raise InputError(exc.field, f"Hồ sơ {row.code}: {exc.message}") from None
            if row.return_by != "post":
                raise StateError(
                    "return_by", f"Hồ sơ {row.code} không đăng ký nhận kết quả qua bưu điện"
                )
            prepared.append((line, s10, row, events))
        _refuse_used(session, [s10 for _, s10, _, _ in prepared])
        record = _new_record(ctx, session, "delivery", at, postman, office)
        recorded = ctx.clock()
        items = []
        for position, (line, s10, row, events) in enumerate(prepared, 1):
            consignment = _new_consignment(
                session,
                tar,
                record,
                position,
                s10,
                line.weight_g,
                at,
                kind="delivery",
                name=row.applicant_name,
                address=row.return_address or row.address or "",
                phone=row.phone,
                dossier_id=row.id,
            )
            zone, weight = consignment.zone, consignment.weight_g
            event = _event(
                ctx,
                row.id,
                domain.EventType.POSTAL_HANDOVER,
                at,
                {"consignment": s10, "record": record.number, "postman": postman or None},
            )
            repo.add_event(session, event, recorded)
            repo.reproject(session, row, [*events, event], recorded)
            amount = tar.charge("first_trip", zone, weight)
            _add_charge(session, consignment, "first_trip", amount, payer, at, event.id)
            items.append(
                {
                    "ref": row.code,
                    "code": row.code,
                    "consignment": s10,
                    "name": row.applicant_name,
                    "zone": zone,
                    "postage": amount,
                    "payer": payer,
                }
            )
        session.commit()
        return _record_result(record, items)


def _record_result(record: tp.HandoverRecord, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "record": record.number,
        "kind": record.kind,
        "at": record.at.isoformat(),
        "officer": record.officer,
        "postman": record.postman_name,
        "post_office": record.post_office,
        "items": items,
        "postage": sum(i.get("postage", 0) for i in items),
    }


def _receive_request(p: tp.PickupRequest, at: datetime, record: str, s10: str):
    return reception.ReceiveRequest(
        procedure_code=p.procedure_code,
        applicant_name=p.applicant_name,
        id_number=p.id_number,
        phone=p.phone,
        address=p.address,
        return_by=p.return_by,  # type: ignore[arg-type]
        received_at=at,
        notes=p.notes,
        channel="postal",
        # The received event carries the request and the record: a hand-over interrupted
        # after this dossier committed finds it again instead of receiving it twice.
        extra={"pickup_id": p.id, "handover_record": record, "consignment": s10},
    )


def _handover_pickup(
    ctx: Context,
    checked: list[tuple[HandoverLine, str]],
    at: datetime,
    postman: str,
    office: str,
) -> dict[str, Any]:
    complete_pending_pickups(ctx)
    tar = tariff(ctx)
    payer = rules.check_payer(ctx.settings.postage_payer, "postage_payer", rules.SETTING_PAYERS)
    # Step 1, one transaction: the record, its consignments and postage, the requests marked.
    with ctx.store.unit_of_work() as session:
        prepared = []
        for line, s10 in checked:
            p = prepo.pickup(session, line.ref)
            if p is None:
                raise NotFound("Yêu cầu thu gom", line.ref)
            if p.status == "cancelled":
                raise StateError("status", f"Yêu cầu thu gom {p.id} đã bị hủy ({p.cancel_reason})")
            if p.status != "requested":
                raise StateError(
                    "status", f"Yêu cầu thu gom {p.id} đã được giao nhận (biên bản trước)"
                )
            proc = repo.procedure(session, p.procedure_code)
            if proc is None or not proc.active or not proc.postal:
                raise InputError(
                    "procedure", f"Thủ tục {p.procedure_code} không còn nhận hồ sơ qua bưu điện"
                )
            # Every check of the receipt now, before anything is written.
            reception.validate(ctx, _receive_request(p, at, "", s10))
            prepared.append((line, s10, p))
        _refuse_used(session, [s10 for _, s10, _ in prepared])
        record = _new_record(ctx, session, "pickup", at, postman, office)
        now = ctx.clock()
        for position, (line, s10, p) in enumerate(prepared, 1):
            consignment = _new_consignment(
                session,
                tar,
                record,
                position,
                s10,
                line.weight_g,
                at,
                kind="pickup",
                name=p.applicant_name,
                address=p.address,
                phone=p.phone,
                pickup_id=p.id,
            )
            amount = tar.charge("first_trip", consignment.zone, consignment.weight_g)
            _add_charge(session, consignment, "first_trip", amount, payer, at)
            p.status = "handed_over"
            p.record_id = record.id
            p.consignment = s10
            p.updated_at = now
        session.commit()
        record_id = record.id
        pickup_ids = [p.id for _, _, p in prepared]
    # Step 2: each request becomes a dossier received at the signature of the record.
    for pickup_id in pickup_ids:
        _complete_pickup(ctx, pickup_id)
    return record_json(ctx, record_id=record_id)


def complete_pending_pickups(ctx: Context) -> int:
    """Finish hand-overs interrupted between the record and the dossiers (a crash, a power cut):
    each request handed over becomes its dossier exactly once."""
    me = ctx.settings.workstation_id
    with ctx.store.reading() as session:
        # Only records signed here: one pulled by sync from another counter is completed there
        # (its dossier arrives by sync too); completing it here as well would receive it twice.
        pending = [
            p.id
            for p in prepo.pickups_not_linked(session)
            if (r := prepo.record(session, p.record_id or "")) is not None
            and r.workstation_id == me
        ]
    for pickup_id in pending:
        _complete_pickup(ctx, pickup_id)
    return len(pending)


def _complete_pickup(ctx: Context, pickup_id: str) -> None:
    with ctx.store.reading() as session:
        p = prepo.pickup(session, pickup_id)
        assert p is not None and p.record_id is not None and p.consignment is not None
        if p.status != "handed_over":
            return
        record = prepo.record(session, p.record_id)
        assert record is not None
        existing = None
        for row in prepo.postal_dossiers_received_at(session, record.at):
            received = [
                e for e in repo.events_of(session, row.id) if e.type == domain.EventType.RECEIVED
            ]
            if received and received[0].payload.get("pickup_id") == pickup_id:
                existing = row.id
        request = _receive_request(p, record.at, record.number, p.consignment)
    dossier_id = existing or reception.receive(_receiving_context(ctx), request).id
    with ctx.store.unit_of_work() as session:
        p = prepo.pickup(session, pickup_id)
        assert p is not None
        p.status = "received"
        p.dossier_id = dossier_id
        p.updated_at = ctx.clock()
        # The pickup's own consignment (its record), whatever another workstation used.
        for c in prepo.consignments_by_number(session, p.consignment or ""):
            if c.pickup_id == pickup_id:
                c.dossier_id = dossier_id
        session.commit()


# --- records ------------------------------------------------------------------------------------


def _find_record(ctx: Context, session: Session, number: str) -> tp.HandoverRecord:
    found = prepo.record_by_number(session, ctx.settings.agency_code, number)
    if found is None:
        raise NotFound("Biên bản giao nhận", number)
    return found


def record_json(
    ctx: Context, number: str | None = None, *, record_id: str | None = None
) -> dict[str, Any]:
    """A handover record with its items: ``ref`` is the dossier code (delivery) or the request's
    id (pickup), ``code`` the dossier code."""
    with ctx.store.reading() as session:
        if record_id is not None:
            record = prepo.record(session, record_id)
            assert record is not None
        else:
            record = _find_record(ctx, session, number or "")
        consignments = prepo.consignments_of_record(session, record.id)
        dossiers = prepo.dossiers_by_ids(
            session, [c.dossier_id for c in consignments if c.dossier_id]
        )
        charges = {
            ch.consignment_id: ch
            for ch, c, _ in prepo.charges_of_month(session, record.at.strftime("%Y-%m"))
            if c.record_id == record.id and ch.kind == "first_trip"
        }
        items = []
        for c in consignments:
            code = dossiers[c.dossier_id].code if c.dossier_id else None
            first = charges.get(c.id)
            items.append(
                {
                    "ref": c.pickup_id if c.kind == "pickup" else code,
                    "code": code,
                    "consignment": c.number,
                    "name": c.applicant_name,
                    "address": c.address,
                    "zone": c.zone,
                    "postage": first.amount if first else 0,
                    "payer": first.payer if first else None,
                }
            )
        result = _record_result(record, items)
        result["officer_name"] = repo.staff_full_name(session, record.officer) or record.officer
        return result


def records_of_day(ctx: Context, day: date) -> list[dict[str, Any]]:
    with ctx.store.reading() as session:
        numbers = [r.number for r in prepo.records_of_day(session, day.isoformat())]
    return [record_json(ctx, n) for n in numbers]


def handover_pdf(ctx: Context, record_number: str) -> bytes:
    """The handover record to sign (two copies are printed from it), as PDF bytes."""
    from onestop.documents import HandoverItem, HandoverRecord, render_handover

    # A pickup hand-over interrupted before its dossiers existed is finished first: the record
    # prints the dossier codes.
    complete_pending_pickups(ctx)
    data = record_json(ctx, record_number)
    items = []
    for i in data["items"]:
        if i["code"] is None:
            raise StateError("record", "Biên bản có hồ sơ thu gom chưa được tiếp nhận")
        items.append(HandoverItem(i["code"], i["consignment"], i["name"], i["address"]))
    record = HandoverRecord(
        number=data["record"],
        kind=data["kind"],
        at=datetime.fromisoformat(data["at"]),
        items=tuple(items),
        officer_name=data["officer_name"],
        postman_name=data["postman"],
        post_office=data["post_office"],
    )
    from onestop.services.forms import office

    return render_handover(office(ctx), record)


def pickup_receipt_pdf(ctx: Context, ref: str) -> bytes:
    """The receipt of a dossier picked up at home (to send back to the applicant), by the
    request's id or the dossier's code; the forms service prints it like any receipt."""
    from onestop.services import forms

    with ctx.store.reading() as session:
        p = prepo.pickup(session, ref)
        code = ref
        if p is not None:
            if p.dossier_id is None:
                raise StateError("status", "Yêu cầu thu gom chưa được giao nhận tại quầy")
            row = session.get(t.Dossier, p.dossier_id)
            assert row is not None
            code = row.code
    return forms.receipt_pdf(ctx, code)


# --- delivery attempts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """One outcome reported by the postman or the operator's file."""

    outcome: str  # delivered | failed
    recipient: str | None = None
    id_number: str | None = None
    reason: str | None = None
    caused_by: str = "citizen"  # who pays the trip a failure causes
    at: datetime | None = None


def _clean_attempt(ctx: Context, a: Attempt, field_prefix: str = "") -> dict[str, Any]:
    f = field_prefix
    if a.outcome not in rules.OUTCOMES:
        raise InputError(f + "outcome", "Kết quả phát phải là 'delivered' hoặc 'failed'")
    if a.outcome == "delivered":
        name = policy.clean(a.recipient, f + "recipient", limit=policy.NAME)
        if not name:
            raise InputError(f + "recipient", "Chưa nhập họ tên người nhận kết quả")
        if not policy.optional(a.id_number, f + "id_number", limit=policy.NAME):
            raise InputError(f + "id_number", "Người nhận phải xuất trình giấy tờ tùy thân")
        today = ctx.clock().date()
        return {
            "recipient": capitalize_name(name),
            "recipient_id": require(check_person_id(a.id_number, today=today), f + "id_number"),
        }
    reason = policy.clean(a.reason, f + "reason")
    if not reason:
        raise InputError(f + "reason", "Cần ghi lý do phát không thành công")
    rules.check_payer(a.caused_by, f + "caused_by")
    return {"reason": reason, "caused_by": a.caused_by}


def _apply_attempt(
    ctx: Context,
    session: Session,
    row: t.Dossier,
    a: Attempt,
    clean: dict[str, Any],
    at: datetime,
    *,
    skip_recorded: bool = False,
) -> list[domain.Event]:
    """Append the events of one outcome in the caller's transaction. ``skip_recorded``: [] when
    the very same outcome is already recorded (an operator's cumulative file imported again)."""
    events = repo.events_of(session, row.id)
    state = domain.project(events)
    consignment = prepo.last_delivery_consignment(session, row.id)
    number = consignment.number if consignment else state.consignment
    wanted = (
        domain.EventType.DELIVERED
        if a.outcome == "delivered"
        else domain.EventType.DELIVERY_ATTEMPT
    )
    for e in events if skip_recorded else ():
        if e.type == wanted and e.at == at and e.payload.get("consignment") == number:
            return []
    if state.status != domain.Status.OUT_FOR_DELIVERY:
        label = domain.STATUS_LABELS_VI.get(state.status, state.status)
        raise StateError(
            "status", f"Hồ sơ {row.code} không ở trạng thái bưu điện đang phát ({label})"
        )
    handed = [e for e in events if e.type == domain.EventType.POSTAL_HANDOVER]
    last = max([handed[-1].at, *[e.at for e in events if e.type == "delivery_attempt"]])
    if at < last:
        raise InputError("at", f"Thời điểm phát của hồ sơ {row.code} trước lần ghi nhận trước")
    recorded = ctx.clock()
    base = {"consignment": number}
    charge: tuple[str, int] | None = None
    if a.outcome == "delivered":
        new = [_event(ctx, row.id, domain.EventType.DELIVERED, at, {**base, **clean})]
    else:
        nxt = _next_attempt(events, state)
        if nxt is not None and at.date().isoformat() < nxt:
            shown = date.fromisoformat(nxt).strftime("%d/%m/%Y")
            raise StateError(
                "at",
                f"Hồ sơ {row.code}: lần phát lại phải cách lần trước "
                f"{rules.REATTEMPT_WORKING_DAYS} ngày làm việc (sớm nhất ngày {shown})",
            )
        plan = rules.plan_failure(state.failed_attempts, at, ctx.calendar)
        payload = {**base, **clean, "attempt": plan.attempt}
        if plan.next_attempt_on is not None:
            payload["next_attempt_on"] = plan.next_attempt_on.isoformat()
        new = [_event(ctx, row.id, domain.EventType.DELIVERY_ATTEMPT, at, payload)]
        if plan.returns_to_agency:
            new.append(
                _event(
                    ctx,
                    row.id,
                    domain.EventType.UNDELIVERABLE,
                    at,
                    {**base, "reason": clean["reason"], "attempts": plan.attempt},
                )
            )
        if consignment is not None:
            charge = (plan.charge_kind, tariff(ctx).charge(plan.charge_kind, consignment.zone))
    # The same check as every recorded event: allowed where its time puts it in the history,
    # and every later event keeps its effect.
    checked = list(events)
    for e in new:
        try:
            domain.check_insert(checked, e)
        except domain.TransitionRefused as refused:
            label = domain.STATUS_LABELS_VI.get(refused.status, refused.status)
            raise StateError("status", f"Hồ sơ {row.code}: không ghi nhận được ({label})") from None
        checked.append(e)
    if charge is not None and consignment is not None:
        _add_charge(session, consignment, *charge, clean["caused_by"], at, new[0].id)
    for e in new:
        repo.add_event(session, e, recorded)
    repo.reproject(session, row, [*events, *new], recorded)
    return new


def record_attempt(ctx: Context, code: str, attempt: Attempt) -> dict[str, Any]:
    """delivered: the recipient's name and ID (status delivered). failed: a reason; the next
    attempt two working days later, and after the second failure the result returns to the
    counter (status undeliverable), from where ``return`` hands it over as usual."""
    require_role(ctx, "postal")
    clean = _clean_attempt(ctx, attempt)
    at = _local(attempt.at, ctx)
    with ctx.store.unit_of_work() as session:
        row = repo.dossier_by_code(session, code)
        if row is None:
            raise NotFound("Hồ sơ", code)
        new = _apply_attempt(ctx, session, row, attempt, clean, at)
        session.commit()
        code = row.code
    from onestop.services import dossiers

    shown = dossiers.show(ctx, code)
    last = new[0].payload if new else {}
    shown["attempt"] = last.get("attempt")
    shown["next_attempt_on"] = last.get("next_attempt_on")
    shown["consignment"] = last.get("consignment")
    return shown


# --- what is overdue with the post --------------------------------------------------------------


def overdue(ctx: Context, today: date | None = None) -> list[dict[str, Any]]:
    """Results out with the post past the service time or past their re-attempt day, and pickups
    whose day has passed without a hand-over."""
    day = today or ctx.clock().date()
    tar = tariff(ctx)
    cal = ctx.calendar
    late: list[dict[str, Any]] = []
    with ctx.store.reading() as session:
        for row in prepo.dossiers_out_for_delivery(session):
            events = repo.events_of(session, row.id)
            state = domain.project(events)
            c = prepo.last_delivery_consignment(session, row.id)
            nxt = _next_attempt(events, state)
            if nxt is not None:
                if nxt < day.isoformat():
                    late.append(
                        _late(
                            row, c, f"Quá ngày phát lại ({_dmy(nxt)})", since=nxt, kind="delivery"
                        )
                    )
                continue
            if c is None:
                continue
            limit = cal.add_working_days(c.handed_over_at.date(), tar.zones[c.zone].service_days)
            if limit < day:
                reason = f"Quá thời hạn phát ({_dmy(limit.isoformat())})"
                late.append(_late(row, c, reason, since=limit.isoformat(), kind="delivery"))
        for p in prepo.pickups_waiting_before(session, day.isoformat()):
            late.append(
                {
                    "kind": "pickup",
                    "ref": p.id,
                    "name": p.applicant_name,
                    "address": p.address,
                    "phone": p.phone,
                    "consignment": None,
                    "since": p.day,
                    "reason": f"Bưu điện chưa giao hồ sơ hẹn thu gom ngày {_dmy(p.day)}",
                }
            )
    return sorted(late, key=lambda d: (d["since"], d["ref"]))


def _dmy(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _late(row: t.Dossier, c: tp.Consignment | None, reason: str, *, since: str, kind: str):
    return {
        "kind": kind,
        "ref": row.code,
        "name": row.applicant_name,
        "address": row.return_address or row.address,
        "phone": row.phone,
        "consignment": c.number if c else None,
        "since": since,
        "reason": reason,
    }


# --- monthly statement --------------------------------------------------------------------------


def statement(ctx: Context, month: str) -> dict[str, Any]:
    """Postage of the month's trips, per consignment, with totals by payer: what the agency owes
    the post (``by_payer["agency"]``) when it pays for its citizens."""
    key, _first = _month_bounds(month)
    items: dict[str, dict[str, Any]] = {}
    by_payer = dict.fromkeys(rules.PAYERS, 0)
    by_charge = dict.fromkeys(rules.CHARGE_KINDS, 0)
    with ctx.store.reading() as session:
        rows = prepo.charges_of_month(session, key)
        dossiers = prepo.dossiers_by_ids(
            session, [c.dossier_id for _, c, _ in rows if c.dossier_id]
        )
        for ch, c, record in rows:
            item = items.get(c.id)
            if item is None:
                code = dossiers[c.dossier_id].code if c.dossier_id else None
                item = items[c.id] = {
                    "consignment": c.number,
                    "kind": c.kind,
                    "ref": c.pickup_id if c.kind == "pickup" else code,
                    "code": code,
                    "name": c.applicant_name,
                    "record": record.number,
                    "handed_over_at": c.handed_over_at.isoformat(),
                    "zone": c.zone,
                    "weight_g": c.weight_g,
                    "charges": [],
                    "postage": 0,
                }
            item["charges"].append(
                {
                    "kind": ch.kind,
                    "label": rules.CHARGE_LABELS_VI[ch.kind],
                    "at": ch.at.isoformat(),
                    "amount": ch.amount,
                    "payer": ch.payer,
                }
            )
            item["postage"] += ch.amount
            by_payer[ch.payer] = by_payer.get(ch.payer, 0) + ch.amount
            by_charge[ch.kind] = by_charge.get(ch.kind, 0) + ch.amount
    listed = list(items.values())
    return {
        "month": key,
        "payer": ctx.settings.postage_payer,
        "items": listed,
        "count": len(listed),
        "trips": sum(len(i["charges"]) for i in listed),
        "postage": sum(by_payer.values()),
        "by_payer": by_payer,
        "by_charge": by_charge,
        "agency_total": by_payer["agency"],
        "tariff": tariff(ctx).name,
    }


# --- files for the postal operator --------------------------------------------------------------

EXPORT_COLUMNS: tuple[str, ...] = (
    "consignment",
    "kind",
    "record",
    "handed_over_at",
    "code",
    "ref",
    "name",
    "phone",
    "address",
    "ward",
    "zone",
    "weight_g",
    "postage",
    "payer",
)
IMPORT_COLUMNS: tuple[str, ...] = (
    "consignment",
    "outcome",
    "at",
    "recipient",
    "id_number",
    "reason",
    "caused_by",
)
# A status file lists a day's (or a month's) outcomes for one agency: a few hundred rows. The
# bounds leave ample room and refuse what would exhaust the counter's memory or time.
STATUS_LIMITS = files.Limits(max_bytes=32 * files.MiB, max_rows=200_000, max_columns=256)
# Headers the operator's spreadsheets may use, folded.
_HEADER_ALIASES = {
    "so hieu": "consignment",
    "so hieu buu gui": "consignment",
    "ma buu gui": "consignment",
    "ma vach": "consignment",
    "ket qua": "outcome",
    "trang thai": "outcome",
    "status": "outcome",
    "thoi gian": "at",
    "thoi gian phat": "at",
    "nguoi nhan": "recipient",
    "so giay to": "id_number",
    "cccd": "id_number",
    "ly do": "reason",
    "ben chiu cuoc": "caused_by",
    "loi do": "caused_by",
}


def export_rows(ctx: Context, day: date) -> list[dict[str, Any]]:
    """The consignments handed over on a day, one row each, in the columns of EXPORT_COLUMNS."""
    out = []
    with ctx.store.reading() as session:
        pairs = prepo.consignments_between(session, *_day_bounds(day))
        dossiers = prepo.dossiers_by_ids(session, [c.dossier_id for c, _ in pairs if c.dossier_id])
        month = day.strftime("%Y-%m")
        firsts = {
            ch.consignment_id: ch
            for ch, _c, _r in prepo.charges_of_month(session, month)
            if ch.kind == "first_trip"
        }
        for c, record in pairs:
            code = dossiers[c.dossier_id].code if c.dossier_id else ""
            first = firsts.get(c.id)
            out.append(
                {
                    "consignment": c.number,
                    "kind": c.kind,
                    "record": record.number,
                    "handed_over_at": c.handed_over_at.isoformat(),
                    "code": code,
                    "ref": (c.pickup_id if c.kind == "pickup" else code) or "",
                    "name": c.applicant_name,
                    "phone": c.phone or "",
                    "address": c.address,
                    "ward": rules.ward_label(c.address),
                    "zone": c.zone,
                    "weight_g": c.weight_g,
                    "postage": first.amount if first else 0,
                    "payer": first.payer if first else "",
                }
            )
    return out


def export_day(ctx: Context, day: date, fmt: str, out: Path) -> int:
    """Write the day's consignments as CSV (UTF-8 with BOM, which Excel needs for Vietnamese) or
    XLSX for the operator's systems; returns the number of rows."""
    if fmt not in ("csv", "xlsx"):
        raise InputError("format", "Định dạng phải là csv hoặc xlsx")
    rows = export_rows(ctx, day)
    table = [EXPORT_COLUMNS, *([r[c] for c in EXPORT_COLUMNS] for r in rows)]
    # Through the adapter's writers: every text a text cell, none a formula, none able to break
    # the file (the addresses and names come from citizens).
    if fmt == "csv":
        files.write_csv(Path(out), table)
    else:
        files.write_xlsx(Path(out), f"Bưu gửi {day.strftime('%d-%m-%Y')}", table)
    return len(rows)


@dataclass(frozen=True)
class StatusRow:
    line: int
    consignment: str
    attempt: Attempt


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str | None] = []
    for n, values in files.read_table(path, STATUS_LIMITS, suffixes=(".csv", ".xlsx", ".xlsm")):
        cells = [_text(v) for v in values]
        if n == 1:
            for h in cells:
                key = " ".join(fold(h or "").replace("_", " ").split())
                name = key.replace(" ", "_") if key.replace(" ", "_") in IMPORT_COLUMNS else None
                # Columns we do not use (an operator's files carry many) are ignored.
                header.append(name or _HEADER_ALIASES.get(key))
            for required in ("consignment", "outcome", "at"):
                if required not in header:
                    raise InputError("dòng 1", f"Tệp trạng thái thiếu cột '{required}'")
            continue
        if not any((c or "").strip() for c in cells):
            continue
        rows.append((n, {h: (c or "").strip() for h, c in zip(header, cells, strict=False) if h}))
    if not header:
        raise InputError("FILE", "Tệp trạng thái trống")
    return rows


def read_status_file(ctx: Context, path: Path) -> list[StatusRow]:
    """Every row checked before anything is applied; an error names its line and column."""
    out = []
    for n, cells in _read_table(Path(path)):
        prefix = f"dòng {n}."
        s10 = _s10(cells.get("consignment", ""), prefix + "consignment")
        outcome = rules.outcome_of(cells.get("outcome", ""), prefix + "outcome")
        at = ctx.recorded_time(parse_time(cells.get("at", ""), prefix + "at"), prefix + "at")
        attempt = Attempt(
            outcome=outcome,
            recipient=cells.get("recipient") or None,
            id_number=cells.get("id_number") or None,
            reason=cells.get("reason") or None,
            caused_by=cells.get("caused_by") or "citizen",
            at=at,
        )
        _clean_attempt(ctx, attempt, prefix)
        out.append(StatusRow(n, s10, attempt))
    return out


def import_statuses(ctx: Context, path: Path) -> dict[str, Any]:
    """Apply the operator's status file: all rows or none. Rows already recorded are skipped, so
    a cumulative file may be imported every day."""
    require_role(ctx, "postal")
    rows = read_status_file(ctx, path)
    applied = unchanged = 0
    codes: list[str] = []
    with ctx.store.unit_of_work() as session:
        # In time order: a file lists outcomes as the operator's system sorts them.
        for r in sorted(rows, key=lambda r: (r.attempt.at, r.line)):
            found = [
                c
                for c in prepo.consignments_by_number(session, r.consignment)
                if c.kind == "delivery" and c.dossier_id is not None
            ]
            if not found:
                raise NotFound(f"Dòng {r.line}: bưu gửi phát kết quả", r.consignment)
            if len(found) > 1:
                raise InputError(f"dòng {r.line}.consignment", _label_used_twice(session, found))
            c = found[0]
            row = session.get(t.Dossier, c.dossier_id)
            assert row is not None
            assert r.attempt.at is not None
            try:
                clean = _clean_attempt(ctx, r.attempt)
                new = _apply_attempt(
                    ctx, session, row, r.attempt, clean, r.attempt.at, skip_recorded=True
                )
            except InputError as exc:
                raise type(exc)(f"dòng {r.line}.{exc.field}", exc.message) from None
            if new:
                applied += 1
                codes.append(row.code)
            else:
                unchanged += 1
        session.commit()
    return {"rows": len(rows), "applied": applied, "unchanged": unchanged, "codes": codes}


__all__ = [
    "Attempt",
    "HandoverLine",
    "PickupInput",
    "cancel_pickup",
    "complete_pending_pickups",
    "day_list",
    "export_day",
    "handover",
    "handover_pdf",
    "import_statuses",
    "overdue",
    "parse_item",
    "pickup_receipt_pdf",
    "record_attempt",
    "record_json",
    "records_of_day",
    "request_pickup",
    "set_tariff",
    "statement",
    "tariff",
]
