"""Command-line commands of the postal service: ``postal list|pickup|cancel|handover|attempt|
statement|export|import|record|overdue|receipt|tariff`` (registered by onestop.cli.__init__)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

from . import common as cli


def _day(value: str | None, field: str = "date") -> date | None:

    return cli.parse_date(value, field) if value else None


def _today(ctx: Any, value: str | None) -> date:
    return _day(value) or ctx.clock().date()


def _vnd(amount: int) -> str:
    from onestop.domain.text import format_vnd

    return format_vnd(amount)


def _by_ward(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(không có)"
    lines: list[str] = []
    group = None
    for r in rows:
        # One heading per commune code (two communes may share a name across provinces).
        if (r.get("commune_code"), r["ward"]) != group:
            group = (r.get("commune_code"), r["ward"])
            lines.append(f"== {r['ward']}")
        s10 = r.get("consignment") or "-"
        lines.append(
            f"  {r['ref']}  {s10:<13}  {r['status_label']:<22} {r['name']}, {r['address']}, "
            f"ĐT {r['phone'] or '-'}"
        )
    return "\n".join(lines)


def _item_name(item: dict[str, Any]) -> str:
    """A record's line is named by its dossier code; a picked-up one also by its request's
    reference, the one the postman's list showed."""
    code, ref = item["code"], item["ref"]
    if code and ref and ref != code:
        return f"{code} ({ref})"
    return code or ref


def _record_text(d: dict[str, Any]) -> str:
    lines = [f"Biên bản {d['record']} ({d['kind']}), {d['at'][:16].replace('T', ' ')}:"]
    lines += [f"  {_item_name(i)}  {i['consignment']}  {i['name']}" for i in d["items"]]
    lines.append(f"Cước: {_vnd(d['postage'])}")
    return "\n".join(lines)


def cmd_postal(args: argparse.Namespace) -> int:
    from onestop.services import postal

    ctx = cli.context(args)
    action = args.action
    if action == "list":
        rows = postal.day_list(ctx, _today(ctx, args.date), args.kind)
        cli.emit(args, rows, _by_ward)
    elif action == "pickup":
        req = postal.PickupInput(
            procedure_code=args.procedure,
            applicant_name=args.name,
            phone=args.phone,
            address=args.address,
            day=_today(ctx, args.date),
            id_number=args.id_number,
            return_by=args.return_by,
            notes=args.notes,
            case=args.case,
        )
        data = postal.request_pickup(ctx, req)
        cli.emit(args, data, lambda d: f"Đã đăng ký thu gom ngày {d['day']}: {d['ref']}")
    elif action == "cancel":
        data = postal.cancel_pickup(ctx, args.ref, args.reason)
        cli.emit(args, data, lambda d: f"Đã hủy yêu cầu thu gom {d['ref']}: {d['cancel_reason']}")
    elif action == "handover":
        lines = [postal.parse_item(i) for i in args.item]
        data = postal.handover(
            ctx,
            args.kind,
            lines,
            at=cli.parse_at(args.at),
            postman_name=args.postman or "",
            post_office=args.post_office or postal.DEFAULT_POST_OFFICE,
            officer_name=args.officer or "",
            postman_number=args.postman_number or "",
            postman_phone=args.postman_phone or "",
        )
        cli.emit(args, data, _record_text)
    elif action == "attempt":
        attempt = postal.Attempt(
            outcome=args.outcome,
            recipient=args.recipient,
            id_number=args.id_number,
            reason=args.reason,
            caused_by=args.caused_by,
            at=cli.parse_at(args.at),
        )
        data = postal.record_attempt(ctx, args.code, attempt)

        def human(d: dict[str, Any]) -> str:
            text = f"{d['code']}: {d['status_label']}"
            if d.get("next_attempt_on"):
                text += f"; phát lại ngày {d['next_attempt_on']}"
            return text

        cli.emit(args, data, human)
    elif action == "statement":
        data = postal.statement(ctx, args.month)

        def human(d: dict[str, Any]) -> str:
            # Imported here: every start of the program (the GUI's too) imports this module.
            from onestop.domain.postal import PAYER_LABELS_VI

            lines = [f"Bảng kê cước bưu chính tháng {d['month']} (bên chi trả: {d['payer']})"]
            for i in d["items"]:
                lines.append(f"  {i['consignment']}  {i['code'] or i['ref']}  {_vnd(i['postage'])}")
            lines.append(f"Tổng: {_vnd(d['postage'])}")
            lines += [f"  {PAYER_LABELS_VI[k]}: {_vnd(v)}" for k, v in d["by_payer"].items()]
            return "\n".join(lines)

        cli.emit(args, data, human)
    elif action == "export":
        # The path as given: the result names the file as the user typed it.
        result = postal.export_day(ctx, _today(ctx, args.date), args.format, args.out)
        cli.emit(args, result, lambda d: f"Đã ghi {d['rows']} bưu gửi vào {d['out']}")
    elif action == "import":
        path = Path(args.file)
        if not path.is_file():
            raise InputError("FILE", msg("cli.no_file", path=str(path)))
        data = postal.import_statuses(ctx, path)
        cli.emit(
            args,
            data,
            lambda d: f"Đã cập nhật {d['applied']} bưu gửi ({d['unchanged']} dòng đã có trước)",
        )
    elif action == "record":
        cli.emit(args, postal.record_json(ctx, args.number), _record_text)
    elif action == "overdue":
        rows = postal.overdue(ctx, _day(args.date))
        cli.emit(
            args,
            rows,
            lambda rs: (
                "\n".join(f"{r['ref']}  {r['name']}: {r['reason']}" for r in rs) or "(không có)"
            ),
        )
    elif action == "receipt":
        out = Path(args.out)
        out.write_bytes(postal.pickup_receipt_pdf(ctx, args.ref))
        cli.emit(args, {"out": str(out)}, lambda d: f"Đã ghi {d['out']}")
    elif action == "tariff":
        if args.set:
            postal.set_tariff(ctx, postal.read_tariff_file(Path(args.set)))
        cli.emit(args, postal.tariff_view(ctx))
    return 0


def register(add: Callable[..., Any]) -> None:
    """Add this feature's subcommands with ``add(name, func, help)`` (see onestop.cli)."""
    p = add("postal", cmd_postal, "bưu chính công ích: thu gom hồ sơ, phát kết quả tận nhà")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, help: str) -> argparse.ArgumentParser:
        a = sub.add_parser(name, help=help)
        # SUPPRESS: "postal --json list" and "postal list --json" both work.
        a.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        return a

    a = action("list", "danh sách thu gom / phát trong ngày")
    a.add_argument("--date", help="ngày (YYYY-MM-DD), mặc định hôm nay")
    a.add_argument("--kind", choices=["delivery", "pickup"], required=True)

    a = action("pickup", "đăng ký thu gom hồ sơ tại nhà")
    a.add_argument("--procedure", required=True)
    a.add_argument("--name", required=True)
    a.add_argument("--phone", required=True)
    a.add_argument("--address", required=True)
    a.add_argument("--date", help="ngày thu gom (YYYY-MM-DD), mặc định hôm nay")
    a.add_argument("--id-number")
    a.add_argument("--return-by", choices=["counter", "post"], default="post")
    a.add_argument("--notes")
    a.add_argument("--case", metavar="NAME", help="trường hợp của thủ tục (nếu thủ tục có)")

    a = action("cancel", "hủy yêu cầu thu gom chưa được bưu điện nhận")
    a.add_argument("ref", help="mã yêu cầu thu gom (ví dụ TG-1012)")
    a.add_argument("--reason", required=True, help="lý do hủy")

    a = action("handover", "lập biên bản giao nhận với bưu điện")
    a.add_argument("--kind", choices=["delivery", "pickup"], required=True)
    a.add_argument(
        "--item",
        action="append",
        required=True,
        metavar="REF=S10[@GRAMS]",
        help="mã hồ sơ (hoặc mã yêu cầu thu gom) = số hiệu bưu gửi, @khối lượng gam nếu cần",
    )
    a.add_argument("--at")
    a.add_argument("--postman", help="họ tên nhân viên bưu điện")
    a.add_argument("--postman-number", help="mã số nhân viên bưu điện")
    a.add_argument("--postman-phone", help="điện thoại nhân viên bưu điện")
    a.add_argument(
        "--officer", help="họ tên cán bộ Một cửa (khi nhân viên bưu điện đăng nhập lập biên bản)"
    )
    a.add_argument("--post-office", help="bưu cục")

    a = action("attempt", "ghi kết quả phát")
    a.add_argument("code")
    a.add_argument("--outcome", choices=["delivered", "failed"], required=True)
    a.add_argument("--recipient")
    a.add_argument("--id-number")
    a.add_argument("--reason")
    a.add_argument(
        "--caused-by",
        choices=["citizen", "agency", "post"],
        default="citizen",
        help="bên gây ra lượt phát lại / chuyển hoàn, chịu cước lượt đó",
    )
    a.add_argument("--at")

    a = action("statement", "bảng kê cước tháng")
    a.add_argument("--month", required=True, help="YYYY-MM")

    a = action("export", "xuất bưu gửi trong ngày cho bưu điện")
    a.add_argument("--date")
    a.add_argument("--format", choices=["csv", "xlsx"], required=True)
    a.add_argument("--out", required=True)

    a = action("import", "nhập tệp trạng thái phát của bưu điện (CSV/XLSX)")
    a.add_argument("file")

    a = action("record", "xem biên bản giao nhận")
    a.add_argument("number")

    a = action("overdue", "bưu gửi quá hạn với bưu điện")
    a.add_argument("--date")

    a = action("receipt", "giấy tiếp nhận của hồ sơ thu gom (PDF)")
    a.add_argument("ref", help="mã yêu cầu thu gom (ví dụ TG-1012) hoặc mã hồ sơ")
    a.add_argument("--out", required=True)

    a = action("tariff", "bảng cước bưu chính; --set FILE để thay")
    a.add_argument("--set", metavar="FILE")
