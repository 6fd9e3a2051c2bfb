"""Full garbage collections at the reader's pauses (forum_tui/idle_collection.py)."""

from __future__ import annotations

import gc

import pytest

from forum_tui import idle_collection
from forum_tui.idle_collection import IDLE_SECONDS, LONGEST_WITHOUT, NEVER, IdleCollection


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Full collections made (``gc.collect`` is recorded, not run)."""
    made: list[int] = []
    monkeypatch.setattr(idle_collection.gc, "collect", lambda: made.append(1) or 0)
    return made


def test_start_turns_automatic_full_collections_off_and_stop_puts_them_back():
    before = gc.get_threshold()
    collection = IdleCollection()
    collection.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)
    finally:
        collection.stop()
    assert gc.get_threshold() == before


def test_a_pause_after_input_collects_once(collections):
    clock = Clock()
    collection = IdleCollection(clock)
    collection.input_seen()
    clock.now += IDLE_SECONDS / 2
    assert not collection.tick()  # the reader is still at it
    clock.now += IDLE_SECONDS
    assert collection.tick()
    clock.now += IDLE_SECONDS
    assert not collection.tick()  # nothing done since
    assert collections == [1]


def test_a_reader_who_never_pauses_still_gets_a_collection_when_overdue(collections):
    clock = Clock()
    collection = IdleCollection(clock)
    while clock.now < 1000.0 + LONGEST_WITHOUT - 1:
        collection.input_seen()
        clock.now += 0.5
        assert not collection.tick()
    clock.now += 1
    collection.input_seen()
    assert collection.tick()
    assert collections == [1]


def test_an_untouched_app_collects_only_when_overdue_and_objects_aged(collections, monkeypatch):
    clock = Clock()
    collection = IdleCollection(clock)
    clock.now += LONGEST_WITHOUT
    monkeypatch.setattr(idle_collection.gc, "get_count", lambda: (0, 0, 0))
    assert not collection.tick()  # nothing aged, nothing to do
    monkeypatch.setattr(idle_collection.gc, "get_count", lambda: (5, 2, 3))
    assert collection.tick()
    assert collections == [1]
