"""What the typed results of the services share."""

from __future__ import annotations

from typing import Any


class KeyedResult:
    """Transitional: ``result["key"]`` reads ``result.to_json()["key"]``, for the callers still
    reading the dicts these services returned before their results were typed (ui/main_window's
    signed-in person, ui/reception_page's procedures). Remove once those read attributes."""

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        return self.to_json()[key]
