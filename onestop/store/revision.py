"""The schema revision of a local store against the program's, read without opening the store
for writing: opening migrates, and a check (onestop doctor) must change nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from onestop.store.db import MIGRATIONS, STORE_FILE


@dataclass(frozen=True)
class StoreRevision:
    """``exists``: there is a store file; ``current``: its revision (None: never migrated);
    ``head``: the program's; ``known``: the program knows ``current`` (False: a newer program
    wrote the store)."""

    path: Path
    exists: bool
    current: str | None
    head: str
    known: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def too_new(self) -> bool:
        return self.current is not None and not self.known


def read_revision(folder: Path) -> StoreRevision:
    """The revision of the store in ``folder``. Raises sqlite3.Error for a file SQLite cannot
    read (damaged, not a database) and OSError for one the account cannot open."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head() or ""
    path = folder / STORE_FILE
    if not path.exists() or path.stat().st_size == 0:
        return StoreRevision(path, False, None, head, True)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        current = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            current = row[0] if row else None
    finally:
        conn.close()
    known = True
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except Exception:  # alembic raises its own errors for a revision it has never seen
            known = False
    return StoreRevision(path, True, current, head, known)
