"""What every command of the command line shares: exit codes, refusals, the parser, the context,
printing a result (typed results become JSON here, at the boundary) and the input guard.

Contract (DESIGN.md): ``--json`` prints one JSON document on stdout; exit 0 done, 2 refused input
(a message on stderr naming the field, nothing written), 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

EXIT_OK, EXIT_ERROR, EXIT_REFUSED = 0, 1, 2


class Refused(Exception):
    """Bad command-line input caught before any service runs."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on bad usage: our "refused" code too
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"onestop: lỗi cú pháp / usage error: {message}\n")


def data_dir(value: str) -> Path:
    # An empty --data-dir would be the current folder: a store written wherever one stands.
    if not value.strip():
        raise argparse.ArgumentTypeError("--data-dir không được để trống / must not be empty")
    return Path(value)


def guard(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The input policy's checks on every text argument before any service runs: invalid UTF-8
    (argv's undecodable bytes arrive as surrogates), control and bidirectional characters, and
    a bound on length. The services normalise and bound each field further."""
    from onestop.domain.input_policy import ANY, problem

    names = option_names(parser)
    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            text = str(item) if isinstance(item, Path) else item
            if not isinstance(text, str):
                continue
            found = problem(text)
            if found is None and len(text) > ANY:
                found = msg("cli.text_long", limit=ANY)
            if found:
                raise Refused(names.get(dest, dest), msg("parts.sentence", parts=(found,)))


def option_names(parser: argparse.ArgumentParser) -> dict[str, str]:
    """dest -> the option as the user types it (--id-number), across every command."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.update(option_names(sub))
        elif action.option_strings:
            found[action.dest] = max(action.option_strings, key=len)
    return found


def parse_date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, msg("cli.date_form", value=value)) from None


def parse_at(value: str | None, field: str = "at"):
    from onestop.domain.clock import parse_time

    return parse_time(value, field) if value else None


def context(args: argparse.Namespace, *, auto_init: bool = True):
    from onestop.services.context import Context
    from onestop.services.setup import open_workstation

    store = open_workstation(args.data_dir, auto_init=auto_init)
    for notice in store.notices:  # stderr: stdout may be a JSON document
        sys.stderr.write(f"onestop: {notice}\n")
    ctx = Context(store=store)
    if args.user:
        ctx.actor = args.user
    return ctx


def jsonable(data: Any) -> Any:
    """A service's typed result (or a list of them) as the JSON the command line prints."""
    if isinstance(data, list):
        return [jsonable(d) for d in data]
    to_json = getattr(data, "to_json", None)
    return to_json() if callable(to_json) else data


def emit(args: argparse.Namespace, data: Any, human: Callable[[Any], str] | None = None) -> None:
    """Print a result. Whatever a stored value holds, no terminal escape reaches the screen
    (input_policy.terminal_safe: the escapes it writes are also JSON's own)."""
    from onestop.domain.input_policy import terminal_safe

    data = jsonable(data)
    if getattr(args, "json", False):
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    else:
        text = human(data) if human else plain(data)
    sys.stdout.write(terminal_safe(text) + "\n")


def say(text: str) -> None:
    """A message on stderr, as safe for the terminal as the results."""
    from onestop.domain.input_policy import terminal_safe

    sys.stderr.write(terminal_safe(text) + "\n")


def plain(data: Any) -> str:
    if isinstance(data, list):
        return "\n".join(plain(d) for d in data) if data else "(không có)"
    if isinstance(data, dict):
        return "\n".join(f"{k}: {v}" for k, v in data.items() if k != "events")
    return str(data)


def row_line(d: dict[str, Any]) -> str:
    due = d["due_at"][:16].replace("T", " ")
    late = "  QUÁ HẠN" if d.get("overdue") else ""
    return f"{d['code']}  {d['status_label']:<22} hẹn {due}  {d['applicant_name']}{late}"
