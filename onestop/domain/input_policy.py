"""The one input policy for free text typed or pasted by a user, and the terminal-safe output.

Every free-text field (names, addresses, reasons, notes, office settings, ...) goes through
``clean``: NFC, invisible characters removed, control characters, bidirectional overrides and
invalid UTF-8 refused, and a bounded length per kind of field. Why refuse rather than strip the
dangerous ones: a right-to-left override makes a printed name read differently from what is
stored, and a control character in a name has no honest meaning; the clerk retypes the field.
Invisible characters (zero-width space, BOM, soft hyphen, word joiner) arrive by copy and paste
from Word or a web page and carry nothing in Vietnamese: they are removed silently, so that two
names that look the same are the same.
"""

from __future__ import annotations

import unicodedata

from .errors import InputError
from .messages import msg

# Lengths by kind of field, in characters after normalisation. Generous for real data (the
# longest commune names with their province run to about 120 characters).
NAME = 200  # a person's or an organisation's name, a username, a post office
LINE = 500  # an address, a document's name, a reason, a title
TEXT = 4000  # notes, several lines
ANY = 10_000  # the command line's bound for any argument before the service's own

# Bidirectional embeddings, overrides, isolates and marks: U+202A..U+202E, U+2066..U+2069,
# U+200E/U+200F, U+061C.
_BIDI = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])
# Removed silently: zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen.
INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD])
_WHITESPACE_CONTROLS = frozenset("\t\n\r")


def problem(value: str) -> str | None:
    """What is wrong with a text whatever its field (None: nothing): invalid UTF-8, control
    characters other than tab and line breaks, bidirectional controls."""
    for ch in value:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return msg("text.bad_utf8")
        if code in _BIDI:
            return msg("text.bidi", code=code)
        if unicodedata.category(ch) == "Cc" and ch not in _WHITESPACE_CONTROLS:
            return msg("text.control", code=code)
    return None


def clean(
    value: str | None,
    field: str,
    *,
    limit: int = LINE,
    multiline: bool = False,
) -> str:
    """The text as stored: NFC, invisible characters removed, whitespace collapsed to single
    spaces (line breaks kept when ``multiline``), outer whitespace stripped; refused with
    InputError naming ``field`` when the policy forbids it. None gives ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(field, msg("text.not_text"))
    # Checked before anything else: a 100 MB value is refused without being normalised.
    if len(value) > 4 * limit + 1000:
        raise InputError(field, msg("text.far_too_long", limit=limit))
    found = problem(value)
    if found:
        raise InputError(field, msg("parts.sentence", parts=(found,)))
    text = unicodedata.normalize("NFC", value.translate(INVISIBLE))
    if multiline:
        lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
        text = "\n".join(lines).strip()
    else:
        text = " ".join(text.split())
    if len(text) > limit:
        raise InputError(field, msg("text.too_long", n=len(text), limit=limit))
    return text


def optional(value: str | None, field: str, *, limit: int = LINE, multiline: bool = False):
    """``clean`` for an optional field: None when nothing is left."""
    text = clean(value, field, limit=limit, multiline=multiline)
    return text or None


# --- output -----------------------------------------------------------------------------------

_UNSAFE_OUTPUT = {
    code: f"\\u{code:04x}"
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI, *range(0xD800, 0xE000)]
    if chr(code) not in "\n\t"
}


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters (ESC and the one-byte CSI U+009B above all, which
    start terminal escape sequences) and bidirectional controls written as visible ``\\uXXXX``
    escapes, so that nothing stored can move the cursor, recolour the screen or reorder a line.
    Also valid inside a JSON string: the escapes are JSON's own."""
    return text.translate(_UNSAFE_OUTPUT)
