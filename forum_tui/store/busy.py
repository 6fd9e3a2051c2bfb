"""Waiting out a busy database, so that many writers at once never see an error.

SQLite lets one writer in at a time. Every write transaction begins ``BEGIN IMMEDIATE``
(``database.make_engine``), which takes the write lock up front; when another process
holds it, SQLite's own busy handler waits up to ``ATTEMPT_WAIT_MS`` and then gives up with
"database is locked". :func:`begin_write` then tries again after a random pause that grows
with each attempt (exponential backoff with full jitter, so waiting writers do not all
knock at the same moment), for up to ``patience`` seconds in all. Only then does the
error go up, and :func:`in_plain_words` (around every transaction of the ``Forum``
service: ``access.Service._writing``/``_reading``) turns it into ``ForumBusy``, in plain
words (the compose screen keeps the draft).

Why short attempts and our own loop rather than one long ``busy_timeout``: SQLite's busy
handler polls at fixed steps that grow to 100 ms, so a writer that has waited long polls
rarely while newcomers poll every millisecond and get in first; with 8 processes some
writes waited over 5 s and then failed. Short attempts with jittered pauses keep the
waiters in the race: each new attempt starts SQLite's polling again at 1 ms. Measured with
``benchmarks/writers.py`` (8 x 200, shared machine): 20 ms attempts with pauses of at most
10 ms gave a p95 of about 630 ms where 100 ms attempts with pauses up to 100 ms gave
740-1000 ms, and a lower maximum.

The retry lives in the engine's ``begin`` event, so every write transaction gets it,
whoever opens it: each ``Forum`` use case through ``_writing()`` (present and future
ones), the migrations and the demo builder. Nothing has been written when ``BEGIN``
fails, so trying again is always safe. Once ``BEGIN IMMEDIATE`` succeeds the transaction
holds the lock and its statements and ``COMMIT`` do not wait (WAL mode).

PostgreSQL never refuses a ``BEGIN``; there a transaction can lose a deadlock or a
serialisation conflict part-way. :func:`is_busy` recognises those too, so the same plain
words reach the person (nothing was saved; try again).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from forum_tui.store.errors import DamagedDatabase, ForumBusy
from forum_tui.store.sqlite_file import damaged_words, first_line, is_damage

#: How long SQLite's own busy handler waits in one attempt (``PRAGMA busy_timeout``).
ATTEMPT_WAIT_MS = 20
#: How long a write keeps trying to begin before it gives up, in seconds.
WRITE_PATIENCE = 30.0
#: The first pause between attempts, and the longest, in seconds (before jitter).
FIRST_PAUSE = 0.001
LONGEST_PAUSE = 0.01

#: SQLSTATEs of a PostgreSQL transaction that lost a race and may simply be tried again:
#: serialization_failure, deadlock_detected, lock_not_available.
_PG_RETRYABLE = frozenset({"40001", "40P01", "55P03"})

BUSY_MESSAGE = (
    "The forum is very busy right now and your change could not be saved. "
    "Nothing was lost: try again in a moment."
)
BUSY_READING = "The forum is very busy right now; try again in a moment."


def is_busy(error: BaseException | None) -> bool:
    """Whether a driver error means "another writer is in the way" (not a real fault)."""
    if error is None:
        return False
    code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if code in _PG_RETRYABLE:
        return True
    name = type(error).__name__
    text = str(error).lower()
    return name == "OperationalError" and (
        "database is locked" in text or "database table is locked" in text or "busy" in text
    )


def begin_write(
    begin: Callable[[], None],
    *,
    patience: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Call ``begin`` until it succeeds or ``patience`` seconds have gone by; returns the
    number of attempts. Errors that are not "busy" go up at once; the last busy error
    goes up when patience runs out."""
    deadline = clock() + (WRITE_PATIENCE if patience is None else patience)
    attempt = 0
    while True:
        attempt += 1
        try:
            begin()
            return attempt
        except Exception as error:
            if not is_busy(getattr(error, "orig", error)) or clock() >= deadline:
                raise
        pause = min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** min(attempt, 16))
        sleep(min(random.uniform(0, pause), max(0.0, deadline - clock())))


@contextmanager
def in_plain_words(engine, busy_message: str) -> Iterator[None]:
    """Around each of the service's transactions (``access.Service``): "database is
    locked" (and PostgreSQL's lost races) become ``ForumBusy`` with ``busy_message``, and
    a damaged file found while in use becomes ``DamagedDatabase``, in the words used at
    open (``sqlite_file``)."""
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except DBAPIError as error:
        if is_busy(error.orig):
            raise ForumBusy(busy_message) from None
        if is_damage(error.orig):
            where = engine.url.database or "The forum's database"
            raise DamagedDatabase(damaged_words(where, first_line(error.orig))) from None
        raise
