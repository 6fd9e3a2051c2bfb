"""Times as people say them ("3 days ago"), always relative to the forum's clock."""

from __future__ import annotations

from datetime import datetime

from forum_tui.rules.wording import plural

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def ago(then: datetime, now: datetime) -> str:
    """How long before ``now`` ``then`` was: "just now", "5 min ago", "3 days ago", "4 Mar"."""
    seconds = int((now - then).total_seconds())
    if seconds < MINUTE:
        return "just now"
    if seconds < HOUR:
        return f"{seconds // MINUTE} min ago"
    if seconds < DAY:
        return f"{plural(seconds // HOUR, 'hour')} ago"
    days = seconds // DAY
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return short_date(then, now)


def short_date(then: datetime, now: datetime) -> str:
    """A date without the year when it is this year: "4 Mar", else "4 Mar 2025"."""
    if then.year == now.year:
        return f"{then.day} {then:%b}"
    return f"{then.day} {then:%b %Y}"


def full_date(then: datetime) -> str:
    """An exact date and time for headers: "4 Mar 2026, 14:05"."""
    return f"{then.day} {then:%b %Y, %H:%M}"
