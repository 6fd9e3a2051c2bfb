"""Joining and account rules: email address, birth date and password checks.

Each check returns ``None`` when the value is fine, or a reason in plain words to show
next to the field. Usernames and display names have their own rules in ``names``.

Passwords follow NIST SP 800-63B rather than composition rules: at least
:data:`PASSWORD_MIN` characters (any characters, spaces and emoji welcome), at most
:data:`PASSWORD_MAX`, not one of the common passwords shipped in
``common_passwords.txt``, not the username (or the username with a few characters
added), and not one character repeated. Pure: the list is read from the package once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from importlib import resources

from forum_tui.rules.text import fold_name

__all__ = [
    "EMAIL_MAX",
    "MIN_AGE",
    "PASSWORD_MAX",
    "PASSWORD_MIN",
    "check_birth_date",
    "check_email",
    "check_password",
    "mask_email",
    "parse_birth_date",
]

PASSWORD_MIN = 8
PASSWORD_MAX = 256
EMAIL_MAX = 200
#: The youngest age at which one may join.
MIN_AGE = 13
OLDEST_AGE = 120

_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)+")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("forum_tui.rules").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def check_email(email: str) -> str | None:
    """An address of the usual shape (one ``@``, a dotted domain, no spaces)."""
    email = email.strip()
    if not email:
        return "Enter your email address: the code to verify it is sent there."
    if len(email) > EMAIL_MAX:
        return f"Email addresses can be at most {EMAIL_MAX} characters."
    if not _EMAIL.fullmatch(email):
        return "That doesn't look like an email address (like name@example.com)."
    return None


def parse_birth_date(text: str) -> date | None:
    """``YYYY-MM-DD`` as a date, or None when it is not a real date in that form."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def check_birth_date(text: str, today: date) -> str | None:
    """A real date, in the past, and at least :data:`MIN_AGE` years ago."""
    if not text.strip():
        return "Enter your birth date, like 2001-06-02."
    born = parse_birth_date(text)
    if born is None:
        return "Write the birth date as year-month-day, like 2001-06-02."
    if born > today:
        return "That birth date is in the future."
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age > OLDEST_AGE:
        return "Check the year of that birth date."
    if age < MIN_AGE:
        return f"You need to be at least {MIN_AGE} to join the Community."
    return None


def check_password(password: str, username: str = "") -> str | None:
    """NIST-style: long enough, not common, not the username, not one repeated character."""
    if not password:
        return "Choose a password."
    length = len(unicodedata.normalize("NFC", password))
    if length < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters (this one has {length})."
    if length > PASSWORD_MAX:
        return f"Passwords can be at most {PASSWORD_MAX} characters."
    folded = password.casefold()
    if folded in common_passwords():
        return "That password is one of the most common ones; choose one that's harder to guess."
    if len(set(folded)) == 1:
        return "A password of one repeated character is too easy to guess."
    name = fold_name(username) if username else ""
    key = fold_name(password)
    if name and (key == name or (name in key and len(key) - len(name) <= 4)):
        return "Your password can't be your username, or your username with a few characters added."
    return None


def mask_email(email: str) -> str:
    """``n•••@example.com``: enough to recognise the address, not to read it."""
    local, _, domain = email.strip().partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"
