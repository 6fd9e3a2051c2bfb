"""Reading: areas and boards, board pages, threads, posts, read marks.

- Unread: a thread is unread for a member when it has a post after their read mark and
  its last activity is after the member's cutoff for the board: the later of the board
  visit's ``all_read_at`` (member.created_at without a visit) and ``now - UNREAD_WINDOW``.
  The window keeps the per-board unread count a bounded index range scan on
  ``ix_thread_unread`` (covering: no thread row is read) however big the board grows;
  older threads count as read.
  Counts also stop at ``UNREAD_COUNT_CAP`` (999: show it as "999+"). Inside a thread,
  posts from before the cutoff count as read too (``Service._effective_mark``).
- Board pages use keyset paging on (floated, last_activity_at, id), one index range per
  "floated" value, with an opaque cursor; authors, last posters, read marks and idea
  details are joined in the same query. ``unsolved_only`` walks the partial index
  ``ix_thread_board_unsolved`` (threads without a solution) the same way.
- Boards that the community file no longer lists keep their threads in the database but
  are not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as sql_select
from sqlmodel import Session

from forum_tui.store.access import (
    MODERATOR_ROLES,
    Service,
    _current,
    _decode_cursor,
    _encode_cursor,
    _moderates,
    _page_size,
    _sees,
    _upsert,
)
from forum_tui.store.convert import _board_view, badge_from_row
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import (
    Board,
    BoardVisit,
    Member,
    StatusChange,
    ThreadTag,
)
from forum_tui.store.post_rows import page_of_posts, solution_post
from forum_tui.store.read_context import (
    all_board_rows,
    board_context,
    board_from,
    require_member,
    thread_context,
)
from forum_tui.store.thread_rows import (
    author_badge,
    board_page_rows,
    last_poster_badge,
    read_and_idea,
)
from forum_tui.store.views import (
    AreaView,
    BoardView,
    Page,
    PostView,
    ThreadSummary,
    ThreadView,
    Viewer,
)
from forum_tui.store.views.core import quick_builder


class Reading(Service):
    def areas(self, viewer: Viewer) -> tuple[AreaView, ...]:
        """Every area with the boards the viewer may see, with thread and unread counts."""
        with self._read_connection() as connection:
            member = require_member(connection, viewer.id)
            actor = self._actor(member)
            visible = []
            for row in all_board_rows(connection, member.id):
                board, area = board_from(row)
                if board.slug in self._board_slugs and _sees(actor, board):
                    visible.append((board, area, row))
            boards = [board for board, _area, _row in visible]
            cutoffs = {
                board.id: self._unread_cutoff_of(member, row.all_read_at)
                for board, _area, row in visible
            }
            unread = self._unread_counts(connection, member, boards, cutoffs)
            grouped: dict[str, tuple[Any, list[BoardView]]] = {}
            for board, area, row in visible:
                view = _board_view(
                    board,
                    area,
                    actor,
                    unread.get(board.id, 0),
                    subscribed=row.board_followed is not None,
                )
                grouped.setdefault(area.slug, (row, []))[1].append(view)
            return tuple(
                AreaView(
                    slug=row.area_slug,
                    name=row.area_name,
                    description=row.area_description,
                    boards=tuple(views),
                )
                for row, views in grouped.values()
            )

    def board(self, viewer: Viewer, slug: str) -> BoardView:
        with self._read_connection() as connection:
            member, actor, board, area, row = board_context(self, connection, viewer, slug)
            cutoff = self._unread_cutoff_of(member, row.all_read_at)
            unread = self._unread_counts(connection, member, [board], {board.id: cutoff})
            return _board_view(
                board,
                area,
                actor,
                unread.get(board.id, 0),
                subscribed=row.board_followed is not None,
            )

    def board_threads(
        self,
        viewer: Viewer,
        slug: str,
        cursor: str | None = None,
        limit: int = 40,
        *,
        unsolved_only: bool = False,
        record_visit: bool = True,
    ) -> Page[ThreadSummary]:
        """A page of a board's threads: floated first, then by last activity, newest first.

        Pass the page's ``next_cursor`` back for the next page (with the same
        ``unsolved_only``). ``unsolved_only`` leaves out threads with an accepted solution
        (meant for Help boards and Ongoing Issues). The first page records the viewer's
        visit to the board, unless ``record_visit`` is false (a start snapshot's read:
        the visit is recorded when the pane reads it live).
        """
        limit = _page_size(limit)
        after = _decode_board_cursor(cursor)
        visit = cursor is None and record_visit
        # The first page writes the visit (a Session); later pages only read.
        with self._writing() if visit else self._read_connection() as db:
            member, _actor, board, _area, row = board_context(self, db, viewer, slug)
            cutoff = self._unread_cutoff_of(member, row.all_read_at)
            rows: list[Any] = []
            for floated in (True, False):
                if after is not None and floated and not after.floated:
                    continue
                wanted = limit + 1 - len(rows)
                if wanted <= 0:
                    break
                start = after if after is not None and after.floated == floated else None
                rows += self._thread_rows(db, member, board, floated, start, wanted, unsolved_only)
            if visit:
                self._record_visit(db, member, board)
            more = len(rows) > limit
            rows = rows[:limit]
            items = tuple(self._summary_view(row, board, cutoff) for row in rows)
        next_cursor = _encode_board_cursor(rows[-1]) if more and rows else None
        return Page(items=items, next_cursor=next_cursor)

    def thread(self, viewer: Viewer, thread_id: int) -> ThreadView:
        with self._read_connection() as connection:
            member, actor, thread, board, area, row = thread_context(
                self, connection, viewer, thread_id
            )
            cutoff = self._unread_cutoff_of(member, row.all_read_at)
            unread = self._unread_counts(connection, member, [board], {board.id: cutoff})
            mark = self._mark_before_cutoff(connection, thread, row.last_read_position or 0, cutoff)
            solution = None
            if thread.solution_post_id is not None:
                solution = solution_post(
                    connection,
                    thread_id=thread.id,
                    post_id=thread.solution_post_id,
                    viewer_id=member.id,
                    mark=mark,
                    cutoff=cutoff,
                    moderator=_moderates(actor),
                )
            status, label, votes, note = self._status(connection, thread, row)
            tags = connection.execute(_TAGS, {"thread_id": thread.id}).scalars()
            return ThreadView(
                id=thread.id,
                title=thread.title,
                board=_board_view(
                    board,
                    area,
                    actor,
                    unread.get(board.id, 0),
                    subscribed=row.board_followed is not None,
                ),
                author=badge_from_row(row, "a_"),
                created_at=thread.created_at,
                post_count=thread.post_count,
                like_count=thread.like_count,
                floated=thread.floated,
                locked=thread.locked,
                removed=thread.removed,
                solution=solution,
                status=status,
                status_note=note,
                label=label,
                vote_count=votes,
                tags=tuple(tags),
                last_read_position=mark,
                subscribed=row.thread_followed is not None,
            )

    def thread_posts(
        self, viewer: Viewer, thread_id: int, after: int = 0, limit: int = 40
    ) -> Page[PostView]:
        """Posts with a position after ``after``, in order. ``next_cursor`` is the last
        position on the page (pass ``int(next_cursor)`` as ``after``). ``PostView.unread``
        marks posts after ``ThreadView.last_read_position``."""
        limit = _page_size(limit)
        after = max(0, int(after))
        with self._quick_read() as read:
            member, actor, thread, _board, _area, row = thread_context(
                self, read, viewer, thread_id
            )
            posts = page_of_posts(  # --- issue 7: one prebuilt statement, on the driver
                read,
                thread_id=thread.id,
                after=after,
                limit=limit + 1,
                viewer_id=member.id,
                solution_post_id=thread.solution_post_id,
                mark=row.last_read_position or 0,
                cutoff=self._unread_cutoff_of(member, row.all_read_at),
                moderator=_moderates(actor),
            )
            more = len(posts) > limit
            items = tuple(posts[:limit])
        next_cursor = str(items[-1].position) if more and items else None
        return Page(items=items, next_cursor=next_cursor)

    def mark_read(self, viewer: Viewer, thread_id: int, position: int) -> None:
        """Record that the viewer has read up to ``position``; never moves backwards."""
        with self._writing() as session:
            member = _current(session, viewer)
            thread, _board, _area = self._visible_thread(session, self._actor(member), thread_id)
            position = min(max(0, int(position)), thread.post_count)
            if position <= 0:
                return
            self._advance_mark(session, member.id, thread.id, position)

    # ------------------------------------------------------------------ helpers: unread

    def _thread_rows(
        self,
        session: Session,
        member: Member,
        board: Board,
        floated: bool,
        after: _Cursor | None,
        limit: int,
        unsolved_only: bool = False,
    ) -> list[Any]:
        start = (after.last_activity_at, after.id) if after is not None else None
        return board_page_rows(  # --- issue 7: prebuilt Core statements, badge columns only
            session,
            board_id=board.id,
            member_id=member.id,
            floated=floated,
            after=start,
            limit=limit,
            unsolved_only=unsolved_only,
            moderator=member.role in MODERATOR_ROLES,
        )

    def _record_visit(self, session: Session, member: Member, board: Board) -> None:
        now = self.now()
        _upsert(
            session,
            BoardVisit,
            {
                "member_id": member.id,
                "board_id": board.id,
                "last_visit_at": now,
                "all_read_at": member.created_at,
            },
            keys=("member_id", "board_id"),
            update=lambda new: {"last_visit_at": new.last_visit_at},
        )

    # ------------------------------------------------------------------ helpers: threads

    def _status(
        self, connection: Any, thread: Any, row: Any
    ) -> tuple[str | None, str | None, int, str | None]:
        """(status name, label, votes, latest status note) for an idea or Ongoing Issue;
        ``row``: the thread's context row (``read_context``, with its idea columns)."""
        if row.idea_id is not None:
            note = row.idea_note or self._latest_note(connection, thread.id, "idea")
            return self._idea_status(row.idea_status), row.idea_label, row.idea_votes, note
        if thread.issue_status is not None:
            note = self._latest_note(connection, thread.id, "issue")
            return self._issue_status(thread.issue_status), None, thread.vote_count, note
        return None, None, thread.vote_count, None

    def _latest_note(self, connection: Any, thread_id: int, kind: str) -> str | None:
        parameters = {"thread_id": thread_id, "kind": kind}
        return connection.execute(_LATEST_NOTE, parameters).scalar() or None

    def _idea_status(self, key: str) -> str:
        try:
            return self.community.idea_status(key).name
        except KeyError:
            return key

    def _issue_status(self, key: str) -> str:
        try:
            return self.community.issue_status(key).name
        except KeyError:
            return key

    def _summary_view(self, row: Any, board: Board, cutoff: datetime) -> ThreadSummary:
        """A thread-list row (``thread_rows.board_page_rows``) as the list shows it,
        unpacked by position."""
        (
            thread_id,
            title,
            created_at,
            last_activity_at,
            post_count,
            like_count,
            floated,
            locked,
            solution_post_id,
            issue_status,
            votes,
        ) = row[:11]
        read_position, idea_status, idea_label, idea_votes, idea_id = read_and_idea(row)
        status = label = None
        if idea_id is not None:
            status, label, votes = self._idea_status(idea_status), idea_label, idea_votes
        elif issue_status is not None:
            status = self._issue_status(issue_status)
        return _build_summary(  # every ThreadSummary field, in its order
            thread_id,
            board.slug,
            title,
            author_badge(row),
            created_at,
            last_activity_at,
            last_poster_badge(row),
            max(0, post_count - 1),  # reply_count
            like_count,
            floated,
            locked,
            solution_post_id is not None,  # solved
            last_activity_at > cutoff and (read_position or 0) < post_count,  # unread
            status,
            label,
            votes,
            None,  # status_key
            None,  # status_note
        )


# ---------------------------------------------------------------------- rows and cursors

_build_summary = quick_builder(ThreadSummary)


@dataclass(frozen=True)
class _Cursor:
    floated: bool
    last_activity_at: datetime
    id: int


def _encode_board_cursor(thread: Any) -> str:
    return _encode_cursor([int(thread.floated), thread.last_activity_at, thread.id])


def _decode_board_cursor(cursor: str | None) -> _Cursor | None:
    if cursor is None:
        return None
    values = _decode_cursor(cursor)
    try:
        floated, when, thread_id = values
        return _Cursor(bool(floated), datetime.fromisoformat(when), int(thread_id))
    except (ValueError, TypeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None


_LATEST_NOTE = (
    sql_select(StatusChange.note)
    .where(StatusChange.thread_id == bindparam("thread_id"), StatusChange.kind == bindparam("kind"))
    .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
    .limit(1)
)
_TAGS = (
    sql_select(ThreadTag.tag)
    .where(ThreadTag.thread_id == bindparam("thread_id"))
    .order_by(ThreadTag.tag)
)
