"""Safe text: the pure half of the one path every untrusted string takes to the screen.

``sanitize`` (multi-line bodies) and ``sanitize_line`` (titles, names, one-line labels)
make member text safe to *show*; ``fold_name`` makes names comparable for uniqueness and
impersonation checks.

What ``sanitize`` guarantees about its output:

- No C0 control except newline and tab, no DEL, no C1 control: each one is replaced by a
  visible stand-in, so no escape sequence (CSI, OSC 8/52, DCS, ...) can reach a terminal.
  C0 and DEL use the Unicode Control Pictures (ESC -> ``␛``, NUL -> ``␀``, DEL -> ``␡``);
  a lone CR shows as ``␍`` while CRLF becomes LF. C1 shows as ``⟪U+009B⟫``.
- No bidi control (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C): each one shows as
  ``⟪U+202E⟫``, so text cannot be reordered and the reader sees that something was there.
- No invisible format character: every other Unicode format character (category Cf: zero
  width space/non-joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator,
  interlinear annotations, tag characters, ...), the combining grapheme joiner and the
  Hangul filler letters are *removed* (they have no glyph, so removing them shows the text
  as its author saw it, and nothing can hide behind them). Exceptions that keep emoji
  intact: ZWJ (U+200D) between two emoji (👩‍💻, 🏳️‍🌈, ❤️‍🔥), and the tag characters of a
  subdivision flag (🏴 + tags + cancel tag).
- Variation selectors (U+FE00-FE0F, U+E0100-E01EF, Mongolian FVS) are kept, one per base
  character: extras and selectors that follow nothing visible are removed (long runs of
  selectors are a known way to smuggle hidden data).
- Lone surrogates become U+FFFD; U+2028/U+2029 (line/paragraph separators) become ``\\n``.
- ``sanitize(sanitize(x)) == sanitize(x)``.

Markup is deliberately NOT escaped here: ``[bold]`` stays ``[bold]``. The widget layer puts
the result into ``rich.text.Text`` / Textual ``Content`` objects, which never parse markup,
so ``Text(sanitize(x)).plain == sanitize(x)`` and nothing in it is interpreted. Escaping
here would double-escape on that path and corrupt stored text.

Pure and stdlib-only; no Rich, no Textual.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_name", "sanitize", "sanitize_line"]

# ------------------------------------------------------------------ character sets

TAB_NEWLINE = "\t\n"

#: Bidi formatting controls: shown visibly, never passed through.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

ZWJ = "\u200d"
CANCEL_TAG = "\U000e007f"

#: Invisible characters removed outright (ranges, inclusive). Every Unicode 15.1 format
#: character (Cf) is here except the bidi controls, ZWJ and the tag characters, which are
#: handled above or in context; plus other default-ignorable code points with no glyph.
_REMOVED_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605),  # Arabic prepended concatenation marks
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers (blank "letters")
    (0x17B4, 0x17B5),  # Khmer inherent vowels (deprecated, invisible)
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200C),  # zero width space, zero width non-joiner
    (0x2060, 0x2065),  # word joiner, invisible operators
    (0x206A, 0x206F),  # deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFEFF, 0xFEFF),  # byte order mark / zero width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # unassigned specials, interlinear annotation controls
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE001F),  # language tag and unassigned tag-block code points
    (0xE0080, 0xE00FF),
    (0xE01F0, 0xE0FFF),
)

#: Kept only in context (see module docstring).
_VARIATION_SELECTORS = "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
_TAGS = "\U000e0020-\U000e007f"

# Code points that can take part in an emoji sequence (broad on purpose: a false "emoji"
# only means a ZWJ between two symbols is kept, which hides nothing).
_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2"
    "\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff"
)
_MODIFIER = "\U0001f3fb-\U0001f3ff"
_FLAG_TAGS = "\U000e0030-\U000e0039\U000e0061-\U000e007a"

_ELEMENT = (
    f"(?:\U0001f3f4[{_FLAG_TAGS}]{{2,7}}{CANCEL_TAG}|[{_EMOJI}][{_MODIFIER}]?[\ufe0e\ufe0f]?)"
)
_CONTEXT_CHAR = f"[{ZWJ}{_VARIATION_SELECTORS}{_TAGS}]"

# One pass decides every context-dependent character: whole emoji sequences are kept as
# they are; a variation selector right after a visible base is kept (runs collapse to
# one); any other ZWJ, selector or tag character is dropped.
_CONTEXT = re.compile(
    f"(?P<emoji>{_ELEMENT}(?:{ZWJ}{_ELEMENT})*)"
    f"|(?<=[^\\s{ZWJ}{_VARIATION_SELECTORS}{_TAGS}])(?P<vs>[{_VARIATION_SELECTORS}])"
    f"[{_VARIATION_SELECTORS}]*"
    f"|{_CONTEXT_CHAR}"
)


def _visible_code(code: int) -> str:
    return f"⟪U+{code:04X}⟫"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)
    for char in TAB_NEWLINE:
        del table[ord(char)]
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = _visible_code(code)
    for char in BIDI_CONTROLS:
        table[ord(char)] = _visible_code(ord(char))
    for first, last in _REMOVED_RANGES:
        for code in range(first, last + 1):
            table[code] = None
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    return table


_TABLE = _build_table()


def _class_ranges(codes: list[int]) -> str:
    """The inside of a regex character class matching exactly ``codes``."""
    parts = []
    codes = sorted(codes)
    start = previous = codes[0]
    for code in [*codes[1:], None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        parts.append(
            f"\\U{start:08x}" if start == previous else f"\\U{start:08x}-\\U{previous:08x}"
        )
        if code is not None:
            start = previous = code
    return "".join(parts)


# Anything ``sanitize`` might change; text without any of these is returned as it is.
_SUSPECT = re.compile(
    "[" + _class_ranges([*_TABLE, ord("\r")]) + f"{ZWJ}{_VARIATION_SELECTORS}{_TAGS}]"
)

#: Removed outright, by ``sanitize`` and by ``fold_name``.
_INVISIBLE = frozenset(code for code, replacement in _TABLE.items() if replacement is None)

_LINE_TABLE = {ord("\n"): " ", ord("\t"): " "}


# ------------------------------------------------------------------ sanitising


def _keep_in_context(match: re.Match[str]) -> str:
    if match.group("emoji") is not None:
        return match.group("emoji")
    vs = match.group("vs")
    return vs if vs is not None else ""


def sanitize(text: str) -> str:
    """Member text made safe to show: newline and tab kept, every control made visible.

    See the module docstring for exactly what changes. Markup is left alone: show the
    result through ``rich.text.Text`` (or a widget built with ``markup=False``).
    """
    if _SUSPECT.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").translate(_TABLE)
    return _CONTEXT.sub(_keep_in_context, text)


def sanitize_line(text: str) -> str:
    """``sanitize`` for one-line places (titles, names): newlines and tabs become spaces,
    and leading and trailing whitespace is stripped."""
    return sanitize(text).translate(_LINE_TABLE).strip()


# ------------------------------------------------------------------ name folding

# Letters from other scripts (and symbols) that look like Latin letters. Upper and lower
# case are both listed because case decides the look (Greek Η looks like H, η like n).
# i, l, 1, | and ! all fold to "i": in many fonts I, l and 1 cannot be told apart.
_LOOKALIKES = str.maketrans(
    {
        # Cyrillic, upper case
        "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
        "С": "c", "Т": "t", "У": "y", "Х": "x", "І": "i", "Ј": "j", "Ѕ": "s", "Ӏ": "i",
        "Ԛ": "q", "Ԝ": "w", "Һ": "h", "Ү": "y", "Ԁ": "d",
        # Cyrillic, lower case
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "п": "n",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
        "ӏ": "i", "ԛ": "q", "ԝ": "w", "һ": "h", "ү": "y", "ԁ": "d", "ь": "b",
        # Greek, upper case
        "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
        "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
        # Greek, lower case
        "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u",
        "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        # Armenian
        "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g",
        # Latin letters without a decomposition, and small capitals
        "ı": "i", "ɩ": "i", "ł": "i", "ø": "o", "đ": "d", "ħ": "h", "ɡ": "g", "æ": "ae",
        "œ": "oe", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h",
        "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "i", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
        "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
        # digits and symbols used as letters
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
        "€": "e", "|": "i", "!": "i", "l": "i",
    }
)  # fmt: skip

# Regional indicator symbols (🇸🇵🇴🇹...) read as capital letters.
_LOOKALIKES.update({code: chr(code - 0x1F1E6 + ord("a")) for code in range(0x1F1E6, 0x1F200)})

_PAIRS = (("rn", "m"), ("vv", "w"))


def _drop_marks_and_invisibles(text: str) -> str:
    return "".join(
        char
        for char in text
        if ord(char) not in _INVISIBLE and unicodedata.category(char) not in ("Mn", "Me", "Cf")
    )


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def fold_name(name: str) -> str:
    """The key that decides whether two names are "the same" to a reader.

    Compatibility forms (fullwidth, mathematical, circled letters) are unified (NFKD),
    accents and invisible characters dropped, case folded, look-alike letters, digits and
    symbols folded to Latin (Cyrillic о -> o, 0 -> o, 1/l/I/| -> i, ``rn`` -> m), and
    everything that is not a letter or digit dropped, so ``"Spotify_Staff"``,
    ``"SP0TIFY staff"`` and ``"Ｓｐｏｔｉｆｙ.staff"`` all give ``"spotifystaff"``.
    The key is for comparing, never for showing.
    """
    text = unicodedata.normalize("NFKD", name)
    text = _drop_marks_and_invisibles(text).translate(_LOOKALIKES).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = _ascii_digits(_drop_marks_and_invisibles(text)).translate(_LOOKALIKES)
    text = "".join(char for char in text if char.isalnum())
    for pair, letter in _PAIRS:
        text = text.replace(pair, letter)
    return text
