"""onestop.domain.text.fold of every Unicode character, as the table the central database's SQL
fold reads (migration 0009), computed once per process."""

from __future__ import annotations

import unicodedata
from functools import cache

from onestop.domain.text import fold

# (first code point of a run, kind, offset, text): kind "k" kept as is, "s" a space, "d"
# dropped, "o" moved by the offset, "m" replaced by the text (one code point per "m" run).
Run = tuple[int, str, int | None, str | None]


@cache
def fold_runs() -> tuple[Run, ...]:
    """fold works character by character: NFKD decomposes each character alone, the combining
    marks that canonical ordering moves are all dropped, and the only context-dependent lower
    case (the final sigma) folds like the other sigma. So the fold of a text is the fold of its
    characters joined, runs of spaces collapsed, ends trimmed; these runs give each
    character's."""
    runs: list[Run] = []
    previous = None
    for cp in range(0x110000):
        ch = chr(cp)
        if unicodedata.category(ch) in ("Cn", "Co", "Cs"):
            kind = ("s", None, None)  # unassigned, private, surrogate: not a letter or digit
        else:
            # Between two letters, so that the spaces it leaves are kept (collapsed to one).
            folded = fold("a" + ch + "b")[1:-1]
            if folded == ch:
                kind = ("k", None, None)
            elif folded == " ":
                kind = ("s", None, None)
            elif folded == "":
                kind = ("d", None, None)
            elif len(folded) == 1:
                kind = ("o", ord(folded) - cp, None)
            else:
                kind = ("m", None, folded)
        if kind[0] == "m" or kind != previous:
            runs.append((cp, *kind))
        previous = kind
    return tuple(runs)
