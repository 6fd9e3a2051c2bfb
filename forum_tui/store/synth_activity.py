"""The synthetic community's side activity (``forum-tui generate``, after ``synth``):
votes on ideas, private conversations with their messages, and open reports.

Like ``synth``, rows go through the caller's ``synth_load.BulkLoad``, deterministic for
the caller's random generator, with counters true: an idea's ``vote_count`` is the number
of its votes and a member's ``idea_votes_given`` the votes they gave (``plan_votes``
counts both before anything is written); a conversation's ``message_count`` and
``last_message_at`` match its messages.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from forum_tui.store.models import Conversation, ConversationMember, Message, Report, Vote
from forum_tui.store.synth_load import BulkLoad, stamp
from forum_tui.store.synth_text import SynthText

#: Most votes an idea gets (the distribution is skewed: most get a few).
MAX_VOTES = 60
#: Messages in a conversation.
CONVERSATION_LENGTH = 10
REPORT_REASONS = (
    "Spam: the same link in many threads",
    "Rude to another member",
    "Personal details posted in public",
    "Off topic for this board",
    "Selling accounts",
)


@dataclass
class VotePlan:
    """Votes as (thread number, member number) pairs, with their counts both ways."""

    rows: list[tuple[int, int]] = field(default_factory=list)
    received: Counter = field(default_factory=Counter)
    given: Counter = field(default_factory=Counter)


def plan_votes(rng: random.Random, ideas: Sequence[int], members: int) -> VotePlan:
    """Votes on each idea (thread numbers ``ideas``) from distinct members."""
    plan = VotePlan()
    for thread in ideas:
        wanted = min(members, int(rng.paretovariate(1.2)) - 1, MAX_VOTES)
        voters = rng.sample(range(members), wanted) if wanted > 0 else []
        plan.rows += [(thread, voter) for voter in voters]
        plan.received[thread] = len(voters)
        plan.given.update(voters)
    return plan


def add_votes(
    load: BulkLoad, votes: VotePlan, first_thread: int, first_member: int, at: datetime
) -> None:
    when = stamp(at)
    rows = ((first_thread + thread, first_member + voter, when) for thread, voter in votes.rows)
    load.insert(Vote, ("thread_id", "member_id", "created_at"), rows)


def add_messages(
    load: BulkLoad,
    rng: random.Random,
    members: Sequence[int],
    count: int,
    text: SynthText,
    first_id: int,
    start: datetime,
    span: timedelta,
) -> int:
    """``count`` private messages in conversations of two (a few of three), ten messages
    each, in time order; the first members get many (a busy inbox to page)."""
    if count <= 0 or len(members) < 2:
        return 0
    conversations = max(1, -(-count // CONVERSATION_LENGTH))
    step = span / count
    talkers = [_talkers(rng, members, offset) for offset in range(conversations)]
    people = [
        (first_id + offset, member) for offset, group in enumerate(talkers) for member in group
    ]

    def message_count(offset: int) -> int:
        return min(CONVERSATION_LENGTH, count - offset * CONVERSATION_LENGTH)

    def time_of(index: int) -> str:
        return stamp(start + step * index)

    talks = [
        (
            first_id + offset,
            text.title(),
            time_of(offset * CONVERSATION_LENGTH),
            time_of(offset * CONVERSATION_LENGTH + message_count(offset) - 1),
            message_count(offset),
        )
        for offset in range(conversations)
    ]
    messages = (
        (
            first_id + index // CONVERSATION_LENGTH,
            rng.choice(talkers[index // CONVERSATION_LENGTH]),
            text.body(),
            time_of(index),
        )
        for index in range(count)
    )
    load.insert(
        Conversation, ("id", "subject", "created_at", "last_message_at", "message_count"), talks
    )
    load.insert(ConversationMember, ("conversation_id", "member_id"), people)
    load.insert(Message, ("conversation_id", "author_id", "body", "created_at"), messages)
    return count


def _talkers(rng: random.Random, members: Sequence[int], offset: int) -> list[int]:
    """Who is in conversation number ``offset``: half include one of the first ten
    members; two people, one time in ten three."""
    host = members[offset % 10] if offset % 2 == 0 else rng.choice(members)
    others = {rng.choice(members) for _ in range(1 if rng.random() < 0.9 else 2)} - {host}
    if not others:
        others = {members[0] if host != members[0] else members[1]}
    return [host, *sorted(others)]


def add_reports(
    load: BulkLoad,
    rng: random.Random,
    members: Sequence[int],
    posts: Sequence[tuple[int, int, datetime]],
    count: int,
    at: datetime,
) -> int:
    """``count`` open reports on ``posts`` ((id, author id, time), recent ones), by
    members (a few filed by the rules), one a minute up to ``at``."""
    if not posts or count <= 0:
        return 0
    rows = []
    for index in range(count):
        post_id, author_id, created = posts[rng.randrange(len(posts))]
        automatic = rng.random() < 0.1
        when = max(created, at - timedelta(minutes=count - index))
        rows.append(
            (
                None if automatic else rng.choice(members),
                post_id,
                author_id,
                rng.choice(REPORT_REASONS),
                automatic,
                "open",
                stamp(when),
            )
        )
    columns = ("reporter_id", "post_id", "author_id", "reason", "automatic", "status", "created_at")
    load.insert(Report, columns, rows)
    return count
