"""Moving a thread between boards, with every counter kept true.

The one piece behind every move: a moderator moving a thread (``moderation``), a Help
thread entering Ongoing Issues and going back (``ideas``/issue statuses), archiving to the
Vault and restoring. Callers check permissions and record the action; this only moves.
"""

from __future__ import annotations

from sqlalchemy import func, update
from sqlmodel import Session, select

from forum_tui.store.models import Board, Thread


def move_thread(session: Session, thread_id: int, to_board_id: int) -> int:
    """Put the thread on ``to_board_id`` inside the caller's transaction.

    Both boards' thread and post counts follow, and each board's last activity is
    recomputed from the threads it now holds. Returns the board the thread left (the same
    board when it was already there: then nothing changes).
    """
    thread = session.get(Thread, thread_id)
    if thread is None:
        raise LookupError(f"thread {thread_id}")
    from_board_id = thread.board_id
    if from_board_id == to_board_id:
        return from_board_id
    thread.board_id = to_board_id
    session.add(thread)
    session.flush()
    for board_id, sign in ((from_board_id, -1), (to_board_id, 1)):
        session.exec(
            update(Board)
            .where(Board.id == board_id)
            .values(
                thread_count=Board.thread_count + sign,
                post_count=Board.post_count + sign * thread.post_count,
                last_activity_at=_latest_activity(board_id),
            )
            .execution_options(synchronize_session=False)
        )
    return from_board_id


def _latest_activity(board_id: int):
    return (
        select(func.max(Thread.last_activity_at))
        .where(Thread.board_id == board_id)
        .scalar_subquery()
    )
