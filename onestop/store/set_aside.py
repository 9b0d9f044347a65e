"""Setting a workstation's store file aside whole, under another name beside it (the demo store
when a real office starts on that folder): its history kept, never opened again by onestop."""

from __future__ import annotations

from pathlib import Path

from onestop.store.db import STORE_FILE, Store, StoreError


def set_aside(store: Store, stem: str) -> Path:
    """Close ``store`` and rename its file (with its -wal and -shm) to ``<stem>.sqlite3`` in the
    same folder (``<stem>-2.sqlite3``... if taken); returns the new path. The caller opens a new
    store in the folder if it wants one."""
    path = Path(store.engine.url.database or "")
    folder = path.parent
    # Everything into the main file first: a -wal left behind would be replayed into the new
    # store of the same name, bringing the old one back.
    raw = store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    store.close()
    target = folder / f"{stem}.sqlite3"
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}.sqlite3"
        n += 1
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = folder / (STORE_FILE + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(
            f"Không cất được kho trình diễn ({exc.strerror}); hãy đóng cửa sổ onestop đang mở "
            "rồi chạy lại lệnh."
        ) from None
    if (folder / (STORE_FILE + "-wal")).exists():
        raise StoreError("Kho trình diễn vẫn đang mở; hãy đóng cửa sổ onestop rồi chạy lại lệnh.")
    return target
