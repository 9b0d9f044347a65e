"""``onestop --version``: the version read when asked (onestop.version), not when the parser is
built, so that starting the window does not pay for reading the package's metadata."""

from __future__ import annotations

import argparse
import sys
from typing import Any


class VersionAction(argparse.Action):
    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "in số phiên bản / show the version")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from onestop import version

        sys.stdout.write(f"onestop {version()}\n")
        parser.exit(0)
