"""Errors the domain raises when input is refused: each names the field at fault."""

from __future__ import annotations

from onestop.domain.messages import Message, label


class InputError(ValueError):
    """Refused input. ``field`` names the field at fault (e.g. ``id_number``); ``message`` is a
    Vietnamese sentence the clerk can act on: a ``Message`` of the catalogue (onestop.domain.
    messages) when it has one, which the window can say in English."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LookupError):
    """A dossier, procedure or record that does not exist."""

    def __init__(self, what: str, key: str) -> None:
        text = Message("not_found", what=label("thing", what, what), key=key)
        super().__init__(str(text))
        self.what = what
        self.key = key
        self.text = text  # the sentence, with its id: a window in English says it in English


class StateError(InputError):
    """An action the dossier's current state does not allow (e.g. returning before the result)."""
