"""JSON files from outside, read within bounds: nesting, number length and value count checked
by a scan that does not recurse before the parser sees the text; an array decoded one element
at a time with the line where each starts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

from onestop.domain.messages import msg

from .bounds import FileRefused, Limits, read_bytes
from .bounds import count_text as _n
from .bounds import decode as _decode

# A JSON string (unrolled: linear on any input). UTF-8 continuation bytes are never '"' or '\'.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_JSON_WS = re.compile(r"[ \t\n\r]*")
_KEY_BEFORE = re.compile(r'"((?:[^"\\]|\\.){1,64})"\s*:\s*$')


def _json_where(text: str, pos: int) -> tuple[int, str | None]:
    """Line of ``pos`` and the key whose value starts there (if it is one)."""
    key = _KEY_BEFORE.search(text, max(0, pos - 200), pos)
    return text.count("\n", 0, pos) + 1, key.group(1) if key else None


_ESCAPE = re.compile(rb"\\.", re.DOTALL)  # a backslash and the character it escapes
_NUMBER_BYTES = b"-+0123456789.eE"
_STRUCTURE_BYTES = b'"[]{},'
# Number characters become "0"; everything but them and the structure is dropped.
_SKELETON_MAP = bytes(ord("0") if b in _NUMBER_BYTES else b for b in range(256))
_SKELETON_DROP = bytes(b for b in range(256) if b not in _NUMBER_BYTES + _STRUCTURE_BYTES)
_BRACKETS_ONLY = bytes(b for b in range(256) if b not in b"[]{}")


def _skeleton(data: bytes) -> bytes:
    """What the parser will see outside strings (brackets, commas, numbers as runs of "0"), by
    C-speed byte operations only, no token loop in Python. Escape sequences are dropped, so every
    quote left delimits a string; letters, spaces and colons are dropped, so most strings become
    "" and go (removing two adjacent quotes keeps every other character on its side: inside or
    outside); the pieces between the quotes left alternate outside / inside. Exact for valid
    JSON; where the input is malformed, the parser stops at the first fault, before any bracket
    this could have miscounted."""
    kept = _ESCAPE.sub(b"", data).translate(_SKELETON_MAP, _SKELETON_DROP).replace(b'""', b"")
    return b"".join(kept.split(b'"')[0::2])


def _check_json(data: bytes, name: str, limits: Limits) -> None:
    """Nesting, number length and value count, without recursion and before any parsing: the
    parser recurses (deep input overflows the stack of a worker thread) and converts digits to
    int (5,000 digits raise ValueError; long ones cost quadratic time)."""
    skeleton = _skeleton(data)  # strings can hide neither brackets nor digits
    if b"0" * (limits.max_number_chars + 1) in skeleton:
        long_number = re.compile(rb"[-+0-9.eE]{%d,}" % (limits.max_number_chars + 1))
        pos = _first_outside_strings(data, long_number)
        text = data[:pos].decode("utf-8", "replace")
        line, key = _json_where(text, len(text))
        raise FileRefused(name, line, key, msg("file.number_long", limit=limits.max_number_chars))
    if skeleton.count(b",") + 1 > limits.max_json_values:
        raise FileRefused(name, None, None, msg("file.values", limit=_n(limits.max_json_values)))
    brackets = skeleton.translate(None, _BRACKETS_ONLY)
    del skeleton
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > limits.max_depth:
        pos = _too_deep_at(data, limits.max_depth)
        text = data[:pos].decode("utf-8", "replace")
        line, key = _json_where(text, len(text))
        raise FileRefused(name, line, key, msg("file.depth", limit=limits.max_depth))


def _first_outside_strings(data: bytes, pattern: re.Pattern[bytes]) -> int:
    token = re.compile(_JSON_STRING.pattern + b"|" + pattern.pattern, re.DOTALL)
    for match in token.finditer(data):
        if not match.group().startswith(b'"'):
            return match.start()
    return 0


def _too_deep_at(data: bytes, max_depth: int) -> int:
    depth = 0
    for match in re.finditer(_JSON_STRING.pattern + rb"|[\[\]{}]", data, re.DOTALL):
        step = _STEP.get(match.group()[0]) if match.end() - match.start() == 1 else None
        if step:
            depth += step
            if depth > max_depth:
                return match.start()
    return 0


def _json_text(path: Path, limits: Limits) -> str:
    data = read_bytes(path, limits)
    _check_json(data, path.name, limits)
    return _decode(data, path.name, ("utf-8-sig",))


def _syntax_error(name: str, exc: json.JSONDecodeError) -> FileRefused:
    return FileRefused(
        name, exc.lineno, None, msg("file.json_invalid", column=exc.colno, error=exc.msg)
    )


def read_json(path: Path, limits: Limits) -> Any:
    """A whole JSON document, checked (``_check_json``) before it is parsed."""
    path = Path(path)
    text = _json_text(path, limits)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _syntax_error(path.name, exc) from None
    except (RecursionError, ValueError) as exc:  # the checks above should make these impossible
        raise FileRefused(
            path.name, None, None, msg("file.json_unreadable", error=str(exc))
        ) from None


def json_array(path: Path, limits: Limits) -> Iterator[tuple[int, int, Any]]:
    """The elements of a JSON array file, one at a time, as (line where it starts, index,
    value): the lines are counted once through the file, never again from its start."""
    path = Path(path)
    name = path.name
    text = _json_text(path, limits)
    decoder = json.JSONDecoder()
    pos = _JSON_WS.match(text).end()  # type: ignore[union-attr]
    if text[pos : pos + 1] != "[":
        raise FileRefused(name, text.count("\n", 0, pos) + 1, None, msg("file.json_array"))
    pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    line, counted = 1, 0
    index = 0
    if text[pos : pos + 1] == "]":
        pos += 1
    else:
        while True:
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise _syntax_error(name, exc) from None
            except (RecursionError, ValueError) as exc:  # made impossible by _check_json
                raise FileRefused(
                    name, line, None, msg("file.json_unreadable", error=str(exc))
                ) from None
            line += text.count("\n", counted, pos)
            counted = pos
            if index >= limits.max_rows:
                raise FileRefused(
                    name, line, None, msg("file.array_rows", limit=_n(limits.max_rows))
                )
            yield line, index, value
            index += 1
            pos = _JSON_WS.match(text, end).end()  # type: ignore[union-attr]
            sep = text[pos : pos + 1]
            if sep == ",":
                pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if sep == "]":
                pos += 1
                break
            where = text.count("\n", 0, pos) + 1
            raise FileRefused(name, where, None, msg("file.json_comma"))
    pos = _JSON_WS.match(text, pos).end()  # type: ignore[union-attr]
    if pos != len(text):
        raise FileRefused(name, text.count("\n", 0, pos) + 1, None, msg("file.json_trailing"))
