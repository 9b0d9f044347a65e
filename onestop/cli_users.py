"""Command-line commands of the users feature (registered by onestop.cli)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def register(add: Callable[..., Any]) -> None:
    """Add this feature's subcommands with ``add(name, func, help)`` (see onestop.cli)."""
