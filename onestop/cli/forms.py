"""Command-line commands of the forms: follow-up actions (supplement, refuse, extend, stop, guidance
at the counter) and ``print`` for every paper form."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onestop.domain.messages import msg

from .common import EXIT_OK, Refused, context, emit, parse_at, parse_date

PRINTABLE = ("receipt", "supplement", "refusal", "apology", "stop", "control", "guidance")


def _status_line(d: dict[str, Any]) -> str:
    return f"{d['code']}: {d['status_label']}, hẹn trả {d['due_at'][:16].replace('T', ' ')}"


def cmd_supplement(args: argparse.Namespace) -> int:
    from onestop.services import forms

    ctx = context(args)
    if args.completed:
        data = forms.complete_supplement(ctx, args.code, parse_at(args.at))
    else:
        data = forms.request_supplement(
            ctx, args.code, args.missing, parse_at(args.at), reason=args.reason
        )
    emit(args, data, _status_line)
    return EXIT_OK


def cmd_refuse(args: argparse.Namespace) -> int:
    from onestop.services import forms

    data = forms.refuse(context(args), args.code, args.reason, parse_at(args.at))
    emit(args, data, _status_line)
    return EXIT_OK


def cmd_extend(args: argparse.Namespace) -> int:
    from onestop.services import forms

    new_due = parse_at(args.new_due, "new_due")
    if new_due is None:
        raise Refused("new_due", msg("cli.new_due"))
    data = forms.extend(
        context(args), args.code, new_due, args.reason, parse_at(args.at), late=args.late
    )
    emit(args, data, _status_line)
    return EXIT_OK


def cmd_stop(args: argparse.Namespace) -> int:
    from onestop.services import forms

    data = forms.stop(context(args), args.code, args.reason, parse_at(args.at))
    emit(args, data, _status_line)
    return EXIT_OK


def cmd_guidance(args: argparse.Namespace) -> int:
    from onestop.services import forms

    ctx = context(args)
    given = forms.guide_at_counter(
        ctx, args.kind, args.procedure, args.name, args.item, phone=args.phone, at=parse_at(args.at)
    )
    data = given.to_json()
    if args.out:
        _write(Path(args.out), forms.guidance_pdf(ctx, given.id))
        data["out"] = str(args.out)
    emit(args, data, lambda d: f"Đã ghi phiếu hướng dẫn {d['id']}")
    return EXIT_OK


def _write(path: Path, pdf: bytes) -> None:
    if path.parent and not path.parent.exists():
        raise Refused("--out", msg("cli.no_folder", folder=str(path.parent)))
    path.write_bytes(pdf)


def cmd_print(args: argparse.Namespace) -> int:
    from onestop.services import forms

    ctx = context(args)
    kind = args.kind
    if kind == "book":
        if not args.date:
            raise Refused("--date", msg("cli.book_date"))
        start = parse_date(args.date, "date")
        end = parse_date(args.to, "to") if args.to else start
        pdf = forms.book_pdf(ctx, start, end)
    else:
        if not args.target:
            raise Refused("CODE", msg("cli.print_target", kind=kind))
        if kind == "handover":
            from onestop.services import postal

            pdf = postal.handover_pdf(ctx, args.target)
        elif kind == "receipt":
            pdf = forms.receipt_pdf(ctx, args.target, copies=args.copies)
        else:
            render: Callable[[Any, str], bytes] = {
                "supplement": forms.supplement_pdf,
                "refusal": forms.refusal_pdf,
                "apology": forms.apology_pdf,
                "stop": forms.stop_pdf,
                "control": forms.control_pdf,
                "guidance": forms.guidance_pdf,
            }[kind]
            pdf = render(ctx, args.target)
    _write(Path(args.out), pdf)
    emit(args, {"out": str(args.out), "bytes": len(pdf)}, lambda d: f"Đã ghi {d['out']}")
    return EXIT_OK


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("supplement", cmd_supplement, "yêu cầu bổ sung hồ sơ (Mẫu 02), hoặc --completed")
    p.add_argument("code")
    p.add_argument("--missing", action="append", help="giấy tờ cần bổ sung (lặp lại được)")
    p.add_argument("--completed", action="store_true", help="người nộp đã bổ sung đủ")
    p.add_argument("--reason", help="lý do yêu cầu bổ sung (in trên Mẫu 02)")
    p.add_argument("--at")

    p = add("refuse", cmd_refuse, "từ chối giải quyết hồ sơ (Mẫu 03)")
    p.add_argument("code")
    p.add_argument("--reason", action="append", required=True)
    p.add_argument("--at")

    p = add("extend", cmd_extend, "xin lỗi và hẹn lại ngày trả (Mẫu 04), một lần")
    p.add_argument("code")
    p.add_argument("--new-due", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument(
        "--late",
        action="store_true",
        help="hồ sơ đã trễ hạn (xin lỗi từ ngày hẹn trả trở đi): vẫn tính là trễ hạn",
    )
    p.add_argument("--at")

    p = add("stop", cmd_stop, "dừng giải quyết hồ sơ (Mẫu 05)")
    p.add_argument("code")
    p.add_argument("--reason", required=True)
    p.add_argument("--at")

    p = add("guidance", cmd_guidance, "hướng dẫn tại quầy khi không tiếp nhận (Mẫu 02/03)")
    p.add_argument("kind", choices=["supplement", "refusal"])
    p.add_argument("--procedure", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--phone")
    p.add_argument("--item", action="append", help="nội dung cần bổ sung / lý do (lặp lại được)")
    p.add_argument("--out", help="ghi phiếu ra tệp PDF")
    p.add_argument("--at")

    p = add("print", cmd_print, "in biểu mẫu ra PDF")
    p.add_argument("kind", choices=[*PRINTABLE, "book", "handover"])
    p.add_argument("target", nargs="?", help="mã hồ sơ, số biên bản hoặc mã phiếu hướng dẫn")
    p.add_argument("--out", required=True)
    p.add_argument("--date")
    p.add_argument("--to")
    p.add_argument("--copies", type=int, default=2, choices=[1, 2])
