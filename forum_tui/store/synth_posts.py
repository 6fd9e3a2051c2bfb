"""Who posts what where in ``forum-tui generate`` (``synth``): the threads and posts of
a synthetic community, planned in Python before a row is written, so every counter the
app maintains (thread, board and member counters, solutions) can be written already true.

Posts come in time order, so post ids follow posting time. Each post either opens the
next thread (threads are spread evenly over the posts) or replies to an earlier one: the
first ``LONG_THREADS`` take ``LONG_SHARE`` of all replies (at 1,000,000 posts, about 6,600
posts each), and otherwise recent threads get most replies (how far back is drawn from an
exponential law of mean ``RECENT_MEAN`` threads, less in a small community). In Help
boards and Ongoing Issues a thread's first reply is marked as its solution
``SOLVED_SHARE`` of the time.

Members and threads are numbered from 0 here; ``synth`` adds the first free ids.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

#: The first threads made are very long ones (the thread screen's hard case).
LONG_THREADS = 3
LONG_SHARE = 0.02
#: Mean distance back, in threads, of the thread a reply goes to.
RECENT_MEAN = 2000
#: ... or, in a smaller community, one in this many of its threads.
RECENT_SCALE = 50
#: Board kinds where a solution can be marked, and how often a first reply is one.
SOLVABLE_KINDS = ("help", "ongoing_issues")
SOLVED_SHARE = 0.3


@dataclass
class PostPlan:
    """Threads and posts as parallel lists, each in creation order; a post or thread
    ``index`` is its place in these lists. Post ``index`` was written at ``start + step *
    index``."""

    start: datetime
    step: timedelta

    thread_board: list[int] = field(default_factory=list)
    thread_idea: list[bool] = field(default_factory=list)
    #: The thread's number of posts (the opening post included).
    thread_posts: list[int] = field(default_factory=list)
    #: Index of the thread's opening post and of its last post.
    thread_first: list[int] = field(default_factory=list)
    thread_last: list[int] = field(default_factory=list)
    #: Index of the post marked as the solution, or -1.
    thread_solution: list[int] = field(default_factory=list)
    post_thread: list[int] = field(default_factory=list)
    post_position: list[int] = field(default_factory=list)
    post_author: list[int] = field(default_factory=list)

    def thread_author(self, thread: int) -> int:
        return self.post_author[self.thread_first[thread]]

    def time_of(self, post: int) -> datetime:
        return self.start + self.step * post


def plan_posts(
    rng: random.Random,
    *,
    start: datetime,
    span: timedelta,
    members: int,
    posts: int,
    is_idea: list[bool],
    boards: list[tuple[int, str]],
    idea_boards: list[int],
) -> PostPlan:
    """``posts`` posts by ``members`` members in ``len(is_idea)`` threads, thread
    number ``n`` an idea when ``is_idea[n]``, evenly over ``span`` from ``start``.
    ``boards``: (id, kind) of the boards ordinary threads go to; ideas go to
    ``idea_boards``."""
    plan = PostPlan(start, span / max(1, posts))
    thread_boards = [board for board, _kind in boards]
    solvable_boards = {board for board, kind in boards if kind in SOLVABLE_KINDS}
    draw, log = rng.random, math.log
    boards_of = (thread_boards, idea_boards)
    counts, lasts, solutions = plan.thread_posts, plan.thread_last, plan.thread_solution
    add_board, add_first = plan.thread_board.append, plan.thread_first.append
    add_thread, add_position = plan.post_thread.append, plan.post_position.append
    add_author = plan.post_author.append
    solvable: list[bool] = []
    threads_left, made = len(is_idea), 0
    # A small community reaches back less far: with a mean of 2,000 threads, a 30-thread
    # one put nearly every reply on its first thread and left every board one thread long.
    recent_mean = max(1.0, min(RECENT_MEAN, len(is_idea) / RECENT_SCALE))
    for index in range(posts):
        if made == 0 or (threads_left and draw() * (posts - index) < threads_left):
            choices = boards_of[is_idea[made]]
            board = choices[int(draw() * len(choices))]
            add_board(board)
            solvable.append(board in solvable_boards)
            add_first(index)
            counts.append(1)
            lasts.append(index)
            solutions.append(-1)
            thread, position = made, 1
            made += 1
            threads_left -= 1
        else:
            if draw() < LONG_SHARE:
                thread = int(draw() * min(made, LONG_THREADS))
            else:
                back = int(-log(1.0 - draw()) * recent_mean)
                thread = made - 1 - min(made - 1, back)
            position = counts[thread] = counts[thread] + 1
            lasts[thread] = index
            if position == 2 and solvable[thread] and draw() < SOLVED_SHARE:
                solutions[thread] = index
        add_thread(thread)
        add_position(position)
        add_author(int(draw() * members))
    plan.thread_idea = is_idea[:made]
    return plan
