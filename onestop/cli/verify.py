"""Command-line command ``verify`` (registered by onestop.cli): check the history's hash chain
on this workstation and, with ``--central URL``, against the central database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from onestop.domain import chain

from . import common as cli

EXIT_OK, EXIT_ERROR = 0, 1


def register(add: Callable[..., Any]) -> None:
    p = add("verify", cmd_verify, "kiểm tra chuỗi băm của lịch sử hồ sơ (máy trạm, máy chủ)")
    p.add_argument("--central", help="đối chiếu với máy chủ trung tâm")
    p.add_argument("--sslmode")
    p.add_argument("--sslrootcert")


def cmd_verify(args: argparse.Namespace) -> int:
    from onestop.services import sync as sync_service
    from onestop.services import verify

    from .sync import prompt_password

    ctx = cli.context(args)
    if args.central:
        cfg, password = sync_service.SyncSettings().with_url(args.central)
        cfg = cfg.with_tls(args.sslmode, args.sslrootcert)
        try:
            engine = sync_service.connect(cfg, password=password, prompt=prompt_password)
        except sync_service.SyncError as exc:
            cli.say(f"onestop: {exc.message}")
            return EXIT_ERROR
        try:
            report = verify.verify_central(ctx, engine, cfg.where())
        finally:
            engine.dispose()
    else:
        report = verify.verify_local(ctx)
    cli.emit(args, report, _text)
    return EXIT_OK if report.ok else EXIT_ERROR


def _text(d: dict[str, Any]) -> str:
    where = f" và máy chủ trung tâm {d['central']}" if d["central"] else ""
    if d["ok"]:
        return (
            f"Lịch sử hồ sơ nguyên vẹn: {d['events']} sự kiện của {d['workstations']} máy trạm"
            f"{where}."
        )
    lines = [f"Lịch sử hồ sơ KHÔNG nguyên vẹn ({len(d['findings'])} chỗ):"]
    for f in d["findings"]:
        ids = ", ".join(f["event_ids"])
        kind = chain.KIND_LABELS_VI.get(f["kind"], f["kind"])
        lines.append(f"  - sự kiện {ids} (máy trạm {f['workstation_id']}): {kind}; {f['detail']}")
    return "\n".join(lines)
