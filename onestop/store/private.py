"""Keeps the data folder the OS account's alone: the folder 0700, every file written there 0600.

The store holds names, ID and phone numbers and password hashes. POSIX only: on Windows the data
folder lies in the user profile (%LOCALAPPDATA%), whose ACL already admits only the account,
SYSTEM and the administrators, so nothing is done there. No SQLAlchemy here: the window calls it
before the store loads.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# Group and others: a bit here means someone else may read (or enter) it.
_OTHERS = 0o077

ENABLED = os.name == "posix"


def make_folder(folder: Path) -> None:
    """Create ``folder`` 0700 if missing (its parents keep the usual rights)."""
    if folder.is_dir():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    # mkdir's mode passes through the umask, which can only narrow it; chmod makes it exact.
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=FOLDER_MODE)
    if ENABLED:
        os.chmod(folder, FOLDER_MODE)


def create_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if missing, before a library creates it with its own mode:
    SQLite creates a database 0644 and Qt a settings file 0666 less the umask, while both keep
    the mode of a file that exists (SQLite gives its -wal and -shm files the database's mode)."""
    if not ENABLED:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, 0600 from the first byte, in a folder made 0700 if missing."""
    make_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        if ENABLED:
            os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(data)
    finally:
        os.close(fd)


def secure_folder(folder: Path) -> str | None:
    """Create ``folder`` 0700, or tighten it and what it holds where others may read; what was
    tightened, as a sentence for the person (None when nothing was wider). Cheap enough for
    every start: the folder's own entries, and only the subfolders that were wider."""
    existed = folder.is_dir()
    make_folder(folder)
    if not ENABLED or not existed:
        return None
    tightened: list[str] = []
    failed: list[str] = []
    _tighten(folder, folder, tightened, failed)
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            was_wider = _tighten(folder, path, tightened, failed)
            # A private subfolder keeps others out of all it holds, whatever the modes inside
            # (a folder of printed PDFs can hold thousands): only a wider one is gone through.
            if was_wider and entry.is_dir(follow_symlinks=False):
                pending.append(path)
    parts = []
    if tightened:
        parts.append(
            f"Đã thu hẹp quyền truy cập thư mục dữ liệu {folder} để chỉ tài khoản hệ điều hành "
            f"này đọc được (trước đây người dùng khác cũng đọc được): {', '.join(tightened)}."
        )
    if failed:
        parts.append(
            f"Không thu hẹp được quyền truy cập của {', '.join(failed)} trong {folder}: "
            "hãy đổi chủ sở hữu hoặc quyền của các tệp này."
        )
    return " ".join(parts) or None


def _tighten(folder: Path, path: Path, tightened: list[str], failed: list[str]) -> bool:
    """Make ``path`` 0700 (a folder) or 0600 when others may reach it; whether it was wider.
    A link is left alone: its target is not ours."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode) or not mode & _OTHERS:
        return False
    wanted = FOLDER_MODE if stat.S_ISDIR(mode) else FILE_MODE
    name = str(path) if path == folder else str(path.relative_to(folder))
    try:
        os.chmod(path, wanted)
    except OSError:
        failed.append(name)
    else:
        tightened.append(f"{name} {stat.S_IMODE(mode):o} → {wanted:o}")
    return True
