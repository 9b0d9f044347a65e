"""Client-generated, time-ordered primary keys (UUIDv7): no two workstations issue the same."""

from __future__ import annotations

import uuid

import uuid6


def new_id() -> uuid.UUID:
    return uuid.UUID(int=uuid6.uuid7().int)


def new_id_str() -> str:
    return str(new_id())
