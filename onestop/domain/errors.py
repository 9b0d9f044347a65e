"""Errors the domain raises when input is refused: each names the field at fault."""

from __future__ import annotations


class InputError(ValueError):
    """Refused input. ``field`` names the field at fault (e.g. ``id_number``); ``message`` is a
    Vietnamese sentence the clerk can act on."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LookupError):
    """A dossier, procedure or record that does not exist."""

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"{what} {key!r} không tồn tại")
        self.what = what
        self.key = key


class StateError(InputError):
    """An action the dossier's current state does not allow (e.g. returning before the result)."""
