"""A page of a thread's posts as one prebuilt Core statement (the thread screen's hot read).

``thread_posts`` used to load whole ``Post`` and ``Member`` entities (about 30 member
columns, password hash and bio included) through the ORM for every post on a page. Here
the statement is built once at import, selects only what a ``PostView`` shows (the post's
columns, the author's badge, whether the viewer liked it) and runs on the session's
connection with bound parameters; rows become views directly.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, select
from sqlmodel import Session

from forum_tui.store.convert import badge_columns, badge_from_row
from forum_tui.store.models import Like, Member, Post
from forum_tui.store.views import PostView

_PAGE = (
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
    .where(Post.thread_id == bindparam("thread_id"), Post.position > bindparam("after"))
    .order_by(Post.position)
    .limit(bindparam("limit"))
)


def page_of_posts(
    session: Session,
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
    rows = session.connection().execute(
        _PAGE,
        {"thread_id": thread_id, "after": after, "limit": limit, "viewer_id": viewer_id},
    )
    return [
        PostView(
            id=row.id,
            thread_id=row.thread_id,
            position=row.position,
            author=badge_from_row(row),
            body="" if row.removed and not moderator else row.body,
            created_at=row.created_at,
            edited_at=row.edited_at,
            like_count=row.like_count,
            liked_by_viewer=row.liked is not None,
            is_solution=solution_post_id == row.id,
            removed=row.removed,
            unread=row.author_id != viewer_id and row.position > mark and row.created_at > cutoff,
            quoted_post_id=row.quoted_post_id,
            removed_reason=row.removed_reason if row.removed else None,
        )
        for row in rows
    ]
