"""Supervisors' commands: ``rate`` (the citizen's satisfaction) and ``report`` (the figures of a
period, as JSON or the periodic report's XLSX and PDF)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import EXIT_ERROR, EXIT_OK, context, emit, parse_at, parse_date

SCORE_CHOICES = ("very_satisfied", "satisfied", "dissatisfied")


def cmd_rate(args: argparse.Namespace) -> int:
    from onestop.services.rating import rate

    data = rate(context(args), args.code, args.score, comment=args.comment, at=parse_at(args.at))
    emit(args, data, lambda d: f"{d['code']}: đã ghi nhận đánh giá")
    return EXIT_OK


def _human(d: dict[str, Any]) -> str:
    rate = "-" if d["on_time_rate"] is None else f"{d['on_time_rate']:.1%}"
    lines = [
        f"Kỳ {d['from']} đến {d['to']}",
        f"Tiếp nhận: {d['received']}  (kỳ trước chuyển sang: {d['carried_over']})",
        f"Đã giải quyết: {d['resolved']}  trước hạn {d['early']}, đúng hạn {d['on_time']}, "
        f"quá hạn {d['late']}  (tỷ lệ đúng hạn {rate})",
        f"Từ chối: {d['refused']}  dừng: {d['stopped']}",
        f"Đang giải quyết: {d['open']}  (quá hạn {d['overdue']})",
    ]
    for row in d["rows"]:
        lines.append(
            f"  {row['label']}: tiếp nhận {row['received']}, giải quyết {row['resolved']} "
            f"(quá hạn {row['late']}), đang giải quyết {row['open']} (quá hạn {row['overdue']})"
        )
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace) -> int:
    from onestop.services import report as reports

    first, last = parse_date(args.from_, "from"), parse_date(args.to, "to")
    ctx = context(args)
    if getattr(args, "central", None):
        return _report_central(args, ctx, first, last)
    written: dict[str, Any] = {}
    for path, render in ((args.xlsx, reports.report_xlsx), (args.pdf, reports.report_pdf)):
        if path:
            data = render(ctx, first, last)
            Path(path).write_bytes(data)
            written[str(path)] = len(data)
    if written and not args.json:
        emit(args, {"written": written}, lambda d: "\n".join(f"Đã ghi {f}" for f in d["written"]))
        return EXIT_OK
    emit(args, reports.report(ctx, first, last, by=args.by), _human)
    return EXIT_OK


def _report_central(args: argparse.Namespace, ctx: Any, first: Any, last: Any) -> int:
    """``report --central URL``: the same report over the agency's dossiers at the centre (or
    its read replica), as a reports role."""
    import sys

    from onestop.services import report as reports
    from onestop.services.report_central import central_context
    from onestop.services.sync import SyncError

    try:
        central = central_context(ctx, args.central)
    except SyncError as exc:
        detail = f" ({exc.detail})" if exc.detail else ""
        sys.stderr.write(f"onestop: {exc.message}{detail}\n")
        return EXIT_ERROR
    try:
        emit(args, reports.report(central, first, last, by=args.by), _human)
    finally:
        central.store.close()
    return EXIT_OK


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("rate", cmd_rate, "ghi nhận mức độ hài lòng của người dân (một lần mỗi hồ sơ)")
    p.add_argument("code")
    p.add_argument("--score", required=True, choices=SCORE_CHOICES)
    p.add_argument("--comment")
    p.add_argument("--at")

    p = add("report", cmd_report, "báo cáo tình hình giải quyết hồ sơ trong kỳ")
    p.add_argument("--from", dest="from_", required=True, metavar="DATE")
    p.add_argument("--to", required=True, metavar="DATE")
    p.add_argument("--by", choices=["procedure", "field", "officer", "counter", "channel"])
    p.add_argument("--xlsx", metavar="FILE", help="ghi báo cáo định kỳ ra tệp Excel")
    p.add_argument("--pdf", metavar="FILE", help="ghi báo cáo định kỳ ra tệp PDF")
    p.add_argument(
        "--central",
        metavar="URL",
        help="đọc hồ sơ của cả cơ quan trên máy chủ trung tâm (hoặc bản sao chỉ đọc của nó)",
    )
