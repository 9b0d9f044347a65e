"""Dossier commands: receive, show, find, list, result ready, return at the counter."""

from __future__ import annotations

import argparse
from typing import Any

from onestop.domain.messages import msg

from .common import EXIT_OK, Refused, context, emit, parse_at, parse_date, plain, row_line


def cmd_receive(args: argparse.Namespace) -> int:
    from onestop.services.reception import ReceiveRequest, receive

    ctx = context(args)
    req = ReceiveRequest(
        procedure_code=args.procedure,
        applicant_name=args.name,
        id_number=args.id_number,
        phone=args.phone,
        email=args.email,
        address=args.address,
        return_by=args.return_by,
        return_address=args.return_address,
        received_at=parse_at(args.received_at, "received_at"),
        applicant_kind=args.kind,
        sets=args.sets,
        notes=args.notes,
        # Without --document, the procedure's required documents (issue 14).
        documents=args.document,
        case=args.case,
    )
    emit(
        args,
        receive(ctx, req),
        lambda r: (
            f"Đã tiếp nhận {r['code']}: hẹn trả {r['due_at'][:16].replace('T', ' ')}"
            + "".join(f"\nCảnh báo: {w['message']}" for w in r.get("warnings", []))
        ),
    )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    data = dossiers.show(context(args), args.code)

    def human(d: dict[str, Any]) -> str:
        lines = [plain(d), "Lịch sử:"]
        lines += [f"  {e['at'][:16].replace('T', ' ')}  {e['label']}" for e in d["events"]]
        return "\n".join(lines)

    emit(args, data, human)
    return EXIT_OK


def cmd_find(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    if not 1 <= args.limit <= 1000:
        raise Refused("--limit", msg("cli.limit"))
    rows = dossiers.find(context(args), args.text, limit=args.limit)
    emit(args, rows, lambda rs: "\n".join(map(row_line, rs)) or "(không tìm thấy)")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    ctx = context(args)
    if args.search is not None and not args.waiting:
        raise Refused("--search", msg("cli.search_waiting"))
    if args.waiting:
        rows = dossiers.waiting(ctx, args.search or "")
        emit(
            args,
            rows,
            lambda rs: "\n".join(map(_waiting_line, rs)) or "(không có kết quả chờ trả)",
        )
        return EXIT_OK
    if args.overdue:
        rows = dossiers.overdue(ctx)
    elif args.due_within is not None:
        rows = dossiers.due_within(ctx, args.due_within)
    else:
        day = parse_date(args.date, "date") if args.date else None
        rows = dossiers.list_dossiers(ctx, day, args.status)
    emit(args, rows, lambda rs: "\n".join(map(row_line, rs)) or "(không có hồ sơ)")
    return EXIT_OK


def _waiting_line(row: dict[str, Any]) -> str:
    return f"{row_line(row)}  chờ {row['waited_days']} ngày"


def cmd_result(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    data = dossiers.mark_result_ready(context(args), args.code, parse_at(args.at))
    emit(args, data, lambda d: f"{d['code']}: {d['status_label']}")
    return EXIT_OK


def cmd_return(args: argparse.Namespace) -> int:
    from onestop.services import dossiers

    data = dossiers.return_result(
        context(args),
        args.code,
        args.to,
        id_number=args.id_number,
        at=parse_at(args.at),
        authorised=args.authorised,
    )
    emit(args, data, lambda d: f"{d['code']}: {d['status_label']}")
    return EXIT_OK


def register(add) -> None:
    p = add("receive", cmd_receive, "tiếp nhận hồ sơ")
    p.add_argument("--procedure", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--id-number")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--address")
    p.add_argument("--return-by", choices=["counter", "post"], default="counter")
    p.add_argument("--return-address", help="địa chỉ nhận kết quả qua bưu điện, nếu khác --address")
    p.add_argument("--received-at")
    p.add_argument("--kind", choices=["individual", "organisation"], default="individual")
    p.add_argument("--sets", type=int, default=1)
    p.add_argument("--notes")
    p.add_argument(
        "--document",
        action="append",
        metavar="NAME",
        help="giấy tờ đã nộp (lặp lại; tên trong danh mục, hoặc 'tên | loại | số lượng')",
    )
    p.add_argument("--case", metavar="NAME", help="trường hợp của thủ tục (nếu thủ tục có)")

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
        "--waiting",
        action="store_true",
        help="kết quả chờ trả tại quầy (đã có kết quả hoặc bưu điện chuyển hoàn), cũ nhất trước",
    )
    p.add_argument("--search", metavar="TEXT", help="với --waiting: tên, điện thoại hoặc mã")
    p.add_argument(
        "--due-within",
        type=int,
        metavar="N",
        help="hồ sơ đến hạn trong N ngày làm việc (0: hôm nay)",
    )

    p = add("result", cmd_result, "đã nhận kết quả từ cơ quan giải quyết")
    p.add_argument("code")
    p.add_argument("--at")

    p = add("return", cmd_return, "trả kết quả tại quầy")
    p.add_argument("code")
    p.add_argument("--to", required=True)
    p.add_argument("--id-number", help="số giấy tờ của người nhận (bắt buộc)")
    p.add_argument(
        "--authorised",
        action="store_true",
        help="người nhận được người nộp ủy quyền; đã xem giấy ủy quyền",
    )
    p.add_argument("--at")
