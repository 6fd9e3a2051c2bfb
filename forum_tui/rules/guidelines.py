"""Guidelines applied on every write: small pure functions of (text, context) -> findings.

The store asks these functions before it writes a post, an idea or a private message, and
acts on what comes back. Each :class:`Finding` has a stable ``rule`` id, a
:class:`Severity` and a ``message`` fit to show a person:

- ``REFUSE``: the write does not happen; the message says why (and, for limits, when to
  try again: ``retry_at``). The draft is kept by the caller.
- ``WARN``: shown before posting; the member may edit or go on. Findings with
  ``report_if_posted=True`` (personal data, and every idea warning) also file an automatic
  report to the moderators' queue if the member goes on. One finding per problem, rather
  than a WARN and a REPORT twin, so the member sees each problem once and the queue gets
  the same words.
- ``REPORT``: accepted as it is, and an automatic report is filed (commercial or
  transactional posts).

:func:`refusals`, :func:`warnings` and :func:`reports` split a tuple of findings;
``reports`` answers "what goes to the queue if this is posted" (REPORT findings and the
WARN findings with ``report_if_posted``), and :attr:`Finding.report_reason` is the text for
the report itself.

Entry points:

- :func:`check_post` (threads, replies, edits: the store passes a :class:`PostContext`),
- :func:`check_idea` (an idea's subject and body against the Idea Exchange requirements;
  the store calls it as well as ``check_post`` for a new idea),
- :func:`check_message` (private messages),
- :func:`extract_uris` and :func:`find_personal_data`, the two detectors, public so the
  store can keep each post's canonical URIs and tests can probe them directly.

Design notes:

- Pure and stdlib-only: no clock (``now`` comes in), no I/O, no database. All datetimes
  must be of one kind (the store's naive UTC).
- Fast enough to run on every keystroke-save: a 20,000-character post checks in about a
  millisecond (2 ms when a near-identical long post must be compared in full). Every
  regular expression is compiled once at import and has no nested unbounded quantifier.
  Case-insensitive patterns run on a lower-cased copy (see ``_lower``) and start with a
  literal, so the engine skips to candidates at C speed, the word boundary before a match
  being checked in Python; rarer patterns run only when a gate substring is present; the
  number detectors run only near runs of nine or more digits.
- Personal data detectors aim for few false positives: a warning that fires on a release
  year or a track length teaches members to ignore warnings. Phone numbers need a ``+``/
  ``00`` country code, a national trunk ``0`` or the North American shape; card numbers need
  Luhn and a card-network prefix; IBANs need their country's length and the mod-97 check; a
  Dutch BSN needs its label ("BSN") and the 11-check. Links and Spotify URIs are blanked
  before numbers are looked for, so ids inside them never look like phone numbers.
- Messages never repeat personal data in full: the matched text is partly masked
  (``•••• •••• •••• 4242``).
- A limit of 0 in the community file switches that limit off.
- Commercial language is checked in every board, not only Chat: Community Guideline 9
  (no promotion of commercial products or services) applies everywhere, and the patterns
  are specific enough (f4f, "buy plays", "DM for promo") not to catch ordinary questions
  about prices or plans. The Chat URI rules apply to Chat boards only.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import islice
from urllib.parse import urlsplit

from forum_tui.rules.community import Limits

__all__ = [
    "RULE_TITLES",
    "Finding",
    "PostContext",
    "Severity",
    "check_idea",
    "check_message",
    "check_post",
    "extract_uris",
    "find_personal_data",
    "refusals",
    "reports",
    "warnings",
]


class Severity(StrEnum):
    REFUSE = "refuse"
    WARN = "warn"
    REPORT = "report"


# Short plain names of each rule, for the report queue and the audit log.
RULE_TITLES: dict[str, str] = {
    "email_unverified": "Email address not verified",
    "empty": "Empty post",
    "too_long": "Over the length limit",
    "duplicate": "Duplicate post",
    "rate_limit": "Posting too fast",
    "recipients": "Too many recipients",
    "personal_data": "Personal information",
    "chat_uri_in_thread": "Link already shared in this thread",
    "chat_uri_recent": "Link shared in Chat recently",
    "commercial": "Commercial or transactional post",
    "idea_label": "Idea without a label",
    "idea_language": "Idea not in English",
    "idea_several": "Several requests in one idea",
    "idea_rollback": "Roll-back request",
    "idea_pricing": "Pricing, subscription or content request",
    "idea_country": "New-country request",
    "idea_detail": "Idea without enough detail",
}


@dataclass(frozen=True)
class Finding:
    """One problem a guideline found in what a member is about to write.

    - ``rule``: a stable id (a key of :data:`RULE_TITLES`).
    - ``severity``: refuse, warn or report (see the module docstring).
    - ``message``: plain words fit to show the member.
    - ``guideline``: the Community Guideline (1-15) it relates to, if any.
    - ``requirement``: the Idea Exchange requirement (1-8) it relates to, if any.
    - ``detail``: a short specific for the queue: the kind of personal data, the canonical
      URI, the matched phrase, the label. Never unmasked personal data.
    - ``retry_at``: for refusals that expire (rate limits, a URI repeated in Chat, a
      duplicate), the moment the same write would no longer be refused for this reason.
    - ``report_if_posted``: a WARN that also files an automatic report if posted anyway.
    """

    rule: str
    severity: Severity
    message: str
    guideline: int | None = None
    requirement: int | None = None
    detail: str = ""
    retry_at: datetime | None = None
    report_if_posted: bool = False

    @property
    def files_report(self) -> bool:
        """True when posting the content anyway files an automatic report."""
        return self.severity is Severity.REPORT or self.report_if_posted

    @property
    def report_reason(self) -> str:
        """The reason to record on the automatic report, e.g. "Personal information
        (phone number)"."""
        title = RULE_TITLES.get(self.rule, self.rule)
        return f"{title} ({self.detail})" if self.detail else title


@dataclass(frozen=True)
class PostContext:
    """Everything :func:`check_post` needs to know, gathered by the store.

    - ``board_kind``: the board's kind (``community.BOARD_KINDS``); ``"chat"`` turns on
      the Chat URI rules.
    - ``body``: the post's text as typed.
    - ``now``: the service clock's time.
    - ``title``: the thread title for a new thread (or an opening post's edit); ``None`` for
      a reply. ``is_new_thread`` is derived from it.
    - ``author_days_member``: whole or fractional days since the author joined; below
      ``limits.new_member_days`` the stricter new-member rate applies.
    - ``email_verified``: whether the author's email address is verified.
    - ``recent_own_posts``: ``(created_at, body)`` of the author's posts inside the
      duplicate window (older ones may be passed; they are ignored). Empty for an edit.
    - ``own_post_times_last_10_min``: creation times of the author's posts in the last ten
      minutes (older ones are ignored). Empty for an edit.
    - ``thread_uris``: ``(uri, position)`` for every URI already in the thread, URIs as
      returned by :func:`extract_uris`, position as shown to readers (opening post is 1).
    - ``own_recent_chat_uris``: ``(uri, created_at)`` for URIs the author posted anywhere in
      Chat within ``limits.chat_uri_repeat_days`` (older ones are ignored).
    """

    board_kind: str
    body: str
    now: datetime
    title: str | None = None
    author_days_member: float = 0
    email_verified: bool = True
    recent_own_posts: tuple[tuple[datetime, str], ...] = ()
    own_post_times_last_10_min: tuple[datetime, ...] = ()
    thread_uris: tuple[tuple[str, int], ...] = ()
    own_recent_chat_uris: tuple[tuple[str, datetime], ...] = ()

    @property
    def is_new_thread(self) -> bool:
        return self.title is not None


# ====================================================================== splitting


def refusals(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings that stop the write."""
    return tuple(f for f in findings if f.severity is Severity.REFUSE)


def warnings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings to show before posting; the member may edit or go on."""
    return tuple(f for f in findings if f.severity is Severity.WARN)


def reports(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings that file an automatic report if the content is posted."""
    return tuple(f for f in findings if f.files_report)


# ====================================================================== small helpers

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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _wait(delta: timedelta) -> str:
    """'in 40 seconds', 'in 4 minutes', 'in 2 hours' (always rounded up)."""
    seconds = max(1, math.ceil(delta.total_seconds()))
    if seconds < 60:
        return f"in {_plural(seconds, 'second')}"
    minutes = math.ceil(seconds / 60)
    if minutes <= 90:
        return f"in {_plural(minutes, 'minute')}"
    return f"in {_plural(math.ceil(minutes / 60), 'hour')}"


def _ago(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute ago"
    return f"{_plural(minutes, 'minute')} ago"


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


# ====================================================================== URIs and links

_URI_TYPES = ("track", "album", "playlist", "episode", "show", "artist")
# Both run on the lower-cased text (see _lower); the id is then read from the original.
# They start with a literal, so the regex engine skips ahead to candidates at C speed;
# the word boundary before each is checked in Python.
_SPOTIFY_URI = re.compile(
    r"spotify:(?:user:[^:\s]{1,64}:)?(track|album|playlist|episode|show|artist)"
    r":([a-z0-9]{1,64})(?![a-z0-9])"
)
_LINK = re.compile(r"(?:https?://|open\.spotify\.com/)[^\s<>\"'`\x00-\x1f\x7f]+")
_TRAILING = ".,;:!?'\"*_>]}"
_HOST = re.compile(r"[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*")
_IPV6 = re.compile(r"[0-9a-f:.]+")
_TRACKING_KEYS = frozenset(
    {
        "si",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "feature",
        "_hsenc",
        "_hsmi",
        "context",
        "nd",
        "pi",
        "dl_branch",
    }
)


def _trim_link(raw: str) -> str:
    while raw:
        last = raw[-1]
        if last in _TRAILING or (last == ")" and raw.count("(") < raw.count(")")):
            raw = raw[:-1]
        else:
            break
    return raw


def _canonical_link(raw: str) -> str | None:
    if not raw.lower().startswith(("http://", "https://")):
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if not (_HOST.fullmatch(host) or (":" in host and _IPV6.fullmatch(host))):
        return None
    while host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    path = parts.path
    if host == "open.spotify.com":
        segments = [s for s in path.split("/") if s]
        if segments and segments[0].lower().startswith("intl-"):
            segments = segments[1:]
        if segments and segments[0].lower() == "embed":
            segments = segments[1:]
        if len(segments) >= 3 and segments[0].lower() == "user":
            segments = segments[2:]
        if len(segments) >= 2 and segments[0].lower() in _URI_TYPES and segments[1].isalnum():
            return f"spotify:{segments[0].lower()}:{segments[1]}"
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair
        and (key := pair.split("=", 1)[0].lower()) not in _TRACKING_KEYS
        and not key.startswith("utm_")
    )
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port in (80, 443) else f"{host}:{port}"
    tail = f"{path}?{query}" if query else path
    while True:
        trimmed = _trim_link(tail.rstrip("/"))
        if trimmed == tail:
            return f"https://{netloc}{tail}"
        tail = trimmed


def extract_uris(text: str) -> tuple[str, ...]:
    """Spotify URIs and links in ``text``, canonical and in order of first appearance.

    ``spotify:track:ID`` URIs and ``open.spotify.com/track/ID`` links (any of track,
    album, playlist, episode, show, artist; with or without ``intl-xx/``, ``embed/``, a
    ``?si=`` query) all become ``spotify:track:ID``, so a link and a URI for the same
    track match. Other http(s) links become ``https://host/path?query`` with the host
    lower-cased and without ``www.``, the default port, a trailing slash, the fragment
    and tracking parameters (``utm_*``, ``si``, ``fbclid``, ...). http and https count as
    the same link.
    """
    return _extract_uris(text, _lower(text))


def _lower(text: str) -> str:
    """``text`` lower-cased with every character kept at its index, so spans found in
    the result apply to ``text``. Matching lower-cased text without ``re.IGNORECASE``
    lets the regex engine skip to literal prefixes, several times faster."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(char if len(lowered := char.lower()) != 1 else lowered for char in text)


# (start, end, canonical URI or None) of each Spotify URI and link in a text.
_Links = list[tuple[int, int, str | None]]


def _link_matches(text: str, low: str) -> _Links:
    """``(start, end, canonical)`` of each Spotify URI and link, in ``text`` order;
    ``canonical`` is None for a link too broken to normalise (it still gets blanked).
    A URI inside a link (``https://example.com/?u=spotify:track:...``) is part of it."""
    found: _Links = []
    if "http" in low or "open.spotify.com/" in low:
        for match in _LINK.finditer(low):
            start = match.start()
            before = low[start - 1] if start else " "
            boundary = "_" if low.startswith("http", start) else "_./@-"
            if not (before.isalnum() or before in boundary):
                raw = _trim_link(text[start : match.end()])
                found.append((start, match.end(), _canonical_link(raw)))
    if "spotify:" in low:
        link_starts = [start for start, _, _ in found]
        links = len(found)
        for match in _SPOTIFY_URI.finditer(low):
            start = match.start()
            if start and (low[start - 1].isalnum() or low[start - 1] in "_:"):
                continue
            index = bisect_right(link_starts, start) - 1
            if index >= 0 and start < found[index][1]:
                continue
            uri_id = text[match.start(2) : match.end(2)]
            found.append((start, match.end(), f"spotify:{match.group(1)}:{uri_id}"))
        if len(found) > links:
            found.sort()
    return found


def _extract_uris(text: str, low: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(uri for _, _, uri in _link_matches(text, low) if uri))


def _uri_noun(uri: str) -> str:
    if uri.startswith("spotify:"):
        return uri.split(":")[1]
    return "link"


# ====================================================================== personal data

_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([A-Za-z]{2,24})"
    r"(?![\w-]|\.[A-Za-z0-9])"
)
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "heic", "mp3"})
_EMAIL_WINDOWS = 20  # with more "@"s than this, one pass over the whole text is cheaper

# Candidate regions for the number detectors: a run of digits and separators holding at
# least nine digits (every phone, card, SSN, BSN and the digits of an IBAN). Starting
# with \d lets the engine skip ahead to digits; the detectors then run only near these.
_NUMBER_RUN = re.compile(r"\d(?<!\d\d)[\d .()/-]{8,}")
_DIGIT = re.compile(r"\d")

_NUMBER_BEFORE = r"(?<![\w+#$€£¥:/=&.,@\x00-])"
_NUMBER_AFTER = r"(?![\w\x00]|[.,:/-]\d)"
_PHONE = re.compile(
    _NUMBER_BEFORE
    + r"(?:"
    # international: +CC or 00CC, digits with single separators, area code in ( )
    + r"(?:\+|00)[1-9](?:[ .-]?(?:\(\d{1,4}\)|\d)){7,16}"
    # national with a trunk 0: 07700 900123, (020) 7946 0958, 06 12 34 56 78
    + r"|(?:\(0\d{1,4}\)|0\d{1,4})(?:[ .-]?\d{2,8}){1,4}"
    # North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199
    + r"|(?:1[ .-]?)?(?:\(\d{3}\) ?\d{3}[ .-]\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})"
    + r")"
    + _NUMBER_AFTER
)
_DATE_INSIDE = re.compile(
    r"(?<![\d.-])(?:\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./-])\d{1,2}\2\d{1,2})"
    r"(?![\d]|[./-]\d)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT_GROUPS = re.compile(r"\d+")
_CARD = re.compile(_NUMBER_BEFORE + r"\d(?:[ -]?\d){12,18}" + _NUMBER_AFTER)
_SSN = re.compile(r"(?<![\w-])(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w]|-\d)")
# Upper case, written either run together or in the usual pairs: AB123456C, AB 12 34 56 C.
# Starts with the letter class (the engine skips to capitals); the boundary before it is
# the lookbehind just after it, and the excluded prefixes are checked in Python.
_NI_NUMBER = re.compile(
    r"[A-CEGHJ-PR-TW-Z](?<![\w\x00][A-Z])[A-CEGHJ-NPR-TW-Z]"
    r"(?:\d{6}|\ \d\d\ \d\d\ \d\d\ )[A-D](?!\w)"
)
_NI_EXCLUDED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_BSN = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofi-?nummer)\b[\s:#.-]{0,4}(?:nr\.?|nummer|number|no\.?)?"
    r"[\s:#.-]{0,4}(\d{9}|\d{4}\.\d{2}\.\d{3})(?![\w]|[.-]\d)"
)  # run on lower-cased text
_IBAN = re.compile(
    r"(?<![\w\x00])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?!\w)",
    re.IGNORECASE,
)
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22,
    "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27,
    "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
    "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
}  # fmt: skip
_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct"
    r"|Place|Pl|Terrace|Crescent|Close|Square|Sq|Highway|Hwy|Parkway|Pkwy)"
)
# Street suffixes start with a capital, so the engine skips to candidates quickly; the
# full address pattern then runs in a small window before each.
_STREET_WORD = re.compile(_STREET_SUFFIX + r"\b")
_ADDRESS = re.compile(
    r"(?<![\w/.,$€£#:\x00-])\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?[ \t]+"
    r"(?:[A-Z][a-z'’-]+\.?[ \t]+){1,3}" + _STREET_SUFFIX + r"\b\.?"
    # not followed by another capitalised word ("10 Summer Road Trip"), unless a direction
    r"(?![ \t]+(?!(?:N|S|E|W|NE|NW|SE|SW)\b)[A-Z][a-z])"
)

_KIND_NAMES = {
    "email": ("an email address", "email addresses"),
    "phone": ("a phone number", "phone numbers"),
    "card": ("a payment card number", "payment card numbers"),
    "ssn": ("a US Social Security number", "US Social Security numbers"),
    "ni_number": ("a UK National Insurance number", "UK National Insurance numbers"),
    "bsn": ("a Dutch citizen service number (BSN)", "Dutch citizen service numbers (BSN)"),
    "iban": ("a bank account number (IBAN)", "bank account numbers (IBAN)"),
    "address": ("a street address", "street addresses"),
}
_KIND_ORDER = tuple(_KIND_NAMES)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card_network_ok(digits: str) -> bool:
    """A known card-network prefix (Visa, Mastercard, Amex, Discover, JCB, Diners,
    Maestro, UnionPay): keeps lists of years and order numbers out."""
    first = digits[0]
    if first in "456":
        return True
    if first == "3":
        return digits[1] in "04578"
    if first == "2":
        return 2221 <= int(digits[:4]) <= 2720
    return False


def _iban_ok(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def _bsn_ok(digits: str) -> bool:
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _phone_ok(candidate: str) -> bool:
    digits = "".join(_DIGIT_GROUPS.findall(candidate))
    if candidate.startswith("00"):
        digits = digits[2:]
    if not 9 <= len(digits) <= 15:
        return False
    if _DATE_INSIDE.search(candidate):
        return False
    groups = _DIGIT_GROUPS.findall(candidate)
    return not all(len(g) == 4 and _YEAR.fullmatch(g) for g in groups)


def _end_of_nth_alnum(text: str, n: int) -> int:
    """The index just after the ``n``-th non-space character (len(text) if fewer)."""
    seen = 0
    for index, char in enumerate(text):
        seen += char != " "
        if seen == n:
            return index + 1
    return len(text)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        pieces.append(text[last:start])
        pieces.append("\x00" * (end - start))
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)


def _find_personal_data(
    text: str, low: str, links: _Links | None = None
) -> list[tuple[int, str, str]]:
    """``(start, kind, matched)`` for each piece of personal data, in text order.
    ``links`` are ``_link_matches(text, low)`` when the caller already has them."""
    found: list[tuple[int, str, str]] = []
    seen: set[tuple[int, int]] = set()

    def take(kind: str, start: int, end: int) -> None:
        if (start, end) not in seen:
            seen.add((start, end))
            found.append((start, kind, text[start:end]))

    def spans() -> list[tuple[int, int]]:
        return [(start, start + len(matched)) for start, _, matched in found]

    size = len(text)
    ats = text.count("@")
    if ats:
        windows = [(0, size)]
        if ats <= _EMAIL_WINDOWS:
            windows, at = [], text.find("@")
            while at != -1:
                windows.append((max(0, at - 65), min(size, at + 256)))
                at = text.find("@", at + 1)
        for start, end in windows:
            for match in _EMAIL.finditer(text, start, end):
                if match.group(1).lower() not in _FILE_SUFFIXES:
                    take("email", match.start(), match.end())
    if links is None:
        links = _link_matches(text, low)
    scan = _blank(text, [(start, end) for start, end, _ in links] + spans())
    if _DIGIT.search(scan):
        _find_numbers(scan, low, take)
        for match in _NI_NUMBER.finditer(scan):
            if match.group()[:2] not in _NI_EXCLUDED:
                take("ni_number", match.start(), match.end())
        scan = _blank(scan, spans())
        for word in _STREET_WORD.finditer(scan):
            window = max(0, word.start() - 80)
            for match in _ADDRESS.finditer(scan, window, min(size, word.end() + 40)):
                if match.start() < word.start() < match.end():
                    take("address", match.start(), match.end())
    found.sort()
    return found


def _find_numbers(scan: str, low: str, take: Callable[[str, int, int], None]) -> None:
    """Cards, IBANs, SSNs, BSNs and phone numbers, looked for only near runs of 9+ digits
    (``take`` records each; a found number is blanked before phones are looked for)."""
    size = len(scan)
    bsn_label = "bsn" in low or "sofi" in low or "burgerservicenummer" in low
    regions = [
        (m.start(), m.end())
        for m in _NUMBER_RUN.finditer(scan)
        if len(_DIGIT.findall(m.group())) >= 9
    ]
    taken: list[tuple[int, int]] = []
    for start, end in regions:
        near = (max(0, start - 2), min(size, end + 2))
        for match in _CARD.finditer(scan, *near):
            digits = match.group().replace(" ", "").replace("-", "")
            if 13 <= len(digits) <= 19 and _card_network_ok(digits) and _luhn_ok(digits):
                take("card", match.start(), match.end())
                taken.append(match.span())
        for match in _IBAN.finditer(scan, max(0, start - 34), near[1]):
            candidate = match.group()
            length = _IBAN_LENGTHS.get(candidate[:2].upper())
            if length is None:
                continue
            cut = _end_of_nth_alnum(candidate, length)
            compact = candidate[:cut].replace(" ", "").upper()
            if len(compact) == length and _iban_ok(compact):
                take("iban", match.start(), match.start() + cut)
                taken.append((match.start(), match.start() + cut))
        for match in _SSN.finditer(scan, *near):
            take("ssn", match.start(), match.end())
            taken.append(match.span())
        if bsn_label:
            for match in _BSN.finditer(low, max(0, start - 40), near[1]):
                if _bsn_ok(match.group(1).replace(".", "")):
                    take("bsn", match.start(1), match.end(1))
                    taken.append(match.span(1))
    if taken:
        scan = _blank(scan, taken)
    for start, end in regions:
        for match in _PHONE.finditer(scan, max(0, start - 2), min(size, end + 2)):
            if _phone_ok(match.group()):
                take("phone", match.start(), match.end())


def find_personal_data(text: str) -> tuple[tuple[str, str], ...]:
    """``(kind, matched text)`` for each piece of personal data in ``text``, in order.

    Kinds: ``email``, ``phone``, ``card`` (13-19 digits passing Luhn with a card-network
    prefix), ``ssn`` (US), ``ni_number`` (UK National Insurance), ``bsn`` (Dutch, when
    labelled and passing the 11-check), ``iban`` (country length and mod-97), ``address``
    (an English street address: number, capitalised name, street suffix).
    """
    return tuple((kind, matched) for _, kind, matched in _find_personal_data(text, _lower(text)))


def _mask_keep_last(text: str, keep: int, keep_first: int = 0) -> str:
    positions = [i for i, char in enumerate(text) if char.isalnum()]
    shown = set(positions[:keep_first]) | set(positions[max(0, len(positions) - keep) :])
    return "".join(
        char if (i in shown or not char.isalnum()) else _MASK for i, char in enumerate(text)
    )


def _mask(kind: str, matched: str) -> str:
    if kind == "email":
        local, _, domain = matched.partition("@")
        return f"{local[:1]}{_MASK * 3}@{domain}"
    if kind == "address":
        words = matched.split()
        masked = [_MASK * len(words[0])]
        for word in words[1:-1]:
            masked.append(word[:1] + _MASK * (len(word) - 1))
        masked.append(words[-1])
        return " ".join(masked)
    if kind == "iban":
        return _mask_keep_last(matched, keep=4, keep_first=2)
    keep = {"card": 4, "ssn": 4, "phone": 3}.get(kind, 2)
    return _mask_keep_last(matched, keep=keep)


def _personal_data_findings(text: str, low: str, links: _Links) -> list[Finding]:
    by_kind: dict[str, list[str]] = {}
    for _, kind, matched in _find_personal_data(text, low, links):
        masked = _mask(kind, matched)
        if masked not in by_kind.setdefault(kind, []):
            by_kind[kind].append(masked)
    findings = []
    for kind in _KIND_ORDER:
        if kind not in by_kind:
            continue
        one, many = _KIND_NAMES[kind]
        shown = _listing(by_kind[kind])
        lead = f"This looks like {one}" if len(by_kind[kind]) == 1 else f"These look like {many}"
        findings.append(
            Finding(
                rule="personal_data",
                severity=Severity.WARN,
                message=(
                    f"{lead} ({shown}). Posting personal information is against guideline 10."
                ),
                guideline=10,
                detail=one.split(" ", 1)[1],
                report_if_posted=True,
            )
        )
    return findings


# ====================================================================== commercial

# Every pattern runs on the lower-cased text and starts with a literal word, so the regex
# engine skips ahead to candidates at C speed; the word boundary before a match is then
# checked in Python (a leading \b would make the engine try every position). Each runs
# only when one of its gate strings is in the text: a substring test is nearly free.
# f4f, follow for follow, l4l, s4s, sub4sub: found from the "4"/"for" in the middle (rarer
# than the letters the first word may start with), then the word before is checked.
_EXCHANGE_WORD = r"(?:f|follow|l|like|s|stream|sub|p|play)"
_FOR_EXCHANGE = re.compile(r"(?:4|for)\s?" + _EXCHANGE_WORD + r"(?![a-z0-9])")
_SPELLED_EXCHANGE = frozenset({"f", "follow", "stream", "sub"})
_EXCHANGE_BEFORE = re.compile(r"(?<![a-z0-9_])" + _EXCHANGE_WORD + r"\s?$")
_COMMERCIAL: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("follow",),
        re.compile(
            r"follow(?:ing)?[\s-]?back\b|followback\b"
            r"|follow\s+(?:me|my\s+\w+)\s+and\s+i(?:'ll|’ll|\s+will)\s+follow\b"
        ),
    ),
    (
        ("paid", "placement"),
        re.compile(
            r"paid\s+(?:promo(?:tion)?s?|placements?|playlist(?:ing|s)?|streams?|plays?"
            r"|features?)\b|playlist\s+placements?\b"
        ),
    ),
    (
        ("streams", "plays", "followers", "listeners", "saves", "promo"),
        re.compile(
            r"(?:cheap|affordable|guaranteed|buy(?:ing)?|sell(?:ing)?|purchase)\s+"
            r"(?:\d+[km]?\s+)?(?:real\s+|organic\s+|spotify\s+|monthly\s+)?"
            r"(?:streams|plays|followers|listeners|saves|promo(?:tion)?)\b"
        ),
    ),
    (("swap", "exchange", "trade"), re.compile(r"stream[\s-]?(?:swaps?|exchanges?|trades?)\b")),
    (
        ("$", "€", "£"),
        re.compile(
            r"[$€£]\s?\d+(?:[.,]\d+)?\s*(?:for|per|/)\s*\d+[km]?\s*"
            r"(?:streams|plays|followers|listeners|saves)\b"
        ),
    ),
)
# "DM me for promo": found from its "for", then the words before it are checked.
_FOR_PROMO = re.compile(r"for\s+(?:promo(?:tion)?s?|placements?|rates?|prices?|pricing|paid)\b")
_ASK_BEFORE = re.compile(r"\b(?:dm|pm|message|inbox|contact|hmu|hit\s+me\s+up)(?:\s+me)?\s+$")
# Contests: a prize word near (on the same line as) follow/stream/subscribe. Giveaways,
# raffles and gift cards count on either side; rewards, prizes, "to win" and free Premium
# only after the action ("follow ... to win"), so "Stars rewards ... follow" stays quiet.
_CONTEST_GATES = (
    "giveaway",
    "give-away",
    "raffle",
    "win",
    "gift",
    "prize",
    "reward",
    "free premium",
)
_PRIZE = re.compile(
    r"(?:giveaway|give-away|raffle|chance\s+to\s+win|win\s+an?|gift\s*cards?"
    r"|to\s+win|prizes?|rewards?|free\s+premium)\b"
)
_EITHER_SIDE = ("giveaway", "give-away", "raffle", "chance", "win", "gift")
_ACTION = re.compile(r"\b(?:follow|stream|subscribe)")
_CONTEST_REACH = 60


def _at_word_start(low: str, start: int) -> bool:
    return start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_")


def _contest_match(low: str) -> tuple[int, int] | None:
    for prize in _PRIZE.finditer(low):
        start, end = prize.span()
        if not _at_word_start(low, start):
            continue
        line_start = low.rfind("\n", 0, start) + 1
        line_end = low.find("\n", end)
        line_end = len(low) if line_end == -1 else line_end
        before = max(line_start, start - _CONTEST_REACH)
        actions = list(_ACTION.finditer(low, before, start))
        if actions:
            return actions[-1].start(), end
        if prize.group().startswith(_EITHER_SIDE):
            after = _ACTION.search(low, end, min(line_end, end + _CONTEST_REACH))
            if after:
                return start, after.end()
    return None


def _commercial_match(low: str) -> tuple[int, int, int] | None:
    """``(start, end, guideline)`` of the first commercial or contest phrase, or None."""
    if "4" in low or "for" in low:
        for match in _FOR_EXCHANGE.finditer(low):
            start = match.start()
            before = _EXCHANGE_BEFORE.search(low, max(0, start - 7), start)
            # "like for like" and "play for play" are ordinary English; l4l is not.
            spelled = low.startswith("for", start)
            if before and (not spelled or before.group().strip() in _SPELLED_EXCHANGE):
                return before.start(), match.end(), 9
    for gates, pattern in _COMMERCIAL:
        if any(gate in low for gate in gates):
            for match in pattern.finditer(low):
                if _at_word_start(low, match.start()):
                    return match.start(), match.end(), 9
    if "for" in low:
        for match in _FOR_PROMO.finditer(low):
            if _at_word_start(low, match.start()):
                ask = _ASK_BEFORE.search(low, max(0, match.start() - 20), match.start())
                if ask:
                    return ask.start(), match.end(), 9
    if any(gate in low for gate in _CONTEST_GATES):
        span = _contest_match(low)
        if span:
            return span[0], span[1], 13
    return None


def _commercial_findings(text: str, low: str) -> list[Finding]:
    found = _commercial_match(low)
    if found is None:
        return []
    start, end, guideline = found
    phrase = _short(text[start:end], 40)
    if guideline == 9:
        message = (
            f'This looks like a commercial or transactional offer ("{phrase}"). '
            "Follow-for-follow, paid promotion and rewards aren't allowed (guideline 9); "
            "the moderators will take a look."
        )
    else:
        message = (
            f'This looks like a contest or a reward for listens or follows ("{phrase}"). '
            "Members can't run their own contests (guideline 13); "
            "the moderators will take a look."
        )
    return [Finding("commercial", Severity.REPORT, message, guideline=guideline, detail=phrase)]


# ====================================================================== posts


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


def _length_findings(title: str | None, body: str, limits: Limits) -> list[Finding]:
    findings = []
    if title is not None and _is_blank(title):
        findings.append(Finding("empty", Severity.REFUSE, "Your title is empty."))
    elif title is not None and limits.title_max and len(title.strip()) > limits.title_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Titles can be at most {_count(limits.title_max)} characters "
                f"(this one has {_count(len(title.strip()))}).",
                detail="title",
            )
        )
    if _is_blank(body):
        findings.append(Finding("empty", Severity.REFUSE, "Your post is empty."))
    elif limits.post_max and len(body.strip()) > limits.post_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Posts can be at most {_count(limits.post_max)} characters "
                f"(this one has {_count(len(body.strip()))}).",
                detail="body",
            )
        )
    return findings


def _duplicate_findings(context: PostContext, limits: Limits) -> list[Finding]:
    if not limits.duplicate_window_minutes or not context.recent_own_posts:
        return []
    window = timedelta(minutes=limits.duplicate_window_minutes)
    mine_start = _normalised(context.body[:_DUPLICATE_PREFIX])
    mine: str | None = None
    latest: datetime | None = None
    for created, body in context.recent_own_posts:
        if created <= context.now - window or (latest is not None and created <= latest):
            continue
        # Normalising a prefix is a prefix of normalising the whole (give or take the last
        # character), so most different posts are told apart without reading them whole.
        start = _normalised(body[:_DUPLICATE_PREFIX])
        common = min(len(start), len(mine_start)) - 1
        if common > 0 and start[:common] != mine_start[:common]:
            continue
        if mine is None:
            mine = _normalised(context.body)
        if _normalised(body) == mine:
            latest = created
    if latest is None:
        return []
    return [
        Finding(
            "duplicate",
            Severity.REFUSE,
            f"You posted the same text {_ago(context.now - latest)}.",
            guideline=3,
            retry_at=latest + window,
        )
    ]


def _post_rate_findings(context: PostContext, limits: Limits) -> list[Finding]:
    new = context.author_days_member < limits.new_member_days
    limit = limits.posts_per_10_minutes_new if new else limits.posts_per_10_minutes
    retry = _rate_limit(context.own_post_times_last_10_min, context.now, _TEN_MINUTES, limit)
    if retry is None:
        return []
    who = (
        f"New members (in their first {_plural(limits.new_member_days, 'day')})"
        if new
        else "Members"
    )
    return [
        Finding(
            "rate_limit",
            Severity.REFUSE,
            f"You're posting too fast; try again {_wait(retry - context.now)}. "
            f"{who} can post {_plural(limit, 'time')} in 10 minutes.",
            retry_at=retry,
        )
    ]


def _chat_uri_findings(context: PostContext, limits: Limits, links: _Links) -> list[Finding]:
    uris = tuple(dict.fromkeys(uri for _, _, uri in links if uri))
    if not uris:
        return []
    in_thread: dict[str, int] = {}
    for uri, position in context.thread_uris:
        if uri not in in_thread or position < in_thread[uri]:
            in_thread[uri] = position
    days = limits.chat_uri_repeat_days
    window = timedelta(days=days)
    recent: dict[str, datetime] = {}
    if days:
        for uri, created in context.own_recent_chat_uris:
            if created > context.now - window and (uri not in recent or created > recent[uri]):
                recent[uri] = created
    findings = []
    for uri in uris:
        noun = _uri_noun(uri)
        if uri in in_thread:
            findings.append(
                Finding(
                    "chat_uri_in_thread",
                    Severity.REFUSE,
                    f"That {noun} was already shared in this thread (post #{in_thread[uri]}).",
                    detail=uri,
                )
            )
        elif uri in recent:
            shared = recent[uri]
            allowed = shared + window
            findings.append(
                Finding(
                    "chat_uri_recent",
                    Severity.REFUSE,
                    f"You shared {_short(uri)} in Chat on {_day(shared, context.now)}; "
                    f"you can share it again from {_day(allowed, context.now)}.",
                    detail=uri,
                    retry_at=allowed,
                )
            )
    return findings


def check_post(context: PostContext, limits: Limits) -> tuple[Finding, ...]:
    """Every guideline that applies to a new thread, a reply or an edit.

    Refusals: unverified email, empty title or body (whitespace and invisible characters
    only count as empty), over ``title_max``/``post_max``, the same text within
    ``duplicate_window_minutes``, too many posts in ten minutes (new members stricter), and
    in Chat a URI already in the thread or shared by the author in Chat within
    ``chat_uri_repeat_days``. Warnings: personal data (reported if posted anyway).
    Reports: commercial or transactional language.
    """
    findings: list[Finding] = []
    if not context.email_verified:
        findings.append(
            Finding(
                "email_unverified",
                Severity.REFUSE,
                "Verify your email address before posting.",
            )
        )
    findings += _length_findings(context.title, context.body, limits)
    findings += _duplicate_findings(context, limits)
    findings += _post_rate_findings(context, limits)
    text = context.body if context.title is None else f"{context.title}\n{context.body}"
    low = _lower(text)
    links = _link_matches(text, low)
    if context.board_kind == "chat":
        findings += _chat_uri_findings(context, limits, links)
    findings += _personal_data_findings(text, low, links)
    findings += _commercial_findings(text, low)
    return tuple(findings)


# ====================================================================== private messages


def check_message(
    body: str,
    *,
    now: datetime,
    limits: Limits,
    recipients: int = 1,
    own_message_times: tuple[datetime, ...] = (),
    subject: str | None = None,
    sender_days_member: int | None = None,
    exempt: bool = False,
) -> tuple[Finding, ...]:
    """Guidelines for a private message.

    ``recipients`` is the number of members it goes to (besides the sender);
    ``own_message_times`` the sender's sending times in the last hour (older ones are
    ignored); ``subject`` the subject of a new conversation, ``None`` for a reply.
    ``sender_days_member``: days since the sender joined; in their first
    ``limits.new_member_days`` the stricter ``pm_max_recipients_new`` and
    ``pm_per_hour_new`` apply (guideline 12: no blasts). ``exempt`` (staff and
    moderators) lifts both limits.
    """
    new = sender_days_member is not None and sender_days_member < limits.new_member_days
    max_recipients = limits.pm_max_recipients_new if new else limits.pm_max_recipients
    per_hour = limits.pm_per_hour_new if new else limits.pm_per_hour
    who = f"New members (in their first {_plural(limits.new_member_days, 'day')})" if new else ""
    findings: list[Finding] = []
    if subject is not None and _is_blank(subject):
        findings.append(Finding("empty", Severity.REFUSE, "Your subject is empty."))
    elif subject is not None and limits.title_max and len(subject.strip()) > limits.title_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Subjects can be at most {_count(limits.title_max)} characters "
                f"(this one has {_count(len(subject.strip()))}).",
                detail="subject",
            )
        )
    if _is_blank(body):
        findings.append(Finding("empty", Severity.REFUSE, "Your message is empty."))
    elif limits.post_max and len(body.strip()) > limits.post_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Messages can be at most {_count(limits.post_max)} characters "
                f"(this one has {_count(len(body.strip()))}).",
                detail="body",
            )
        )
    if recipients < 1:
        findings.append(
            Finding("recipients", Severity.REFUSE, "Choose at least one member to send it to.")
        )
    elif not exempt and max_recipients and recipients > max_recipients:
        limit = f"at most {_plural(max_recipients, 'member')}"
        first = f"{who} can write to {limit}" if new else f"A message can go to {limit}"
        findings.append(
            Finding(
                "recipients",
                Severity.REFUSE,
                f"{first} (this one has {recipients}).",
                guideline=12,
            )
        )
    retry = None if exempt else _rate_limit(own_message_times, now, _ONE_HOUR, per_hour)
    if retry is not None:
        findings.append(
            Finding(
                "rate_limit",
                Severity.REFUSE,
                f"You're sending messages too fast; try again {_wait(retry - now)}. "
                f"{who or 'Members'} can send {_plural(per_hour, 'message')} an hour.",
                guideline=12,
                retry_at=retry,
            )
        )
    return tuple(findings)


# ====================================================================== ideas

_LABEL = re.compile(r"\[([^\[\]\n]{1,40})\]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_ENGLISH = frozenset(
    """
    the a an and or but of to in on at for with from by about as into like through after
    over between out against during without before under around is are was were be been
    being have has had do does did will would should can could may might must i me my we
    our us you your he him his she her it its they them their this that these those what
    which who whom when where why how all any both each few more most other some such no
    not only own same so than too very just there here if then because while also up down
    please add make want option able app song songs playlist playlists music listen
    it's i'm don't can't i'd i'll i've isn't doesn't there's it'd let way would've get
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
_FOREIGN = frozenset(
    """
    el los las del que por para con una pero como más muy también esta este está están hay
    puedo quiero sería cuando porque canción canciones ahora siempre nada todo todos hacer
    tiene tengo favor poder aplicación sus sin sobre yo ya mí la lo
    le les des du et est une pour dans qui pas je vous nous il elle avec cette mais ou très
    aussi peut être mes mon sont ont fait faire chansons musique merci ajouter serait veux
    quand comme tout sur au aux ce ça
    der das und ist nicht ein eine einen ich sie mit für auf den dem zu auch wenn bitte
    oder sehr kann wäre habe wir es sind wird werden noch nur schon mehr gibt möchte würde
    diese dieser dass wie bei aus von im vom zum zur hinzufügen musik
    não um uma com mais muito isso eu você seria quando ele ela nós são tem música músicas
    obrigado gostaria da do dos das em ao
    il gli della che è sono anche questo questa molto vorrei sarebbe canzoni grazie di nel
    alla
    het een en van ik niet zijn voor ook maar wel graag kunnen zou wordt worden naar bij nog
    deze mijn jij je heb hebben liedjes muziek toevoegen er te op
    de
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

# The idea patterns below run on lower-cased text (no re.IGNORECASE) and start with a
# literal, the word boundary before them checked in Python: see _word_matches.
_LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•+])[ \t]+(.*)$", re.MULTILINE)
_REQUEST_START = re.compile(
    r"(?:please\s+)?(?:add|allow|make|let|give|show|include|bring|support|enable|create"
    r"|introduce|implement|change|remove|fix|improve|option|ability"
    r"|an?\s+(?:option|button|setting|way|toggle|feature))\b"
)
_REQUEST = re.compile(
    r"(?:please\s+(?:add|make|let|allow|bring|give|include|implement|change|fix|remove"
    r"|introduce)"
    r"|(?:could|can|would)\s+you\s+(?:please\s+)?(?:add|make|let|allow|bring|give|include"
    r"|implement|change)"
    r"|i(?:'d|’d|\s+would)\s+(?:like|love)"
    r"|it\s+would\s+be\s+(?:nice|great|cool|good|awesome|helpful|useful)"
    r"|there\s+should\s+be"
    r"|(?:we|you)\s+should\s+(?:add|make|be\s+able)"
    r"|add\s+(?:an?\s+)?(?:option|button|setting|toggle|feature|way))\b"
)
_PLEASE = re.compile(
    r"please\s+(?:add|make|let|allow|bring|give|include|implement|change|fix|remove"
    r"|introduce)\b"
)
_CONNECTOR = re.compile(
    r"(?:and\s+also|also\s+(?:add|please|make|allow|let|it\s+would|would|could|i['’]?d"
    r"|i\s+would)|another\s+(?:idea|thing|request|suggestion|feature|one)|additionally"
    r"|in\s+addition|one\s+more\s+thing|secondly)\b"
)
_ROLLBACK = re.compile(
    r"(?:bring\s+back\s+the\s+(?:old|previous|original|former)"
    r"|revert(?:ed|ing)?|roll(?:ed|ing)?[\s-]?back|rollback"
    r"|undo\s+(?:the|this|that)\s+(?:\w+\s+)?(?:update|change|redesign)"
    r"|go\s+back\s+to\s+the\s+(?:old|previous|original)"
    r"|(?:old|previous|original)\s+(?:ui|layout|design|version|interface)\s+back"
    r"|put\s+(?:it|things|everything)\s+back\s+(?:the\s+way|how)\s+it\s+was)\b"
)
_PRICING = re.compile(
    r"(?:cheaper|price[sd]?|pricing|discounts?|too\s+expensive"
    r"|(?:student|family|duo|senior|military|teacher|loyalty)\s+(?:discount|plan\s+price|price)"
    r"|subscription\s+(?:price|cost|fee)s?|lower\s+the\s+(?:price|cost)"
    r"|make\s+premium\s+free|free\s+premium"
    r"|(?:add|upload|put)\s+(?:the\s+|this\s+|that\s+|their\s+|his\s+|her\s+)?"
    r"(?:album|song|track|ep|single|discography|soundtrack|audiobook)s?\b"
    r"(?!\s+(?:to|into|in)\s+(?:my|a|the|your|queue|playlists?|folders?|library)\b)"
    r"|(?:remove|delete|take\s+down)\s+(?:this|that|the)\s+(?:song|track|album|artist|podcast"
    r"|episode)"
    r"|(?:album|song|track|discography)\s+(?:is\s+)?(?:missing|not\s+available|unavailable))\b"
)
_COUNTRIES = (
    "Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria"
    "|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan"
    "|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon"
    "|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia"
    "|Czech Republic|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea"
    "|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana"
    "|Greece|Guatemala|Guinea|Guyana|Haiti|Honduras|Hong Kong|Hungary|Iceland|India"
    "|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan"
    "|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya"
    "|Liechtenstein|Lithuania|Luxembourg|Macau|Madagascar|Malawi|Malaysia|Maldives|Mali"
    "|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco"
    "|Mozambique|Myanmar|Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria"
    "|North Korea|North Macedonia|Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea"
    "|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa"
    "|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia"
    "|Slovenia|Somalia|South Africa|South Korea|South Sudan|Korea|Spain|Sri Lanka|Sudan"
    "|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga"
    "|Trinidad|Tunisia|Turkey|Türkiye|Turkmenistan|Uganda|Ukraine|United Arab Emirates|UAE"
    "|United Kingdom|UK|United States|USA|Uruguay|Uzbekistan|Vanuatu|Venezuela|Vietnam"
    "|Yemen|Zambia|Zimbabwe|Crimea"
)
# "launch in", "available in", "bring Spotify to" ... followed by a country's name (in
# the original text: names are capitalised), or about "my country" / "more countries".
_COUNTRY_TRIGGER = re.compile(
    r"(?:launch(?:ed|ing)?\s+(?:spotify\s+|it\s+)?in|available\s+in"
    r"|bring\s+(?:spotify|it|premium)\s+to|(?:come|coming|expand|expanding)\s+to"
    r"|release\s+(?:spotify|it|premium)\s+in|support\s+for)\s+(?:the\s+)?"
)
_COUNTRY_NAME = re.compile(r"(?:" + _COUNTRIES + r")\b")
_COUNTRY_ANY = re.compile(
    r"(?:bring\s+spotify\s+to"
    r"|(?:available|launch\w*|release\w*|come|coming)\s+(?:to|in)\s+(?:my|our)\s+"
    r"(?:country|region)"
    r"|(?:more|new|other)\s+countries)\b"
)
_CURRENT_BEHAVIOUR = re.compile(
    r"(?:currently|right\s+now|at\s+the\s+moment|at\s+present|presently|nowadays|now"
    r"|today|as\s+of\s+now|when\s+(?:i|you|we)|there\s+(?:is|are)\s+no|there['’]s\s+no"
    r"|there\s+isn['’]t|there\s+aren['’]t|doesn['’]t|does\s+not|don['’]t|do\s+not"
    r"|can['’]t|cannot|can\s+not|isn['’]t|is\s+not|only|always|never|has\s+to|have\s+to"
    r"|instead)\b"
)
_LANGUAGE_SAMPLE = 5000  # characters; enough to tell a language apart
_IDEA_MIN_WORDS = 20


def _word_matches(pattern: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` in lower-cased ``low`` that start at the start of a word."""
    for match in pattern.finditer(low):
        if _at_word_start(low, match.start()):
            yield match


def _first_word_match(pattern: re.Pattern[str], low: str) -> re.Match[str] | None:
    return next(_word_matches(pattern, low), None)


def _country_match(text: str, low: str) -> tuple[int, int] | None:
    for trigger in _word_matches(_COUNTRY_TRIGGER, low):
        name = _COUNTRY_NAME.match(text, trigger.end())
        if name:
            return trigger.start(), name.end()
    other = _first_word_match(_COUNTRY_ANY, low)
    return other.span() if other else None


def _clearly_not_english(text: str) -> bool:
    """A cheap, conservative guess from the first few thousand characters: most letters
    outside the Latin script, or Latin text whose common words are clearly another
    language's and rarely English's. Text with no such evidence counts as English."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not sample.isascii():
        letters = len(_LETTER.findall(sample))
        if letters >= 5 and len(_LATIN_LETTER.findall(sample)) < letters / 2:
            return True
    words = _WORD.findall(sample.lower().replace("’", "'"))
    if len(words) < 5:
        return False
    english = sum(word in _ENGLISH for word in words)
    foreign = sum(word in _FOREIGN for word in words)
    return foreign >= 0.2 * len(words) and english * 2 < foreign


def _several_requests(body: str, low: str) -> bool:
    listed = sum(1 for item in _LIST_ITEM.finditer(low) if _REQUEST_START.match(item.group(1)))
    if listed >= 2:
        return True
    if "please" in low and len({m.group() for m in _word_matches(_PLEASE, low)}) >= 2:
        return True
    requests = sum(1 for _ in _word_matches(_REQUEST, low))
    return requests >= 4 or (requests >= 2 and _first_word_match(_CONNECTOR, low) is not None)


def _idea_label_finding(subject: str, labels: tuple[str, ...]) -> Finding | None:
    if not labels:
        return None
    known = {label.casefold(): label for label in labels}
    given = [m.group(1).strip() for m in _LABEL.finditer(subject)]
    if any(g.casefold() in known for g in given):
        return None
    some = ", ".join(labels[:6]) + (f" and {len(labels) - 6} more" if len(labels) > 6 else "")
    example = f"e.g. [{labels[0]}] Add a sleep timer"
    if given:
        close = difflib.get_close_matches(given[0].casefold(), list(known), n=1, cutoff=0.6)
        hint = f" Did you mean [{known[close[0]]}]?" if close else ""
        message = (
            f"[{_short(given[0], 30)}] isn't one of the idea labels.{hint} "
            f"Use a label in [square brackets] in the subject, {example}. Labels: {some}."
        )
    else:
        message = f"Add a label in [square brackets] to the subject, {example}. Labels: {some}."
    return Finding("idea_label", Severity.REFUSE, message, detail=given[0] if given else "")


def _idea_warning(rule: str, requirement: int, message: str, detail: str = "") -> Finding:
    return Finding(
        rule,
        Severity.WARN,
        f"{message} (Idea Exchange requirement {requirement}).",
        requirement=requirement,
        detail=detail,
        report_if_posted=True,
    )


def check_idea(subject: str, body: str, labels: tuple[str, ...]) -> tuple[Finding, ...]:
    """The Idea Exchange requirements for an idea's subject and body.

    A missing or unknown [label] (one of ``labels``, any case, anywhere in the subject) is
    refused. The rest are warnings that file a report if posted anyway: not in English (2),
    several requests (3), too little detail (5), a roll-back request (6), a pricing,
    subscription or content request (7), a new-country request (8).
    """
    findings: list[Finding] = []
    label = _idea_label_finding(subject, labels)
    if label:
        findings.append(label)
    text = f"{_LABEL.sub(' ', subject)}\n{body}"
    low = _lower(text)
    body_low = low[len(text) - len(body) :]
    not_english: Finding | None = None
    if _clearly_not_english(text):
        not_english = _idea_warning(
            "idea_language",
            2,
            "This doesn't look like English. Ideas should be posted in English, "
            "the Community's language",
        )
        findings.append(not_english)
    if _several_requests(body, body_low):
        findings.append(
            _idea_warning(
                "idea_several",
                3,
                "This looks like several requests in one idea. Post one change per idea, "
                "so votes count for exactly what people want",
            )
        )
    if match := _first_word_match(_ROLLBACK, low):
        phrase = _short(text[match.start() : match.end()], 40)
        findings.append(
            _idea_warning(
                "idea_rollback",
                6,
                f'This reads like a request to roll back an update ("{phrase}"). Ideas '
                "can't ask for complete roll-backs; suggest one specific change instead",
                phrase,
            )
        )
    if match := _first_word_match(_PRICING, low):
        phrase = _short(text[match.start() : match.end()], 40)
        findings.append(
            _idea_warning(
                "idea_pricing",
                7,
                f'This reads like a pricing, subscription or content request ("{phrase}"). '
                "Prices, plans and the catalogue differ by market and can't be taken as ideas",
                phrase,
            )
        )
    if span := _country_match(text, low):
        phrase = _short(text[span[0] : span[1]], 40)
        findings.append(
            _idea_warning(
                "idea_country",
                8,
                f'This reads like a request for availability in a new country ("{phrase}"). '
                "Those can't be taken as ideas",
                phrase,
            )
        )
    words = sum(1 for _ in islice(_WORD.finditer(body), _IDEA_MIN_WORDS))
    if words < _IDEA_MIN_WORDS:
        findings.append(
            _idea_warning(
                "idea_detail",
                5,
                f"Your idea has {_plural(words, 'word')}. Describe how the app works now, "
                "then the change you'd like and which platform or screen it's for",
            )
        )
    elif not_english is None and _first_word_match(_CURRENT_BEHAVIOUR, body_low) is None:
        findings.append(
            _idea_warning(
                "idea_detail",
                5,
                "Start with how the app works now, then describe the change you'd like",
            )
        )
    return tuple(findings)
