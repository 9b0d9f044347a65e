"""Transitional: the names onestop.sync.admin had, until the command line uses
onestop.services.sync (issue 13)."""

from __future__ import annotations

from onestop.services.sync.admin import create_role, init_central, publish

__all__ = ["create_role", "init_central", "publish"]
