"""The workstation's data folder kept the OS account's alone, as the window reaches it before and
beside the store: the folder 0700, the files written there 0600 (onestop.store.private). No
SQLAlchemy here: the sign-in window calls it before the store loads."""

from __future__ import annotations

from pathlib import Path

from onestop.store import private


def secure_folder(folder: Path) -> str | None:
    """Create ``folder`` private, or tighten it where others may read; what was tightened, as a
    sentence for the person (None when nothing was wider)."""
    return private.secure_folder(folder)


def private_file(path: Path) -> Path:
    """``path`` created empty and private if missing (its folder too), before a library creates
    it with its own mode and keeps the mode of a file that exists (Qt's settings file)."""
    private.make_folder(path.parent)
    private.create_file(path)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, private from the first byte, in a private folder."""
    private.write_file(path, data)
