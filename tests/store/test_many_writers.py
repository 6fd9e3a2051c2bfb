"""A busy database: many processes writing at once, and a write that cannot get in.

``test_eight_processes_mixed_writes`` runs ``benchmarks/writers.py`` small (8 processes,
40 mixed writes each: replies to shared threads, likes of the same posts, new threads)
and prints its figures; ``python benchmarks/writers.py`` runs the full 8 x 500.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

from forum_tui.store import busy
from forum_tui.store.errors import ForumBusy

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "writers.py"


def _writers_benchmark():
    spec = importlib.util.spec_from_file_location("writers_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the worker processes find it by name (fork)
    spec.loader.exec_module(module)
    return module


def test_eight_processes_mixed_writes(db_url, capsys):
    writers = _writers_benchmark()
    outcome = writers.run(db_url, processes=8, writes=40)
    with capsys.disabled():
        print("\n" + writers.report(outcome))
    assert dict(outcome.errors) == {}
    assert outcome.problems == []
    assert sum(outcome.done.values()) == 8 * 40
    assert outcome.done["like"] == 8 * 10


def _hold_write_lock(url: str) -> sqlite3.Connection:
    if not url.startswith("sqlite"):
        pytest.skip("SQLite's write lock")
    holder = sqlite3.connect(
        url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_that_cannot_get_in_says_so_in_plain_words(forum, db_url, seed, monkeypatch):
    viewer = seed.viewer(seed.member("jen", email_verified=True))
    opened = forum.post_thread(viewer, "android", "Crackling", "Audio crackles.")
    monkeypatch.setattr(busy, "WRITE_PATIENCE", 0.3)
    holder = _hold_write_lock(db_url)
    try:
        with pytest.raises(ForumBusy, match=r"very busy.*could not be saved.*try again"):
            forum.reply(viewer, opened.thread_id, "Same here on my phone.")
        assert forum.thread(viewer, opened.thread_id).post_count == 1  # reads go on
    finally:
        holder.rollback()
        holder.close()
    posted = forum.reply(viewer, opened.thread_id, "Same here on my phone.")
    assert posted.position == 2


def test_a_busy_begin_is_tried_again_until_the_lock_is_free(forum, db_url, seed, monkeypatch):
    """The lock holder lets go after a while: the write waits it out, no error."""
    import threading

    viewer = seed.viewer(seed.member("jen", email_verified=True))
    opened = forum.post_thread(viewer, "android", "Crackling", "Audio crackles.")
    monkeypatch.setattr(busy, "WRITE_PATIENCE", 10.0)
    holder = _hold_write_lock(db_url)
    attempts = []
    real_begin_write = busy.begin_write

    def counting(begin, **options):
        attempts.append(real_begin_write(begin, **options))
        return attempts[-1]

    monkeypatch.setattr("forum_tui.store.database.begin_write", counting)
    release = threading.Timer(0.6, holder.rollback)  # the sqlite3 module is thread-safe
    release.start()
    try:
        posted = forum.reply(viewer, opened.thread_id, "Same here on my phone.")
    finally:
        release.join()
        holder.close()
    assert posted.position == 2
    assert max(attempts) > 1


def test_begin_write_backs_off_with_growing_jittered_pauses():
    class Locked(Exception):
        pass

    Locked.__name__ = "OperationalError"
    now = [0.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        now[0] += seconds + 0.1  # each attempt's own busy wait

    def begin() -> None:
        raise Locked("database is locked")

    with pytest.raises(Locked):
        busy.begin_write(begin, patience=2.0, sleep=sleep, clock=lambda: now[0])
    assert len(pauses) >= 5
    assert all(0 <= pause <= busy.LONGEST_PAUSE for pause in pauses)


def test_begin_write_does_not_retry_real_faults():
    calls = []

    def begin() -> None:
        calls.append(1)
        raise ValueError("disk I/O error")

    with pytest.raises(ValueError):
        busy.begin_write(begin, patience=5.0, sleep=lambda _s: None)
    assert calls == [1]
