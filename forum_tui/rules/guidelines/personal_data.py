"""Guideline 10, personal information: detectors for emails, phone, card, ID and bank
numbers and street addresses, and the masked warnings they give."""

from __future__ import annotations

import re
from collections.abc import Callable

from forum_tui.rules.guidelines.findings import Finding, Severity
from forum_tui.rules.guidelines.links import _link_matches, _Links
from forum_tui.rules.guidelines.wording import _MASK, _listing, _lower

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
