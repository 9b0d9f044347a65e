"""Locates the files under resources/ both in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources/ not found beside the onestop package")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
