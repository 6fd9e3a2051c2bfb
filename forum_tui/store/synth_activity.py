"""The synthetic community's side activity (``forum-tui generate``, after ``synth``):
votes on ideas, private conversations with their messages, and open reports.

Like ``synth``, rows go straight into the database in big batches inside the caller's
transaction, deterministic for the caller's random generator. Counters are kept true:
an idea's ``vote_count`` is the number of its vote rows; a conversation's
``message_count`` and ``last_message_at`` match its messages.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from forum_tui.store.models import (
    Conversation,
    ConversationMember,
    IdeaDetail,
    Message,
    Post,
    Report,
    Vote,
)

CHUNK = 20_000
#: Most votes an idea gets (the distribution is skewed: most get a few).
MAX_VOTES = 60
REPORT_REASONS = (
    "Spam: the same link in many threads",
    "Rude to another member",
    "Personal details posted in public",
    "Off topic for this board",
    "Selling accounts",
)


def add_votes(session: Session, rng: random.Random, members: Sequence[int], start: datetime) -> int:
    """Votes on every idea (from distinct members), with each idea's count set to match."""
    ideas = session.execute(select(IdeaDetail.thread_id)).scalars().all()
    rows: list[dict] = []
    counts: list[dict] = []
    for thread_id in ideas:
        wanted = min(len(members), int(rng.paretovariate(1.2)) - 1, MAX_VOTES)
        voters = rng.sample(members, wanted) if wanted > 0 else []
        rows += [dict(thread_id=thread_id, member_id=voter, created_at=start) for voter in voters]
        counts.append({"t_id": thread_id, "n": len(voters)})
    _insert(session, Vote, rows)
    if counts:
        statement = (
            update(IdeaDetail)
            .where(IdeaDetail.thread_id == bindparam("t_id"))
            .values(vote_count=bindparam("n"))
        )
        for begin in range(0, len(counts), CHUNK):
            session.connection().execute(statement, counts[begin : begin + CHUNK])
    return len(rows)


def add_messages(
    session: Session,
    rng: random.Random,
    members: Sequence[int],
    count: int,
    body: Callable[[], str],
    title: Callable[[], str],
    start: datetime,
    span: timedelta,
) -> int:
    """``count`` private messages in conversations of two (a few of three), about ten
    messages each, in time order; the first members get many (a busy inbox to page)."""
    if count <= 0 or len(members) < 2:
        return 0
    first_id = (
        session.execute(select(Conversation.id).order_by(Conversation.id.desc())).scalar() or 0
    ) + 1
    conversations = max(1, count // 10)
    step = span / max(1, count)
    talks: list[dict] = []
    people: list[dict] = []
    for offset in range(conversations):
        # Half the conversations include one of the first ten members.
        host = members[offset % 10] if offset % 2 == 0 else rng.choice(members)
        others = {rng.choice(members) for _ in range(1 if rng.random() < 0.9 else 2)} - {host}
        if not others:
            others = {members[0] if host != members[0] else members[1]}
        when = start + step * offset * 10
        talks.append(
            dict(
                id=first_id + offset,
                subject=title(),
                created_at=when,
                last_message_at=when,
                message_count=0,
            )
        )
        people += [
            dict(conversation_id=first_id + offset, member_id=member, left=False)
            for member in (host, *sorted(others))
        ]
    talkers: dict[int, list[int]] = {}
    for row in people:
        talkers.setdefault(row["conversation_id"], []).append(row["member_id"])
    messages: list[dict] = []
    for index in range(count):
        talk = talks[min(conversations - 1, index // 10)]
        when = start + step * index
        talk["message_count"] += 1
        talk["last_message_at"] = when
        author = rng.choice(talkers[talk["id"]])
        messages.append(
            dict(conversation_id=talk["id"], author_id=author, body=body(), created_at=when)
        )
    _insert(session, Conversation, talks)
    _insert(session, ConversationMember, people)
    _insert(session, Message, messages)
    return count


def add_reports(
    session: Session, rng: random.Random, members: Sequence[int], count: int, at: datetime
) -> int:
    """``count`` open reports on recent posts, by members (a few filed by the rules)."""
    if count <= 0:
        return 0
    posts = session.execute(
        select(Post.id, Post.author_id, Post.created_at).order_by(Post.id.desc()).limit(count * 3)
    ).all()
    if not posts:
        return 0
    rows = []
    for index in range(count):
        post_id, author_id, created = posts[rng.randrange(len(posts))]
        automatic = rng.random() < 0.1
        rows.append(
            dict(
                reporter_id=None if automatic else rng.choice(members),
                post_id=post_id,
                author_id=author_id,
                reason=rng.choice(REPORT_REASONS),
                automatic=automatic,
                status="open",
                created_at=max(created, at - timedelta(minutes=count - index)),
            )
        )
    _insert(session, Report, rows)
    return count


def _insert(session: Session, model, rows: list[dict]) -> None:
    for begin in range(0, len(rows), CHUNK):
        session.execute(insert(model), rows[begin : begin + CHUNK])
