"""The postal tariff shipped with the program (resources/postal/tariff.json), read into the
domain's Tariff."""

from __future__ import annotations

import json
from pathlib import Path

from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.postal import Tariff


def load_tariff(path: Path) -> Tariff:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            "tariff", msg("tariff_file.unreadable", path=str(path), error=str(exc))
        ) from None
    return Tariff.from_dict(data)
