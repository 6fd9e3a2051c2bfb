"""Moderation's rules: claims, suspension lengths, the warning template, outcome words.

Pure data and functions; the store (``store/moderation.py``) applies them.

- A claim keeps other moderators off an item for ``CLAIM_MINUTES``; then it lapses.
- A suspension lasts between ``SUSPENSION_MIN_HOURS`` and ``SUSPENSION_MAX_DAYS``.
- A warning is a private message written from ``WARNING_TEMPLATE``, which the moderator
  edits before sending; an empty one is refused.
- Reporters hear the outcome of their report in words that never name the moderator.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from forum_tui.rules.wording import plural

#: How long a claim keeps other moderators off an item.
CLAIM_MINUTES = 15
SUSPENSION_MIN_HOURS = 1
SUSPENSION_MAX_DAYS = 365
#: The lengths the suspend dialog offers (hours), shortest first.
SUSPENSION_CHOICES = (24, 72, 7 * 24, 30 * 24)
#: The longest warning a moderator may send.
WARNING_MAX = 4000

WARNING_SUBJECT = "A note from the moderators"
WARNING_TEMPLATE = (
    "Hi {name},\n\n"
    "A moderator looked at your {what} in “{where}” and it goes against the Community "
    "Guidelines ({reason}).\n\n"
    "Please read the guidelines again before you post next. Repeated problems can lead "
    "to a suspension.\n\n"
    "Thanks for understanding,\nThe moderators"
)

#: Triage outcomes, and what the reporter is told about each (never who did it).
OUTCOMES = {
    "dismissed": "a moderator looked and left it as it is",
    "removed": "it was removed",
    "edited": "it was edited",
    "moved": "the thread was moved to a better board",
    "locked": "the thread was locked",
    "archived": "the thread was archived to the Vault",
    "closed": "the idea was closed",
    "warned": "its author was warned",
    "suspended": "its author was suspended",
}

#: What each audit-log action is called on screen.
ACTION_WORDS = {
    "dismiss": "Dismissed reports",
    "remove": "Removed",
    "edit": "Edited",
    "move": "Moved thread",
    "lock": "Locked thread",
    "unlock": "Unlocked thread",
    "archive": "Archived to the Vault",
    "restore": "Restored from the Vault",
    "close_idea": "Closed idea",
    "warn": "Warned author",
    "suspend": "Suspended",
    "lift_suspension": "Lifted suspension",
    "undo": "Undid",
    "float": "Floated thread",
    "set_status": "Set status",
    "merge": "Merged ideas",
    "set_role": "Changed role",
}


def check_suspension(hours: float) -> str | None:
    """None when ``hours`` is an allowed suspension length, else the range in plain words."""
    if SUSPENSION_MIN_HOURS <= hours <= SUSPENSION_MAX_DAYS * 24:
        return None
    return (
        f"A suspension lasts from {SUSPENSION_MIN_HOURS} hour to {SUSPENSION_MAX_DAYS} days; "
        "choose a length in that range."
    )


def suspension_words(hours: float) -> str:
    """``72`` -> "3 days", ``5`` -> "5 hours"."""
    if hours >= 24 and hours % 24 == 0:
        days = int(hours // 24)
        return plural(days, "day")
    whole = int(hours) if float(hours).is_integer() else hours
    return plural(whole, "hour")


def suspended_until_words(until: datetime) -> str:
    return f"{until:%d %B %Y, %H:%M} UTC"


def claim_lapses_at(claimed_at: datetime) -> datetime:
    return claimed_at + timedelta(minutes=CLAIM_MINUTES)


def claim_refusal(holder: str, claimed_at: datetime, now: datetime) -> str | None:
    """Why another moderator may not act on an item ``holder`` claimed, or None when the
    claim has lapsed."""
    left = claim_lapses_at(claimed_at) - now
    if left <= timedelta(0):
        return None
    minutes = max(1, int(left.total_seconds() // 60))
    return f"{holder} is working on this item; their claim lapses in {plural(minutes, 'minute')}."


def warning_text(*, name: str, what: str, where: str, reason: str) -> str:
    """The warning template filled in; the moderator edits it before it goes."""
    return WARNING_TEMPLATE.format(name=name, what=what, where=where, reason=reason)


def check_warning(body: str) -> str | None:
    if not body.strip():
        return "Write the warning first: an empty warning can't be sent."
    if len(body) > WARNING_MAX:
        return f"Keep the warning to {WARNING_MAX} characters or fewer."
    return None


def outcome_text(outcome: str, what: str, title: str | None) -> str:
    """The reporter's notification, e.g. "Your report of a post in “Title”: it was
    removed. Thank you for helping." The moderator is never named; ``title`` is left out
    when the content is no longer shown to members."""
    where = f" in “{title}”" if title else ""
    result = OUTCOMES.get(outcome, "it was handled")
    return f"Your report of a {what}{where}: {result}. Thank you for helping."
