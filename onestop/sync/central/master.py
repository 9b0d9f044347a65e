"""What the centre hands out besides events: blocks of leased dossier numbers (band 0 of the
code scheme) and snapshots of the master data by kind and version."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, insert, or_, select, update

from onestop.domain.codes import CodeScheme
from onestop.domain.ids import new_id_str
from onestop.store import tables_sync as ts

from .schema import HEADS, LEASES, VERSIONS, dialect_insert


def lease(
    conn: Connection,
    *,
    scheme: CodeScheme,
    day: date,
    workstation_id: str,
    size: int,
    now: datetime,
) -> tuple[int, int] | None:
    """Lease the next block of band-0 numbers of the agency and day to a workstation, or None
    when band 0 is used up for that day (the workstation then uses its own band)."""
    band = scheme.band(0)
    barrier = conn.execute(select(ts.SyncCentral.leases_from)).scalar()
    if barrier and day.isoformat() < barrier:
        return None
    name = f"lease:{day.isoformat()}:{scheme.width}"
    conn.execute(
        dialect_insert(conn, HEADS)
        .values(agency_code=scheme.agency, name=name, value=band.start - 1)
        .on_conflict_do_nothing(index_elements=["agency_code", "name"])
    )
    where = and_(HEADS.c.agency_code == scheme.agency, HEADS.c.name == name)
    # Locked until commit: two workstations leasing at once get consecutive, disjoint blocks.
    last_given = conn.execute(select(HEADS.c.value).where(where).with_for_update()).scalar_one()
    first = last_given + 1
    last = min(last_given + size, band.stop - 1)
    if first > last:
        return None
    conn.execute(update(HEADS).where(where).values(value=last))
    conn.execute(
        insert(LEASES).values(
            id=new_id_str(),
            agency_code=scheme.agency,
            day=day.isoformat(),
            width=scheme.width,
            first=first,
            last=last,
            workstation_id=workstation_id,
            leased_at=now,
        )
    )
    return first, last


# --- master data -------------------------------------------------------------------------------


def master_versions(conn: Connection) -> dict[str, int]:
    return {k: int(v) for k, v in conn.execute(select(VERSIONS.c.kind, VERSIONS.c.version))}


def master_table(kind: str) -> Table | None:
    from onestop.store.all_tables import metadata

    return metadata.tables.get(kind)


def master_snapshot(conn: Connection, kind: str, agency: str) -> list[dict[str, Any]]:
    """Every row of one kind of master data (for office settings: the agency's own row)."""
    table = master_table(kind)
    if table is None:
        return []
    query = select(table)
    if kind == "sync_agencies":
        query = query.where(table.c.agency_code == agency)
    elif kind == "staff" and "agency_code" in table.c:
        # The agency's accounts and the province-wide ones (row-level security says the same
        # for a workstation's role; this covers the owner and SQLite centres).
        query = query.where(or_(table.c.agency_code.is_(None), table.c.agency_code == agency))
    return [dict(r) for r in conn.execute(query).mappings()]
