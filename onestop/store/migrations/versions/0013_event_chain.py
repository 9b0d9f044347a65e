"""The hash chain of every workstation's history (onestop.domain.chain): events get their number
in their workstation's chain, the previous event's hash and their own; existing events are
chained in the order they were recorded, the same way on every store and at the centre, so that
a workstation and the centre compute the same chain for the history they share. From now on an
event without its link is refused by the database itself.

Revision ID: 0013
Revises: 0010
Create Date: 2026-11-30
"""

import json

import sqlalchemy as sa
from alembic import op

from onestop.domain.chain import GENESIS, event_hash
from onestop.store.tables import UTCDateTime

revision = "0013"
down_revision = "0010"
branch_labels = None
depends_on = None

_EVENTS = sa.table(
    "events",
    sa.column("id", sa.String),
    sa.column("dossier_id", sa.String),
    sa.column("type", sa.String),
    sa.column("at", UTCDateTime()),
    sa.column("recorded_at", UTCDateTime()),
    sa.column("actor", sa.String),
    sa.column("workstation_id", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("chain_seq", sa.BigInteger),
    sa.column("chain_prev", sa.String),
    sa.column("chain_hash", sa.String),
)


def upgrade() -> None:
    op.add_column("events", sa.Column("chain_seq", sa.BigInteger()))
    op.add_column("events", sa.Column("chain_prev", sa.String(64)))
    op.add_column("events", sa.Column("chain_hash", sa.String(64)))
    dialect = op.get_bind().dialect.name
    # The history is append-only: its own triggers are lifted for the one backfill.
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE events DISABLE TRIGGER events_append_only")
    _backfill()
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER events_chained BEFORE INSERT ON events "
            "WHEN NEW.chain_seq IS NULL OR NEW.chain_prev IS NULL OR NEW.chain_hash IS NULL "
            "BEGIN SELECT RAISE(ABORT, 'events need their hash chain'); END"
        )
    elif dialect == "postgresql":
        op.execute("ALTER TABLE events ENABLE TRIGGER events_append_only")
    op.create_index("uq_events_chain", "events", ["workstation_id", "chain_seq"], unique=True)
    if dialect == "postgresql":
        # Also what refuses an event without its link (a trigger, not NOT NULL: the schema
        # stays the same on both engines, and the refusal names the events, not their data).
        _centre_checks_links()


def _centre_checks_links() -> None:
    """At the centre, whatever inserts events (the push's SECURITY DEFINER function, or anyone
    else): each new event must follow its workstation's previous one, present already or in the
    same statement, by number and by link; with the unique index on (workstation, number) a
    workstation's chain at the centre can only grow, without a gap or a fork. The hashes of the
    contents are checked by the workstations and by 'onestop verify' (a role that can push can
    compute them anyway: the links are what protect the history already accepted)."""
    op.execute(
        """
        CREATE FUNCTION public.onestop_check_chain() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE
          broken text[];
        BEGIN
          SELECT array_agg(n.id ORDER BY n.chain_seq) INTO broken FROM (
            SELECT n.id, n.chain_seq FROM onestop_new_events n
              LEFT JOIN public.events p ON p.workstation_id = n.workstation_id
                                       AND p.chain_seq = n.chain_seq - 1
              WHERE n.chain_seq IS NULL OR n.chain_seq < 1
                 OR n.chain_hash IS NULL OR n.chain_hash !~ '^[0-9a-f]{64}$'
                 OR (n.chain_seq = 1 AND n.chain_prev IS DISTINCT FROM repeat('0', 64))
                 OR (n.chain_seq > 1 AND p.chain_hash IS DISTINCT FROM n.chain_prev)
              ORDER BY n.chain_seq LIMIT 20) n;
          IF broken IS NOT NULL THEN
            RAISE EXCEPTION 'onestop: events % break their workstation''s hash chain', broken
              USING ERRCODE = '42501',
                    DETAIL = json_build_object('reason', 'chain', 'events', broken)::text;
          END IF;
          RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER events_chain_links AFTER INSERT ON public.events "
        "REFERENCING NEW TABLE AS onestop_new_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION public.onestop_check_chain()"
    )


def _backfill() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_EVENTS).order_by(_EVENTS.c.workstation_id, _EVENTS.c.recorded_at, _EVENTS.c.id)
    ).mappings()
    station, seq, prev = None, 0, GENESIS
    updates = []
    for row in rows:
        if row["workstation_id"] != station:
            station, seq, prev = row["workstation_id"], 0, GENESIS
        seq += 1
        event = dict(row)
        if isinstance(event["payload"], str):
            event["payload"] = json.loads(event["payload"])
        digest = event_hash(event, seq, prev)
        updates.append({"key": row["id"], "seq": seq, "prev": prev, "digest": digest})
        prev = digest
    if updates:
        conn.execute(
            _EVENTS.update()
            .where(_EVENTS.c.id == sa.bindparam("key"))
            .values(
                chain_seq=sa.bindparam("seq"),
                chain_prev=sa.bindparam("prev"),
                chain_hash=sa.bindparam("digest"),
            ),
            updates,
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_index("uq_events_chain", "events")
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_chained")
        # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild would lose the table's triggers.
        for column in ("chain_hash", "chain_prev", "chain_seq"):
            op.execute(f"ALTER TABLE events DROP COLUMN {column}")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_chain_links ON public.events")
        op.execute("DROP FUNCTION IF EXISTS public.onestop_check_chain()")
        for column in ("chain_hash", "chain_prev", "chain_seq"):
            op.drop_column("events", column)
