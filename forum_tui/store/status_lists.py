"""The lists of ideas and Ongoing Issues: ``status_threads``.

A page of an idea board's or Ongoing Issues' threads, sorted by votes, newest or recent
activity (floated first, as on every board), filtered by status and label, each with its
latest status note. Keyset paging on (sort value, id); the cursor carries the sort, so a
cursor from another sort is refused.

Hot path: the statement picks the page's ids first, walking an index for each sort
(``ix_idea_votes``, ``ix_thread_board_created``, ``ix_thread_board_order``), then reads
only the columns a row shows (SQLAlchemy Core) for those ids. It is built once per shape
(kind, sort, filters, moderator, first or later page) and run with bound values. Before
it, one Core read gets the member, the board and the member's last visit (the permission
and unread cutoff); an idea carries its latest note itself, so only an Ongoing Issues
page asks its history for notes. A page makes each poster's badge once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, not_, select, tuple_
from sqlalchemy.orm import aliased
from sqlmodel import Session

from forum_tui.rules.permissions import Action, Target, can
from forum_tui.store.access import (
    MODERATOR_ROLES,
    UNREAD_WINDOW,
    _decode_cursor,
    _encode_cursor,
    _page_size,
)
from forum_tui.store.convert import badge_columns, badge_from_row
from forum_tui.store.errors import Hidden, InvalidInput, NotFound
from forum_tui.store.models import (
    Board,
    BoardVisit,
    IdeaDetail,
    Member,
    ReadMark,
    StatusChange,
    Thread,
)
from forum_tui.store.statuses import Statuses, status_kind
from forum_tui.store.views import MemberBadge, Page, ThreadSummary, Viewer

SORTS = ("votes", "new", "active")
_AUTHOR = aliased(Member, name="author")
_LAST = aliased(Member, name="last_poster")


class StatusLists(Statuses):
    def status_threads(
        self,
        viewer: Viewer,
        slug: str,
        *,
        sort: str = "active",
        status: str | None = None,
        label: str | None = None,
        cursor: str | None = None,
        limit: int = 40,
    ) -> Page[ThreadSummary]:
        """A page of an idea board's or Ongoing Issues' threads (see the module
        docstring). ``status``: a status key or name; ``label``: an idea label."""
        if sort not in SORTS:
            raise InvalidInput(f"Sort by {', '.join(SORTS)}.")
        limit = _page_size(limit)
        after = _decode_status_cursor(cursor, sort)
        with self._reading() as session:
            context = self._list_context(session, viewer, slug)
            kind = status_kind(context.board_kind)
            if kind is None:
                raise InvalidInput(f"{context.board_name} has no statuses to sort or filter by.")
            key = self._status_named(kind, status).key if status else None
            chosen = self._label_named(label) if label else None
            moderator = context.role in MODERATOR_ROLES
            shape = (kind, sort, key is not None, chosen is not None, moderator, after is not None)
            params = {"board": context.board_id, "member": viewer.id, "limit": limit + 1}
            params.update(status=key, label=chosen)
            if after is not None:
                params.update(after_floated=after[2], after_value=after[0], after_id=after[1])
            rows = session.connection().execute(self._list_statement(shape), params).all()
            more = len(rows) > limit
            rows = rows[:limit]
            # An idea keeps its latest note on itself; an Ongoing Issue's is in its history.
            notes = _latest_notes(session, [row.id for row in rows]) if kind == "issue" else {}
        cutoff = max(context.all_read_at or context.created_at, self.now() - UNREAD_WINDOW)
        page = _PageMaker(slug, kind, cutoff, notes, self._status_names(kind))
        items = tuple(page.item(row) for row in rows)
        next_cursor = None
        if more and rows:
            last = rows[-1]
            next_cursor = _encode_cursor([sort, last.sort_value, last.id, int(last.floated)])
        return Page(items=items, next_cursor=next_cursor)

    def _label_named(self, value: str) -> str:
        known = {name.casefold(): name for name in self.community.idea_labels}
        found = known.get(value.strip().strip("[]").casefold())
        if found is None:
            raise InvalidInput(
                f"There is no idea label {value!r}. The labels are: "
                f"{', '.join(self.community.idea_labels)}."
            )
        return found

    def _list_context(self, session: Session, viewer: Viewer, slug: str):
        """The signed-in member, the board and the member's last visit to it, in one
        Core read (three ORM loads cost more than the list itself); refuses as
        ``_acting`` and ``_visible_board`` do."""
        params = {"member": viewer.id, "slug": slug}
        context = session.connection().execute(_CONTEXT, params).first()
        if context is None:
            raise NotFound("Your account no longer exists.")
        if context.board_id is None or slug not in self._board_slugs:
            raise NotFound(f"There is no board called {slug!r}.")
        decision = can(
            self._actor(context), Action.VIEW_BOARD, Target(board_kind=context.board_kind)
        )
        if not decision:
            raise Hidden(decision.reason)
        return context

    def _list_statement(self, shape: tuple):
        cache = self.__dict__.setdefault("_status_list_statements", {})
        statement = cache.get(shape)
        if statement is None:
            statement = cache[shape] = _build_statement(*shape)
        return statement

    def _status_names(self, kind: str) -> dict[str, str]:
        found = self.community.idea_statuses if kind == "idea" else self.community.issue_statuses
        return {status.key: status.name for status in found}


class _PageMaker:
    """Rows -> ThreadSummary for one page: each poster's badge made once (a page repeats
    its posters), status names looked up in a dict (unknown keys shown as they are)."""

    def __init__(self, slug: str, kind: str, cutoff: datetime, notes, names) -> None:
        self.slug, self.kind, self.cutoff, self.notes, self.names = slug, kind, cutoff, notes, names
        self.made: dict[int, MemberBadge] = {}

    def item(self, row) -> ThreadSummary:
        key = row.idea_status if self.kind == "idea" else row.issue_status
        return ThreadSummary(
            id=row.id,
            board_slug=self.slug,
            title=row.title,
            author=self.badge(row, "author_"),
            created_at=row.created_at,
            last_activity_at=row.last_activity_at,
            last_poster=self.badge(row, "last_") if row.last_id is not None else None,
            reply_count=max(0, row.post_count - 1),
            like_count=row.like_count,
            floated=row.floated,
            locked=row.locked,
            solved=row.solution_post_id is not None,
            unread=row.last_activity_at > self.cutoff and (row.read_position or 0) < row.post_count,
            status=self.names.get(key, key) if key is not None else None,
            label=row.label,
            vote_count=row.idea_votes if self.kind == "idea" else row.vote_count,
            status_key=key,
            status_note=row.status_note or self.notes.get(row.id),
        )

    def badge(self, row, prefix: str) -> MemberBadge:
        # One statement, one snapshot: a member's columns are the same on every row.
        member_id = getattr(row, prefix + "id")
        badge = self.made.get(member_id)
        if badge is None:
            badge = self.made[member_id] = badge_from_row(row, prefix)
        return badge


def _context_statement():
    """The member (the columns ``_actor`` reads), the board named ``:slug`` and the
    member's visit to it: one row, or none when the member is gone."""
    actor_columns = [
        getattr(Member, name)
        for name in (
            "id", "role", "staff_title", "legend", "birth_date", "created_at",
            "email_verified", "pm_enabled", "suspended_until",
        )
    ]  # fmt: skip
    return (
        select(
            *actor_columns,
            Board.id.label("board_id"),
            Board.kind.label("board_kind"),
            Board.name.label("board_name"),
            BoardVisit.all_read_at,
        )
        .select_from(Member)
        .outerjoin(Board, Board.slug == bindparam("slug"))
        .outerjoin(
            BoardVisit,
            and_(BoardVisit.member_id == Member.id, BoardVisit.board_id == Board.id),
        )
        .where(Member.id == bindparam("member"))
    )


_CONTEXT = _context_statement()


def _build_statement(
    kind: str, sort: str, by_status: bool, by_label: bool, moderator: bool, later: bool
):
    """The page's thread ids first (filters, order, limit: only ``thread`` and ``idea``),
    then the columns a row shows for just those threads: SQLite sorts ids, not joined rows.
    """
    # Ideas by votes walk ix_idea_votes (vote_count, thread_id), so the tie-break is the
    # idea's thread_id (the same id); by newest, ix_thread_board_created.
    tie = Thread.id
    if sort == "votes":
        order = IdeaDetail.vote_count if kind == "idea" else Thread.vote_count
        tie = IdeaDetail.thread_id if kind == "idea" else Thread.id
    elif sort == "new":
        order = Thread.created_at
    else:
        order = Thread.last_activity_at
    board = Thread.board_id
    if tie is not Thread.id:
        board = board + 0  # SQLite: walk the votes index, not the board's threads
    # Recently active: floated first, as on every board, which walks ix_thread_board_order
    # (board_id, floated, last_activity_at, id).
    keys = (Thread.floated, order, tie) if sort == "active" else (order, tie)
    page = (
        select(tie.label("id"), order.label("sort_value"), Thread.floated.label("page_floated"))
        .select_from(Thread)
        .where(board == bindparam("board"))
    )
    if kind == "idea" or by_label:
        page = page.join(IdeaDetail, IdeaDetail.thread_id == Thread.id)
    if not moderator:
        page = page.where(not_(Thread.removed))
    if by_status:
        column = IdeaDetail.status if kind == "idea" else Thread.issue_status
        page = page.where(column == bindparam("status"))
    if by_label:
        page = page.where(IdeaDetail.label == bindparam("label"))
    if later:
        after = [bindparam("after_value"), bindparam("after_id")]
        if sort == "active":
            after.insert(0, bindparam("after_floated"))
        page = page.where(tuple_(*keys) < tuple_(*after))
    page = page.order_by(*(key.desc() for key in keys)).limit(bindparam("limit")).subquery()
    columns = [
        Thread.id,
        Thread.title,
        Thread.created_at,
        Thread.last_activity_at,
        Thread.post_count,
        Thread.like_count,
        Thread.floated,
        Thread.locked,
        Thread.solution_post_id,
        Thread.vote_count,
        Thread.issue_status,
        ReadMark.last_read_position.label("read_position"),
        IdeaDetail.label,
        IdeaDetail.status.label("idea_status"),
        IdeaDetail.status_note,
        IdeaDetail.vote_count.label("idea_votes"),
        *badge_columns(_AUTHOR, "author_"),
        *badge_columns(_LAST, "last_"),
        page.c.sort_value,
    ]
    in_order = [page.c.sort_value.desc(), page.c.id.desc()]
    if sort == "active":
        in_order.insert(0, page.c.page_floated.desc())
    return (
        select(*columns)
        .select_from(page)
        .join(Thread, Thread.id == page.c.id)
        .join(_AUTHOR, _AUTHOR.id == Thread.author_id)
        .outerjoin(_LAST, _LAST.id == Thread.last_poster_id)
        .outerjoin(
            ReadMark,
            and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == bindparam("member")),
        )
        .outerjoin(IdeaDetail, IdeaDetail.thread_id == Thread.id)
        .order_by(*in_order)
    )


def _latest_notes(session: Session, thread_ids: list[int]) -> dict[int, str]:
    """The newest status note of each Ongoing Issue (one query for a page)."""
    if not thread_ids:
        return {}
    rows = session.exec(
        select(StatusChange.thread_id, StatusChange.note)
        .where(StatusChange.thread_id.in_(thread_ids), StatusChange.kind == "issue")
        .order_by(StatusChange.thread_id, StatusChange.created_at, StatusChange.id)
    ).all()
    return {thread_id: note for thread_id, note in rows if note}


def _decode_status_cursor(cursor: str | None, sort: str):
    """(sort value, id, floated) from a cursor made for ``sort``; InvalidInput if bad."""
    if cursor is None:
        return None
    values = _decode_cursor(cursor)
    try:
        cursor_sort, value, thread_id, floated = values
        if cursor_sort != sort:
            raise ValueError(cursor_sort)
        value = int(value) if sort == "votes" else datetime.fromisoformat(value)
        return value, int(thread_id), bool(floated)
    except (ValueError, TypeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None
