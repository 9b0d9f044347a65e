"""Home pickup requests get short references people read out ("TG-1012"), numbered per
workstation; postal employees get their employee number and phone, which hand-over records keep.

The requests this workstation took are numbered in the order they were taken. Requests pulled
from other counters are left for their own counter to number (its next sync brings them): their
replication entries are brought up to the new columns here, so that this store's next sync does
not send them again with an empty reference that could win over the one their counter gives.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-01
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

from onestop.domain.postal import pickup_counter_key, pickup_reference
from onestop.store.tables import UTCDateTime

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None

_PICKUPS = sa.table(
    "postal_pickups",
    sa.column("id", sa.String),
    sa.column("workstation_id", sa.String),
    sa.column("requested_at", UTCDateTime()),
    sa.column("reference", sa.String),
)
_SETTINGS = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.JSON))
_COUNTERS = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
_VERSIONS = sa.table(
    "sync_row_versions",
    sa.column("table_name", sa.String),
    sa.column("row_id", sa.String),
    sa.column("digest", sa.String),
    sa.column("data", sa.Text),
)
# The columns added to replicated tables (staff is master data, not replicated this way).
# Pickups also gained case_name (0015) and the commune codes (0017) in the same release; an
# upgrade crosses all three, so their entries are brought up to every new column here at once.
_NEW_REPLICATED = {
    "postal_pickups": ("reference", "case_name", "province_code", "commune_code"),
    "postal_handover_records": ("postman_number", "postman_phone"),
}


def upgrade() -> None:
    # Plain ADD COLUMN on both engines (see 0007).
    op.add_column("postal_pickups", sa.Column("reference", sa.String(20)))
    op.create_index("ix_postal_pickups_reference", "postal_pickups", ["reference"])
    op.add_column("postal_handover_records", sa.Column("postman_number", sa.String(40)))
    op.add_column("postal_handover_records", sa.Column("postman_phone", sa.String(20)))
    op.add_column("staff", sa.Column("employee_number", sa.String(40)))
    op.add_column("staff", sa.Column("phone", sa.String(20)))
    numbered = _number_own_pickups()
    _refresh_replicated(numbered)


def _number_own_pickups() -> set[str]:
    bind = op.get_bind()
    settings = {
        k: v
        for k, v in bind.execute(sa.select(_SETTINGS.c.key, _SETTINGS.c.value))
        if k in ("workstation_id", "workstation_number", "agency_code")
    }
    me = settings.get("workstation_id")
    if not me:
        return set()  # a central database, or a store not set up yet: nothing of its own
    number = int(settings.get("workstation_number") or 1)
    rows = bind.execute(
        sa.select(_PICKUPS.c.id)
        .where(_PICKUPS.c.workstation_id == me, _PICKUPS.c.reference.is_(None))
        .order_by(_PICKUPS.c.requested_at, _PICKUPS.c.id)
    ).all()
    for seq, (row_id,) in enumerate(rows, 1):
        bind.execute(
            sa.update(_PICKUPS)
            .where(_PICKUPS.c.id == row_id)
            .values(reference=pickup_reference(number, seq))
        )
    if rows:
        key = pickup_counter_key(str(settings.get("agency_code") or ""), number)
        bind.execute(sa.delete(_COUNTERS).where(_COUNTERS.c.name == key))
        bind.execute(sa.insert(_COUNTERS).values(name=key, value=len(rows)))
    return {row_id for (row_id,) in rows}


def _refresh_replicated(numbered: set[str]) -> None:
    """Each replication entry gets the new columns as the row it describes has them (empty, or
    what a counter already upgraded sent; onestop.sync.rows encodes every column, sorted, as
    compact JSON): a row unchanged since its last sync stays unchanged, one changed here (a
    pickup just numbered) is sent again."""
    bind = op.get_bind()
    for table, columns in _NEW_REPLICATED.items():
        entries = bind.execute(
            sa.select(_VERSIONS.c.row_id, _VERSIONS.c.data).where(
                _VERSIONS.c.table_name == table
            )
        ).all()
        for row_id, data in entries:
            if row_id in numbered:
                continue
            values = json.loads(data)
            for column in columns:
                if values.get(column) is not None:
                    # Pulled from a counter already upgraded: the row gets what it was sent.
                    rows = sa.table(table, sa.column("id", sa.String), sa.column(column))
                    bind.execute(
                        sa.update(rows)
                        .where(rows.c.id == row_id)
                        .values({column: values[column]})
                    )
                values.setdefault(column, None)
            text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            bind.execute(
                sa.update(_VERSIONS)
                .where(_VERSIONS.c.table_name == table, _VERSIONS.c.row_id == row_id)
                .values(data=text, digest=hashlib.sha256(text.encode()).hexdigest())
            )


def downgrade() -> None:
    op.drop_index("ix_postal_pickups_reference", table_name="postal_pickups")
    for table, column in (
        ("staff", "phone"),
        ("staff", "employee_number"),
        ("postal_handover_records", "postman_phone"),
        ("postal_handover_records", "postman_number"),
        ("postal_pickups", "reference"),
    ):
        op.drop_column(table, column)
