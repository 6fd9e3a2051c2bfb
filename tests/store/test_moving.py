"""``store.moving.move_thread``: the one way a thread changes boards."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from forum_tui.store.models import Board
from forum_tui.store.moving import move_thread


def _counts(forum, board_id):
    with Session(forum.engine) as session:
        board = session.get(Board, board_id)
        return board.thread_count, board.post_count, board.last_activity_at


def _set_counts(seed, board_id, threads, posts, last):
    seed.update(Board, board_id, thread_count=threads, post_count=posts, last_activity_at=last)


def test_a_move_carries_the_counters_to_the_new_board(forum, seed, cast, clock):
    author = cast["jen"].id
    source, target = seed.board_id("android"), seed.board_id("ios")
    older = seed.thread("android", author, at=clock() - timedelta(days=1))
    moving = seed.thread("android", author, replies=2)
    _set_counts(seed, source, 2, 4, clock())
    with Session(forum.engine) as session, session.begin():
        assert move_thread(session, moving, target) == source
    threads, posts, last = _counts(forum, target)
    assert (threads, posts) == (1, 3) and last is not None
    threads, posts, last = _counts(forum, source)
    assert (threads, posts) == (1, 1)
    assert last < clock()
    assert older


def test_moving_to_the_same_board_changes_nothing(forum, seed, cast):
    thread_id = seed.thread("android", cast["jen"].id)
    board = seed.board_id("android")
    before = _counts(forum, board)
    with Session(forum.engine) as session, session.begin():
        assert move_thread(session, thread_id, board) == board
    assert _counts(forum, board) == before
