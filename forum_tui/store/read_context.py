"""Where a hot read starts: who asks, which board or thread, their read state, in ONE row.

Opening a board or a thread used to cost five to eleven statements before its rows were
read: the whole member row (about 30 columns) through the ORM, the board or thread with
its board and area as entities, then the board visit, the read mark, the subscriptions,
the author, the idea details, each on its own. Here each is one prebuilt Core statement
(built once at import, bound parameters) selecting only what the views show and the
rules ask about; the row is split into small objects the rest of the store already
reads by attribute (``member.role``, ``board.kind``, ``thread.post_count``).

When the row is missing, :func:`acting_member` tells which part was (the member's
account, or the board or thread) so each refusal keeps its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import and_, bindparam, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlmodel import Session

from forum_tui.store.access import NO_THREAD, _check_thread
from forum_tui.store.convert import badge_columns
from forum_tui.store.driver_reads import DirectRead, DriverRead
from forum_tui.store.errors import NotFound
from forum_tui.store.models import (
    Area,
    Board,
    BoardVisit,
    IdeaDetail,
    Member,
    ReadMark,
    Subscription,
    Thread,
)


@dataclass(frozen=True, slots=True)
class ActingMember:
    """The member columns the rules ask about (``Service._actor``) and reads use."""

    id: int
    role: str
    staff_title: str | None
    legend: bool
    birth_date: date | None
    created_at: datetime
    email_verified: bool
    pm_enabled: bool
    suspended_until: datetime | None


#: What a read helper's statements run on: a write's Session, a Core read's Connection,
#: or a read straight on the driver (``driver_reads``).
Db = Session | Connection | DriverRead

_MEMBER_FIELDS = tuple(ActingMember.__dataclass_fields__)
_BOARD_FIELDS = (
    "id",
    "slug",
    "name",
    "kind",
    "description",
    "guidelines",
    "thread_count",
    "post_count",
    "last_activity_at",
)
_THREAD_FIELDS = (
    "id",
    "board_id",
    "author_id",
    "title",
    "created_at",
    "last_activity_at",
    "post_count",
    "like_count",
    "floated",
    "locked",
    "removed",
    "solution_post_id",
    "issue_status",
    "vote_count",
)
_AUTHOR = aliased(Member, name="thread_author")
_BOARD_FOLLOW = aliased(Subscription, name="board_follow")
_THREAD_FOLLOW = aliased(Subscription, name="thread_follow")


def _columns(entity: Any, prefix: str, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(entity, name).label(prefix + name) for name in names)


def _board_part(member_id):
    """Board and area columns, the member's visit and board subscription (outer joins)."""
    columns = (
        *_columns(Board, "b_", _BOARD_FIELDS),
        Area.slug.label("area_slug"),
        Area.name.label("area_name"),
        BoardVisit.all_read_at,
        _BOARD_FOLLOW.id.label("board_followed"),
    )
    joins = [
        (Area, Area.id == Board.area_id),
        (
            BoardVisit,
            and_(BoardVisit.board_id == Board.id, BoardVisit.member_id == member_id),
        ),
        (
            _BOARD_FOLLOW,
            and_(
                _BOARD_FOLLOW.member_id == member_id,
                _BOARD_FOLLOW.target_kind == literal("board"),
                _BOARD_FOLLOW.target_id == Board.id,
            ),
        ),
    ]
    return columns, joins


def _board_statement():
    member_id = bindparam("member_id")
    columns, joins = _board_part(member_id)
    query = select(*_columns(Member, "m_", _MEMBER_FIELDS), *columns).select_from(Member)
    query = query.join(Board, Board.slug == bindparam("slug"))
    for target, on in joins:
        query = query.outerjoin(target, on) if target is not Area else query.join(target, on)
    return query.where(Member.id == member_id)


def _thread_statement():
    member_id = bindparam("member_id")
    columns, joins = _board_part(member_id)
    query = (
        select(
            *_columns(Member, "m_", _MEMBER_FIELDS),
            *_columns(Thread, "t_", _THREAD_FIELDS),
            *columns,
            ReadMark.last_read_position,
            _THREAD_FOLLOW.id.label("thread_followed"),
            *badge_columns(_AUTHOR, "a_"),
            IdeaDetail.thread_id.label("idea_id"),
            IdeaDetail.status.label("idea_status"),
            IdeaDetail.label.label("idea_label"),
            IdeaDetail.vote_count.label("idea_votes"),
            IdeaDetail.status_note.label("idea_note"),
        )
        .select_from(Member)
        .join(Thread, Thread.id == bindparam("thread_id"))
        .join(Board, Board.id == Thread.board_id)
    )
    for target, on in joins:
        query = query.outerjoin(target, on) if target is not Area else query.join(target, on)
    return (
        query.join(_AUTHOR, _AUTHOR.id == Thread.author_id)
        .outerjoin(ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == member_id))
        .outerjoin(
            _THREAD_FOLLOW,
            and_(
                _THREAD_FOLLOW.member_id == member_id,
                _THREAD_FOLLOW.target_kind == literal("thread"),
                _THREAD_FOLLOW.target_id == Thread.id,
            ),
        )
        .outerjoin(IdeaDetail, IdeaDetail.thread_id == Thread.id)
        .where(Member.id == member_id)
    )


def _all_boards_statement():
    columns, joins = _board_part(bindparam("member_id"))
    query = select(*columns, Area.description.label("area_description")).select_from(Board)
    for target, on in joins:
        query = query.outerjoin(target, on) if target is not Area else query.join(target, on)
    return query.order_by(Area.position, Area.id, Board.position, Board.id)


_ACTING = DirectRead(
    select(*_columns(Member, "m_", _MEMBER_FIELDS)).where(Member.id == bindparam("member_id"))
)
_BOARD = DirectRead(_board_statement())
_THREAD = DirectRead(_thread_statement())
_ALL_BOARDS = DirectRead(_all_boards_statement())


def _position(read: DirectRead, name: str) -> int:
    return list(read.statement.selected_columns.keys()).index(name)


# Rows are split by position (a name lookup on a Row costs about 0.7 us; a read's forty
# of them were a fifth of a thread page's Python time). Members come first in every row;
# a board's columns are followed by its area's slug and name in each.
assert _position(_ACTING, "m_id") == _position(_BOARD, "m_id") == _position(_THREAD, "m_id") == 0
_THREAD_AT = _position(_THREAD, "t_id")
_BOARD_IN_BOARD_ROW = _position(_BOARD, "b_id")
_BOARD_IN_THREAD_ROW = _position(_THREAD, "b_id")
_LISTED_BOARD_AT = _position(_ALL_BOARDS, "b_id")


def acting_member(db: Db, member_id: int) -> ActingMember | None:
    """Just the member columns the rules ask about; None when the account is gone."""
    row = _ACTING.first(db, {"member_id": member_id})
    return member_from(row) if row is not None else None


def board_row(db: Db, member_id: int, slug: str) -> Any | None:
    """The member, the board called ``slug`` with its area, visit and subscription."""
    return _BOARD.first(db, {"member_id": member_id, "slug": slug})


def thread_row(db: Db, member_id: int, thread_id: int) -> Any | None:
    """The member, the thread with its board, area, author badge, idea details, and the
    member's read mark, visit and subscriptions."""
    parameters = {"member_id": member_id, "thread_id": thread_id}
    return _THREAD.first(db, parameters)


def all_board_rows(db: Db, member_id: int) -> list[Any]:
    """Every board in sidebar order with its area, and the member's visit and board
    subscription (``all_read_at``, ``board_followed``)."""
    return _ALL_BOARDS.all(db, {"member_id": member_id})


def member_from(row: Any) -> ActingMember:
    return ActingMember(*row[: len(_MEMBER_FIELDS)])


def board_from(row: Any, at: int = _LISTED_BOARD_AT) -> tuple[SimpleNamespace, SimpleNamespace]:
    """(board, area) as ``convert._board_view`` reads them, from the board's columns
    starting at ``at`` (by default: a row of :func:`all_board_rows`)."""
    end = at + len(_BOARD_FIELDS)
    board = SimpleNamespace(**dict(zip(_BOARD_FIELDS, row[at:end], strict=True)))
    return board, SimpleNamespace(slug=row[end], name=row[end + 1])


def thread_from(row: Any) -> SimpleNamespace:
    values = row[_THREAD_AT : _THREAD_AT + len(_THREAD_FIELDS)]
    return SimpleNamespace(**dict(zip(_THREAD_FIELDS, values, strict=True)))


def board_context(service: Any, db: Db, viewer: Any, slug: str):
    """(member, actor, board, area, row) for a read of the board called ``slug``, in one
    statement; the row holds the visit's ``all_read_at`` and ``board_followed``.
    Refusals as ``Service._acting`` and ``Service._visible_board`` make them."""
    row = board_row(db, viewer.id, slug)
    if row is None:
        require_member(db, viewer.id)
        raise NotFound(f"There is no board called {slug!r}.")
    member = member_from(row)
    actor = service._actor(member)
    board, area = board_from(row, _BOARD_IN_BOARD_ROW)
    service._check_board(actor, board)
    return member, actor, board, area, row


def thread_context(service: Any, db: Db, viewer: Any, thread_id: int):
    """(member, actor, thread, board, area, row) for a read of a thread, in one
    statement. Refusals as ``Service._acting`` and ``Service._visible_thread``."""
    row = thread_row(db, viewer.id, thread_id)
    if row is None:
        require_member(db, viewer.id)
        raise NotFound(NO_THREAD)
    member = member_from(row)
    actor = service._actor(member)
    thread = thread_from(row)
    board, area = board_from(row, _BOARD_IN_THREAD_ROW)
    _check_thread(actor, thread, board)
    return member, actor, thread, board, area, row


def require_member(db: Db, member_id: int) -> ActingMember:
    """The acting member; raises as ``access._current`` does when the account is gone."""
    member = acting_member(db, member_id)
    if member is None:
        raise NotFound("Your account no longer exists.")
    return member
