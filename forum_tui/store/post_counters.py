"""The counters and side effects every post write shares (a mixin of ``writing.Writing``).

Writing a new thread or appending a post moves every counter in the caller's transaction
(``_open_thread``, ``_append_post``): the board's, the thread's and the author's, whose
rank is then recomputed (``_bump_members``, ``_rerank``; a ``rank_up`` notification when
it goes up the ladder). Appending a post (every reply) writes with the prebuilt Core
statements of ``reply_rows`` (no ORM flush, no member row loaded: the counter UPDATE
returns what the rank is computed from, ``_rerank_row``). ``_deliver`` sends the
notifications a write causes and ``_audit`` leaves a moderator's ``ModAction``. Ideas,
statuses, profiles and Star rewards write through these same helpers, so every counter
moves the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, case, or_, update
from sqlmodel import Session

from forum_tui.store.audit_log import record_action
from forum_tui.store.guard import Guard
from forum_tui.store.models import (
    Board,
    Member,
    Notification,
    Post,
    Thread,
    ThreadTag,
)
from forum_tui.store.notify import Fanout, deliver, notification_text
from forum_tui.store.reply_rows import NewPost, count_reply, in_step, insert_reply


class Counters(Guard):
    def _open_thread(
        self,
        session: Session,
        member: Member,
        board: Board,
        title: str,
        body: str,
        tags: Iterable[str],
        now: datetime,
    ) -> tuple[Thread, Post]:
        """Write a new thread and its opening post with every counter (a new thread, a
        new idea), inside the caller's transaction; the author has read it."""
        thread = Thread(
            board_id=board.id,
            author_id=member.id,
            title=title,
            created_at=now,
            last_activity_at=now,
            post_count=1,
            last_poster_id=member.id,
        )
        session.add(thread)
        session.flush()
        post = Post(thread_id=thread.id, position=1, author_id=member.id, body=body, created_at=now)
        session.add(post)
        session.flush()
        thread.last_post_id = post.id
        session.add_all(ThreadTag(thread_id=thread.id, tag=tag) for tag in tags)
        self._index_post(session, post.id)
        _bump_board(session, board.id, now, threads=1, posts=1)
        self._bump_members(session, {member.id: {"thread_count": 1}})
        self._advance_mark(session, member.id, thread.id, 1)
        return thread, post

    def _append_post(
        self,
        session: Session,
        member: Any,
        thread: Any,
        board: Any,
        body: str,
        now: datetime,
        *,
        quoted_post_id: int | None = None,
    ) -> NewPost:
        """Write a post at the end of a locked thread with every counter (a reply, a
        status update, a merge link), inside the caller's transaction, with prebuilt
        Core statements (``reply_rows``). ``thread`` is an ORM row or a plain one
        (``reply_rows.reply_context``); either way it is kept in step with what was
        written, so a later append in the same transaction counts on from it."""
        post = insert_reply(session, thread, member.id, body, now, quoted_post_id=quoted_post_id)
        in_step(
            thread,
            post_count=post.position,
            last_activity_at=max(thread.last_activity_at, now),
            last_post_id=post.id,
            last_poster_id=member.id,
        )
        _bump_board(session, board.id, now, posts=1)
        self._index_post(session, post.id)
        ranked = count_reply(session, member.id)
        rank = self._rerank_row(session, ranked, now)
        in_step(member, reply_count=ranked.reply_count, rank=rank)
        return post

    def _bump_members(self, session: Session, changes: dict[int, dict[str, int]]) -> None:
        """Add to members' activity counters (in id order), then recompute their ranks."""
        now = self.now()
        for member_id in sorted(changes):
            deltas = {name: delta for name, delta in changes[member_id].items() if delta}
            if not deltas:
                continue
            statement = _member_bump(tuple(sorted(deltas)))
            session.connection().execute(statement, {"member_id": member_id, **deltas})
            member = session.get(Member, member_id, populate_existing=True)
            if member is not None:
                self._rerank(session, member, now)

    def _rerank(self, session: Session, member: Member, now: datetime) -> None:
        old, new = member.rank, self._rank(member)
        if new == old:
            return
        member.rank = new
        session.add(member)
        self._tell_rank_up(session, member.id, old, new, now)

    def _rerank_row(self, session: Session, ranked: Any, now: datetime) -> str:
        """``_rerank`` for a member row read with SQL (``reply_rows.RANK_FIELDS``): a
        new rank is written with one UPDATE, no ORM row loaded. Returns the rank."""
        old, new = ranked.rank, self._rank(ranked)
        if new != old:
            session.connection().execute(_SET_RANK, {"member_id": ranked.id, "rank": new})
            self._tell_rank_up(session, ranked.id, old, new, now)
        return new

    def _tell_rank_up(self, session: Session, member_id: int, old: str, new: str, now) -> None:
        """A ``rank_up`` notification when ``new`` is further up the ladder than ``old``."""
        ladder = [rank.name for rank in self.community.ranks.member]
        if new in ladder and (old not in ladder or ladder.index(new) > ladder.index(old)):
            article = "an" if new[:1].lower() in "aeiou" else "a"
            session.add(
                Notification(
                    member_id=member_id,
                    kind="rank_up",
                    text=f"You're now {article} {new}.",
                    created_at=now,
                )
            )

    def _deliver(
        self,
        session: Session,
        fanout: Fanout,
        actor: Member,
        board: Board,
        thread: Thread,
        post: Post,
    ) -> None:
        who = actor.display_name or actor.username

        def words(kind: str, *, for_author: bool = False) -> str:
            return notification_text(
                kind,
                actor=who,
                title=thread.title,
                board=board.name,
                position=post.position,
                for_post_author=for_author,
            )

        kinds = set(fanout.kinds.values())
        deliver(
            session,
            fanout,
            board_kind=board.kind,
            now=self.now(),
            text={kind: words(kind) for kind in kinds},
            thread_id=thread.id,
            post_id=post.id,
            for_post_author=(post.author_id, words("solution", for_author=True))
            if "solution" in kinds
            else None,
        )

    def _audit(
        self,
        session: Session,
        member: Member,
        action: str,
        target_kind: str,
        target_id: int,
        now: datetime,
        **detail,
    ) -> None:
        """A moderator's action on a post (a solution marked or cleared for its author)
        in the audit log, through the one writer every audit row goes through."""
        record_action(
            session,
            actor_id=member.id,
            action=action,
            target_kind=target_kind,
            target_id=target_id,
            reason="",
            detail=detail,
            now=now,
        )


# ---------------------------------------------------------------------- helpers


def _bump_board(
    session: Session, board_id: int, now: datetime, *, threads: int = 0, posts: int = 0
) -> None:
    parameters = {"board_id": board_id, "threads": threads, "posts": posts, "now": now}
    session.connection().execute(_BUMP_BOARD, parameters)


#: Built once (building it cost more than running it): a board's counters and last
#: activity, moved in SQL so concurrent writers never lose one.
_NOW = bindparam("now", type_=Board.last_activity_at.type)
_BUMP_BOARD = (
    update(Board)
    .where(Board.id == bindparam("board_id"))
    .values(
        thread_count=Board.thread_count + bindparam("threads"),
        post_count=Board.post_count + bindparam("posts"),
        last_activity_at=case(
            (or_(Board.last_activity_at.is_(None), Board.last_activity_at < _NOW), _NOW),
            else_=Board.last_activity_at,
        ),
    )
)


_SET_RANK = update(Member).where(Member.id == bindparam("member_id")).values(rank=bindparam("rank"))


@cache
def _member_bump(names: tuple[str, ...]):
    """``UPDATE member SET name = name + :name ...`` for these counters, built once."""
    return (
        update(Member)
        .where(Member.id == bindparam("member_id"))
        .values({getattr(Member, name): getattr(Member, name) + bindparam(name) for name in names})
    )


def _add(changes: dict[int, dict[str, int]], member_id: int, name: str, delta: int) -> None:
    counters = changes.setdefault(member_id, {})
    counters[name] = counters.get(name, 0) + delta
