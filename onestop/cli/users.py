"""Command-line commands of the users feature: ``user add|passwd|disable|enable|unlock|list``.

Passwords are never command-line arguments (they would sit in the shell history and in the
process list): they are read from a hidden prompt, or one line of standard input with
``--password-stdin`` for scripts.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from onestop.domain.messages import msg

from . import common as cli


def _read_password(args: argparse.Namespace, confirm: bool) -> str:
    from .common import Refused

    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise Refused("--password-stdin", msg("cli.no_keyboard"))
    first = getpass.getpass("Mật khẩu: ")
    if confirm and getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise Refused("password", msg("cli.passwords_differ"))
    return first


def _line(u: dict[str, Any]) -> str:
    state = "" if u["active"] else "  (đã khóa)"
    if u.get("locked_until"):
        local = u["locked_until"][:19].replace("T", " ")
        state += f"  (tạm khóa đăng nhập đến {local})"
    contact = ", ".join(
        f"{label} {u[key]}"
        for key, label in (("employee_number", "mã NV"), ("phone", "ĐT"))
        if u.get(key)
    )
    person = f"{u['full_name']} ({contact})" if contact else u["full_name"]
    return f"{u['username']:<20} {u['role_label']:<20} {person}{state}"


def cmd_user(args: argparse.Namespace) -> int:
    from onestop.services import users

    if args.action != "list" and not args.username:
        raise cli.Refused("NAME", msg("cli.username"))
    ctx = cli.context(args)
    if args.action == "add":
        if not args.role:
            raise cli.Refused("--role", msg("cli.role", roles=", ".join(users.ROLES)))
        # Check the cheap things before asking for a password that would then be refused.
        users.check_username(args.username)
        users.check_role(args.role)
        users.check_postal_contact(args.role, args.employee_number, args.phone)
        data = users.add_user(
            ctx,
            args.username,
            args.role,
            _read_password(args, True),
            args.full_name,
            employee_number=args.employee_number,
            phone=args.phone,
        )
        cli.emit(args, data, lambda u: "Đã tạo tài khoản " + _line(u))
    elif args.action == "passwd":
        users.check_username(args.username)
        data = users.set_password(ctx, args.username, _read_password(args, True))
        cli.emit(args, data, lambda u: f"Đã đổi mật khẩu của {u['username']}")
    elif args.action in ("disable", "enable"):
        data = users.set_active(ctx, args.username, args.action == "enable")
        cli.emit(args, data, lambda u: ("Đã mở khóa " if u["active"] else "Đã khóa ") + _line(u))
    elif args.action == "contact":
        data = users.set_postal_contact(ctx, args.username, args.employee_number, args.phone)
        cli.emit(args, data, lambda u: "Đã ghi " + _line(u))
    elif args.action == "unlock":
        data = users.unlock(ctx, args.username)
        cli.emit(args, data, lambda u: f"Đã gỡ tạm khóa đăng nhập của {u['username']}")
    else:
        cli.emit(args, users.list_users(ctx), lambda us: "\n".join(map(_line, us)))
    return cli.EXIT_OK


def register(add: Callable[..., Any]) -> None:
    """Add this feature's subcommands with ``add(name, func, help)`` (see onestop.cli)."""
    p = add(
        "user",
        cmd_user,
        "tài khoản cán bộ: add NAME --role R | passwd NAME | disable NAME | enable NAME | "
        "unlock NAME (gỡ tạm khóa sau nhiều lần sai mật khẩu) | contact NAME (mã số nhân viên, "
        "điện thoại của nhân viên bưu điện) | list",
    )
    p.add_argument(
        "action", choices=["add", "passwd", "disable", "enable", "unlock", "contact", "list"]
    )
    p.add_argument("username", nargs="?", metavar="NAME")
    p.add_argument("--role", choices=["counter", "postal", "supervisor", "admin"])
    p.add_argument("--full-name", help="họ và tên")
    p.add_argument(
        "--employee-number", help="mã số nhân viên bưu điện (tài khoản postal), in trên biên bản"
    )
    p.add_argument("--phone", help="điện thoại nhân viên bưu điện (tài khoản postal)")
    p.add_argument(
        "--password-stdin", action="store_true", help="đọc mật khẩu từ một dòng của đầu vào chuẩn"
    )
