"""Store reads: each hot service call beside the very same SQL run raw (medians of N runs).

For each call (areas, a board, board pages, a thread, thread pages, notifications, the
next unread thread), the SQL statements the service sends are captured once, then
replayed through the bare DB-API cursor of a connection from the same pool (the same
file and pragmas; execute + fetchall): the same filters, order and columns, with no ORM,
no statement building and no views. The two are timed turn about (one call each, N
times), and the ratio of their medians is what the service adds (goal: within 3x).
No benchmark listener stays on the engine while it is timed (``Capture``).

The forum's clock is set an hour after the newest post, so recent threads fall inside
the unread window and unread counting really runs. The reader is the member with the
most posts; before timing, a tenth of the threads in the board get read marks and the
reader gets reply notifications (written once per database).

    python benchmarks/store_reads.py [--db FILE] [--runs 30]

Without ``--db`` a small community is generated in a temporary file. Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import event, func, select
from sqlmodel import Session

from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.store.convert import _viewer
from forum_tui.store.database import READ_ONLY
from forum_tui.store.forum import Forum, open_forum
from forum_tui.store.models import Board, Member, Notification, Post, Thread
from forum_tui.store.synth import generate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import (
    like_large,
    ms_times,
    note_shared_machine,
    relaxed_community,  # rate limits out of the way
    scratch_folder,
    turn_about,
)

GOAL = 3.0
#: A reply is a write (guidelines, counters, notifications, search upkeep): its goal in
#: issue 7 is its own median, not a ratio to its SQL.
REPLY_GOAL_MS = 2.0
REPLY = "reply, search upkeep included"
SETUP_REPLIES = 60  # notifications the reader gets


class Capture:
    """Records the statements an engine sends during :meth:`take`. Its listeners are
    attached only then: listeners left on the engine would be paid by every timed service
    call (SQLAlchemy dispatches each statement to them) and not by the raw replay."""

    def __init__(self, *engines) -> None:
        self.on = False
        self.statements: list[tuple[str, object]] = []
        self._last_context = None
        self._roll_back = False
        self._engines = list({id(e.engine): e.engine for e in engines}.values())

    def _listen(self, attach: bool) -> None:
        change = event.listen if attach else event.remove
        for engine in self._engines:
            change(engine, "before_cursor_execute", self._record)
            change(engine, "commit", self._refuse_commit)

    def _refuse_commit(self, connection) -> None:
        if self._roll_back and not connection.get_execution_options().get(READ_ONLY):
            raise _RolledBack

    def _record(self, _conn, _cursor, statement, parameters, context, _many) -> None:
        # The read engine is an option view of the main one: listeners on both fire for
        # one execution (the main engine's propagate). Record each execution once.
        if context is not None and context is self._last_context:
            return
        self._last_context = context
        if self.on and not statement.lstrip().upper().startswith(("BEGIN", "COMMIT")):
            self.statements.append((statement, parameters))

    def take(
        self, call: Callable[[], object], *, roll_back: bool = False
    ) -> list[tuple[str, object]]:
        """The statements ``call`` sends; with ``roll_back`` its commit is refused, so
        a write leaves nothing behind (its rows can then be replayed as they were)."""
        self.statements, self.on, self._roll_back = [], True, roll_back
        self._listen(True)
        try:
            call()
        except _RolledBack:
            pass
        finally:
            self._listen(False)
            self.on = self._roll_back = False
        return self.statements


class _RolledBack(Exception):
    """Raised at COMMIT while capturing a write that must leave nothing behind."""


def raw_replay(
    forum: Forum, statements: list[tuple[str, object]], *, write: bool = False
) -> Callable[[], None]:
    """The captured statements, run through a bare cursor in one transaction (BEGIN as
    the service begins it: IMMEDIATE for a write on SQLite), rolled back: a write
    replays the same rows each time."""
    connection = forum.engine.raw_connection()
    sqlite = forum.engine.dialect.name == "sqlite"
    begin = "BEGIN IMMEDIATE" if write else "BEGIN"

    def replay() -> None:
        cursor = connection.cursor()
        try:
            if sqlite:  # the driver's own BEGIN is off (store.database): begin as it does
                cursor.execute(begin)
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()
        finally:
            cursor.close()
            connection.rollback()

    replay.close = connection.close  # type: ignore[attr-defined]
    return replay


def prepare(forum: Forum):
    """The reader (most posts), a long thread, a busy board; read marks, notifications."""
    with Session(forum.engine) as session:
        author_id = session.execute(
            select(Post.author_id).group_by(Post.author_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()
        reader = _viewer(session.get(Member, author_id))
        other = session.execute(
            select(Member.id).where(Member.id != author_id).order_by(Member.id).limit(1)
        ).scalar_one()
    boards = {board.id: board.slug for area in forum.areas(reader) for board in area.boards}
    with Session(forum.engine) as session:
        seen = Thread.board_id.in_(list(boards))
        longest = session.execute(
            select(Thread.id, Thread.board_id)
            .where(seen)
            .order_by(Thread.post_count.desc())
            .limit(1)
        ).one()
        notified = session.execute(
            select(func.count()).where(Notification.member_id == author_id)
        ).scalar_one()
        own = list(
            session.execute(
                select(Thread.id)
                .where(Thread.author_id == author_id, seen, Thread.locked.is_(False))
                .order_by(Thread.id.desc())
                .limit(3)
            ).scalars()
        )
    board_slug = boards[longest.board_id]
    if notified < SETUP_REPLIES and own:
        _notify(forum, author_id, other, own)
    page = forum.board_threads(reader, board_slug, None, 40)
    for thread in page.items[::10]:
        forum.mark_read(reader, thread.id, 1)
    return reader, board_slug, longest.id, page.next_cursor


def _notify(forum: Forum, member_id: int, actor_id: int, threads: list[int]) -> None:
    """Reply notifications for the reader, as another member's replies would leave them."""
    with Session(forum.engine) as session, session.begin():
        posts = session.execute(
            select(Post.id, Post.thread_id).where(Post.thread_id.in_(threads)).limit(SETUP_REPLIES)
        ).all()
        for index, (post_id, thread_id) in enumerate(posts):
            session.add(
                Notification(
                    member_id=member_id,
                    kind="reply",
                    actor_id=actor_id,
                    thread_id=thread_id,
                    post_id=post_id,
                    created_at=forum.now() - timedelta(minutes=index),
                    read_at=None if index % 3 else forum.now(),
                )
            )


def calls(forum: Forum, reader, board_slug: str, thread_id: int, cursor: str | None):
    thread = forum.thread(reader, thread_id)
    last = max(0, thread.post_count - 16)
    return [
        ("areas (sidebar, unread counts)", lambda: forum.areas(reader)),
        ("board header", lambda: forum.board(reader, board_slug)),
        ("board page 2 (keyset)", lambda: forum.board_threads(reader, board_slug, cursor, 40)),
        (f"thread header ({thread.post_count} posts)", lambda: forum.thread(reader, thread_id)),
        ("thread first page", lambda: forum.thread_posts(reader, thread_id, 0, 16)),
        ("thread last page", lambda: forum.thread_posts(reader, thread_id, last, 16)),
        ("notifications page", lambda: forum.notifications(reader)),
        ("unread notification count", lambda: forum.unread_notification_count(reader)),
        ("change mark (list poll)", lambda: forum.change_mark(reader)),
    ]


def run(db: Path, runs: int) -> list[tuple[str, float, float]]:
    probe = open_forum(f"sqlite:///{db}")
    with Session(probe.engine) as session:
        newest = session.execute(select(func.max(Post.created_at))).scalar_one()
    probe.close()
    clock = SteppingClock(newest + timedelta(hours=1))  # inside the unread window
    forum = open_forum(f"sqlite:///{db}", clock=clock, community=relaxed_community())
    try:
        reader, board_slug, thread_id, cursor = prepare(forum)
        capture = Capture(forum.engine, forum._reader)
        results = []
        for name, call in calls(forum, reader, board_slug, thread_id, cursor):
            call()  # warm: statements compiled, pages cached
            statements = capture.take(call)
            replay = raw_replay(forum, statements)
            try:
                replay()
                service, raw = map(statistics.median, turn_about(call, replay, runs))
            finally:
                replay.close()  # type: ignore[attr-defined]
            results.append((f"{name} [{len(statements)} stmt]", service, raw))
        poster = _poster(forum)
        thread_id = _reply_thread(forum, poster)
        results.append(reply_figures(forum, capture, poster, thread_id, runs, clock))
        return results
    finally:
        forum.close()


def _poster(forum: Forum):
    """The first member, email verified (synthetic members are not; written once)."""
    with Session(forum.engine) as session, session.begin():
        member = session.execute(
            select(Member).where(Member.role == "member").order_by(Member.id).limit(1)
        ).scalar_one()
        member.email_verified = True
        return _viewer(member)


def _reply_thread(forum: Forum, poster) -> int:
    """The longest thread the poster may reply to (the longest of all may sit in a
    read-only board, such as the FAQs)."""
    actor = Actor(id=poster.id, role=poster.role, email_verified=True, days_member=365)
    with Session(forum.engine) as session:
        rows = session.execute(
            select(Thread.id, Thread.author_id, Thread.locked, Thread.removed, Board.kind)
            .join(Board, Board.id == Thread.board_id)
            .order_by(Thread.post_count.desc())
            .limit(100)
        ).all()
    for thread_id, author_id, locked, removed, kind in rows:
        target = Target(board_kind=kind, owner_id=author_id, locked=locked, removed=removed)
        if can(actor, Action.REPLY, target):
            return thread_id
    raise SystemExit("No thread among the 100 longest takes a member's reply.")


class SteppingClock:
    """The forum's clock: fixed, but moved on by the reply timing (``step``)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def step(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


#: Seconds between timed replies: the fastest a member may post (15 posts in 10 minutes),
#: so the guidelines compare each reply with as many recent posts of its author as the
#: rate limit lets a real member have. With the clock standing still, every earlier timed
#: reply stayed "recent" and each reply compared itself with hundreds.
REPLY_EVERY_S = 600 / 15


def reply_figures(
    forum: Forum, capture: Capture, reader, thread_id: int, runs: int, clock: SteppingClock
):
    """A reply at the end of the long thread (guidelines, counters, notifications and
    search upkeep included) beside its own statements replayed raw: the same rows
    inserted and updated in one BEGIN IMMEDIATE transaction, rolled back each time."""
    number = itertools.count()

    def reply() -> None:
        clock.step(REPLY_EVERY_S)
        forum.reply(reader, thread_id, f"Timing reply number {next(number)}, thanks all.")

    reply()  # warm
    statements = capture.take(reply, roll_back=True)
    replay = raw_replay(forum, statements, write=True)
    try:
        replay()
        raw = statistics.median(ms_times(replay, runs))
    finally:
        replay.close()  # type: ignore[attr-defined]
    service = statistics.median(ms_times(reply, runs))
    return (f"{REPLY} [{len(statements)} stmt]", service, raw)


def goal_of(name: str) -> str:
    """A row's goal: within 3x of its raw SQL, but a reply under 2 ms (median)."""
    return f"under {REPLY_GOAL_MS:.0f} ms" if name.startswith(REPLY) else f"{GOAL:.0f}x"


def report(results: list[tuple[str, float, float]]) -> None:
    print(f"\n{'call':<48} {'service':>9} {'raw SQL':>9} {'ratio':>7}  goal")
    for name, service, raw in results:
        ratio = service / raw
        print(f"{name:<48} {service:>7.2f}ms {raw:>7.2f}ms {ratio:>6.1f}x  {goal_of(name)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a generated community (SQLite file)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--posts", type=int, default=30_000, help="without --db: its size")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        db = args.db
        if db is None:
            db = stack.enter_context(scratch_folder("forum-tui-store-")) / "forum.db"
            forum = open_forum(f"sqlite:///{db}")
            generate(forum, **like_large(args.posts, members=20, threads=20, ideas=2))
            forum.close()
        report(run(db, args.runs))
        note_shared_machine()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
