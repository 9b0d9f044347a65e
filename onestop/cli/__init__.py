"""The command line: the workstation's administration tool; with no command, the GUI's launcher.

Each feature adds its commands from its own module of this package (``register(add)``); what they
share is in ``common``. Contract (DESIGN.md): ``--json`` prints one JSON document on stdout; exit 0
done, 2 refused input (a message on stderr naming the field, nothing written), 1 anything else.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence

from onestop.domain.errors import InputError, NotFound
from onestop.domain.messages import language_of, render

from .common import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, Parser, Refused, data_dir, guard, say
from .version import VersionAction

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_REFUSED", "Refused", "build_parser", "main"]

# Each feature adds its commands from its own module, in this order.
FEATURE_COMMANDS = (
    "onestop.cli.office",
    "onestop.cli.dossiers",
    "onestop.cli.forms",
    "onestop.cli.users",
    "onestop.cli.postal",
    "onestop.cli.sync",
    "onestop.cli.verify",
    "onestop.cli.doctor",
    "onestop.cli.report",
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="onestop",
        description="onestop: Bộ phận Một cửa. Không có lệnh: mở cửa sổ ứng dụng.",
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "--data-dir", type=data_dir, help="thư mục dữ liệu (mặc định: ONESTOP_DATA_DIR)"
    )
    parser.add_argument("--user", help="người thực hiện (mặc định: tài khoản hệ điều hành)")
    parser.add_argument(
        "--lang",
        choices=["vi", "en"],
        help="ngôn ngữ của thông báo từ chối (mặc định: ONESTOP_LANG, nếu không: vi)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="thử cửa sổ: đăng nhập tài khoản mẫu rồi thoát"
    )
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str, json_flag=True):
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        if json_flag:
            p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        return p

    for module in FEATURE_COMMANDS:
        __import__(module, fromlist=["register"]).register(add)
    return parser


# Each feature adds its commands from its own module, in the same style as the ones above.


def _language(args: argparse.Namespace) -> str:
    """The refusals' language: --lang, else ONESTOP_LANG, else Vietnamese (the default)."""
    return args.lang or language_of(os.environ.get("ONESTOP_LANG"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = _language(args)
    try:
        guard(parser, args)
    except Refused as exc:
        say(f"onestop: từ chối / refused: {exc.field}: {render(exc.message, lang)}")
        return EXIT_REFUSED
    if args.command is None:
        from .display import NO_DISPLAY, missing_display

        if missing_display():
            say(NO_DISPLAY)
            return EXIT_ERROR
        from onestop.ui.app import run

        return run(args.data_dir, smoke=args.smoke)
    # After the GUI's branch: SQLAlchemy and Alembic take half a second to import, and the
    # sign-in window shows before they load (tests/benchmarks/bench_gui_startup.py).
    from onestop.services.failures import StoreError, describe

    try:
        return args.func(args)
    except (InputError, Refused) as exc:
        say(f"onestop: từ chối / refused: {exc.field}: {render(exc.message, lang)}")
        return EXIT_REFUSED
    except NotFound as exc:
        say(f"onestop: từ chối / refused: {render(exc.text, lang)}")
        return EXIT_REFUSED
    except StoreError as exc:
        say(f"onestop: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # the contract: anything else is exit 1 with a message
        say(f"onestop: lỗi / error: {describe(exc)}")
        return EXIT_ERROR
