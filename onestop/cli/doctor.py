"""Command-line command ``doctor`` (registered by onestop.cli): checks what the installed program
needs (onestop.services.doctor); exit 0 when all is well, 1 otherwise."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import common as cli

MARKS = {"ok": "[ OK ]", "warning": "[CHÚ Ý]", "error": "[ LỖI ]", "skipped": "[ -- ]"}


def register(add: Callable[..., Any]) -> None:
    from onestop.services.doctor import CHECK_NAMES

    p = add(
        "doctor",
        cmd_doctor,
        "kiểm tra chương trình đã cài: phông chữ, mã vạch, Qt, máy in, keyring, thư mục dữ "
        "liệu, kho dữ liệu, máy chủ trung tâm",
    )
    p.add_argument(
        "--check",
        action="append",
        choices=CHECK_NAMES,
        help="chỉ kiểm tra mục này (lặp lại được)",
    )
    # The doctor's own child process (onestop.ui.probe): not for people.
    p.add_argument("--qt-probe", nargs="?", const="", default=None, help=argparse.SUPPRESS)


def cmd_doctor(args: argparse.Namespace) -> int:
    if args.qt_probe is not None:
        from onestop.ui.probe import probe

        found = probe(Path(args.qt_probe) if args.qt_probe else None)
        sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
        return cli.EXIT_OK
    from onestop.services.doctor import diagnose

    report = diagnose(args.data_dir, args.check)
    cli.emit(args, report, _text)
    return cli.EXIT_OK if report.ok else cli.EXIT_ERROR


def _text(d: dict[str, Any]) -> str:
    lines = [f"onestop {d['version']} · thư mục dữ liệu {d['data_dir']}"]
    for check in d["checks"]:
        lines.append(
            f"{MARKS.get(check['status'], check['status'])} {check['name']}: {check['message']}"
        )
    lines.append(
        "Tất cả đều ổn. All is well."
        if d["ok"]
        else "Có lỗi cần xử lý (xem các dòng LỖI). Something needs fixing."
    )
    return "\n".join(lines)
