"""Writing: new threads, replies, edits and their history, likes, solutions, floating.

Every write goes: permission (``rules.permissions.can``, always with the board's kind) ->
guidelines (``rules.guidelines.check_post``, with the data the store gathers: the
member's recent posts, the thread's earlier links, the member's recent Chat links) -> one
transaction -> a plain result, or a ``ForumError``. The guidelines' reads and text checks
run in a read-only transaction *before* the write transaction (``_screen``), so the write
lock is held only while writing; the write then checks permissions and acts on those
findings (refusing, confirming, filing reports) as before:

- ``GuidelineRefused`` (an ``InvalidInput``) when a guideline refuses; ``notices`` has the
  details. Nothing is written; the draft stays.
- ``NeedsConfirmation`` when a guideline warns (personal data) and the caller did not pass
  ``accept_warnings=True``. Nothing is written; show the notices, then call again.
- Findings that file a report (commercial posts, accepted personal-data warnings) file an
  automatic ``Report`` (no reporter) in the same transaction as the post.

Counters are maintained here, in the same transaction: ``Board.thread_count``/
``post_count``/``last_activity_at``; ``Thread.post_count``/``last_*``/``like_count``/
``solution_post_id``; ``Post.like_count``; the member's ``thread_count``, ``reply_count``,
``likes_given``, ``likes_received`` and ``solution_count``, after which their rank is
recomputed (``rules.ranks``) and a ``rank_up`` notification sent when it goes up the
ladder. Counter updates on boards and members are ``SET n = n + 1`` statements, so
concurrent writers never lose one; a reply locks its thread row (``FOR UPDATE`` on
PostgreSQL; ``BEGIN IMMEDIATE`` on SQLite) so positions stay dense, 1..N.

Decisions worth knowing:

- Ideas are submitted with the Idea Exchange's own form (``ideas.submit_idea``), not
  ``post_thread``; both write through ``_open_thread``, and replies and status updates
  through ``_append_post``, so every counter moves the same way.
- Edits re-run the guidelines without the duplicate and rate limits; a warning (or a
  report) the earlier version already had is not raised again.
- A moderator editing someone else's post, marking a solution in someone else's thread,
  or floating a thread leaves a ``ModAction`` in the audit log.
- The guidelines' plumbing (gathering their data, acting on findings) is ``guard.Guard``;
  reports are ``reporting.Reporting``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, or_, update
from sqlmodel import Session, select

from forum_tui.rules.permissions import IDEAS_ARE_NOT_THREADS, Action, Target
from forum_tui.store.access import (
    _allow,
)
from forum_tui.store.convert import _badge, _notice
from forum_tui.store.drafts import _discard_draft, edit_key, reply_key, thread_key
from forum_tui.store.errors import (
    InvalidInput,
    NotAllowed,
)
from forum_tui.store.guard import (
    Guard,
    _check_title_column,
    _clean_body,
    _clean_tags,
    _clean_title,
    _file_reports,
    _vet,
)
from forum_tui.store.models import (
    Board,
    Like,
    Member,
    ModAction,
    Notification,
    Post,
    PostRevision,
    Thread,
    ThreadTag,
)
from forum_tui.store.notify import (
    Fanout,
    deliver,
    mentioned_members,
    notification_text,
    subscribers,
)
from forum_tui.store.views import (
    GuidelineNotice,
    LikeResult,
    PostResult,
    RevisionView,
    Viewer,
)

#: How many versions ``post_history`` shows at most (the newest).
HISTORY_SHOWN = 200


class Writing(Guard):
    # ------------------------------------------------------------------ preview

    def check_post(
        self,
        viewer: Viewer,
        *,
        board_slug: str | None = None,
        thread_id: int | None = None,
        post_id: int | None = None,
        title: str | None = None,
        body: str,
    ) -> tuple[GuidelineNotice, ...]:
        """What the guidelines would say about a new thread (``board_slug`` and
        ``title``), a reply (``thread_id``) or an edit (``post_id``, ``title`` for an
        opening post), without writing anything: refusals, warnings and reports, for the compose
        screen to show before the member posts. Permissions are not part of it (see
        ``BoardView.can_post``)."""
        findings = self._screen(
            viewer,
            board_slug=board_slug,
            thread_id=thread_id,
            post_id=post_id,
            title=title,
            body=body,
        )
        return tuple(_notice(finding) for finding in findings)

    def _screen(
        self,
        viewer: Viewer,
        *,
        board_slug: str | None = None,
        thread_id: int | None = None,
        post_id: int | None = None,
        title: str | None = None,
        body: str,
    ):
        """The guidelines' findings for a post (see ``check_post``), in a read-only
        transaction. The writes below run them *before* their write transaction, so the
        write lock is never held while the rules read the member's recent posts and
        compare texts (``store.busy``); the write then acts on these findings. Two posts
        racing each other from one member may both pass the duplicate and rate checks."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            if post_id is not None:
                post, thread, board, _area = self._visible_post(session, actor, post_id)
                findings = self._edit_findings(session, member, post, thread, board, title, body)
            elif thread_id is not None:
                thread, board, _area = self._visible_thread(session, actor, thread_id)
                findings = self._findings(session, member, board, _clean_body(body), thread=thread)
            elif board_slug is not None:
                board, _area = self._visible_board(session, actor, board_slug)
                findings = self._findings(
                    session, member, board, _clean_body(body), title=_clean_title(title or "")
                )
            else:
                raise InvalidInput("Say where the post goes: a board, a thread or a post.")
        return findings

    # ------------------------------------------------------------------ posting

    def post_thread(
        self,
        viewer: Viewer,
        board_slug: str,
        title: str,
        body: str,
        *,
        accept_warnings: bool = False,
        tags: Iterable[str] = (),
    ) -> PostResult:
        """Start a thread in a board. Refusals: ``NotFound``/``NotAllowed`` (the board's
        rules: the Vault, FAQs, the Blog, Ongoing Issues, Closed Ideas, Star-only boards,
        ideas), ``GuidelineRefused``, ``NeedsConfirmation``. Discards the draft
        ``thread:<board_slug>``. Notifies board subscribers (blog subscribers for a blog
        post) and mentioned members."""
        tags = _clean_tags(tags)
        title, body = _clean_title(title), _clean_body(body)
        findings = self._screen(viewer, board_slug=board_slug, title=title, body=body)
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            board, _area = self._visible_board(session, actor, board_slug)
            if board.kind == "ideas":
                raise NotAllowed(IDEAS_ARE_NOT_THREADS)
            _allow(actor, Action.POST_THREAD, Target(board_kind=board.kind))
            notices = _vet(findings, accept_warnings)
            _check_title_column(title)
            now = self.now()
            thread, post = self._open_thread(session, member, board, title, body, tags, now)
            _file_reports(session, post, findings, now)
            _discard_draft(session, member.id, thread_key(board.slug))
            fanout = Fanout(member.id)
            fanout.add(mentioned_members(session, body), "mention")
            if board.kind == "blog":
                fanout.add(subscribers(session, [("blog", 0), ("board", board.id)]), "blog_post")
            else:
                fanout.add(subscribers(session, [("board", board.id)]), "subscription")
            self._deliver(session, fanout, member, board, thread, post)
            return PostResult(thread.id, post.id, 1, notices)

    def reply(
        self,
        viewer: Viewer,
        thread_id: int,
        body: str,
        *,
        quote_post_id: int | None = None,
        accept_warnings: bool = False,
    ) -> PostResult:
        """Reply at the end of a thread (position ``post_count + 1``). Locked threads
        refuse members (moderators may still reply). ``quote_post_id``: the post quoted
        (its text is part of ``body``, put there by the screen); it must be one the viewer
        can see. Discards the draft ``reply:<thread_id>``. Notifies the thread's author
        ("reply"), the quoted post's author ("quote"), subscribers of the thread, the
        board and the quoted post ("subscription") and mentioned members ("mention")."""
        body = _clean_body(body)
        findings = self._screen(viewer, thread_id=thread_id, body=body)
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
            _allow(
                actor,
                Action.REPLY,
                Target(
                    board_kind=board.kind,
                    owner_id=thread.author_id,
                    locked=thread.locked,
                    removed=thread.removed,
                ),
            )
            quoted = None
            if quote_post_id is not None:
                quoted, _t, _b, _a = self._visible_post(session, actor, quote_post_id)
            notices = _vet(findings, accept_warnings)
            now = self.now()
            quoted_id = quoted.id if quoted is not None else None
            post = self._append_post(
                session, member, thread, board, body, now, quoted_post_id=quoted_id
            )
            position = post.position
            _file_reports(session, post, findings, now)
            self._advance_mark(session, member.id, thread.id, position, only_from=position - 1)
            _discard_draft(session, member.id, reply_key(thread.id))
            fanout = Fanout(member.id)
            fanout.add(mentioned_members(session, body), "mention")
            if quoted is not None:
                fanout.add([quoted.author_id], "quote")
            fanout.add([thread.author_id], "reply")
            targets = [("thread", thread.id), ("board", board.id)]
            if quoted is not None:
                targets.append(("post", quoted.id))
            fanout.add(subscribers(session, targets), "subscription")
            self._deliver(session, fanout, member, board, thread, post)
            return PostResult(thread.id, post.id, position, notices)

    # ------------------------------------------------------------------ editing

    def edit_post(
        self,
        viewer: Viewer,
        post_id: int,
        body: str,
        *,
        title: str | None = None,
        accept_warnings: bool = False,
    ) -> PostResult:
        """Replace a post's text (and, for an opening post, the thread's title when
        ``title`` is given). Members edit their own posts, moderators any. The previous
        version is kept (``post_history``); the post shows ``edited_at``. Editing to the
        same text changes nothing. Discards the draft ``edit:<post_id>``."""
        body = _clean_body(body)
        new_title = _clean_title(title) if title is not None else None
        findings = self._screen(viewer, post_id=post_id, title=title, body=body)
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            post, thread, board, _area = self._visible_post(session, actor, post_id, lock=True)
            _allow(
                actor,
                Action.EDIT_POST,
                Target(
                    board_kind=board.kind,
                    owner_id=post.author_id,
                    locked=thread.locked,
                    removed=post.removed or thread.removed,
                ),
            )
            opening = post.position == 1
            if new_title is not None and not opening:
                raise InvalidInput("Only the opening post has a title.")
            same_title = new_title is None or new_title == thread.title
            if body == post.body and same_title:
                return PostResult(thread.id, post.id, post.position, ())
            notices = _vet(findings, accept_warnings)
            if new_title is not None:
                _check_title_column(new_title)
            now = self.now()
            old_body = post.body
            revision = PostRevision(
                post_id=post.id,
                editor_id=member.id,
                title=thread.title if opening else None,
                body=old_body,
                created_at=now,
            )
            session.add(revision)
            post.body = body
            post.edited_at = now
            session.add(post)
            if new_title is not None and not same_title:
                thread.title = new_title
                session.add(thread)
            session.flush()
            self._index_post(session, post.id)
            _file_reports(session, post, findings, now)
            _discard_draft(session, member.id, edit_key(post.id))
            if member.id != post.author_id:
                session.add(
                    ModAction(
                        actor_id=member.id,
                        action="edit",
                        target_kind="post",
                        target_id=post.id,
                        detail=json.dumps({"revision_id": revision.id}),
                        created_at=now,
                    )
                )
            before = set(mentioned_members(session, old_body))
            fanout = Fanout(member.id)
            fanout.add((m for m in mentioned_members(session, body) if m not in before), "mention")
            self._deliver(session, fanout, member, board, thread, post)
            return PostResult(thread.id, post.id, post.position, notices)

    def post_history(self, viewer: Viewer, post_id: int) -> tuple[RevisionView, ...]:
        """Every version of a post, newest (the current one) first, each with who made it
        and when (at most ``HISTORY_SHOWN``)."""
        with self._reading() as session:
            _member, actor = self._acting(session, viewer)
            post, thread, _board, _area = self._visible_post(session, actor, post_id)
            rows = session.exec(
                select(PostRevision, Member)
                .join(Member, Member.id == PostRevision.editor_id)
                .where(PostRevision.post_id == post.id)
                .order_by(PostRevision.created_at, PostRevision.id)
            ).all()
            author = session.get(Member, post.author_id)
            opening = post.position == 1
            texts = [(revision.title, revision.body) for revision, _ in rows]
            texts.append((thread.title if opening else None, post.body))
            makers = [(author, post.created_at)]
            makers += [(editor, revision.created_at) for revision, editor in rows]
            versions = [
                RevisionView(
                    post_id=post.id,
                    number=number,
                    title=title if opening else None,
                    body=text,
                    editor=_badge(editor),
                    created_at=when,
                    current=number == len(texts),
                )
                for number, ((title, text), (editor, when)) in enumerate(
                    zip(texts, makers, strict=True), start=1
                )
            ]
            return tuple(reversed(versions))[:HISTORY_SHOWN]

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

    # ------------------------------------------------------------------ helpers

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
        member: Member,
        thread: Thread,
        board: Board,
        body: str,
        now: datetime,
        *,
        quoted_post_id: int | None = None,
    ) -> Post:
        """Write a post at the end of a locked thread with every counter (a reply, a
        status update), inside the caller's transaction."""
        position = thread.post_count + 1
        post = Post(
            thread_id=thread.id,
            position=position,
            author_id=member.id,
            body=body,
            created_at=now,
            quoted_post_id=quoted_post_id,
        )
        session.add(post)
        session.flush()
        thread.post_count = position
        thread.last_activity_at = max(thread.last_activity_at, now)
        thread.last_post_id = post.id
        thread.last_poster_id = member.id
        session.add(thread)
        _bump_board(session, board.id, now, posts=1)
        self._index_post(session, post.id)
        self._bump_members(session, {member.id: {"reply_count": 1}})
        return post

    def _bump_members(self, session: Session, changes: dict[int, dict[str, int]]) -> None:
        """Add to members' activity counters (in id order), then recompute their ranks."""
        now = self.now()
        for member_id in sorted(changes):
            deltas = {name: delta for name, delta in changes[member_id].items() if delta}
            if not deltas:
                continue
            session.exec(
                update(Member)
                .where(Member.id == member_id)
                .values(
                    {
                        getattr(Member, name): getattr(Member, name) + delta
                        for name, delta in deltas.items()
                    }
                )
                .execution_options(synchronize_session=False)
            )
            member = session.get(Member, member_id, populate_existing=True)
            if member is not None:
                self._rerank(session, member, now)

    def _rerank(self, session: Session, member: Member, now: datetime) -> None:
        old, new = member.rank, self._rank(member)
        if new == old:
            return
        member.rank = new
        session.add(member)
        ladder = [rank.name for rank in self.community.ranks.member]
        if new in ladder and (old not in ladder or ladder.index(new) > ladder.index(old)):
            article = "an" if new[:1].lower() in "aeiou" else "a"
            session.add(
                Notification(
                    member_id=member.id,
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
        session.add(
            ModAction(
                actor_id=member.id,
                action=action,
                target_kind=target_kind,
                target_id=target_id,
                detail=json.dumps(detail, sort_keys=True),
                created_at=now,
            )
        )


# ---------------------------------------------------------------------- helpers


def _bump_board(
    session: Session, board_id: int, now: datetime, *, threads: int = 0, posts: int = 0
) -> None:
    session.exec(
        update(Board)
        .where(Board.id == board_id)
        .values(
            thread_count=Board.thread_count + threads,
            post_count=Board.post_count + posts,
            last_activity_at=case(
                (
                    or_(Board.last_activity_at.is_(None), Board.last_activity_at < now),
                    now,
                ),
                else_=Board.last_activity_at,
            ),
        )
        .execution_options(synchronize_session=False)
    )


def _add(changes: dict[int, dict[str, int]], member_id: int, name: str, delta: int) -> None:
    counters = changes.setdefault(member_id, {})
    counters[name] = counters.get(name, 0) + delta
