"""Vietnamese text helpers: NFC, search folding, name casing, amounts in words, VND format."""

from __future__ import annotations

import unicodedata

from onestop.domain.errors import InputError
from onestop.domain.messages import msg

__all__ = [
    "amount_in_words",
    "capitalize_name",
    "fold",
    "format_vnd",
    "nfc",
    "sentence_case",
]


def nfc(s: str) -> str:
    """NFC form, outer whitespace stripped, inner runs of whitespace collapsed to one space.

    Input methods (Unikey/Telex, macOS, phones) deliver either NFC or NFD; storing NFC means
    equality and sorting behave, and collapsing whitespace removes the double spaces of hurried
    typing.
    """
    return " ".join(unicodedata.normalize("NFC", s).split())


# --- fold -------------------------------------------------------------------------------------

# đ is a letter of its own (not d + accent), so no Unicode decomposition turns it into d: map it
# explicitly. Ð/ð (U+00D0/U+00F0, Icelandic eth) look identical to Đ/đ and creep in through old
# fonts and converted TCVN3/VNI documents; a clerk searching "dang" must still find those rows.
_D_LIKE = {"đ": "d", "ð": "d"}


def _fold_slow(s: str) -> str:
    """Reference implementation of ``fold`` without collapsing spaces (any Unicode input).

    Compatibility decomposition first (so full-width digits, ligatures and precomposed letters come
    apart), lower-case, decompose again (lower-casing can produce precomposed letters, e.g. U+212B),
    then drop every combining mark and turn anything that is not a letter or digit into a space.
    """
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).lower())
    out: list[str] = []
    for ch in s:
        if unicodedata.category(ch)[0] == "M":
            continue
        ch = _D_LIKE.get(ch, ch)
        # Greek final sigma depends on context: fold both sigmas to one so folding is stable.
        if ch == "ς":
            ch = "σ"
        out.append(ch if ch.isalnum() else " ")
    return "".join(out)


def _build_fast_table() -> dict[int, str | None]:
    """Per-character translation for Latin (incl. all Vietnamese letters), combining marks and
    common punctuation, computed once from the reference implementation.

    Only characters whose fold is pure ASCII are put in the table: if anything else is left in the
    translated string, ``fold`` notices (non-ASCII result) and falls back to the reference path, so
    both paths always agree.
    """
    table: dict[int, str | None] = {}
    ranges = [
        range(0x0000, 0x0250),  # ASCII, Latin-1, Latin Extended-A/B
        range(0x0300, 0x0370),  # combining diacritics (NFD input)
        range(0x1E00, 0x1F00),  # Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ ... ỹ
        range(0x2000, 0x2070),  # general punctuation: typographic spaces, dashes, quotes
    ]
    for r in ranges:
        for cp in r:
            folded = _fold_slow(chr(cp))
            if folded.isascii():
                table[cp] = folded if folded else None
    return table


_FAST = _build_fast_table()


def fold(s: str) -> str:
    """Search key: lower case, no diacritics, đ -> d, letters/digits separated by single spaces.

    "Đặng Thị Hoa Rây" -> "dang thi hoa ray"; NFC and NFD input fold alike. Called for every row of
    large tables, so the common case is one ``str.translate`` plus a split/join; text outside the
    precomputed table (other scripts, symbols) takes the slower per-character reference path.
    """
    t = s.translate(_FAST)
    if not t.isascii():
        t = _fold_slow(s)
    return " ".join(t.split())


# --- names ------------------------------------------------------------------------------------

_NAME_BREAKS = frozenset(" -'’")


def capitalize_name(s: str) -> str:
    """Proper-name casing: "nguyễn văn an" -> "Nguyễn Văn An", "ĐẶNG THỊ" -> "Đặng Thị".

    Capitalises after a space, a hyphen or an apostrophe (Ê Đê names such as "H'Hen Niê"); the
    result is NFC (upper-casing a precomposed letter can yield a decomposed sequence, e.g. ǰ).
    """
    s = nfc(s)
    out: list[str] = []
    start = True
    for ch in s:
        out.append(ch.upper() if start else ch.lower())
        start = ch in _NAME_BREAKS
    return unicodedata.normalize("NFC", "".join(out))


def sentence_case(s: str) -> str:
    """Upper-cases the first character only: for amounts in words at the start of a line."""
    return s[:1].upper() + s[1:]


# --- amounts ----------------------------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Groups of three digits; above "tỷ" Vietnamese repeats the scale ("nghìn tỷ", "triệu tỷ"),
# which the recursion in ``_words`` produces by itself.
_SCALES = ("", "nghìn", "triệu")
_BILLION = 1_000_000_000


def _three_digits(n: int, leading: bool) -> list[str]:
    """Words for 0 < n < 1000. ``leading`` is False for a group that follows a larger one, where
    Vietnamese reads the empty hundreds aloud ("một triệu không trăm linh năm nghìn")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            # "linh" marks empty tens only after hundreds: 105 "một trăm linh năm", 5 "năm".
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1:
        # "mười một" but "hai mươi mốt": mốt only after "mươi".
        words.append("một" if tens == 1 else "mốt")
    elif units == 5:
        words.append("lăm")  # 15 "mười lăm", 25 "hai mươi lăm"
    elif units:
        # 24 "hai mươi bốn": "tư" is also heard, "bốn" is the unambiguous written form.
        words.append(_DIGITS[units])
    return words


def _words(n: int, leading: bool) -> list[str]:
    """Words for 0 < n, as groups of three digits, recursing for tỷ (10^9)."""
    words: list[str] = []
    if n >= _BILLION:
        high, n = divmod(n, _BILLION)
        words += [*_words(high, leading), "tỷ"]
        leading = False
        if n == 0:
            return words
    groups: list[int] = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue  # "một triệu đồng", not "một triệu không nghìn"
        words += _three_digits(g, leading and i == len(groups) - 1)
        if _SCALES[i]:
            words.append(_SCALES[i])
        leading = False
    return words


def amount_in_words(n: int) -> str:
    """Vietnamese amount in words, lower case, ending in "đồng" (fees on receipts).

    0 -> "không đồng", 21000 -> "hai mươi mốt nghìn đồng", 105000 -> "một trăm linh năm nghìn đồng".
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputError("amount", msg("amount.whole", n=n))
    if n < 0:
        raise InputError("amount", msg("amount.negative"))
    if n == 0:
        return "không đồng"
    return " ".join([*_words(n, leading=True), "đồng"])


def format_vnd(n: int) -> str:
    """Vietnamese money format with dot thousands separators: 1250000 -> "1.250.000 đ"."""
    return f"{n:,}".replace(",", ".") + " đ"


def require_letters(name: str, field: str = "name") -> str:
    """``name`` unchanged when it has at least one letter; a "name" of digits and signs only
    (an identity number typed in the wrong box, "079099") is refused naming ``field``."""
    if name and not any(ch.isalpha() for ch in name):
        raise InputError(field, msg("name.letters", name=name))
    return name
