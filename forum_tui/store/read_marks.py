"""Unread state and read marks: the part of the ``Forum`` service's shared helpers
(``access.Service`` derives from :class:`ReadMarks`) that says what a member has read.

- A thread is unread when it has a post after the member's read mark and its last
  activity is after the member's cutoff for its board: the later of the board visit's
  ``all_read_at`` (``member.created_at`` without a visit) and ``now - UNREAD_WINDOW``
  (see ``reading``). Counts stop at ``UNREAD_COUNT_CAP``; they walk the covering index
  ``ix_thread_unread`` (migration 0012) and never a thread row.
- A read mark only moves forward (``_advance_mark``: one upsert built once per dialect).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, case, func, literal_column, not_, or_, union_all
from sqlalchemy import select as core_select
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from forum_tui.store.database import connection_of
from forum_tui.store.models import Board, BoardVisit, Member, Post, ReadMark, Thread

#: Threads whose last activity is older than this count as read (see ``reading``).
UNREAD_WINDOW = timedelta(days=90)
#: Unread counts stop here (show it as "999+"): counting is bounded work on any board.
UNREAD_COUNT_CAP = 999
MODERATOR_ROLES = ("moderator", "staff")


class ReadMarks:
    """Unread cutoffs and counts, read marks (see the module docstring). Needs the
    service's ``now()`` and its ``_unread_statements`` cache."""

    _unread_statements: dict[tuple[int, bool], Any]

    def now(self) -> datetime:
        raise NotImplementedError

    def _unread_cutoff(self, session: Session, member: Member, board_id: int) -> datetime:
        visit = session.get(BoardVisit, (member.id, board_id))
        since = visit.all_read_at if visit is not None else member.created_at
        return max(since, self.now() - UNREAD_WINDOW)

    def _unread_counts(
        self,
        db: Session | Connection,
        member: Member,
        boards: list[Board],
        cutoffs: dict[int, datetime] | None = None,
    ) -> dict[int, int]:
        """Unread threads per board: one statement, one bounded index range per board
        (``cutoffs``: each board's unread cutoff, when the caller has read them)."""
        if not boards:
            return {}
        if cutoffs is None:
            cutoffs = self._unread_cutoffs(db, member, boards)  # (callers with a Session)
        params: dict[str, Any] = {"member_id": member.id}
        for index, board in enumerate(boards):
            params[f"board_{index}"] = board.id
            params[f"cutoff_{index}"] = cutoffs[board.id]
        statement = self._unread_statement(len(boards), member.role in MODERATOR_ROLES)
        counts: dict[int, int] = {}
        for index, count in connection_of(db).execute(statement, params):
            board_id = boards[index].id
            counts[board_id] = min(UNREAD_COUNT_CAP, counts.get(board_id, 0) + count)
        return counts

    def _unread_statement(self, board_count: int, moderator: bool):
        """The unread-count statement for ``board_count`` boards, built once and reused
        (building fifty subqueries costs more than running them).

        Per board, one index range per floated value, newest first, stopping at the cap:
        the planner walks the covering ``ix_thread_unread`` backwards and never scans the board.
        Built from the tables' columns, not the ORM classes: home's first read compiles it
        (fifty subqueries) before home can paint, and SQLAlchemy's ORM compile of each
        costs about half as much again as the Core one (32 ms against 23 for the demo's
        24 boards, first areas read).
        """
        key = (board_count, moderator)
        statement = self._unread_statements.get(key)
        if statement is None:
            parts = [
                _unread_part(index, floated, moderator)
                for index in range(board_count)
                for floated in (True, False)
            ]
            statement = self._unread_statements[key] = union_all(*parts)
        return statement

    def _unread_cutoffs(
        self, session: Session, member: Member, boards: list[Board]
    ) -> dict[int, datetime]:
        """The unread cutoff of each board (see the module docstring), in one query."""
        visits = dict(
            session.exec(
                select(BoardVisit.board_id, BoardVisit.all_read_at).where(
                    BoardVisit.member_id == member.id,
                    BoardVisit.board_id.in_([board.id for board in boards]),
                )
            ).all()
        )
        window = self.now() - UNREAD_WINDOW
        return {board.id: max(visits.get(board.id, member.created_at), window) for board in boards}

    def _advance_mark(
        self, session: Session, member_id: int, thread_id: int, position: int, *, only_from=None
    ) -> None:
        """Move the member's read mark up to ``position`` (never backwards). With
        ``only_from``, only when the mark is already at least ``only_from`` (a member who
        was caught up stays caught up after their own post; one who was not keeps the
        posts they have not read marked new)."""
        if only_from is not None and only_from > 0:
            # No mark yet means "read nothing": do not create one past unread posts.
            exists = session.get(ReadMark, (member_id, thread_id))
            if exists is None:
                return
        values = {
            "member_id": member_id,
            "thread_id": thread_id,
            "position": position,
            "read_at": self.now(),
            "only_from": only_from if only_from is not None else -1,
        }
        dialect = session.get_bind().dialect.name
        session.connection().execute(_mark_upsert(dialect), values)

    def _read_state(self, session: Session, member: Member, thread: Thread) -> tuple[int, datetime]:
        """(stored read mark, unread cutoff of the thread's board), in one query."""
        row = session.exec(
            select(ReadMark.last_read_position, BoardVisit.all_read_at)
            .select_from(Thread)
            .outerjoin(
                ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == member.id)
            )
            .outerjoin(
                BoardVisit,
                and_(BoardVisit.board_id == Thread.board_id, BoardVisit.member_id == member.id),
            )
            .where(Thread.id == thread.id)
        ).first()
        mark, all_read_at = row if row is not None else (None, None)
        return mark or 0, self._unread_cutoff_of(member, all_read_at)

    def _effective_mark(self, session: Session, member: Member, thread: Thread) -> int:
        """How far the member has read the thread, counting as read every post from
        before the board's unread cutoff (marking a board read, or the unread window)."""
        mark, cutoff = self._read_state(session, member, thread)
        return self._mark_before_cutoff(session, thread, mark, cutoff)

    def _unread_cutoff_of(self, member: Member, all_read_at: datetime | None) -> datetime:
        """The unread cutoff from the board visit's ``all_read_at`` (see ``reading``)."""
        since = all_read_at if all_read_at is not None else member.created_at
        return max(since, self.now() - UNREAD_WINDOW)

    def _mark_before_cutoff(self, db: Session | Connection, thread: Any, mark: int, cutoff) -> int:
        """The stored ``mark``, moved past every post from before ``cutoff``."""
        if mark >= thread.post_count:
            return mark
        if thread.last_activity_at <= cutoff:
            return thread.post_count
        # Posts are in time order: the last one from before the cutoff, found with one
        # seek on ix_post_thread_created (not a walk back from the newest).
        parameters = {"thread_id": thread.id, "cutoff": cutoff}
        old = connection_of(db).execute(_LAST_BEFORE_CUTOFF, parameters).scalar()
        return max(mark, old or 0)


#: The position of a thread's last post from before ``:cutoff`` (built once).
_LAST_BEFORE_CUTOFF = (
    select(Post.position)
    .where(
        Post.thread_id == bindparam("thread_id"),
        Post.created_at <= bindparam("cutoff", type_=Post.created_at.type),
    )
    .order_by(Post.created_at.desc(), Post.position.desc())
    .limit(1)
)


def _unread_clause(thread: Any = Thread, mark: Any = ReadMark):
    """A thread with posts past the member's read mark (or no mark): on the mapped
    classes, or on their tables' columns (``Thread.__table__.c``) for Core statements."""
    return or_(mark.last_read_position.is_(None), mark.last_read_position < thread.post_count)


def _unread_part(index: int, floated: bool, moderator: bool):
    """One board's unread count for one floated value (``:board_<index>``,
    ``:cutoff_<index>``), at most ``UNREAD_COUNT_CAP``: a Core select (see
    ``ReadMarks._unread_statement``)."""
    threads, marks = Thread.__table__, ReadMark.__table__
    thread, mark = threads.c, marks.c
    own_mark = and_(mark.thread_id == thread.id, mark.member_id == bindparam("member_id"))
    unread = (
        core_select(thread.id)
        .select_from(threads.outerjoin(marks, own_mark))
        .where(
            thread.board_id == bindparam(f"board_{index}"),
            thread.floated == floated,
            thread.last_activity_at > bindparam(f"cutoff_{index}"),
            _unread_clause(thread, mark),
        )
    )
    if not moderator:
        unread = unread.where(not_(thread.removed))
    capped = unread.order_by(thread.last_activity_at.desc()).limit(UNREAD_COUNT_CAP).subquery()
    return core_select(
        literal_column(str(index)).label("board_index"), func.count().label("unread")
    ).select_from(capped)


@cache
def _mark_upsert(dialect: str):
    """Move a read mark up to ``:position`` (never backwards; only from ``:only_from``
    when that is not -1), creating it when missing; built once per dialect."""
    table = ReadMark.__table__
    mark = table.c.last_read_position
    position = bindparam("position", type_=mark.type)
    read_at = bindparam("read_at", type_=table.c.read_at.type)
    only_from = bindparam("only_from", type_=mark.type)
    moves = and_(mark < position, or_(only_from == -1, mark >= only_from))
    values = {
        "member_id": bindparam("member_id"),
        "thread_id": bindparam("thread_id"),
        "last_read_position": position,
        "read_at": read_at,
    }
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        raise NotImplementedError(dialect)
    statement = insert(ReadMark).values(values)
    return statement.on_conflict_do_update(
        index_elements=("member_id", "thread_id"),
        set_={
            "last_read_position": case((moves, statement.excluded.last_read_position), else_=mark),
            "read_at": case((moves, statement.excluded.read_at), else_=table.c.read_at),
        },
    )
