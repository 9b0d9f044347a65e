"""The central database's side of sync: accept events, give them positions, hand them out by
position, lease dossier numbers, serve master data. Every function runs on a SQLAlchemy
Connection whose transaction the caller owns (PostgreSQL in production, SQLite in demos).

By job: ``schema`` (the tables, identity and version, registration, position allocators),
``push`` (accepting events; who writes what at a PostgreSQL centre), ``pull`` (listing and
fetching events by position), ``master`` (leased numbers, master data), ``admin`` (creating
the centre, publishing master data, workstation roles; imported on its own).
"""

from __future__ import annotations

from ..projection import DOSSIERS, EVENTS
from .master import lease, master_snapshot, master_table, master_versions
from .pull import RUNS_AT_ONCE, fetch, positions, pull
from .push import (
    PreparedPush,
    Pushed,
    chain_refusal,
    check_chain,
    prepare,
    prepare_push,
    push,
    refused,
)
from .schema import (
    AGENCIES,
    EVENTS_HEAD,
    HEADS,
    LEASES,
    LOG,
    VERSIONS,
    WORKSTATIONS,
    CentralInfo,
    allocate,
    allowed_agencies,
    counts,
    dialect_insert,
    ensure_identity,
    head,
    inspect,
    log_accepted,
    register,
    upsert,
)

__all__ = [
    "AGENCIES",
    "DOSSIERS",
    "EVENTS",
    "EVENTS_HEAD",
    "HEADS",
    "LEASES",
    "LOG",
    "RUNS_AT_ONCE",
    "VERSIONS",
    "WORKSTATIONS",
    "CentralInfo",
    "PreparedPush",
    "Pushed",
    "allocate",
    "allowed_agencies",
    "chain_refusal",
    "check_chain",
    "counts",
    "dialect_insert",
    "ensure_identity",
    "fetch",
    "head",
    "inspect",
    "lease",
    "log_accepted",
    "master_snapshot",
    "master_table",
    "master_versions",
    "positions",
    "prepare",
    "prepare_push",
    "pull",
    "push",
    "refused",
    "register",
    "upsert",
]
