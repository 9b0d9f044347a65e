"""The hand-over with the post: results given to the post for delivery (each dossier out for
delivery) and dossiers the post collected at home (each becomes a dossier), on one signed record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from onestop.domain import delivery
from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain import postal as rules
from onestop.domain.errors import InputError, NotFound, StateError
from onestop.domain.identifiers import check_phone, require
from onestop.domain.messages import msg
from onestop.domain.text import capitalize_name
from onestop.services import reception, write
from onestop.services.context import Context
from onestop.store import repository as repo
from onestop.store import repository_staff as staff
from onestop.store.uow import DossierHistory

from .common import (
    DEFAULT_POST_OFFICE,
    add_charge,
    ensure_ready,
    local_time,
    new_consignment,
    new_record,
    refuse_used,
    require_any,
    s10_number,
)
from .pickups import (
    complete_pending_pickups,
    complete_pickup,
    find_pickup,
    receive_request,
    shown_ref,
)
from .records import record_json, record_result
from .results import HandoverItem, HandoverResult
from .tariff import tariff


class Postman(NamedTuple):
    """The postal employee who signs: the name, and how the post identifies them."""

    name: str
    number: str | None = None
    phone: str | None = None


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
        raise InputError("item", msg("handover.item_form", text=text))
    weight = None
    if at:
        digits = grams.strip().lower().removesuffix("g").strip()
        if not digits.isdigit():
            raise InputError("weight", msg("handover.weight_form", grams=grams, ref=ref.strip()))
        weight = int(digits)
    return HandoverLine(ref.strip(), s10.strip(), weight)


def _check_lines(lines: Sequence[HandoverLine]) -> list[tuple[HandoverLine, str]]:
    """Every S10 valid and listed once, every reference listed once: else nothing is recorded."""
    if not lines:
        raise InputError("item", msg("handover.empty"))
    checked: list[tuple[HandoverLine, str]] = []
    seen_refs: set[str] = set()
    seen_s10: set[str] = set()
    for line in lines:
        s10 = s10_number(line.consignment, "consignment", line.ref)
        if line.ref.upper() in seen_refs:
            raise InputError("item", msg("handover.twice", ref=line.ref))
        if s10 in seen_s10:
            raise InputError("consignment", msg("handover.s10_twice", number=s10))
        if line.weight_g is not None and not 1 <= line.weight_g <= 30_000:
            raise InputError("weight", msg("handover.weight_range", ref=line.ref))
        seen_refs.add(line.ref.upper())
        seen_s10.add(s10)
        checked.append((line, s10))
    return checked


def handover(
    ctx: Context,
    kind: str,
    lines: Sequence[HandoverLine],
    *,
    at: datetime | None = None,
    postman_name: str = "",
    post_office: str = DEFAULT_POST_OFFICE,
    officer_name: str = "",
    postman_number: str = "",
    postman_phone: str = "",
) -> HandoverResult:
    """Record a hand-over with the post. Refused whole, with nothing recorded, when one S10 is
    wrong or used before, or one dossier is not ready (delivery) or one request not pending
    (pickup)."""
    rules.check_kind(kind)
    # The counter officer and the postman sign together: either may record it.
    require_any(ctx, "postal", "receive" if kind == "pickup" else "return")
    ensure_ready(ctx)
    checked = _check_lines(lines)
    when = local_time(at, ctx)
    officer, postman = _parties(ctx, postman_name, officer_name)
    office = policy.clean(post_office, "post_office", limit=policy.NAME) or DEFAULT_POST_OFFICE
    postman = postman._replace(**_postman_ids(ctx, postman_number, postman_phone))
    if kind == "delivery":
        return _handover_delivery(ctx, checked, when, postman, office, officer)
    return handover_pickups(ctx, checked, when, postman, office, officer)


def _parties(ctx: Context, postman_name: str, officer_name: str) -> tuple[str, Postman]:
    """Who signs for each side: the one-stop officer (a username, or a name as typed) and the
    postal employee. Whoever is signed in is their own side: a postal account is the postman
    (its full name unless another is typed, with its employee number and phone) and the officer
    is the name given, never the postal account."""
    postman = capitalize_name(policy.clean(postman_name, "postman", limit=policy.NAME))
    officer = capitalize_name(policy.clean(officer_name, "officer", limit=policy.NAME))
    if ctx.role is None:
        # The command line's operator: the officer named (--officer), else the actor when it
        # is an account; an operating-system login is nobody's name ("": named by hand).
        if officer:
            return officer, Postman(postman)
        with ctx.store.reading() as session:
            known = repo.staff_full_name(session, ctx.actor) is not None
        return (ctx.actor if known else ""), Postman(postman)
    if ctx.role != "postal":
        return ctx.actor, Postman(postman)
    number = phone = None
    with ctx.store.reading() as session:
        account = staff.account(session, ctx.actor)
        if account is not None:
            number, phone = account.employee_number, account.phone
            postman = postman or account.full_name
    return officer, Postman(postman or ctx.actor, number, phone)


def _postman_ids(ctx: Context, number: str, phone: str) -> dict[str, str]:
    """The employee number and phone typed for the postman (they replace the account's)."""
    out = {}
    typed_number = policy.optional(number, "postman_number", limit=40)
    if typed_number:
        out["number"] = typed_number
    typed_phone = policy.optional(phone, "postman_phone", limit=policy.NAME)
    if typed_phone:
        out["phone"] = require(check_phone(typed_phone), "postman_phone")
    return out


def _handover_delivery(
    ctx: Context,
    checked: list[tuple[HandoverLine, str]],
    at: datetime,
    postman: Postman,
    office: str,
    officer: str,
) -> HandoverResult:
    tar = tariff(ctx)
    payer = rules.check_payer(ctx.settings.postage_payer, "postage_payer", rules.SETTING_PAYERS)
    with ctx.store.work() as uow:
        session = uow.session
        prepared = []
        for line, s10 in checked:
            history = uow.dossiers.history(line.ref)
            # Every dossier checked before anything is written: refused whole.
            probe = write.command(ctx, domain.EventType.POSTAL_HANDOVER, at, {"consignment": s10})
            delivery.check_handover(
                history.events, history.id, history.code, history.row.return_by, probe
            )
            prepared.append((line, s10, history))
        refuse_used(session, [s10 for _, s10, _ in prepared])
        record = new_record(ctx, session, "delivery", at, postman.name, office, officer, postman)
        items = []
        for position, (line, s10, history) in enumerate(prepared, 1):
            row = history.row
            consignment = new_consignment(
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
                units=(row.return_province_code, row.return_commune_code),
            )
            zone, weight = consignment.zone, consignment.weight_g
            payload = {"consignment": s10, "record": record.number, "postman": postman.name or None}
            command = write.command(ctx, domain.EventType.POSTAL_HANDOVER, at, payload)
            write.record(uow, ctx, history, [command], refused=_refused)
            amount = tar.charge("first_trip", zone, weight)
            add_charge(session, consignment, "first_trip", amount, payer, at, command.id)
            items.append(
                HandoverItem(
                    ref=row.code,
                    code=row.code,
                    consignment=s10,
                    name=row.applicant_name,
                    address=None,
                    zone=zone,
                    postage=amount,
                    payer=payer,
                )
            )
        uow.commit()
        return record_result(record, items)


def _refused(history: DossierHistory, refused: domain.TransitionRefused) -> Exception:
    return delivery.handover_refused(history.code, refused.status)


def handover_pickups(
    ctx: Context,
    checked: list[tuple[HandoverLine, str]],
    at: datetime,
    postman: Postman,
    office: str,
    officer: str,
) -> HandoverResult:
    complete_pending_pickups(ctx)
    tar = tariff(ctx)
    payer = rules.check_payer(ctx.settings.postage_payer, "postage_payer", rules.SETTING_PAYERS)
    # Step 1, one transaction: the record, its consignments and postage, the requests marked.
    with ctx.store.unit_of_work() as session:
        prepared = []
        for line, s10 in checked:
            p = find_pickup(session, line.ref)
            if p is None:
                raise NotFound("Yêu cầu thu gom", line.ref)
            if p.status == "cancelled":
                refused = msg("pickup.cancelled_reason", ref=shown_ref(p), reason=p.cancel_reason)
                raise StateError("status", refused)
            if p.status != "requested":
                raise StateError("status", msg("pickup.handed_over_before", ref=shown_ref(p)))
            proc = repo.procedure(session, p.procedure_code)
            if proc is None or not proc.active or not proc.postal:
                raise InputError("procedure", msg("procedure.no_post", code=p.procedure_code))
            # Every check of the receipt now, before anything is written.
            reception.validate(ctx, receive_request(p, at, "", s10))
            prepared.append((line, s10, p))
        refuse_used(session, [s10 for _, s10, _ in prepared])
        record = new_record(ctx, session, "pickup", at, postman.name, office, officer, postman)
        now = ctx.clock()
        for position, (line, s10, p) in enumerate(prepared, 1):
            consignment = new_consignment(
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
                units=(p.province_code, p.commune_code),
            )
            amount = tar.charge("first_trip", consignment.zone, consignment.weight_g)
            add_charge(session, consignment, "first_trip", amount, payer, at)
            p.status = "handed_over"
            p.record_id = record.id
            p.consignment = s10
            p.updated_at = now
        session.commit()
        record_id = record.id
        pickup_ids = [p.id for _, _, p in prepared]
    # Step 2: each request becomes a dossier received at the signature of the record.
    for pickup_id in pickup_ids:
        complete_pickup(ctx, pickup_id)
    return record_json(ctx, record_id=record_id)
