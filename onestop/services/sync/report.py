"""What one sync did, as the command line prints it (``to_json``) and the window reads it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class SyncReport:
    ok: bool = False
    central: str | None = None
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    pending: int = 0
    central_position: int | None = None
    pulled_position: int | None = None
    lease_remaining: int = 0
    master: list[str] = field(default_factory=list)
    # Demo accounts the centre offered (published by an earlier version) or this store still
    # held: never kept here.
    demo_accounts_refused: list[str] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    error_detail: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data
