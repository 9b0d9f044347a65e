"""Why a sync did not happen, as a kind the program can act on and a sentence the clerk can read.

Database drivers speak English and in codes; the counter needs to know whether to retype a
password, call the administrator, update the program or simply carry on offline.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from sqlalchemy.exc import SQLAlchemyError

# Kinds of failure (SyncError.kind).
CREDENTIALS = "credentials"
UNREACHABLE = "unreachable"
TLS = "tls"
VERSION = "version"
NOT_CENTRAL = "not_central"
FORBIDDEN = "forbidden"
CONFIG = "config"
CONFLICT = "conflict"
CHAIN = "chain"  # the workstation's history fails its hash chain (onestop.domain.chain)
DEMO = "demo"  # the store is the demo's: nothing of it leaves the workstation
ERROR = "error"


class SyncError(Exception):
    """A sync that could not be done. ``message`` is Vietnamese, ``detail`` the driver's words."""

    def __init__(self, kind: str, message: str, detail: str | None = None) -> None:
        super().__init__(message if not detail else f"{message} ({detail})")
        self.kind = kind
        self.message = message
        self.detail = detail


@cache
def database_errors() -> tuple[type[BaseException], ...]:
    """What a database may raise during a sync: SQLAlchemy's errors, and the drivers' own from
    the statements sync runs on the driver's cursor (onestop.sync.bulk), and the network's."""
    found: list[type[BaseException]] = [SQLAlchemyError, sqlite3.Error, OSError]
    try:
        import psycopg
    except ImportError:  # no PostgreSQL driver: a SQLite centre only
        pass
    else:
        found.append(psycopg.Error)
    return tuple(found)


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error, wrapped by SQLAlchemy or not."""
    return getattr(getattr(exc, "orig", None) or exc, "sqlstate", None)


_CREDENTIALS = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "pg_hba.conf rejects",
    "no pg_hba.conf entry",
)
_TLS = (
    "server does not support ssl",
    "certificate",
    "sslmode",
    "ssl error",
    "root certificate",
    "sslrootcert",
)
_UNREACHABLE = (
    "could not connect",
    "connection refused",
    "no such file or directory",
    "timeout expired",
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "connection already closed",
    "the connection is lost",
    "could not translate host name",
    "network is unreachable",
    "no route to host",
    "the database system is shutting down",
    "the database system is starting up",
    "the database system is in recovery mode",
    "consuming input failed",
    "ssl syscall",
    "unable to open database file",
    "connection timed out",
    "server conn crashed",
)


def classify(exc: BaseException, where: str = "", account: str = "") -> SyncError:
    """Turn a driver's exception into a SyncError with a message for the counter."""
    if isinstance(exc, SyncError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    detail = " ".join(str(orig).split())[:300]
    low = detail.lower()
    if any(s in low for s in _UNREACHABLE):
        return SyncError(
            UNREACHABLE,
            f"Không kết nối được máy chủ trung tâm{_at(where)}. Quầy vẫn làm việc bình thường; "
            "dữ liệu sẽ được đồng bộ khi có kết nối.",
            detail,
        )
    if any(s in low for s in _CREDENTIALS) or ("role" in low and "does not exist" in low):
        return SyncError(
            CREDENTIALS,
            f"Sai tên đăng nhập hoặc mật khẩu máy chủ trung tâm{_who(account)}. "
            "Chạy 'onestop sync --ask-password' để nhập lại mật khẩu.",
            detail,
        )
    if any(s in low for s in _TLS) or low.startswith("ssl"):
        return SyncError(
            TLS,
            "Không thiết lập được kết nối mã hóa (TLS) tới máy chủ trung tâm: kiểm tra sslmode "
            "và chứng chỉ gốc (sslrootcert) trong cấu hình.",
            detail,
        )
    if "database" in low and "does not exist" in low:
        return SyncError(
            CONFIG,
            f"Không có cơ sở dữ liệu trung tâm{_at(where)}: kiểm tra địa chỉ máy chủ trung tâm.",
            detail,
        )
    if "permission denied" in low or "row-level security" in low:
        return SyncError(
            FORBIDDEN,
            f"Tài khoản{_who(account)} không được phép ghi dữ liệu này trên máy chủ trung tâm; "
            "mỗi máy trạm chỉ ghi được hồ sơ của cơ quan mình.",
            detail,
        )
    # Not necessarily the centre's fault (the store here may have refused what was pulled):
    # say what is sure, and that nothing recorded here is lost.
    return SyncError(
        ERROR,
        "Đồng bộ không thành công; dữ liệu đã ghi trên máy này không bị mất và quầy vẫn làm việc "
        "bình thường. Nếu lỗi lặp lại, báo quản trị viên kèm chi tiết lỗi.",
        detail,
    )


def _at(where: str) -> str:
    return f" ({where})" if where else ""


def _who(account: str) -> str:
    return f" (tài khoản {account})" if account else ""
