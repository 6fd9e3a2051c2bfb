"""Ongoing Issues: a moderator moves a Help thread in (New Issue Report) and back.

Statuses, status updates and "me too" votes are the shared piece in ``statuses.py``;
this module only moves threads, through ``moving.move_thread``:

- ``move_to_ongoing``: a thread in a Help board goes to Ongoing Issues, remembering its
  board (``Thread.origin_board_id``), with the status New Issue Report (a status change
  in the history; no status-update post: the reference calls it automatic).
- ``move_back_to_help``: back to the board it came from (the first Help board if that
  is gone); the status is cleared, the history and votes are kept.

Both are refused with why for threads elsewhere, and recorded in the audit log. The
thread's author and subscribers are told.
"""

from __future__ import annotations

from sqlmodel import Session

from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import _allow
from forum_tui.store.errors import NotAllowed
from forum_tui.store.models import Board, Member, StatusChange, Thread
from forum_tui.store.moving import move_thread
from forum_tui.store.notify import Fanout, deliver, subscribers
from forum_tui.store.statuses import ISSUE_BOARD, NEW_ISSUE, Statuses
from forum_tui.store.views import StatusResult, Viewer

NOT_IN_HELP = (
    "Only threads in a Help board move to Ongoing Issues, and this one is in {board}. "
    "Move it to the Help board it belongs in first."
)
NOT_ONGOING = "This thread is not in Ongoing Issues, so there is nothing to move back."


class Issues(Statuses):
    def move_to_ongoing(self, viewer: Viewer, thread_id: int, note: str = "") -> StatusResult:
        """Move a Help thread to Ongoing Issues with the status New Issue Report."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
            _allow(
                actor, Action.MOVE_TO_ONGOING, Target(board_kind=board.kind, removed=thread.removed)
            )
            if board.kind != "help":
                raise NotAllowed(NOT_IN_HELP.format(board=board.name))
            target = self._board_of_kind(session, ISSUE_BOARD)
            move_thread(session, thread.id, target.id)
            session.refresh(thread)
            thread.origin_board_id = board.id
            thread.issue_status = NEW_ISSUE
            session.add(thread)
            now = self.now()
            status = self.community.issue_status(NEW_ISSUE)
            session.add(
                StatusChange(
                    thread_id=thread.id,
                    kind="issue",
                    status=NEW_ISSUE,
                    note=note.strip() or status.description,
                    actor_id=member.id,
                    created_at=now,
                )
            )
            detail = {"from": board.slug, "to": target.slug}
            self._record_thread_action(session, member, "move", thread.id, note.strip(), detail)
            words = f"“{thread.title}” moved to {target.name} as a {status.name}."
            notified = self._tell_move(session, member, thread, target, words)
            return StatusResult(thread.id, NEW_ISSUE, status.name, target.slug, notified)

    def move_back_to_help(self, viewer: Viewer, thread_id: int, note: str = "") -> StatusResult:
        """Move an Ongoing Issue back to its Help board; its status is cleared (the
        history of status changes stays)."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
            _allow(
                actor, Action.MOVE_TO_ONGOING, Target(board_kind=board.kind, removed=thread.removed)
            )
            if board.kind != ISSUE_BOARD:
                raise NotAllowed(NOT_ONGOING)
            target = None
            if thread.origin_board_id is not None:
                origin = session.get(Board, thread.origin_board_id)
                if origin is not None and origin.kind == "help":
                    target = origin
            target = target or self._board_of_kind(session, "help")
            move_thread(session, thread.id, target.id)
            session.refresh(thread)
            previous = thread.issue_status
            thread.issue_status = None
            thread.origin_board_id = board.id
            session.add(thread)
            detail = {"from": board.slug, "to": target.slug, "previous": previous}
            self._record_thread_action(session, member, "move", thread.id, note.strip(), detail)
            words = f"“{thread.title}” moved back to {target.name}."
            notified = self._tell_move(session, member, thread, target, words)
            return StatusResult(thread.id, None, None, target.slug, notified)

    def _tell_move(
        self, session: Session, member: Member, thread: Thread, board: Board, words: str
    ) -> int:
        fanout = Fanout(member.id)
        fanout.add([thread.author_id], "issue_status")
        fanout.add(subscribers(session, [("thread", thread.id)]), "issue_status")
        return deliver(
            session,
            fanout,
            board_kind=board.kind,
            now=self.now(),
            text={"issue_status": words},
            thread_id=thread.id,
        )
