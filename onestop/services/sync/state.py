"""The sync status the status bar and 'onestop sync status' show, from the local store alone."""

from __future__ import annotations

from typing import Any

from onestop.services.context import Context
from onestop.sync import credentials, local
from onestop.sync.config import SyncSettings


def status(ctx: Context) -> dict[str, Any]:
    """What the status bar shows, from the local store alone (no network): configured or not,
    pending events, last sync, the central position last seen, today's leased numbers left."""
    cfg = SyncSettings.load(ctx.store)
    settings = ctx.settings
    scheme = settings.code_scheme
    with ctx.store.reading() as session:
        state = local.read_state(session)
        known = {
            "last_sync_at": state.last_sync_at if state else None,
            "last_attempt_at": state.last_attempt_at if state else None,
            "last_error": state.last_error if state else None,
            "central_position": state.central_position if state else None,
            "pulled_position": state.pulled_position if state else 0,
        }
        pending = local.count_pending(session, settings.agency_code, settings.workstation_id)
        remaining = local.lease_remaining(session, scheme.agency, ctx.clock().date(), scheme.width)
    last_sync, last_attempt = known["last_sync_at"], known["last_attempt_at"]
    return {
        "configured": bool(cfg.central_url),
        "central": cfg.where() or None,
        "central_url": cfg.central_url,
        "sslmode": cfg.sslmode,
        "sslrootcert": cfg.sslrootcert,
        "keyring": credentials.keyring_available(),
        "online": bool(last_sync and last_attempt and last_sync >= last_attempt),
        "pending": pending,
        "last_sync_at": last_sync.isoformat() if last_sync else None,
        "last_attempt_at": last_attempt.isoformat() if last_attempt else None,
        "last_error": known["last_error"],
        "central_position": known["central_position"],
        "pulled_position": known["pulled_position"],
        "lease_remaining": remaining,
    }
