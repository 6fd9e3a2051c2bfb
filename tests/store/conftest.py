"""Store test helpers: a cast of members in every role, and a counter recount.

- ``cast``: Viewers for a long-standing member (jen, oskar, leo), a Star (stella), a
  moderator (modmaria), staff (carla), a verified newcomer (nina, joined today) and the
  unverified newcomer noah. Long-standing members joined 400 days ago and carry the rank
  that gives them (Casual Listener), so the first write does not rank them up by itself.
- ``recount``: ``recount(forum)`` recomputes every counter from the rows and asserts the
  stored ones match (boards, threads, posts, members' activity and ranks).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from forum_tui.store.models import Board, Like, Member, Post, Thread


@pytest.fixture
def cast(forum, seed, clock):
    joined = clock() - timedelta(days=400)
    ids = {
        "jen": seed.member("jen", created_at=joined, email_verified=True),
        "oskar": seed.member("oskar", created_at=joined, email_verified=True),
        "leo": seed.member("leo", created_at=joined, email_verified=True),
        "stella": seed.member("stella", role="star", created_at=joined),
        "modmaria": seed.member("modmaria", role="moderator", created_at=joined),
        "carla": seed.member("carla_cm", role="staff", created_at=joined),
        "nina": seed.member("nina", created_at=clock()),
        "noah": seed.member("noah", created_at=clock(), email_verified=False),
    }
    with seed.session() as session, session.begin():
        for member_id in ids.values():
            member = session.get(Member, member_id)
            member.rank = forum._rank(member)
    return {name: seed.viewer(member_id) for name, member_id in ids.items()}


def _recount(forum) -> None:
    with Session(forum.engine) as session:
        posts = session.exec(select(Post)).all()
        threads = session.exec(select(Thread)).all()
        likes = session.exec(select(Like)).all()
        post_author = {post.id: post.author_id for post in posts}
        for post in posts:
            liked = sum(1 for like in likes if like.post_id == post.id)
            assert post.like_count == liked, f"post {post.id} like_count"
        for thread in threads:
            mine = sorted(
                (post for post in posts if post.thread_id == thread.id),
                key=lambda post: post.position,
            )
            assert [post.position for post in mine] == list(range(1, len(mine) + 1))
            assert thread.post_count == len(mine), f"thread {thread.id} post_count"
            assert thread.last_post_id == mine[-1].id, f"thread {thread.id} last_post_id"
            assert thread.last_poster_id == mine[-1].author_id
            assert thread.last_activity_at == mine[-1].created_at
            assert thread.like_count == sum(post.like_count for post in mine)
            if thread.solution_post_id is not None:
                assert thread.solution_post_id in {post.id for post in mine[1:]}
        for board in session.exec(select(Board)).all():
            mine = [thread for thread in threads if thread.board_id == board.id]
            assert board.thread_count == len(mine), f"board {board.slug} thread_count"
            assert board.post_count == sum(thread.post_count for thread in mine)
            if mine:
                assert board.last_activity_at == max(t.last_activity_at for t in mine)
        for member in session.exec(select(Member)).all():
            assert member.thread_count == sum(t.author_id == member.id for t in threads)
            assert member.reply_count == sum(
                p.author_id == member.id and p.position > 1 for p in posts
            )
            assert member.likes_given == sum(like.member_id == member.id for like in likes)
            assert member.likes_received == sum(
                post_author[like.post_id] == member.id for like in likes
            )
            assert member.solution_count == sum(
                t.solution_post_id is not None and post_author[t.solution_post_id] == member.id
                for t in threads
            )
            assert member.rank == forum._rank(member), f"{member.username} rank"
        assert session.exec(select(func.count()).select_from(Post)).one() == len(posts)


@pytest.fixture
def recount():
    return _recount
