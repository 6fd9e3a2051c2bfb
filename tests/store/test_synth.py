"""``forum-tui generate`` (store/synth.py, synth_activity.py): every kind of content the
screens need, with the maintained counters true. SQLite only (a benchmark tool)."""

from __future__ import annotations

from sqlmodel import Session, func, select

from forum_tui.store.models import (
    Conversation,
    ConversationMember,
    IdeaDetail,
    Message,
    Post,
    Report,
    Thread,
    Vote,
)
from forum_tui.store.synth import LONG_THREADS, generate


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_every_kind_of_content_with_true_counters(sqlite_forum):
    steps = []
    summary = generate(
        sqlite_forum,
        members=30,
        threads=40,
        posts=3000,
        ideas=10,
        messages=95,
        reports=12,
        seed=3,
        progress=lambda words, done: steps.append(done),
    )
    assert (summary.messages, summary.reports) == (95, 12)
    assert steps == sorted(steps) and steps[-1] == 1.0  # a progress bar that only grows
    with Session(sqlite_forum.engine) as session:
        assert _count(session, Post) == 3000
        assert _count(session, Message) == 95
        assert _count(session, Report) == 12
        assert session.exec(select(func.count()).where(Report.status == "open")).one() == 12
        votes = session.exec(select(func.sum(IdeaDetail.vote_count))).one()
        assert votes == _count(session, Vote) == summary.votes
        messages = session.exec(select(func.sum(Conversation.message_count))).one()
        assert messages == 95
        assert _count(session, ConversationMember) >= 2 * _count(session, Conversation)
        longest = session.exec(
            select(Thread.post_count).order_by(Thread.post_count.desc()).limit(LONG_THREADS)
        ).all()
        assert min(longest) > 3000 * 0.02 / LONG_THREADS / 2  # a few very long threads
