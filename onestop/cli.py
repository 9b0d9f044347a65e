"""The command line: the workstation's administration tool; with no command, the GUI's launcher.

Contract (DESIGN.md): ``--json`` prints one JSON document on stdout; exit 0 done, 2 refused input
(a message on stderr naming the field, nothing written), 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from onestop import __version__
from onestop.domain.errors import InputError, NotFound

EXIT_OK, EXIT_ERROR, EXIT_REFUSED = 0, 1, 2


class Refused(Exception):
    """Bad command-line input caught before any service runs."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on bad usage: our "refused" code too
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"onestop: lỗi cú pháp / usage error: {message}\n")


def _data_dir(value: str) -> Path:
    # An empty --data-dir would be the current folder: a store written wherever one stands.
    if not value.strip():
        raise argparse.ArgumentTypeError("--data-dir không được để trống / must not be empty")
    return Path(value)


def _guard(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The input policy's checks on every text argument before any service runs: invalid UTF-8
    (argv's undecodable bytes arrive as surrogates), control and bidirectional characters, and
    a bound on length. The services normalise and bound each field further."""
    from onestop.domain.input_policy import ANY, problem

    names = _option_names(parser)
    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            text = str(item) if isinstance(item, Path) else item
            if not isinstance(text, str):
                continue
            found = problem(text)
            if found is None and len(text) > ANY:
                found = f"quá dài (tối đa {ANY} ký tự)"
            if found:
                raise Refused(names.get(dest, dest), found[:1].upper() + found[1:])


def _option_names(parser: argparse.ArgumentParser) -> dict[str, str]:
    """dest -> the option as the user types it (--id-number), across every command."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.update(_option_names(sub))
        elif action.option_strings:
            found[action.dest] = max(action.option_strings, key=len)
    return found


def _parse_date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"Ngày '{value}' không đúng dạng YYYY-MM-DD") from None


def _at(value: str | None, field: str = "at"):
    from onestop.domain.clock import parse_time

    return parse_time(value, field) if value else None


# --- plumbing -------------------------------------------------------------------------------


def _context(args: argparse.Namespace, *, auto_init: bool = True):
    from onestop.services.context import Context
    from onestop.services.setup import open_workstation

    store = open_workstation(args.data_dir, auto_init=auto_init)
    for notice in store.notices:  # stderr: stdout may be a JSON document
        sys.stderr.write(f"onestop: {notice}\n")
    ctx = Context(store=store)
    if args.user:
        ctx.actor = args.user
    return ctx


def _emit(args: argparse.Namespace, data: Any, human: Callable[[Any], str] | None = None) -> None:
    """Print a result. Whatever a stored value holds, no terminal escape reaches the screen
    (input_policy.terminal_safe: the escapes it writes are also JSON's own)."""
    from onestop.domain.input_policy import terminal_safe

    if getattr(args, "json", False):
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    else:
        text = human(data) if human else _plain(data)
    sys.stdout.write(terminal_safe(text) + "\n")


def _say(text: str) -> None:
    """A message on stderr, as safe for the terminal as the results."""
    from onestop.domain.input_policy import terminal_safe

    sys.stderr.write(terminal_safe(text) + "\n")


def _plain(data: Any) -> str:
    if isinstance(data, list):
        return "\n".join(_plain(d) for d in data) if data else "(không có)"
    if isinstance(data, dict):
        return "\n".join(f"{k}: {v}" for k, v in data.items() if k != "events")
    return str(data)


def _row_line(d: dict[str, Any]) -> str:
    due = d["due_at"][:16].replace("T", " ")
    late = "  QUÁ HẠN" if d.get("overdue") else ""
    return f"{d['code']}  {d['status_label']:<22} hẹn {due}  {d['applicant_name']}{late}"


# --- commands -------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from onestop.services.setup import initialize

    ctx = _context(args, auto_init=False)
    values: dict[str, Any] = {}
    if args.agency_code:
        values["agency_code"] = args.agency_code.strip()
    if args.agency_name:
        values["agency_name"] = args.agency_name.strip()
    if args.workstation is not None:
        values["workstation_number"] = args.workstation
    if args.workstation_name:
        values["workstation_name"] = args.workstation_name.strip()
    if args.place:
        values["place"] = args.place.strip()
    if args.code_pattern:
        values["code_pattern"] = args.code_pattern
    if args.code_width:
        values["code_width"] = args.code_width
    if args.back_entry_days is not None:
        values["back_entry_days"] = args.back_entry_days
    result = initialize(ctx, demo=args.demo, discard_demo=args.discard_demo, **values)
    _emit(args, result, _init_text)
    return EXIT_OK


def _init_text(d: dict[str, Any]) -> str:
    lines = [_plain({k: v for k, v in d.items() if not k.startswith("demo_")})]
    if d["demo_accounts_removed"]:
        names = ", ".join(d["demo_accounts_removed"])
        lines.append(
            f"Đã xóa {len(d['demo_accounts_removed'])} tài khoản trình diễn khỏi kho: {names}."
        )
    if d["demo_store_set_aside"]:
        lines.append(
            f"Đã cất kho trình diễn sang {d['demo_store_set_aside']}; kho của cơ quan bắt đầu "
            "mới, không có tài khoản và hồ sơ trình diễn."
        )
    return "\n".join(lines)


def cmd_catalog(args: argparse.Namespace) -> int:
    from onestop.services import catalog

    ctx = _context(args)
    if args.action == "import":
        if not args.file:
            raise Refused("FILE", "Cần đường dẫn tệp danh mục (JSON, CSV hoặc XLSX)")
        path = Path(args.file)
        if not path.is_file():
            raise InputError("FILE", f"Không tìm thấy tệp {path}")
        count = catalog.import_file(ctx, path)
        _emit(args, {"imported": count}, lambda d: f"Đã nhập {d['imported']} thủ tục.")
    else:
        procs = catalog.list_procedures(ctx)
        _emit(
            args,
            procs,
            lambda ps: "\n".join(f"{p['code']:<12} {p['name']}" for p in ps),
        )
    return EXIT_OK


def cmd_receive(args: argparse.Namespace) -> int:
    from onestop.services.reception import ReceiveRequest, receive

    ctx = _context(args)
    req = ReceiveRequest(
        procedure_code=args.procedure,
        applicant_name=args.name,
        id_number=args.id_number,
        phone=args.phone,
        email=args.email,
        address=args.address,
        return_by=args.return_by,
        received_at=_at(args.received_at, "received_at"),
        applicant_kind=args.kind,
        sets=args.sets,
        notes=args.notes,
    )
    result = receive(ctx, req).to_json()
    _emit(
        args,
        result,
        lambda r: f"Đã tiếp nhận {r['code']}: hẹn trả {r['due_at'][:16].replace('T', ' ')}",
    )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    data = dossiers.show(_context(args), args.code)

    def human(d: dict[str, Any]) -> str:
        lines = [_plain(d), "Lịch sử:"]
        lines += [f"  {e['at'][:16].replace('T', ' ')}  {e['label']}" for e in d["events"]]
        return "\n".join(lines)

    _emit(args, data, human)
    return EXIT_OK


def cmd_find(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    if not 1 <= args.limit <= 1000:
        raise Refused("--limit", "Số dòng tối đa phải từ 1 đến 1000")
    rows = dossiers.find(_context(args), args.text, limit=args.limit)
    _emit(args, rows, lambda rs: "\n".join(map(_row_line, rs)) or "(không tìm thấy)")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    ctx = _context(args)
    if args.overdue:
        rows = dossiers.overdue(ctx)
    elif args.due_within is not None:
        rows = dossiers.due_within(ctx, args.due_within)
    else:
        day = _parse_date(args.date, "date") if args.date else None
        rows = dossiers.list_dossiers(ctx, day, args.status)
    _emit(args, rows, lambda rs: "\n".join(map(_row_line, rs)) or "(không có hồ sơ)")
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from onestop.services.calendar import due

    ctx = _context(args)
    result = due(
        ctx,
        procedure=args.procedure,
        days=args.days,
        hours=args.hours,
        received_at=_at(args.received_at, "received_at"),
    )
    _emit(args, result, lambda r: f"Hẹn trả: {r['due_at']}")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from onestop.services import calendar as cal

    ctx = _context(args)
    if args.target in ("add", "remove"):
        if not args.day:
            raise Refused("DATE", "Cần ngày (YYYY-MM-DD)")
        day = _parse_date(args.day, "DATE")
        if args.target == "add":
            if not args.kind:
                raise Refused("--kind", "Cần --kind day_off hoặc working_day")
            result = cal.add_override(ctx, day, args.kind, args.name or "")
        else:
            result = cal.remove_override(ctx, day)
        _emit(args, result)
        return EXIT_OK
    try:
        year = int(args.target)
    except ValueError:
        raise Refused("YEAR", "Cần năm (ví dụ 2026), hoặc 'add'/'remove'") from None
    if not 1900 <= year <= 2200:
        raise InputError("YEAR", "Năm phải trong khoảng 1900-2200")
    data = cal.year(ctx, year)

    def human(d: dict[str, Any]) -> str:
        lines = ["Ngày nghỉ:"] + [f"  {x['date']}  {x['name']}" for x in d["days_off"]]
        lines += ["Ngày làm bù:"] + [f"  {x['date']}  {x['name']}" for x in d["working_weekends"]]
        return "\n".join(lines)

    _emit(args, data, human)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from onestop.domain.identifiers import check

    result = check(args.kind, args.value).to_json()
    _emit(
        args,
        result,
        lambda r: (
            ("Hợp lệ: " + str(r["normalized"])) if r["valid"] else "Không hợp lệ: " + r["reason"]
        ),
    )
    return EXIT_OK


def cmd_result(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    data = dossiers.mark_result_ready(_context(args), args.code, _at(args.at))
    _emit(args, data, lambda d: f"{d['code']}: {d['status_label']}")
    return EXIT_OK


def cmd_return(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    data = dossiers.return_result(
        _context(args), args.code, args.to, id_number=args.id_number, at=_at(args.at)
    )
    _emit(args, data, lambda d: f"{d['code']}: {d['status_label']}")
    return EXIT_OK


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="onestop",
        description="onestop: Bộ phận Một cửa. Không có lệnh: mở cửa sổ ứng dụng.",
    )
    parser.add_argument("--version", action="version", version=f"onestop {__version__}")
    parser.add_argument(
        "--data-dir", type=_data_dir, help="thư mục dữ liệu (mặc định: ONESTOP_DATA_DIR)"
    )
    parser.add_argument("--user", help="người thực hiện (mặc định: tài khoản hệ điều hành)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str, json_flag=True):
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        if json_flag:
            p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        return p

    p = add("init", cmd_init, "khởi tạo máy trạm")
    p.add_argument(
        "--demo",
        action="store_true",
        help="kho trình diễn: danh mục thủ tục mẫu, tài khoản mẫu; không bao giờ đồng bộ",
    )
    p.add_argument(
        "--discard-demo",
        action="store_true",
        help="cất kho trình diễn đã dùng sang một tệp riêng và bắt đầu kho mới cho cơ quan",
    )
    p.add_argument("--agency-code")
    p.add_argument("--agency-name")
    p.add_argument("--workstation", type=int, help="số hiệu máy trạm trong cơ quan (1-9)")
    p.add_argument("--workstation-name")
    p.add_argument("--place", help="địa danh ghi trên phiếu")
    p.add_argument("--code-pattern")
    p.add_argument("--code-width", type=int)
    p.add_argument(
        "--back-entry-days",
        type=int,
        metavar="N",
        help="số ngày được ghi lùi thời điểm (mặc định 30)",
    )

    p = add("catalog", cmd_catalog, "danh mục thủ tục: import FILE | list")
    p.add_argument("action", choices=["import", "list"])
    p.add_argument("file", nargs="?")

    p = add("receive", cmd_receive, "tiếp nhận hồ sơ")
    p.add_argument("--procedure", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--id-number")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--address")
    p.add_argument("--return-by", choices=["counter", "post"], default="counter")
    p.add_argument("--received-at")
    p.add_argument("--kind", choices=["individual", "organisation"], default="individual")
    p.add_argument("--sets", type=int, default=1)
    p.add_argument("--notes")

    p = add("show", cmd_show, "xem hồ sơ")
    p.add_argument("code")

    p = add("find", cmd_find, "tìm hồ sơ theo mã, tên, số giấy tờ, điện thoại")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)

    p = add("list", cmd_list, "danh sách hồ sơ")
    p.add_argument("--date")
    p.add_argument("--status")
    p.add_argument("--overdue", action="store_true", help="chỉ hồ sơ quá hạn")
    p.add_argument(
        "--due-within",
        type=int,
        metavar="N",
        help="hồ sơ đến hạn trong N ngày làm việc (0: hôm nay)",
    )

    p = add("due", cmd_due, "tính ngày hẹn trả")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--procedure")
    group.add_argument("--days", type=int)
    group.add_argument("--hours", type=float)
    p.add_argument("--received-at")

    p = add(
        "calendar", cmd_calendar, "lịch làm việc: YEAR | add DATE --kind K --name N | remove DATE"
    )
    p.add_argument("target")
    p.add_argument("day", nargs="?")
    p.add_argument("--kind", choices=["day_off", "working_day"])
    p.add_argument("--name")

    p = add(
        "validate", cmd_validate, "kiểm tra số giấy tờ, mã số thuế, điện thoại, số hiệu bưu gửi"
    )
    p.add_argument("kind", choices=["id", "tax", "phone", "s10", "email"])
    p.add_argument("value")

    p = add("result", cmd_result, "đã nhận kết quả từ cơ quan giải quyết")
    p.add_argument("code")
    p.add_argument("--at")

    p = add("return", cmd_return, "trả kết quả tại quầy")
    p.add_argument("code")
    p.add_argument("--to", required=True)
    p.add_argument("--id-number")
    p.add_argument("--at")

    for module in FEATURE_COMMANDS:
        __import__(module, fromlist=["register"]).register(add)
    return parser


# Each feature adds its commands from its own module, in the same style as the ones above.
FEATURE_COMMANDS = (
    "onestop.cli_forms",
    "onestop.cli_users",
    "onestop.cli_postal",
    "onestop.cli_sync",
    "onestop.cli_verify",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _guard(parser, args)
    except Refused as exc:
        _say(f"onestop: từ chối / refused: {exc.field}: {exc.message}")
        return EXIT_REFUSED
    if args.command is None:
        from onestop.ui.app import run

        return run(args.data_dir)
    # After the GUI's branch: SQLAlchemy and Alembic take half a second to import, and the
    # sign-in window shows before they load (tests/benchmarks/bench_gui_startup.py).
    from onestop.services.failures import StoreError, describe

    try:
        return args.func(args)
    except (InputError, Refused) as exc:
        _say(f"onestop: từ chối / refused: {exc.field}: {exc.message}")
        return EXIT_REFUSED
    except NotFound as exc:
        _say(f"onestop: từ chối / refused: {exc}")
        return EXIT_REFUSED
    except StoreError as exc:
        _say(f"onestop: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # the contract: anything else is exit 1 with a message
        _say(f"onestop: lỗi / error: {describe(exc)}")
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
