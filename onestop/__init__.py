"""onestop: the desktop application for Vietnam's one-stop reception counters.

The version has one source, pyproject.toml: it is read from the installed package's metadata
(the frozen bundle carries that metadata, see packaging/onestop.spec), and from pyproject.toml
itself only when the package runs from a source tree that was never installed. It is read on
first use, not at import: importlib.metadata costs the window's start-up tens of milliseconds.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("onestop")
    except PackageNotFoundError:
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'onestop' has no attribute {name!r}")
