"""The procedure catalogue in the store: import a file all or nothing, list what is offered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onestop.domain.catalog import Procedure, demo_catalog, parse_catalog
from onestop.domain.text import fold
from onestop.store import repository as repo
from onestop.store import tables as t

from .context import Context


def _row(proc: Procedure, now) -> t.Procedure:
    data = proc.to_json()
    return t.Procedure(
        code=proc.code,
        name=proc.name,
        name_folded=fold(f"{proc.code} {proc.name}"),
        field=proc.field,
        processing_days=proc.processing_days,
        processing_hours=proc.processing_hours,
        fee=proc.fee,
        postal=proc.postal,
        online=proc.online,
        documents=data["documents"],
        active=True,
        updated_at=now,
    )


def store_procedures(ctx: Context, procedures: list[Procedure]) -> int:
    """Insert or replace the given procedures in one transaction."""
    now = ctx.clock()
    with ctx.store.unit_of_work() as session:
        for proc in procedures:
            session.merge(_row(proc, now))
        session.commit()
    return len(procedures)


def import_file(ctx: Context, path: Path) -> int:
    # Parsing validates the whole file before the store is touched: all or nothing.
    return store_procedures(ctx, parse_catalog(path))


def import_demo(ctx: Context) -> int:
    return store_procedures(ctx, demo_catalog())


def to_json(row: t.Procedure) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "field": row.field,
        "processing_days": row.processing_days,
        "processing_hours": row.processing_hours,
        "fee": row.fee,
        "postal": row.postal,
        "online": row.online,
        "documents": row.documents,
    }


def list_procedures(ctx: Context) -> list[dict[str, Any]]:
    with ctx.store.reading() as session:
        return [to_json(r) for r in repo.procedures(session)]
