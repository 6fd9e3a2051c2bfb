"""Moderation of threads: lock and unlock, move, archive to the Vault and restore, close
an idea with the requirement it failed (see ``moderation`` for what every action shares).

Threads change boards only through ``moving.move_thread``. Closing an idea goes through
the one status piece that ideas and Ongoing Issues share (``statuses.Statuses``), so its
voters and subscribers hear of it as of any other status change.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from forum_tui.rules.permissions import Action, Actor
from forum_tui.store.errors import AlreadyHandled, InvalidInput
from forum_tui.store.models import Board, IdeaDetail, Member, Thread
from forum_tui.store.moderation import Moderation, _resolved
from forum_tui.store.moving import move_thread
from forum_tui.store.views import TriageResult, Viewer


class ModerationThreads(Moderation):
    def set_locked(
        self,
        viewer: Viewer,
        thread_id: int,
        locked: bool,
        *,
        reason: str = "",
        key: str | None = None,
        seen: Sequence[int] = (),
    ) -> TriageResult:
        """Lock a thread (no more replies but from moderators) or unlock it."""
        with self._writing() as session:
            member, _actor, thread, _board, item = self._thread_for_action(
                session, viewer, thread_id, key, seen
            )
            if thread.locked == locked and item is None:
                state = "locked" if locked else "unlocked"
                raise AlreadyHandled(f"That thread is already {state}.")
            before = thread.locked
            thread.locked = locked
            session.add(thread)
            detail: dict = {"before": before}
            if item is not None and locked:
                detail.update(_resolved(self._resolve(session, member, item, "locked"), True, item))
            action = self._record(
                session, member, "lock" if locked else "unlock", "thread", thread.id, reason, detail
            )
            words = "Locked: only moderators can reply now." if locked else "Unlocked."
            return TriageResult(words, action.id)

    def move_to_board(
        self,
        viewer: Viewer,
        thread_id: int,
        board_slug: str,
        *,
        reason: str = "",
        key: str | None = None,
        seen: Sequence[int] = (),
    ) -> TriageResult:
        """Move a thread to another board (the Vault has its own use case)."""
        with self._writing() as session:
            member, actor, thread, board, item = self._thread_for_action(
                session, viewer, thread_id, key, seen
            )
            target, _area = self._visible_board(session, actor, board_slug)
            if target.kind == "vault":
                raise InvalidInput("Use archive to send a thread to the Vault.")
            if target.id == board.id:
                raise InvalidInput(f"The thread is already in {board.name}.")
            from_board = move_thread(session, thread.id, target.id)
            detail: dict = {"from_board_id": from_board, "to_board_id": target.id}
            if item is not None:
                detail.update(_resolved(self._resolve(session, member, item, "moved"), True, item))
            action = self._record(session, member, "move", "thread", thread.id, reason, detail)
            return TriageResult(f"Moved to {target.name}.", action.id)

    def archive_thread(
        self,
        viewer: Viewer,
        thread_id: int,
        *,
        reason: str = "",
        key: str | None = None,
        seen: Sequence[int] = (),
    ) -> TriageResult:
        """Send a thread to the Vault (read-only); ``restore_thread`` brings it back."""
        with self._writing() as session:
            member, _actor, thread, board, item = self._thread_for_action(
                session, viewer, thread_id, key, seen, action=Action.ARCHIVE
            )
            if board.kind == "vault":
                raise AlreadyHandled("That thread is already in the Vault.")
            vault = self._board_of_kind(session, "vault")
            detail: dict = {"origin_before": thread.origin_board_id, "from_board_id": board.id}
            thread.origin_board_id = board.id
            session.add(thread)
            move_thread(session, thread.id, vault.id)
            if item is not None:
                detail.update(
                    _resolved(self._resolve(session, member, item, "archived"), True, item)
                )
            action = self._record(session, member, "archive", "thread", thread.id, reason, detail)
            return TriageResult(f"Archived to {vault.name}.", action.id)

    def restore_thread(self, viewer: Viewer, thread_id: int, *, reason: str = "") -> TriageResult:
        """Bring a thread back from the Vault to the board it came from."""
        with self._writing() as session:
            member, _actor, thread, board, _item = self._thread_for_action(
                session, viewer, thread_id, None, (), action=Action.ARCHIVE
            )
            if board.kind != "vault":
                raise AlreadyHandled("That thread is not in the Vault.")
            if thread.origin_board_id is None:
                raise InvalidInput(
                    "This thread was written in the Vault, so it has no board to go back to."
                )
            origin = session.get(Board, thread.origin_board_id)
            detail = {"origin_before": thread.origin_board_id, "from_board_id": board.id}
            thread.origin_board_id = None
            session.add(thread)
            move_thread(session, thread.id, origin.id)
            action = self._record(session, member, "restore", "thread", thread.id, reason, detail)
            return TriageResult(f"Restored to {origin.name}.", action.id)

    def close_idea(
        self,
        viewer: Viewer,
        thread_id: int,
        requirement: int,
        *,
        note: str = "",
        key: str | None = None,
        seen: Sequence[int] = (),
    ) -> TriageResult:
        """Close an idea with the requirement (1-based, community ``idea_requirements``)
        it failed; it moves to Closed Ideas."""
        requirements = self.community.idea_requirements
        if not 1 <= requirement <= len(requirements):
            raise InvalidInput(f"Idea requirements are numbered 1 to {len(requirements)}.")
        with self._writing() as session:
            member, actor, thread, board, item = self._thread_for_action(
                session, viewer, thread_id, key, seen
            )
            idea = session.get(IdeaDetail, thread.id)
            if idea is None or board.kind not in ("ideas", "closed_ideas"):
                raise InvalidInput("Only ideas can be closed with a requirement.")
            if idea.status == "closed":
                raise AlreadyHandled("That idea is already closed.")
            note = note.strip() or f"Closed: {requirements[requirement - 1]}"
            detail = self._close_idea(session, member, actor, thread, idea, requirement, note)
            if item is not None:
                detail.update(_resolved(self._resolve(session, member, item, "closed"), True, item))
            action = self._record(session, member, "close_idea", "thread", thread.id, note, detail)
            return TriageResult(
                f"Closed (requirement {requirement}) and moved to Closed Ideas.", action.id
            )

    def _close_idea(
        self,
        session: Session,
        member: Member,
        actor: Actor,
        thread: Thread,
        idea: IdeaDetail,
        requirement: int,
        note: str,
    ) -> dict:
        """Close the idea with the failed requirement through the one status piece
        (``statuses.Statuses._apply_status``, on the same ``Forum``): it moves to Closed
        Ideas and its voters and subscribers are told. Returns what undo needs."""
        detail = {
            "status_before": idea.status,
            "note_before": idea.status_note,
            "failed_before": idea.failed_requirement,
            "origin_before": thread.origin_board_id,
            "from_board_id": thread.board_id,
        }
        subject = self._subject(session, actor, thread.id)
        closed = self._status_named("idea", "closed")
        self._check_change("idea", closed, idea.status, note, requirement, idea)
        self._apply_status(session, member, subject, closed, note, requirement)
        return detail
