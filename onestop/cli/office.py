"""The office's own commands: init, the procedure catalogue, due dates, the working calendar and
checking identifiers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

from .common import EXIT_OK, Refused, context, emit, parse_at, parse_date, plain


def cmd_init(args: argparse.Namespace) -> int:
    from onestop.services.setup import initialize

    ctx = context(args, auto_init=False)
    values: dict[str, Any] = {}
    if args.agency_code:
        values["agency_code"] = args.agency_code.strip()
    if args.agency_name:
        values["agency_name"] = args.agency_name.strip()
    if args.unit_name is not None:
        values["unit_name"] = args.unit_name.strip()
    if args.office_phone is not None:
        values["phone"] = args.office_phone.strip() or None
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
    emit(args, result, init_text)
    return EXIT_OK


def init_text(d: dict[str, Any]) -> str:
    lines = [plain({k: v for k, v in d.items() if not k.startswith("demo_")})]
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

    ctx = context(args)
    if args.action == "import":
        if not args.file:
            raise Refused("FILE", msg("cli.catalogue_file"))
        path = Path(args.file)
        if not path.is_file():
            raise InputError("FILE", msg("cli.no_file", path=str(path)))
        count = catalog.import_file(ctx, path)
        emit(args, {"imported": count}, lambda d: f"Đã nhập {d['imported']} thủ tục.")
    else:
        procs = catalog.list_procedures(ctx)
        emit(
            args,
            procs,
            lambda ps: "\n".join(f"{p['code']:<12} {p['name']}" for p in ps),
        )
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from onestop.services.calendar import due

    ctx = context(args)
    result = due(
        ctx,
        procedure=args.procedure,
        days=args.days,
        hours=args.hours,
        received_at=parse_at(args.received_at, "received_at"),
        calendar_days=args.calendar_days,
        case=args.case,
    )
    emit(args, result, lambda r: f"Hẹn trả: {r['due_at']}")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from onestop.services import calendar as cal

    ctx = context(args)
    if args.target in ("add", "remove"):
        if not args.day:
            raise Refused("DATE", msg("cli.date"))
        day = parse_date(args.day, "DATE")
        if args.target == "add":
            if not args.kind:
                raise Refused("--kind", msg("cli.kind"))
            result = cal.add_override(ctx, day, args.kind, args.name or "")
        else:
            result = cal.remove_override(ctx, day)
        emit(args, result)
        return EXIT_OK
    try:
        year = int(args.target)
    except ValueError:
        raise Refused("YEAR", msg("cli.year")) from None
    if not 1900 <= year <= 2200:
        raise InputError("YEAR", msg("cli.year_range"))
    data = cal.year(ctx, year)

    def human(d: dict[str, Any]) -> str:
        def line(x: dict[str, Any]) -> str:
            guess = "  (dự kiến, chưa công bố)" if x.get("estimated") else ""
            return f"  {x['date']}  {x['name']}{guess}"

        lines = ["Ngày nghỉ:"] + [line(x) for x in d["days_off"]]
        lines += ["Ngày làm bù:"] + [line(x) for x in d["working_weekends"]]
        return "\n".join(lines)

    emit(args, data, human)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from onestop.domain.identifiers import check

    result = check(args.kind, args.value).to_json()
    emit(
        args,
        result,
        lambda r: (
            ("Hợp lệ: " + str(r["normalized"])) if r["valid"] else "Không hợp lệ: " + r["reason"]
        ),
    )
    return EXIT_OK


def register(add) -> None:
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
    p.add_argument(
        "--unit-name",
        help="tên đơn vị in dưới tên cơ quan trên mọi biểu mẫu "
        "(mặc định: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG)",
    )
    p.add_argument("--office-phone", help="số điện thoại của đơn vị, in trên biểu mẫu")
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

    p = add("due", cmd_due, "tính ngày hẹn trả")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--procedure")
    group.add_argument("--days", type=int)
    group.add_argument("--hours", type=float)
    p.add_argument("--received-at")
    p.add_argument(
        "--calendar-days",
        action="store_true",
        help="--days là ngày theo lịch (không phải ngày làm việc)",
    )
    p.add_argument("--case", metavar="NAME", help="với --procedure: trường hợp của thủ tục")

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
