"""What the post owes and is owed: results and pickups overdue with the post, and the monthly
statement of postage by consignment and payer."""

from __future__ import annotations

from datetime import date
from typing import Any

from onestop.domain import delivery
from onestop.domain import dossier as domain
from onestop.domain import postal as rules
from onestop.services.context import Context
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables as t
from onestop.store import tables_postal as tp

from .common import month_bounds
from .results import ChargeLine, OverdueItem, Statement, StatementItem
from .tariff import tariff


def overdue(ctx: Context, today: date | None = None) -> list[OverdueItem]:
    """Results out with the post past the service time or past their re-attempt day, and pickups
    whose day has passed without a hand-over."""
    day = today or ctx.clock().date()
    tar = tariff(ctx)
    cal = ctx.calendar
    late: list[OverdueItem] = []
    with ctx.store.reading() as session:
        for row in prepo.dossiers_out_for_delivery(session):
            events = repo.events_of(session, row.id)
            state = domain.project(events)
            c = prepo.last_delivery_consignment(session, row.id)
            nxt = delivery.next_attempt_on(events, state)
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
                OverdueItem(
                    kind="pickup",
                    ref=p.reference or p.id,
                    name=p.applicant_name,
                    address=p.address,
                    phone=p.phone,
                    consignment=None,
                    since=p.day,
                    reason=f"Bưu điện chưa giao hồ sơ hẹn thu gom ngày {_dmy(p.day)}",
                )
            )
    return sorted(late, key=lambda d: (d.since, d.ref))


def _dmy(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _late(
    row: t.Dossier, c: tp.Consignment | None, reason: str, *, since: str, kind: str
) -> OverdueItem:
    return OverdueItem(
        kind=kind,
        ref=row.code,
        name=row.applicant_name,
        address=row.return_address or row.address,
        phone=row.phone,
        consignment=c.number if c else None,
        since=since,
        reason=reason,
    )


def statement(ctx: Context, month: str) -> Statement:
    """Postage of the month's trips, per consignment, with totals by payer: what the agency owes
    the post (``by_payer["agency"]``) when it pays for its citizens."""
    key, _first = month_bounds(month)
    # Per consignment: its first charge's row (the item's facts) and its charges in order.
    found: dict[str, tuple[Any, Any, list[ChargeLine]]] = {}
    by_payer = dict.fromkeys(rules.PAYERS, 0)
    by_charge = dict.fromkeys(rules.CHARGE_KINDS, 0)
    with ctx.store.reading() as session:
        rows = prepo.charges_of_month(session, key)
        dossiers = prepo.dossiers_by_ids(
            session, [c.dossier_id for _, c, _ in rows if c.dossier_id]
        )
        for ch, c, record in rows:
            entry = found.setdefault(c.id, (c, record, []))
            entry[2].append(
                ChargeLine(
                    kind=ch.kind,
                    label=rules.CHARGE_LABELS_VI[ch.kind],
                    at=ch.at,
                    amount=ch.amount,
                    payer=ch.payer,
                )
            )
            by_payer[ch.payer] = by_payer.get(ch.payer, 0) + ch.amount
            by_charge[ch.kind] = by_charge.get(ch.kind, 0) + ch.amount
        items = []
        refs = prepo.pickup_references(
            session, [c.pickup_id for c, _, _ in found.values() if c.pickup_id]
        )
        for c, record, charges in found.values():
            code = dossiers[c.dossier_id].code if c.dossier_id else None
            items.append(
                StatementItem(
                    consignment=c.number,
                    kind=c.kind,
                    ref=(refs.get(c.pickup_id) or c.pickup_id) if c.kind == "pickup" else code,
                    code=code,
                    name=c.applicant_name,
                    record=record.number,
                    handed_over_at=c.handed_over_at,
                    zone=c.zone,
                    weight_g=c.weight_g,
                    charges=tuple(charges),
                    postage=sum(line.amount for line in charges),
                )
            )
    return Statement(
        month=key,
        payer=ctx.settings.postage_payer,
        items=tuple(items),
        count=len(items),
        trips=sum(len(i.charges) for i in items),
        postage=sum(by_payer.values()),
        by_payer=by_payer,
        by_charge=by_charge,
        agency_total=by_payer["agency"],
        tariff=tariff(ctx).name,
    )
