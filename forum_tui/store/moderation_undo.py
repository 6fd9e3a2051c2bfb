"""Undo: a moderator takes back their own last action.

The action's ``ModAction.detail`` (written by ``moderation``) holds what came before;
undo puts it back in one transaction, reopens the reports the action closed (and takes
the upheld report off the author's record), marks the action undone and logs the undo.
Warnings cannot be undone: the message went out. Someone else's later change wins: undo
refuses rather than overwrite it (a thread moved on since, a post edited again since).

A moderator's edit (``Writing.edit_post`` logs it as ``edit`` with the ``PostRevision``
that holds the text before it) is undone by putting that text (and an opening post's
title) back; the moderator's version stays in the post's history as a revision, so
nothing typed is lost. From the queue an edit is followed by ``resolve_after_edit``,
whose log entry names the edit: undoing it takes back the edit too.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, func, select

from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import _allow
from forum_tui.store.errors import AlreadyHandled, InvalidInput
from forum_tui.store.models import (
    Board,
    IdeaDetail,
    Member,
    Message,
    ModAction,
    Post,
    PostRevision,
    Report,
    Thread,
)
from forum_tui.store.moderation_members import ModerationMembers
from forum_tui.store.moderation_threads import ModerationThreads
from forum_tui.store.moving import move_thread
from forum_tui.store.views import TriageResult, Viewer

#: Actions undo can take back.
UNDOABLE = frozenset(
    {
        "dismiss",
        "resolve",
        "edit",
        "remove",
        "lock",
        "unlock",
        "move",
        "archive",
        "restore",
        "close_idea",
        "suspend",
        "lift_suspension",
    }
)


class ModerationUndo(ModerationThreads, ModerationMembers):
    def undo_last(self, viewer: Viewer) -> TriageResult:
        """Take back the viewer's own last moderation action (not yet undone)."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.MODERATE, Target())
            last = session.exec(
                select(ModAction)
                .where(
                    ModAction.actor_id == member.id,
                    ModAction.undone.is_(False),
                    ModAction.action != "undo",
                )
                .order_by(ModAction.created_at.desc(), ModAction.id.desc())
                .limit(1)
                .with_for_update()
            ).first()
            if last is None:
                raise InvalidInput("There is nothing of yours to undo.")
            if last.action not in UNDOABLE:
                raise InvalidInput(
                    "Your last action can't be undone"
                    + (": the warning was already sent." if last.action == "warn" else ".")
                )
            detail = json.loads(last.detail or "{}")
            words = _UNDO[last.action](self, session, last, detail)
            self._reopen(session, detail)
            last.undone = True
            session.add(last)
            undo = self._record(
                session,
                member,
                "undo",
                last.target_kind,
                last.target_id,
                f"Undid {last.action} #{last.id}",
                {"undid": last.id},
            )
            return TriageResult(f"Undone: {words}", undo.id, undoable=False)

    def _reopen(self, session: Session, detail: dict) -> None:
        ids = detail.get("reports") or []
        if not ids:
            return
        for report in session.exec(select(Report).where(Report.id.in_(ids))).all():
            report.status, report.outcome = "open", None
            report.resolved_at = report.resolved_by_id = None
            session.add(report)
        if detail.get("upheld") and detail.get("author_id"):
            author = session.get(Member, detail["author_id"])
            if author is not None:
                self._count_upheld(author, -1)
                session.add(author)

    # -- one function per action: put back what came before, say what was undone

    def _undo_dismiss(self, session: Session, action: ModAction, detail: dict) -> str:
        return "the reports are open again."

    def _undo_resolve(self, session: Session, action: ModAction, detail: dict) -> str:
        """Reports closed after an edit from the queue: the edit is taken back too."""
        edit = session.get(ModAction, detail["edit_id"]) if detail.get("edit_id") else None
        if edit is None or edit.undone:
            return "the reports are open again."
        self._undo_edit(session, edit, json.loads(edit.detail or "{}"))
        edit.undone = True
        session.add(edit)
        return "the post says what it said before the edit, and its reports are open again."

    def _undo_edit(self, session: Session, action: ModAction, detail: dict) -> str:
        """Put back the text (and title) from before the edit; the edited version goes
        into the history, by the moderator who undid it."""
        revision = session.get(PostRevision, detail.get("revision_id") or 0)
        post = session.get(Post, action.target_id)
        if revision is None or post is None:
            raise AlreadyHandled("That post's earlier text is gone, so the edit was not undone.")
        edited_since = session.exec(
            select(func.count(PostRevision.id)).where(
                PostRevision.post_id == post.id, PostRevision.id > revision.id
            )
        ).one()
        if edited_since:
            raise AlreadyHandled("The post was edited again since, so the edit was not undone.")
        thread = session.get(Thread, post.thread_id)
        now = self.now()
        session.add(
            PostRevision(
                post_id=post.id,
                editor_id=action.actor_id,
                title=thread.title if revision.title is not None else None,
                body=post.body,
                created_at=now,
            )
        )
        post.body, post.edited_at = revision.body, now
        session.add(post)
        if revision.title is not None:
            thread.title = revision.title
            session.add(thread)
        self._index_post(session, post.id)
        return "the post says what it said before the edit."

    def _undo_remove(self, session: Session, action: ModAction, detail: dict) -> str:
        model = Post if action.target_kind == "post" else Message
        row = session.get(model, action.target_id)
        row.removed = bool(detail.get("was_removed"))
        row.removed_reason = detail.get("reason_before")
        session.add(row)
        if "thread_removed_before" in detail and isinstance(row, Post):
            thread = session.get(Thread, row.thread_id)
            thread.removed = bool(detail["thread_removed_before"])
            session.add(thread)
        return f"the {action.target_kind} is back."

    def _undo_lock(self, session: Session, action: ModAction, detail: dict) -> str:
        thread = session.get(Thread, action.target_id)
        thread.locked = bool(detail.get("before"))
        session.add(thread)
        return "the thread is locked again." if thread.locked else "the thread is open again."

    def _undo_move(self, session: Session, action: ModAction, detail: dict) -> str:
        thread = session.get(Thread, action.target_id)
        if thread.board_id != detail["to_board_id"]:
            raise AlreadyHandled("The thread has moved on since, so the move was not undone.")
        move_thread(session, thread.id, detail["from_board_id"])
        return f"the thread is back in {session.get(Board, detail['from_board_id']).name}."

    def _undo_archive(self, session: Session, action: ModAction, detail: dict) -> str:
        thread = session.get(Thread, action.target_id)
        thread.origin_board_id = detail.get("origin_before")
        session.add(thread)
        move_thread(session, thread.id, detail["from_board_id"])
        return f"the thread is back in {session.get(Board, detail['from_board_id']).name}."

    def _undo_close_idea(self, session: Session, action: ModAction, detail: dict) -> str:
        idea = session.get(IdeaDetail, action.target_id)
        idea.status = detail["status_before"]
        idea.status_note = detail.get("note_before")
        idea.failed_requirement = detail.get("failed_before")
        session.add(idea)
        self._undo_archive(session, action, detail)
        return "the idea is open again."

    def _undo_suspend(self, session: Session, action: ModAction, detail: dict) -> str:
        member = session.get(Member, action.target_id)
        before = detail.get("before")
        member.suspended_until = datetime.fromisoformat(before) if before else None
        session.add(member)
        if member.suspended_until is None or member.suspended_until <= self.now():
            return f"{member.username} can write again."
        return f"{member.username} is suspended as before."


_UNDO = {
    "dismiss": ModerationUndo._undo_dismiss,
    "resolve": ModerationUndo._undo_resolve,
    "edit": ModerationUndo._undo_edit,
    "remove": ModerationUndo._undo_remove,
    "lock": ModerationUndo._undo_lock,
    "unlock": ModerationUndo._undo_lock,
    "move": ModerationUndo._undo_move,
    "archive": ModerationUndo._undo_archive,
    "restore": ModerationUndo._undo_archive,
    "close_idea": ModerationUndo._undo_close_idea,
    "suspend": ModerationUndo._undo_suspend,
    "lift_suspension": ModerationUndo._undo_suspend,
}
