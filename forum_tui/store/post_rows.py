"""A page of a thread's posts as one prebuilt Core statement (the thread screen's hot read).

``thread_posts`` used to load whole ``Post`` and ``Member`` entities (about 30 member
columns, password hash and bio included) through the ORM for every post on a page. Here
the statement is built once at import, selects only what a ``PostView`` shows (the post's
columns, the author's badge, whether the viewer liked it) and runs with bound parameters,
straight on the driver in a quick read (``driver_reads``); rows become views directly.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, select
from sqlalchemy.engine import Connection
from sqlmodel import Session

from forum_tui.store.convert import BADGE_FIELDS, badge_columns, badge_from_values
from forum_tui.store.driver_reads import DirectRead, DriverRead
from forum_tui.store.models import Like, Member, Post
from forum_tui.store.views import PostView
from forum_tui.store.views.core import quick_builder

_POST = (
    select(
        Post.id,
        Post.thread_id,
        Post.position,
        Post.author_id,
        Post.body,
        Post.created_at,
        Post.edited_at,
        Post.like_count,
        Post.removed,
        Post.removed_reason,
        Post.quoted_post_id,
        *badge_columns(Member),
        Like.member_id.label("liked"),
    )
    .join(Member, Member.id == Post.author_id)
    .outerjoin(Like, and_(Like.post_id == Post.id, Like.member_id == bindparam("viewer_id")))
    .where(Post.thread_id == bindparam("thread_id"))
)
_PAGE = DirectRead(
    _POST.where(Post.position > bindparam("after"))
    .order_by(Post.position)
    .limit(bindparam("limit"))
)
#: A thread's accepted solution, shown under its header.
_SOLUTION = DirectRead(_POST.where(Post.id == bindparam("post_id")))


def page_of_posts(
    db: Session | Connection | DriverRead,
    *,
    thread_id: int,
    after: int,
    limit: int,
    viewer_id: int,
    solution_post_id: int | None,
    mark: int,
    cutoff: datetime,
    moderator: bool,
) -> list[PostView]:
    """Up to ``limit`` posts after position ``after``, as views: the same rules as
    ``convert._post_view`` (removed bodies hidden from members; unread = after the read
    mark, after the cutoff, and not the viewer's own)."""
    parameters = {"thread_id": thread_id, "after": after, "limit": limit, "viewer_id": viewer_id}
    rows = _PAGE.all(db, parameters)
    return [_post_view(row, viewer_id, solution_post_id, mark, cutoff, moderator) for row in rows]


def solution_post(
    db: Session | Connection | DriverRead,
    *,
    thread_id: int,
    post_id: int,
    viewer_id: int,
    mark: int,
    cutoff: datetime,
    moderator: bool,
) -> PostView | None:
    """The thread's solution post as a view (the same rules as a page's posts), or None
    when it is no longer in the thread."""
    parameters = {"thread_id": thread_id, "post_id": post_id, "viewer_id": viewer_id}
    row = _SOLUTION.first(db, parameters)
    if row is None:
        return None
    return _post_view(row, viewer_id, post_id, mark, cutoff, moderator)


_BADGE = slice(11, 11 + len(BADGE_FIELDS))
_build_post = quick_builder(PostView)


def _post_view(row, viewer_id, solution_post_id, mark, cutoff, moderator) -> PostView:
    """One row of ``_PAGE``, unpacked by position (attribute lookups on a Row by name
    cost more than the query on a page of posts)."""
    (
        post_id,
        thread_id,
        position,
        author_id,
        body,
        created_at,
        edited_at,
        like_count,
        removed,
        removed_reason,
        quoted_post_id,
    ) = row[:11]
    return _build_post(  # every PostView field, in its order
        post_id,
        thread_id,
        position,
        badge_from_values(row[_BADGE]),  # author
        "" if removed and not moderator else body,
        created_at,
        edited_at,
        like_count,
        row[-1] is not None,  # liked_by_viewer
        solution_post_id == post_id,  # is_solution
        removed,
        author_id != viewer_id and position > mark and created_at > cutoff,  # unread
        quoted_post_id,
        removed_reason if removed else None,
    )
