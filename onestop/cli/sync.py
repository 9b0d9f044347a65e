"""Command-line commands of the sync feature (registered by onestop.cli): ``sync`` (and
``sync status``) on a workstation, ``central init|publish|role`` for the administrator, and
``central setup`` for the database's DBA (once, as a superuser)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from onestop.domain.messages import msg
from onestop.services import sync as sync_service

from . import common as cli

EXIT_OK, EXIT_ERROR = 0, 1


def register(add: Callable[..., Any]) -> None:
    """Add this feature's subcommands with ``add(name, func, help)`` (see onestop.cli)."""
    p = add("sync", cmd_sync, "đồng bộ với máy chủ trung tâm; 'sync status': tình trạng đồng bộ")
    p.add_argument("action", nargs="?", choices=["status"], help="status: chỉ xem tình trạng")
    p.add_argument("--central", help="địa chỉ máy chủ trung tâm (được ghi nhớ cho lần sau)")
    p.add_argument("--sslmode", help="disable|allow|prefer|require|verify-ca|verify-full")
    p.add_argument("--sslrootcert", help="tệp chứng chỉ gốc của máy chủ trung tâm")
    p.add_argument(
        "--ask-password", action="store_true", help="hỏi lại mật khẩu và lưu vào keyring"
    )

    p = add("central", cmd_central, "máy chủ trung tâm: setup | init | publish | role")
    p.add_argument("action", choices=["init", "publish", "role", "setup"])
    p.add_argument("--central", required=True, help="địa chỉ máy chủ trung tâm (quản trị viên)")
    p.add_argument("--sslmode")
    p.add_argument("--sslrootcert")
    p.add_argument("--role", help="role: tên tài khoản của máy trạm (ví dụ ws_h01_1)")
    p.add_argument("--agency", help="role: mã cơ quan được ghi (mặc định: cơ quan của máy này)")
    p.add_argument(
        "--no-password",
        action="store_true",
        help="role, setup: không đặt mật khẩu (xác thực bằng chứng chỉ)",
    )
    p.add_argument(
        "--admin-role",
        default="onestop_admin",
        help="setup: tài khoản quản trị của onestop (không có quyền superuser hay CREATEROLE)",
    )
    p.add_argument(
        "--new-identity",
        action="store_true",
        help="init: cấp định danh mới (sau khi khôi phục máy chủ trung tâm từ bản sao lưu)",
    )


def prompt_password(message: str) -> str | None:
    """Ask on the terminal; a script can pipe the password on stdin instead."""
    lines = message.split("\n")
    for line in lines[:-1]:
        sys.stderr.write(line + "\n")
    if not sys.stdin.isatty():
        value = sys.stdin.readline().rstrip("\n")
        return value or None
    try:
        return getpass.getpass(lines[-1]) or None
    except (EOFError, KeyboardInterrupt):
        return None


def cmd_sync(args: argparse.Namespace) -> int:
    if args.central:
        # Refused before the store opens, on 'sync status' too: nothing is written.
        sync_service.SyncSettings().with_url(args.central)
    ctx = cli.context(args)
    if args.action == "status":
        cli.emit(args, sync_service.status(ctx), _status_text)
        return EXIT_OK
    report = sync_service.run_sync(
        ctx,
        central_url=args.central,
        prompt=prompt_password,
        ask_password=args.ask_password,
        sslmode=args.sslmode,
        sslrootcert=args.sslrootcert,
    )
    data = report.to_json()
    cli.emit(args, data, _report_text)
    if not report.ok:
        detail = f" ({report.error_detail})" if report.error_detail else ""
        sys.stderr.write(f"onestop: {report.error}{detail}\n")
        return EXIT_ERROR
    return EXIT_OK


def _report_text(d: dict[str, Any]) -> str:
    if not d["ok"]:
        return f"Chưa đồng bộ được với {d['central'] or 'máy chủ trung tâm'}."
    text = (
        f"Đã đồng bộ với {d['central']}: gửi {d['pushed']} sự kiện, nhận {d['pulled']} sự kiện; "
        f"còn {d['pending']} sự kiện chờ gửi; vị trí trung tâm {d['central_position']}; "
        f"còn {d['lease_remaining']} số hồ sơ được cấp hôm nay."
    )
    if d["demo_accounts_refused"]:
        names = ", ".join(d["demo_accounts_refused"])
        text += f" Không nhận tài khoản trình diễn (mật khẩu công khai): {names}."
    return text


def _status_text(d: dict[str, Any]) -> str:
    if not d["configured"]:
        return "Chưa cấu hình máy chủ trung tâm (onestop sync --central URL)."
    state = "trực tuyến" if d["online"] else "ngoại tuyến"
    lines = [
        f"Máy chủ trung tâm: {d['central']} ({state})",
        f"Sự kiện chờ gửi: {d['pending']}",
        f"Lần đồng bộ gần nhất: {d['last_sync_at'] or 'chưa có'}",
        f"Vị trí trung tâm: {d['central_position']}",
    ]
    if d["last_error"]:
        lines.append(f"Lỗi gần nhất: {d['last_error']}")
    return "\n".join(lines)


def _published_text(d: dict[str, Any]) -> str:
    text = (
        f"Đã đưa lên máy chủ trung tâm {d['procedures']} thủ tục, "
        f"{d['calendar_overrides']} ngày điều chỉnh, {d['staff']} tài khoản."
    )
    if d["demo_accounts_removed"]:
        names = ", ".join(d["demo_accounts_removed"])
        text += f" Đã gỡ khỏi máy chủ trung tâm các tài khoản trình diễn: {names}."
    return text


def _setup(args: argparse.Namespace, cfg: Any, password: str | None) -> int:
    """The DBA's one-time setup (onestop.sync.dba), as the superuser of the URL."""
    admin_password = None
    if not args.no_password:
        admin_password = prompt_password(f"Mật khẩu cho tài khoản quản trị {args.admin_role}: ")
        if not admin_password:
            raise cli.Refused("password", msg("cli.admin_password"))
    result = sync_service.setup_central(
        cfg, password, admin_role=args.admin_role, admin_password=admin_password
    )
    cli.emit(
        args,
        result,
        lambda d: (
            f"Đã thiết lập cơ sở dữ liệu {d['database']}: tài khoản quản trị {d['admin_role']} "
            "sở hữu cơ sở dữ liệu, không có quyền superuser hay CREATEROLE. Tiếp theo: "
            "'onestop central init' với tài khoản đó."
        ),
    )
    return EXIT_OK


def cmd_central(args: argparse.Namespace) -> int:
    cfg, password = sync_service.SyncSettings().with_url(args.central)
    cfg = cfg.with_tls(args.sslmode, args.sslrootcert)
    try:
        if args.action == "setup":
            return _setup(args, cfg, password)
        if args.action == "init":
            ctx = cli.context(args)
            if not cfg.is_sqlite:
                # Let the server say whether it needs a password before asking for one.
                engine, password = sync_service.connect_with_password(
                    cfg, password=password, prompt=prompt_password
                )
                engine.dispose()
            result = sync_service.init_central(ctx, cfg, password, new_identity=args.new_identity)
            cli.emit(args, result, lambda d: f"Đã khởi tạo máy chủ trung tâm {d['central']}.")
            return EXIT_OK
        engine = sync_service.connect(cfg, password=password, prompt=prompt_password)
        try:
            ctx = cli.context(args)
            if args.action == "publish":
                result = sync_service.publish(ctx, engine)
                cli.emit(args, result, _published_text)
            else:
                if not args.role:
                    raise cli.Refused("--role", msg("cli.workstation_role"))
                role_password = None
                if not args.no_password:
                    role_password = prompt_password(f"Mật khẩu cho tài khoản {args.role}: ")
                    if not role_password:
                        raise cli.Refused("password", msg("cli.workstation_password"))
                agency = args.agency or ctx.settings.agency_code
                result = sync_service.create_role(engine, args.role, role_password, agency)
                cli.emit(
                    args,
                    result,
                    lambda d: (
                        f"Tài khoản {d['role']} ghi được hồ sơ của cơ quan {d['agency_code']}."
                    ),
                )
        finally:
            engine.dispose()
    except sync_service.SyncError as exc:
        detail = f" ({exc.detail})" if exc.detail else ""
        sys.stderr.write(f"onestop: {exc.message}{detail}\n")
        return EXIT_ERROR
    return EXIT_OK
