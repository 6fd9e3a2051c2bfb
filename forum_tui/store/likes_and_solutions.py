"""Likes, solutions and floating (a mixin of ``writing.Writing``).

A like moves the post's and thread's like counts and both members' counters; a solution
moves the authors' ``solution_count``; a moderator marking a solution in someone else's
thread, or floating a thread, leaves a ``ModAction`` in the audit log.
"""

from __future__ import annotations

from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import _allow
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import Like, Post
from forum_tui.store.notify import Fanout, subscribers
from forum_tui.store.post_counters import Counters, _add
from forum_tui.store.views import LikeResult, Viewer


class LikesAndSolutions(Counters):
    # ------------------------------------------------------------------ likes

    def toggle_like(self, viewer: Viewer, post_id: int) -> LikeResult:
        """Like a post, or take the like back. Not one's own post."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            post, thread, board, _area = self._visible_post(session, actor, post_id, lock=True)
            _allow(
                actor,
                Action.LIKE,
                Target(
                    board_kind=board.kind,
                    owner_id=post.author_id,
                    removed=post.removed or thread.removed,
                ),
            )
            existing = session.get(Like, (post.id, member.id))
            if existing is not None:
                session.delete(existing)
                delta = -1
            else:
                session.add(Like(post_id=post.id, member_id=member.id, created_at=self.now()))
                delta = 1
            post.like_count = max(0, post.like_count + delta)
            thread.like_count = max(0, thread.like_count + delta)
            session.add_all((post, thread))
            self._bump_members(
                session,
                {member.id: {"likes_given": delta}, post.author_id: {"likes_received": delta}},
            )
            return LikeResult(post_id=post.id, liked=delta > 0, like_count=post.like_count)

    # ------------------------------------------------------------------ solutions

    def accept_solution(self, viewer: Viewer, post_id: int) -> None:
        """Mark a reply as its thread's solution (the thread's author, or a moderator; Help
        boards and Ongoing Issues). Replaces an earlier solution. Notifies the reply's
        author and the thread's and post's subscribers."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            post, thread, board, _area = self._visible_post(session, actor, post_id, lock=True)
            _allow(
                actor,
                Action.ACCEPT_SOLUTION,
                Target(
                    board_kind=board.kind,
                    thread_owner_id=thread.author_id,
                    removed=post.removed or thread.removed,
                ),
            )
            if post.position == 1:
                raise InvalidInput("The opening post can't be the solution; mark a reply.")
            if post.removed:
                raise InvalidInput("A removed post can't be the solution.")
            if thread.solution_post_id == post.id:
                return
            now = self.now()
            changes: dict[int, dict[str, int]] = {}
            if thread.solution_post_id is not None:
                previous = session.get(Post, thread.solution_post_id)
                if previous is not None:
                    _add(changes, previous.author_id, "solution_count", -1)
            _add(changes, post.author_id, "solution_count", 1)
            thread.solution_post_id = post.id
            session.add(thread)
            self._bump_members(session, changes)
            if member.id != thread.author_id:
                self._audit(session, member, "accept_solution", "post", post.id, now)
            fanout = Fanout(member.id)
            fanout.add([post.author_id], "solution")
            fanout.add(subscribers(session, [("thread", thread.id), ("post", post.id)]), "solution")
            self._deliver(session, fanout, member, board, thread, post)

    def clear_solution(self, viewer: Viewer, thread_id: int) -> None:
        """Unmark the thread's solution (same people as ``accept_solution``)."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
            _allow(
                actor,
                Action.ACCEPT_SOLUTION,
                Target(
                    board_kind=board.kind,
                    thread_owner_id=thread.author_id,
                    removed=thread.removed,
                ),
            )
            if thread.solution_post_id is None:
                return
            previous = session.get(Post, thread.solution_post_id)
            thread.solution_post_id = None
            session.add(thread)
            if previous is not None:
                self._bump_members(session, {previous.author_id: {"solution_count": -1}})
            if member.id != thread.author_id:
                self._audit(session, member, "clear_solution", "thread", thread.id, self.now())

    # ------------------------------------------------------------------ floating

    def set_floated(self, viewer: Viewer, thread_id: int, floated: bool) -> None:
        """Float (pin) a thread at the top of its board, or unfloat it. Moderators and
        staff only; logged in the audit log."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
            _allow(
                actor,
                Action.FLOAT_THREAD,
                Target(board_kind=board.kind, removed=thread.removed),
            )
            if thread.floated == floated:
                return
            thread.floated = floated
            session.add(thread)
            self._audit(
                session,
                member,
                "float" if floated else "unfloat",
                "thread",
                thread.id,
                self.now(),
                floated=floated,
            )
