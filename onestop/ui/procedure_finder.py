"""The reception form's procedure finder ranking: the exact phrase first, then names where every
typed word starts a word, then what this counter received most in the last 90 days, then the
shorter name; so that "khai sinh" + Enter gives "Đăng ký khai sinh", not a longer procedure that
merely comes first in the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from onestop.domain.text import fold

from .widgets import Choice


def _tier(q: str, tokens: list[str], choice: Choice, name: str) -> int | None:
    key = fold(choice.key)
    if key == q:
        return 0
    if key.startswith(q):
        return 1
    if name == q:
        return 2
    padded = f" {choice.folded} "
    if f" {q} " in padded:
        return 3  # the phrase as typed, whole words
    if f" {q}" in padded:
        return 4  # the phrase, its last word still being typed
    words = choice.folded.split()
    if all(any(w.startswith(t) for w in words) for t in tokens):
        return 5
    initials = "".join(w[0] for w in name.split())
    if len(tokens) == 1 and len(q) >= 2 and initials.startswith(q):
        return 6  # "dkks": the first letters of the name's words
    if all(t in choice.folded for t in tokens):
        return 7
    return None


def procedure_ranker(
    names: Mapping[str, str], use: Callable[[], Mapping[str, int]]
) -> Callable[[str, Sequence[Choice], int], list[Choice]]:
    """A ranking for Picker.ranker. ``names`` maps a code to the procedure's name (the shorter
    wins a tie); ``use()`` gives this counter's recent count per code (read off the GUI thread
    and cached by the page)."""

    def rank(query: str, pool: Sequence[Choice], limit: int = 50) -> list[Choice]:
        q = fold(query).strip()
        if not q:
            return list(pool[:limit])
        tokens = q.split()
        counts = use()
        ranked = []
        for i, c in enumerate(pool):
            name = fold(names.get(c.key, c.text))
            tier = _tier(q, tokens, c, name)
            if tier is not None:
                ranked.append(((tier, -counts.get(c.key, 0), len(name), i), c))
        ranked.sort(key=lambda x: x[0])
        return [c for _, c in ranked[:limit]]

    return rank
