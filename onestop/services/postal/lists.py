"""The postman's lists of a day, by ward: results to deliver (waiting, handed over, re-attempts
due) and dossiers to pick up."""

from __future__ import annotations

from datetime import date
from typing import Any

from onestop.domain import delivery
from onestop.domain import dossier as domain
from onestop.domain import postal as rules
from onestop.domain.text import fold
from onestop.services.context import Context
from onestop.store import repository as repo
from onestop.store import repository_postal as prepo
from onestop.store import tables as t

from .common import day_bounds
from .pickups import complete_pending_pickups, pickup_json


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
    _, end = day_bounds(day)
    found: dict[str, dict[str, Any]] = {}
    with ctx.store.reading() as session:
        for row in prepo.dossiers_waiting_for_post(session, end):
            found[row.code] = _delivery_json(row, None)
        for c, _rec in prepo.consignments_between(session, *day_bounds(day)):
            if c.kind != "delivery" or c.dossier_id is None:
                continue
            row = prepo.dossier(session, c.dossier_id)
            assert row is not None
            found[row.code] = _delivery_json(row, c.number)
        for row in prepo.dossiers_out_for_delivery(session):
            if row.code in found:
                continue
            events = repo.events_of(session, row.id)
            state = domain.project(events)
            nxt = delivery.next_attempt_on(events, state)
            if nxt is not None and nxt <= day.isoformat():
                c = prepo.last_delivery_consignment(session, row.id)
                found[row.code] = _delivery_json(
                    row, c.number if c else state.consignment, state, next_attempt_on=nxt
                )
    return sorted(found.values(), key=lambda d: (fold(d["ward"]), d["ref"]))
