"""Small helpers shared by the checks: plain-words times, counts and lists, blank and
duplicate detection, and the index-keeping lower-casing the patterns run on."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta

from forum_tui.rules.wording import plural

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TEN_MINUTES = timedelta(minutes=10)
_ONE_HOUR = timedelta(hours=1)
_MASK = "•"

# Whitespace and characters that show nothing: a post of only these is empty.
_VISIBLE = re.compile(
    r"[^\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    r"\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]"
)
_SPACES = re.compile(r"\s+")
_DUPLICATE_PREFIX = 256


def _is_blank(text: str) -> bool:
    return _VISIBLE.search(text) is None


def _normalised(text: str) -> str:
    """Text for duplicate comparison: NFKC, case-folded, invisible characters dropped and
    whitespace collapsed."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split()).casefold()


def _day(moment: datetime, now: datetime) -> str:
    day = f"{moment.day} {_MONTHS[moment.month - 1]}"
    return day if moment.year == now.year else f"{day} {moment.year}"


def _wait(delta: timedelta) -> str:
    """'in 40 seconds', 'in 4 minutes', 'in 2 hours' (always rounded up)."""
    seconds = max(1, math.ceil(delta.total_seconds()))
    if seconds < 60:
        return f"in {plural(seconds, 'second')}"
    minutes = math.ceil(seconds / 60)
    if minutes <= 90:
        return f"in {plural(minutes, 'minute')}"
    return f"in {plural(math.ceil(minutes / 60), 'hour')}"


def _ago(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute ago"
    return f"{plural(minutes, 'minute')} ago"


def _short(text: str, limit: int = 48) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(n: int) -> str:
    return f"{n:,}"


def _listing(items: list[str], limit: int = 2) -> str:
    """'a', 'a and b', 'a, b and 3 more'."""
    if len(items) <= limit:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def _lower(text: str) -> str:
    """``text`` lower-cased with every character kept at its index, so spans found in
    the result apply to ``text``. Matching lower-cased text without ``re.IGNORECASE``
    lets the regex engine skip to literal prefixes, several times faster."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(char if len(lowered := char.lower()) != 1 else lowered for char in text)


def _at_word_start(low: str, start: int) -> bool:
    return start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_")


def _rate_limit(
    times: Iterable[datetime], now: datetime, window: timedelta, limit: int
) -> datetime | None:
    """When the next write is allowed, or None when it is allowed now."""
    if limit <= 0:
        return None
    inside = sorted(t for t in times if t > now - window)
    if len(inside) < limit:
        return None
    return max(inside[len(inside) - limit] + window, now + timedelta(seconds=1))
