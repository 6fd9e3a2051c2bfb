"""A page of a member's notifications as prebuilt Core statements (the bell's hot read).

Each variant (board kinds the reader may not see, moderator or not, first page or after
a cursor) is built once and selects only what a ``NotificationView`` shows: the
notification, who caused it (badge columns), its thread's title, board and post
position. Rows are unpacked by position; their words are built when read
(``notify.notification_text``), so a renamed thread or member reads right.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, not_, or_, select, tuple_
from sqlalchemy.orm import aliased

from forum_tui.store.convert import BADGE_FIELDS, badge_columns, badge_from_values
from forum_tui.store.driver_reads import DirectRead
from forum_tui.store.models import Board, Member, Notification, Post, Thread
from forum_tui.store.notify import notification_text
from forum_tui.store.views import NotificationView
from forum_tui.store.views.core import quick_builder

#: Who caused a notification: built once (``aliased`` per call cost more than the query).
_ACTOR = aliased(Member, name="actor")


@cache
def notification_page(hidden: tuple[str, ...], moderator: bool, after: bool):
    """A page of a member's notifications, newest first, with just the columns a
    ``NotificationView`` shows; built once per (hidden board kinds, moderator, after)."""
    query = (
        select(
            Notification.id,
            Notification.kind,
            Notification.text,
            Notification.thread_id,
            Notification.post_id,
            Notification.created_at,
            Notification.read_at,
            *badge_columns(_ACTOR, "a_"),
            Thread.title,
            Board.slug.label("board_slug"),
            Board.name.label("board_name"),
            Post.position,
            Post.author_id.label("post_author_id"),
        )
        .outerjoin(_ACTOR, _ACTOR.id == Notification.actor_id)
        .outerjoin(Thread, Thread.id == Notification.thread_id)
        .outerjoin(Board, Board.id == Thread.board_id)
        .outerjoin(Post, Post.id == Notification.post_id)
        .where(Notification.member_id == bindparam("member_id"))
    )
    if not moderator:
        query = query.where(or_(Thread.id.is_(None), not_(Thread.removed)))
    if hidden:
        query = query.where(or_(Board.id.is_(None), Board.kind.not_in(hidden)))
    if after:
        at = bindparam("after_at", type_=Notification.created_at.type)
        query = query.where(
            tuple_(Notification.created_at, Notification.id)
            < tuple_(at, bindparam("after_id", type_=Notification.id.type))
        )
    query = query.order_by(Notification.created_at.desc(), Notification.id.desc())
    return DirectRead(query.limit(bindparam("limit")))


_ACTOR_AT = slice(7, 7 + len(BADGE_FIELDS))
_build_notification = quick_builder(NotificationView)


def notification_view(member_id: int, row: Any, *, slugs: frozenset[str]) -> NotificationView:
    """A row of :func:`notification_page` as the screen shows it, unpacked by position
    (lookups on a Row by name cost more than the query)."""
    notification_id, kind, stored, thread_id, post_id, created_at, read_at = row[:7]
    badge = row[_ACTOR_AT]
    title, board_slug, board_name, position, post_author_id = row[_ACTOR_AT.stop :]
    actor = badge_from_values(badge) if badge[0] is not None else None
    text = notification_text(
        kind,
        actor=(actor.display_name or actor.username) if actor is not None else None,
        title=title,
        board=board_name,
        position=position,
        for_post_author=post_author_id == member_id,
        stored=stored,
    )
    return _build_notification(  # every NotificationView field, in its order
        notification_id,
        kind,
        text,
        actor,
        thread_id,
        post_id,
        position,
        created_at,
        read_at is not None,  # read
        board_slug if board_slug in slugs else None,
    )
