"""The real clock (naive UTC), importable before the store: screens show times relative
to it while the store is still opening behind home (``app.ForumApp.current_time``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

#: What the store asks for the time (tests give a frozen one).
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)
