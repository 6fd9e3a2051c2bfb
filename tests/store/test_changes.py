"""Changes: the cheap change mark that open lists poll. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from forum_tui.store.errors import NotFound
from forum_tui.store.views import Viewer


def test_the_mark_moves_when_anyone_posts_and_only_then(forum, cast, clock):
    jen, oskar = cast["jen"], cast["oskar"]
    start = forum.change_mark(jen)
    assert forum.change_mark(oskar) == start  # the same for everyone
    opened = forum.post_thread(oskar, "android", "Shuffle repeats", "Same songs.")
    after_thread = forum.change_mark(jen)
    assert after_thread > start and after_thread[1] > start[1]
    clock.advance(minutes=1)
    forum.reply(cast["leo"], opened.thread_id, "Clear the cache.")
    after_reply = forum.change_mark(jen)
    assert after_reply[0] > after_thread[0] and after_reply[1] == after_thread[1]
    forum.board(jen, "android")  # reading changes nothing
    assert forum.change_mark(jen) == after_reply


def test_a_vanished_member_may_not_ask(forum, cast):
    ghost = Viewer(**{**cast["jen"].__dict__, "id": 999_999})
    with pytest.raises(NotFound):
        forum.change_mark(ghost)
