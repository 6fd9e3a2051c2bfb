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

Where it lives: new threads and replies here; edits and their history in ``editing``;
likes, solutions and floating in ``likes_and_solutions``; the counters and notifications
every write shares in ``post_counters``.
"""

from __future__ import annotations

from collections.abc import Iterable

from forum_tui.rules.permissions import IDEAS_ARE_NOT_THREADS, Action, Target
from forum_tui.store.access import _allow, _check_thread
from forum_tui.store.convert import _notice
from forum_tui.store.drafts import _discard_draft, reply_key, thread_key
from forum_tui.store.editing import Editing
from forum_tui.store.errors import InvalidInput, NotAllowed
from forum_tui.store.guard import (
    _check_title_column,
    _clean_body,
    _clean_tags,
    _clean_title,
    _file_reports,
    _vet,
)
from forum_tui.store.likes_and_solutions import LikesAndSolutions
from forum_tui.store.notify import Fanout, mentioned_members, subscribers
from forum_tui.store.read_context import thread_context
from forum_tui.store.reply_rows import follow_own_reply, reply_context
from forum_tui.store.views import GuidelineNotice, PostResult, Viewer


class Writing(Editing, LikesAndSolutions):
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
        racing each other from one member may both pass the duplicate and rate checks.
        A reply's reads are all Core statements: they run on a bare connection (no ORM
        Session to build and close, about a fifth of a reply)."""
        if thread_id is not None and post_id is None:  # a reply: one statement
            with self._read_connection() as connection:
                member, _actor, thread, board, _area, _row = thread_context(
                    self, connection, viewer, thread_id
                )
                return self._findings(connection, member, board, _clean_body(body), thread=thread)
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            if post_id is not None:
                post, thread, board, _area = self._visible_post(session, actor, post_id)
                findings = self._edit_findings(session, member, post, thread, board, title, body)
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
            context = reply_context(session, viewer.id, thread_id)
            member, thread, board = context.member, context.thread, context.board
            actor = self._actor(member)
            _check_thread(actor, thread, board)
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
            follow_own_reply(session, context, position, now)
            if context.draft_id is not None:
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
            self._deliver(session, fanout, context.author, board, thread, post)
            return PostResult(thread.id, post.id, position, notices)
