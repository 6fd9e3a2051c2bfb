"""A synthetic community of any size, for benchmarks (``forum-tui generate``).

``generate(forum, members=..., threads=..., posts=..., ideas=..., seed=1)`` adds members,
threads (a few very long), posts, ideas with votes, private conversations and open
reports to ``forum``'s database, deterministic for a seed. The result is a database the
app uses as it is: every maintained counter (threads, boards, members, ideas,
conversations) and each member's cached rank are true, and the search index is whole.

How, fast (the large size, a million posts, takes well under three minutes on two cores):

1. Plan in Python first (``synth_posts``, ``synth_activity``): who posts what where, who
   votes and messages, so every counter is known before a row is written;
2. write the rows in one transaction through the driver (``synth_load``: ``executemany``
   on SQLite with the indexes set aside, ``COPY`` on PostgreSQL), text drawn fast
   (``synth_text``);
3. make the indexes and the search index once, at the end.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from sqlalchemy import case, func, select, update

from forum_tui.rules import names
from forum_tui.rules.community import Community
from forum_tui.rules.ranks import Metrics, member_rank
from forum_tui.store.models import Board, Conversation, IdeaDetail, Member, Post, Thread
from forum_tui.store.synth_activity import (
    VotePlan,
    add_messages,
    add_reports,
    add_votes,
    plan_votes,
)
from forum_tui.store.synth_load import BulkLoad, bulk_load, stamp
from forum_tui.store.synth_posts import LONG_THREADS, PostPlan, plan_posts
from forum_tui.store.synth_text import SynthText, vocabulary

__all__ = ["LONG_THREADS", "SynthSummary", "generate", "vocabulary"]

START = datetime(2022, 1, 1)
SPAN = timedelta(days=4 * 365)
#: Board kinds that get synthetic threads (ideas go to the ideas board(s) separately).
THREAD_KINDS = ("help", "chat", "faq", "blog", "star_only", "ongoing_issues")
#: Posts written between two progress reports.
POST_BATCH = 50_000
#: Where each step ends on the progress bar (0 to 1), from its share of the time taken.
PLANNED, MEMBERS_DONE, THREADS_DONE, POSTS_DONE, ACTIVITY_DONE = 0.06, 0.12, 0.17, 0.5, 0.53

Say = Callable[[str, float], None]


@dataclass(frozen=True)
class SynthSummary:
    members: int
    threads: int
    posts: int
    ideas: int
    votes: int = 0
    messages: int = 0
    reports: int = 0


@dataclass(frozen=True)
class _FirstIds:
    """The first free id of each table the generator numbers itself."""

    member: int
    thread: int
    post: int
    conversation: int


def generate(
    forum,
    *,
    members: int,
    threads: int,
    posts: int,
    ideas: int = 0,
    messages: int = 0,
    reports: int = 0,
    seed: int = 1,
    progress: Say | None = None,
) -> SynthSummary:
    """Add a synthetic community to ``forum``'s database (see the module docstring).
    ``posts`` counts every post, opening posts included (at least ``threads + ideas``).
    ``progress(words, done)`` hears each step, ``done`` from 0 to 1 (a progress bar)."""
    if members < 1 or threads < 0 or ideas < 0:
        raise ValueError("members must be at least 1; threads and ideas at least 0")
    posts = max(posts, threads + ideas) if threads + ideas else 0
    rng = random.Random(seed)
    text = SynthText(rng)
    say = progress or (lambda _words, _done: None)
    forum.sync_community()
    with bulk_load(forum.engine) as load:
        boards = load.session.execute(select(Board.id, Board.kind)).all()
        thread_boards = [(b, kind) for b, kind in boards if kind in THREAD_KINDS] or [boards[0]]
        idea_boards = [b for b, kind in boards if kind == "ideas"] or [thread_boards[0][0]]
        first = _first_ids(load)
        kinds = [True] * ideas + [False] * threads
        rng.shuffle(kinds)
        plan = plan_posts(
            rng,
            start=START,
            span=SPAN,
            members=members,
            posts=posts,
            is_idea=kinds,
            boards=thread_boards,
            idea_boards=idea_boards,
        )
        idea_threads = [n for n, idea in enumerate(plan.thread_idea) if idea]
        votes = plan_votes(rng, idea_threads, members)
        say("planned who posts what", PLANNED)
        _add_members(load, first.member, members, plan, votes, rng, forum)
        say(f"{members:,} members", MEMBERS_DONE)
        _add_threads(load, first, plan, votes, text, forum.community, rng)
        say(f"{len(plan.thread_board):,} threads", THREADS_DONE)
        _add_posts(load, first, plan, text, say)
        _count_boards(load, plan)
        end = START + SPAN
        member_ids = range(first.member, first.member + members)
        add_votes(load, votes, first.thread, first.member, end)
        messages = add_messages(
            load, rng, member_ids, messages, text, first.conversation, START, SPAN
        )
        say(f"{messages:,} private messages", ACTIVITY_DONE - 0.01)
        recent = _recent_posts(first, plan, reports)
        reports = add_reports(load, rng, member_ids, recent, reports, end)
        say(f"{reports:,} open reports", ACTIVITY_DONE)
        load.finish(say, (ACTIVITY_DONE, 1.0))
    idea_count = len(idea_threads)
    return SynthSummary(
        members,
        len(plan.thread_idea) - idea_count,
        posts,
        idea_count,
        len(votes.rows),
        messages,
        reports,
    )


def _first_ids(load: BulkLoad) -> _FirstIds:
    def after(column) -> int:
        return (load.session.execute(select(func.max(column))).scalar() or 0) + 1

    return _FirstIds(after(Member.id), after(Thread.id), after(Post.id), after(Conversation.id))


def _add_members(
    load: BulkLoad,
    first_id: int,
    count: int,
    plan: PostPlan,
    votes: VotePlan,
    rng: random.Random,
    forum,
) -> None:
    """The members, with their activity counters and rank already true."""
    started = Counter(plan.thread_author(n) for n in range(len(plan.thread_first)))
    posted = Counter(plan.post_author)
    solved = Counter(plan.post_author[index] for index in plan.thread_solution if index >= 0)
    ideas = Counter(plan.thread_author(n) for n, idea in enumerate(plan.thread_idea) if idea)
    now = forum.now()
    community = forum.community

    def rows() -> Iterator[tuple]:
        for number in range(count):
            member_id = first_id + number
            username = f"synth{member_id}"
            joined = START - timedelta(days=int(rng.random() * 901))
            metrics = Metrics(
                threads=started[number],
                replies=posted[number] - started[number],
                solutions=solved[number],
                ideas=ideas[number],
                idea_votes=votes.given[number],
                days_member=max(0, (now - joined).days),
            )
            yield (
                member_id,
                username,
                names.username_key(username),
                username,
                "!synthetic",
                stamp(joined),
                metrics.threads,
                metrics.replies,
                metrics.solutions,
                metrics.ideas,
                metrics.idea_votes,
                member_rank(metrics, community).name,
            )

    columns = (
        "id",
        "username",
        "username_key",
        "display_name",
        "password_hash",
        "created_at",
        "thread_count",
        "reply_count",
        "solution_count",
        "idea_count",
        "idea_votes_given",
        "rank",
    )
    load.insert(Member, columns, rows())


def _add_threads(
    load: BulkLoad,
    first: _FirstIds,
    plan: PostPlan,
    votes: VotePlan,
    text: SynthText,
    community: Community,
    rng: random.Random,
) -> None:
    """The threads with their counters, and the idea part of the ideas."""

    def rows() -> Iterator[tuple]:
        for number, board in enumerate(plan.thread_board):
            last, solution = plan.thread_last[number], plan.thread_solution[number]
            yield (
                first.thread + number,
                board,
                first.member + plan.thread_author(number),
                text.title(),
                stamp(plan.time_of(plan.thread_first[number])),
                stamp(plan.time_of(last)),
                first.post + last,
                first.member + plan.post_author[last],
                plan.thread_posts[number],
                first.post + solution if solution >= 0 else None,
            )

    columns = (
        "id",
        "board_id",
        "author_id",
        "title",
        "created_at",
        "last_activity_at",
        "last_post_id",
        "last_poster_id",
        "post_count",
        "solution_post_id",
    )
    load.insert(Thread, columns, rows())
    labels, statuses = community.idea_labels, community.idea_statuses
    ideas = (
        (first.thread + n, rng.choice(labels), rng.choice(statuses).key, votes.received[n])
        for n, idea in enumerate(plan.thread_idea)
        if idea
    )
    load.insert(IdeaDetail, ("thread_id", "label", "status", "vote_count"), ideas)


def _add_posts(load: BulkLoad, first: _FirstIds, plan: PostPlan, text: SynthText, say: Say):
    """The posts, in time order, with progress every ``POST_BATCH``."""
    posts = len(plan.post_thread)
    body, time_of = text.body, plan.time_of
    columns = ("id", "thread_id", "position", "author_id", "body", "created_at")
    rows = (
        (
            first.post + index,
            first.thread + thread,
            position,
            first.member + author,
            body(),
            stamp(time_of(index)),
        )
        for index, (thread, position, author) in enumerate(
            zip(plan.post_thread, plan.post_position, plan.post_author, strict=True)
        )
    )
    for done in range(0, posts, POST_BATCH):
        load.insert(Post, columns, islice(rows, POST_BATCH))
        share = min(posts, done + POST_BATCH) / posts
        say(
            f"{min(posts, done + POST_BATCH):,} posts",
            THREADS_DONE + (POSTS_DONE - THREADS_DONE) * share,
        )


def _count_boards(load: BulkLoad, plan: PostPlan) -> None:
    """Add the new threads and posts to their boards' counters."""
    boards: dict[int, list] = {}
    for number, board in enumerate(plan.thread_board):
        entry = boards.setdefault(board, [0, 0, -1])
        entry[0] += 1
        entry[1] += plan.thread_posts[number]
        entry[2] = max(entry[2], plan.thread_last[number])
    for board, (threads, post_count, last) in boards.items():
        latest = plan.time_of(last)
        load.session.execute(
            update(Board)
            .where(Board.id == board)
            .values(
                thread_count=Board.thread_count + threads,
                post_count=Board.post_count + post_count,
                last_activity_at=case(
                    (Board.last_activity_at > latest, Board.last_activity_at), else_=latest
                ),
            )
        )


def _recent_posts(first: _FirstIds, plan: PostPlan, count: int) -> list[tuple[int, int, datetime]]:
    """(id, author id, time) of the newest ``count * 3`` posts, for reports."""
    posts = len(plan.post_thread)
    return [
        (first.post + index, first.member + plan.post_author[index], plan.time_of(index))
        for index in range(max(0, posts - count * 3), posts)
    ]
