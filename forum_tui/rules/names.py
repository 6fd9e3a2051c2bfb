"""Usernames and display names: what is allowed, and who a name may not pose as.

Each check returns ``None`` when the name is fine, or a reason in plain words. Names are
compared through :func:`forum_tui.rules.text.fold_name`, so look-alike letters, fullwidth
forms, accents, zero-width characters and separators cannot sneak past a check.

- Usernames: 3 to 30 characters of letters and digits (any script), ``_``, ``-`` and
  ``.``; no spaces, emoji or symbols. Store them as :func:`clean_username` gives them
  (NFC, stripped) and make them unique by :func:`username_key`.
- Display names: 1 to 40 characters (emoji count as one each, however many code points
  they use); emoji and spaces welcome; no control, bidi or invisible characters.
- Both: not a reserved name, no brand name anywhere in the name, and not posing as staff:
  a staff word ("moderator", "staff", "admin", the community's staff titles) may not be a
  word of the name (``ModeratorJen``, ``jen.moderator``, ``Jen_Admin``); long ones (7+
  letters) not its start or end either (``jenmoderator``). Short ones may sit inside a
  longer word (``Badminton``, ``Staffan``). Display names may
  not use the staff mark (◆) either.
"""

from __future__ import annotations

import re
import unicodedata

from forum_tui.rules.community import Community
from forum_tui.rules.text import BIDI_CONTROLS, fold_name, sanitize_line

__all__ = [
    "check_display_name",
    "check_username",
    "clean_username",
    "username_key",
]

USERNAME_MIN = 3
USERNAME_MAX = 30
DISPLAY_NAME_MIN = 1
DISPLAY_NAME_MAX = 40
#: A hard cap on code points, so stacked accents cannot make a huge "short" name.
DISPLAY_NAME_MAX_CODE_POINTS = 160

USERNAME_SYMBOLS = "_-."
STAFF_WORDS = ("moderator", "staff", "admin", "administrator")
#: Staff terms at least this long are refused even glued to another word ("jenmoderator");
#: shorter ones only as words, so "Staffan" and "Flagstaff" stay possible.
GLUED_TERM_MIN = 7
#: Marks that read like the staff mark in front of a name.
STAFF_MARK_LOOKALIKES = "◆◇◈♦⬥⬦❖"

# Letters that draw nothing: a name made of them looks empty.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def username_key(name: str) -> str:
    """The key that makes usernames unique: two names with the same key look alike."""
    return fold_name(name)


def clean_username(name: str) -> str:
    """The form to store: composed (NFC) and stripped."""
    return unicodedata.normalize("NFC", name).strip()


def check_username(name: str, community: Community) -> str | None:
    """None when ``name`` may be a username, else why not."""
    name = clean_username(name)
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX:
        return f"Usernames are {USERNAME_MIN} to {USERNAME_MAX} characters long."
    if any(char.isspace() for char in name):
        return "Usernames can't contain spaces."
    if any(_bad_username_char(char) for char in name):
        return "Usernames may only use letters, digits, '_', '-' and '.'."
    if not fold_name(name):
        return "Usernames need at least one letter or digit."
    return _impersonation(name, community)


def check_display_name(name: str, community: Community) -> str | None:
    """None when ``name`` may be a display name, else why not. Emoji are welcome."""
    name = name.strip()
    if any(_is_control(char) for char in name):
        return "Names can't contain control characters or line breaks."
    if any(char in BIDI_CONTROLS for char in name):
        return "Names can't contain characters that change the text direction."
    if sanitize_line(name) != name:
        return "Names can't contain invisible characters."
    if not any(_is_visible(char) for char in name):
        return "Display names need at least one visible character."
    if _shown_length(name) > DISPLAY_NAME_MAX or len(name) > DISPLAY_NAME_MAX_CODE_POINTS:
        return f"Display names are {DISPLAY_NAME_MIN} to {DISPLAY_NAME_MAX} characters long."
    if any(char in STAFF_MARK_LOOKALIKES or char == community.staff_mark for char in name):
        return "Names may not use the staff mark."
    return _impersonation(name, community)


# ------------------------------------------------------------------ impersonation


def _impersonation(name: str, community: Community) -> str | None:
    key = fold_name(name)
    if key in {fold_name(reserved) for reserved in community.reserved_names}:
        return "That name is reserved."
    for brand in community.brand_names:
        folded = fold_name(brand)
        if folded and folded in key:
            return f"Names may not use the {_brand_display(brand, community)} name."
    if _poses_as_staff(name, key, community):
        return "Names may not pose as staff or moderators."
    return None


def _poses_as_staff(name: str, key: str, community: Community) -> bool:
    terms = {fold_name(term) for term in (*STAFF_WORDS, *community.ranks.staff_titles)}
    terms.discard("")
    glued = [term for term in terms if len(term) >= GLUED_TERM_MIN]
    if any(key.startswith(term) or key.endswith(term) for term in glued):
        return True
    words = [fold_name(word) for word in _words(name)]
    return any(
        "".join(words[start:end]) in terms
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    )


_CAMEL = re.compile(r"(?<=[^\W\d_])(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])")


def _words(name: str) -> list[str]:
    """Words of a name: split at anything but letters and digits, and at camelCase."""
    pieces = re.split(r"[\W_]+", unicodedata.normalize("NFKC", name))
    return [word for piece in pieces for word in _CAMEL.split(piece) if word]


def _brand_display(brand: str, community: Community) -> str:
    """The brand as the community writes it ("Spotify" from "Spotify Community")."""
    for word in community.name.split():
        if fold_name(word) == fold_name(brand):
            return word
    return brand[:1].upper() + brand[1:]


# ------------------------------------------------------------------ characters


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or char in "\u2028\u2029"


def _bad_username_char(char: str) -> bool:
    if char in USERNAME_SYMBOLS:
        return False
    return not char.isalnum() or char in _BLANK_LETTERS


def _is_visible(char: str) -> bool:
    if char.isspace() or char in _BLANK_LETTERS:
        return False
    return unicodedata.category(char) not in ("Mn", "Me", "Cf", "Zs")


def _shown_length(name: str) -> int:
    """Characters as a reader counts them: an emoji sequence or an accented letter is one."""
    length = 0
    joined = False
    for char in name:
        if char == "\u200d":
            joined = True
            continue
        if _extends_previous(char) or joined:
            joined = False
            continue
        length += 1
    return length


def _extends_previous(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me")
        or 0x1F3FB <= code <= 0x1F3FF  # skin tone
        or 0xE0020 <= code <= 0xE007F  # flag tags
    )
