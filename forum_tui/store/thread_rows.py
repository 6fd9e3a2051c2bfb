"""A page of a board's threads as prebuilt Core statements (the board list's hot read).

``board_threads`` used to build its statement (two ``aliased(Member)``, whole ``Thread``,
``Member`` and ``IdeaDetail`` entities) on every call. Here each variant (unsolved only or
not, moderator or not, first page or after a cursor) is built once, selects only what a
``ThreadSummary`` shows, and runs on the read's connection with bound parameters.
Keyset paging on (floated, last_activity_at, id), as in ``reading``.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, not_, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlmodel import Session

from forum_tui.store.convert import BADGE_FIELDS, badge_columns, badge_from_values
from forum_tui.store.database import connection_of
from forum_tui.store.models import IdeaDetail, Member, ReadMark, Thread
from forum_tui.store.views import MemberBadge

_AUTHOR = aliased(Member, name="author")
_LAST = aliased(Member, name="last_poster")


@cache
def _statement(*, unsolved_only: bool, moderator: bool, after: bool) -> Any:
    query = (
        select(
            Thread.id,
            Thread.title,
            Thread.created_at,
            Thread.last_activity_at,
            Thread.post_count,
            Thread.like_count,
            Thread.floated,
            Thread.locked,
            Thread.solution_post_id,
            Thread.issue_status,
            Thread.vote_count,
            *badge_columns(_AUTHOR, "a_"),
            *badge_columns(_LAST, "l_"),
            ReadMark.last_read_position,
            IdeaDetail.status.label("idea_status"),
            IdeaDetail.label.label("idea_label"),
            IdeaDetail.vote_count.label("idea_votes"),
            IdeaDetail.thread_id.label("idea_id"),
        )
        .join(_AUTHOR, _AUTHOR.id == Thread.author_id)
        .outerjoin(_LAST, _LAST.id == Thread.last_poster_id)
        .outerjoin(
            ReadMark,
            and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == bindparam("member_id")),
        )
        .outerjoin(IdeaDetail, IdeaDetail.thread_id == Thread.id)
        .where(Thread.board_id == bindparam("board_id"), Thread.floated == bindparam("floated"))
    )
    if unsolved_only:
        query = query.where(Thread.solution_post_id.is_(None))
    if not moderator:
        query = query.where(not_(Thread.removed))
    if after:
        query = query.where(
            tuple_(Thread.last_activity_at, Thread.id)
            < tuple_(
                # Typed, so the time is bound as the column stores it (not sqlite3's way).
                bindparam("after_at", type_=Thread.last_activity_at.type),
                bindparam("after_id", type_=Thread.id.type),
            )
        )
    return query.order_by(Thread.last_activity_at.desc(), Thread.id.desc()).limit(
        bindparam("limit")
    )


def board_page_rows(
    db: Session | Connection,
    *,
    board_id: int,
    member_id: int,
    floated: bool,
    after: tuple[datetime, int] | None,
    limit: int,
    unsolved_only: bool,
    moderator: bool,
) -> list[Any]:
    """Up to ``limit`` rows of one "floated" value, newest activity first, after the
    (last_activity_at, id) ``after`` when given."""
    statement = _statement(unsolved_only=unsolved_only, moderator=moderator, after=bool(after))
    params: dict[str, Any] = {
        "board_id": board_id,
        "member_id": member_id,
        "floated": floated,
        "limit": limit,
    }
    if after is not None:
        params["after_at"], params["after_id"] = after
    return connection_of(db).execute(statement, params).all()


#: Where the badges and the rest lie in a row of ``_statement`` (rows are unpacked by
#: position: attribute lookups on a Row by name cost more than the query on a page).
_AUTHOR_AT = slice(11, 11 + len(BADGE_FIELDS))
_LAST_AT = slice(_AUTHOR_AT.stop, _AUTHOR_AT.stop + len(BADGE_FIELDS))


def author_badge(row: Any) -> MemberBadge:
    return badge_from_values(row[_AUTHOR_AT])


def last_poster_badge(row: Any) -> MemberBadge | None:
    values = row[_LAST_AT]
    return badge_from_values(values) if values[0] is not None else None


def read_and_idea(row: Any) -> tuple:
    """(last_read_position, idea_status, idea_label, idea_votes, idea_id) of a row."""
    return tuple(row[_LAST_AT.stop :])
