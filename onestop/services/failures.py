"""Failures the user can act on, in words: what the command line and the window say when
something other than refused input goes wrong. Never the SQL of a statement or its parameters
(they hold names, ID and phone numbers), never the driver's own words alone."""

from __future__ import annotations

import sqlite3

from onestop.store.db import StoreError

__all__ = ["StoreError", "describe"]

# (words in SQLite's message, what the user is told)
_SQLITE = [
    (
        ("file is not a database", "malformed", "not a database"),
        "Kho dữ liệu bị hỏng hoặc không phải tệp của onestop: khôi phục từ bản sao lưu, hoặc "
        "chọn thư mục dữ liệu khác (--data-dir). The store is damaged or not onestop's.",
    ),
    (
        ("readonly database", "read-only", "attempt to write a readonly"),
        "Không ghi được vào kho dữ liệu (chỉ đọc): kiểm tra quyền ghi của tài khoản trên thư mục "
        "dữ liệu. The store is read-only.",
    ),
    (
        ("database is locked", "database table is locked"),
        "Kho dữ liệu đang bận (một chương trình khác đang ghi): thử lại sau ít phút. "
        "The store is busy.",
    ),
    (
        ("disk i/o error", "database or disk is full", "unable to open database"),
        "Không đọc/ghi được tệp kho dữ liệu (ổ đĩa đầy, lỗi ổ đĩa hoặc thư mục không truy cập "
        "được). The store's file cannot be read or written.",
    ),
]


def describe(exc: BaseException) -> str:
    """One sentence for an unexpected failure, without SQL or parameters."""
    from sqlalchemy.exc import DBAPIError, StatementError

    original: BaseException = exc
    if isinstance(exc, StatementError) and exc.orig is not None:
        original = exc.orig
    if isinstance(original, sqlite3.Error) or isinstance(exc, DBAPIError):
        words = str(original).lower()
        for needles, message in _SQLITE:
            if any(n in words for n in needles):
                return message
        if isinstance(original, sqlite3.IntegrityError) or "constraint" in words:
            return (
                "Kho dữ liệu từ chối bản ghi vì trùng hoặc thiếu dữ liệu liên quan; không có gì "
                "được ghi. Báo cho quản trị viên nếu lặp lại. (integrity error)"
            )
        return (
            f"Lỗi kho dữ liệu ({type(original).__name__}); không có gì được ghi. Báo cho quản trị "
            "viên nếu lặp lại."
        )
    if isinstance(exc, StatementError):
        return f"Lỗi kho dữ liệu ({type(exc).__name__}); không có gì được ghi."
    return f"{type(exc).__name__}: {exc}"
