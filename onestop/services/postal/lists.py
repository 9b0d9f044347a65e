"""The postman's lists of a day, by ward: results to deliver (waiting, handed over, re-attempts
due) and dossiers to pick up."""

from __future__ import annotations

from datetime import date

from onestop.domain import delivery
from onestop.domain import dossier as domain
from onestop.domain import postal as rules
from onestop.services.context import Context
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables as t

from .common import day_bounds
from .pickups import complete_pending_pickups, pickup_item
from .results import DayLists, DeliveryItem, PickupItem
from .statement import overdue


def _delivery_item(
    row: t.Dossier,
    consignment: str | None,
    state: domain.DossierState | None = None,
    next_attempt_on: str | None = None,
) -> DeliveryItem:
    address = row.return_address or row.address or ""
    commune = rules.commune_of(address, row.return_commune_code)
    return DeliveryItem(
        ref=row.code,
        kind="delivery",
        name=row.applicant_name,
        address=address,
        phone=row.phone,
        consignment=consignment,
        status=row.status,
        status_label=domain.STATUS_LABELS_VI.get(row.status, row.status),
        ward=commune.full_name if commune else rules.NO_WARD_VI,
        commune_code=commune.code if commune else None,
        code=row.code,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        result_at=row.result_at,
        failed_attempts=state.failed_attempts if state else 0,
        next_attempt_on=next_attempt_on,
    )


def day_list(ctx: Context, day: date, kind: str) -> list[DeliveryItem] | list[PickupItem]:
    """The postman's list for a day, grouped by commune (code), the groups by name.

    delivery: results waiting for the post (ready on or before the day, every day until handed
    over), those handed over that day (with their consignment), and re-attempts due that day or
    earlier. pickup: the requests for that day, with their consignment once handed over."""
    rules.check_kind(kind)
    if kind == "pickup":
        return pickup_list(ctx, day)
    return delivery_list(ctx, day)


def pickup_list(ctx: Context, day: date) -> list[PickupItem]:
    complete_pending_pickups(ctx)
    with ctx.store.reading() as session:
        rows = prepo.pickups_of_day(session, day.isoformat())
        dossiers = prepo.dossiers_by_ids(session, [r.dossier_id for r in rows if r.dossier_id])
        items = [
            pickup_item(r, dossiers[r.dossier_id].code if r.dossier_id else None) for r in rows
        ]
    return sorted(items, key=lambda d: (*rules.commune_group(d.ward, d.commune_code), d.day, d.ref))


def delivery_list(ctx: Context, day: date) -> list[DeliveryItem]:
    _, end = day_bounds(day)
    found: dict[str, DeliveryItem] = {}
    with ctx.store.reading() as session:
        for row in prepo.dossiers_waiting_for_post(session, end):
            found[row.code] = _delivery_item(row, None)
        for c, _rec in prepo.consignments_between(session, *day_bounds(day)):
            if c.kind != "delivery" or c.dossier_id is None:
                continue
            row = prepo.dossier(session, c.dossier_id)
            assert row is not None
            found[row.code] = _delivery_item(row, c.number)
        for row in prepo.dossiers_out_for_delivery(session):
            if row.code in found:
                continue
            events = repo.events_of(session, row.id)
            state = domain.project(events)
            nxt = delivery.next_attempt_on(events, state)
            if nxt is not None and nxt <= day.isoformat():
                c = prepo.last_delivery_consignment(session, row.id)
                found[row.code] = _delivery_item(
                    row, c.number if c else state.consignment, state, next_attempt_on=nxt
                )
    return sorted(
        found.values(), key=lambda d: (*rules.commune_group(d.ward, d.commune_code), d.ref)
    )


def day_lists(ctx: Context, day: date) -> DayLists:
    """Everything the postal page shows for a day, read together (one refresh, one snapshot
    of the counts and the rows)."""
    return DayLists(
        day=day,
        delivery=tuple(delivery_list(ctx, day)),
        pickup=tuple(pickup_list(ctx, day)),
        overdue=tuple(overdue(ctx, day)),
    )
