"""Editing posts and their history (a mixin of ``writing.Writing``).

Edits re-run the guidelines without the duplicate and rate limits; a warning (or a
report) the earlier version already had is not raised again. The previous version is
kept as a ``PostRevision``; a moderator editing someone else's post leaves a
``ModAction`` in the audit log.
"""

from __future__ import annotations

import json

from sqlmodel import select

from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import _allow
from forum_tui.store.convert import _badge
from forum_tui.store.drafts import _discard_draft, edit_key
from forum_tui.store.errors import InvalidInput
from forum_tui.store.guard import (
    _check_title_column,
    _clean_body,
    _clean_title,
    _file_reports,
    _vet,
)
from forum_tui.store.models import Member, ModAction, PostRevision
from forum_tui.store.notify import Fanout, mentioned_members
from forum_tui.store.post_counters import Counters
from forum_tui.store.views import PostResult, RevisionView, Viewer

#: How many versions ``post_history`` shows at most (the newest).
HISTORY_SHOWN = 200


class Editing(Counters):
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
