"""The doctor's checks of this workstation's own things (onestop.services.doctor): the keyring,
the data folder, the store's version against the program's, the central database as configured.
Nothing is written: the store is read through SQLite's read-only mode, the folder's test file is
removed at once."""

from __future__ import annotations

import getpass
import os
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any

from .doctor import ERROR, LOW_DISK_BYTES, OK, SKIPPED, WARNING, Check, free_bytes

CHOOSE_FOLDER = "hoặc chọn thư mục dữ liệu khác (--data-dir hoặc biến ONESTOP_DATA_DIR)"


def check_keyring() -> Check:
    from onestop.sync import credentials

    backend = credentials.secure_backend()
    if backend is None:
        return Check(
            "keyring",
            WARNING,
            f"{credentials.NO_KEYRING_VI} (Windows: Credential Manager; Linux: GNOME Keyring "
            "hoặc KWallet.) No encrypted keyring: the central password is asked at each sync.",
            {"backend": None},
        )
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    return Check(
        "keyring", OK, f"Mật khẩu máy chủ trung tâm được cất trong {name}.", {"backend": name}
    )


def _user() -> str:
    """The account the program runs as (the effective one, as the OS checks rights)."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):  # Windows; a uid without a name
        try:
            return getpass.getuser()
        except Exception:  # no user name in the environment either
            return "?"


def _kind(path: Path) -> str | None:
    """What is at ``path``: a "dir", a "file" or nothing (None). OSError: it cannot be looked
    at (a folder on the way that the account may not enter)."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    return "dir" if stat.S_ISDIR(mode) else "file"


def check_data_folder(folder: Path) -> Check:
    """``folder`` (or, when it does not exist yet, the folder it will be created in) takes a
    new file; the store's file, when there is one, can be written."""
    details: dict[str, Any] = {"folder": str(folder)}
    existing = folder
    try:
        while (kind := _kind(existing)) is None and existing != existing.parent:
            existing = existing.parent
        if kind == "file":
            return Check(
                "data_folder",
                ERROR,
                f"Không tạo được thư mục dữ liệu {folder}: {existing} là một tệp, không phải thư "
                f"mục. Xóa hoặc đổi tên tệp đó, {CHOOSE_FOLDER}. The data folder cannot be "
                "created.",
                details,
            )
        details["exists"] = existing == folder
        handle, probe = tempfile.mkstemp(prefix=".onestop-doctor-", dir=existing)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        what = "Thư mục dữ liệu" if existing == folder else "Thư mục chứa thư mục dữ liệu"
        return Check(
            "data_folder",
            ERROR,
            f"{what} {existing} không ghi được ({exc.strerror or exc}): cấp quyền ghi cho tài "
            f"khoản {_user()} trên thư mục đó, {CHOOSE_FOLDER}. The data folder is not "
            "writable.",
            {**details, "error": exc.strerror or str(exc)},
        )
    from onestop.store.db import STORE_FILE

    store_file = folder / STORE_FILE
    if store_file.exists():
        try:
            with open(store_file, "r+b"):
                pass
        except OSError as exc:
            return Check(
                "data_folder",
                ERROR,
                f"Tệp kho dữ liệu {store_file} không ghi được ({exc.strerror or exc}): cấp quyền "
                f"ghi cho tài khoản {_user()}. The store's file is read-only.",
                {**details, "error": exc.strerror or str(exc)},
            )
    free = free_bytes(existing)
    details["free_bytes"] = free
    if free is not None and free < LOW_DISK_BYTES:
        return Check(
            "data_folder",
            WARNING,
            f"Ổ đĩa chứa {folder} còn ít chỗ ({free // (1024 * 1024)} MB): giải phóng chỗ trống. "
            "Little disk space left.",
            details,
        )
    state = "ghi được" if details["exists"] else "sẽ được tạo khi mở lần đầu"
    return Check("data_folder", OK, f"Thư mục dữ liệu {folder} {state}.", details)


def check_store(folder: Path) -> Check:
    from onestop.store.db import StoreError, check_local_file
    from onestop.store.revision import read_revision

    try:
        revision = read_revision(folder)
    except (sqlite3.Error, OSError) as exc:
        return Check(
            "store",
            ERROR,
            f"Không đọc được kho dữ liệu trong {folder} ({type(exc).__name__}: {exc}): khôi phục "
            f"từ bản sao lưu, {CHOOSE_FOLDER}. The store cannot be read.",
            {"error": str(exc)},
        )
    except Exception as exc:  # the migrations shipped with the program are unreadable
        return Check(
            "store",
            ERROR,
            f"Thiếu các bước nâng cấp kho dữ liệu của chương trình ({type(exc).__name__}: {exc}). "
            "Cài đặt lại onestop. The program's migrations are missing.",
            {"error": str(exc)},
        )
    details = {
        "file": str(revision.path),
        "exists": revision.exists,
        "revision": revision.current,
        "program_revision": revision.head,
    }
    if not revision.exists:
        return Check(
            "store", OK, "Chưa có kho dữ liệu: được tạo khi mở lần đầu. No store yet.", details
        )
    try:
        check_local_file(revision.path)
    except StoreError as exc:
        return Check("store", ERROR, str(exc), details)
    if revision.too_new:
        return Check(
            "store",
            ERROR,
            f"Kho dữ liệu do một phiên bản onestop mới hơn tạo ra (lược đồ {revision.current}, "
            f"chương trình {revision.head}): cài phiên bản onestop mới hơn. The store was "
            "written by a newer onestop.",
            details,
        )
    if not revision.up_to_date:
        return Check(
            "store",
            OK,
            f"Kho dữ liệu (lược đồ {revision.current or 'chưa có'}) sẽ được nâng cấp lên "
            f"{revision.head} khi mở lần tới. The store is upgraded when next opened.",
            details,
        )
    return Check(
        "store", OK, f"Kho dữ liệu cùng phiên bản với chương trình ({revision.head}).", details
    )


def check_central(folder: Path, store: Check) -> Check:
    """The central database as configured on this workstation, reached with the password the
    keyring holds (never asked here) and the TLS settings as set."""
    if store.status == ERROR:
        return Check("central", SKIPPED, "Chưa kiểm tra: kho dữ liệu có lỗi. Not checked.")
    if not store.details.get("exists") or store.details.get("revision") != store.details.get(
        "program_revision"
    ):
        return Check(
            "central", OK, "Chưa cấu hình máy chủ trung tâm (làm việc một mình). Not configured."
        )
    from onestop.store.db import open_store, sqlite_url
    from onestop.sync.config import SyncSettings

    local = open_store(sqlite_url(folder), run_migrations=False)
    try:
        cfg = SyncSettings.load(local)
    finally:
        local.close()
    if not cfg.central_url:
        return Check(
            "central", OK, "Chưa cấu hình máy chủ trung tâm (làm việc một mình). Not configured."
        )
    return _reach(cfg)


def _reach(cfg: Any) -> Check:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    from onestop.sync import credentials, errors

    where = cfg.where()
    details: dict[str, Any] = {"central": where, "sslmode": cfg.sslmode, "tls": None}
    if cfg.is_sqlite:
        exists = Path(str(cfg.url().database)).is_file()
        status = OK if exists else ERROR
        text_ = "có" if exists else "không tìm thấy"
        return Check("central", status, f"Tệp máy chủ trung tâm {where}: {text_}.", details)
    try:
        import psycopg  # noqa: F401 - the driver, with its libpq
    except ImportError as exc:
        return Check(
            "central",
            ERROR,
            f"Thiếu trình kết nối PostgreSQL (psycopg: {exc}): không đồng bộ được. Cài đặt lại "
            "onestop. The PostgreSQL driver is missing.",
            details,
        )
    password = credentials.stored(cfg.account())
    url = cfg.url(password)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            server = conn.execute(text("SHOW server_version")).scalar()
            pgconn = conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
            tls = bool(pgconn.ssl_in_use)
    except (SQLAlchemyError, OSError) as exc:
        failure = errors.classify(exc, where, cfg.account())
        return Check(
            "central",
            ERROR,
            f"{failure.message} ({failure.detail})" if failure.detail else failure.message,
            {**details, "error_kind": failure.kind},
        )
    finally:
        engine.dispose()
    details.update(tls=tls, server_version=server)
    # No host, or a folder as host: libpq's unix socket, where TLS does not apply.
    host = url.host or str(url.query.get("host") or "")
    socket = not host or host.startswith("/")
    if not tls and not socket:
        return Check(
            "central",
            WARNING,
            f"Kết nối được máy chủ trung tâm {where} nhưng KHÔNG mã hóa: đặt sslmode "
            "verify-full và chứng chỉ gốc (onestop sync --sslmode verify-full --sslrootcert "
            "TỆP). The connection is not encrypted.",
            details,
        )
    how = "mã hóa TLS" if tls else "qua socket cục bộ"
    return Check(
        "central",
        OK,
        f"Kết nối được máy chủ trung tâm {where} ({how}; PostgreSQL {server}).",
        details,
    )
