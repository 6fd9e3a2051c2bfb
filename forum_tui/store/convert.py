"""Rows -> views: the only place ORM rows turn into the frozen dataclasses of ``views``."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from forum_tui.rules.guidelines import Finding
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.rules.ranks import Metrics
from forum_tui.store.models import Area, Board, Member, Post, Thread
from forum_tui.store.views import (
    BoardView,
    GuidelineNotice,
    MemberBadge,
    Persona,
    PostView,
    Viewer,
)

#: The member columns a MemberBadge is made of (Core reads select them with a prefix).
BADGE_FIELDS = (
    "id",
    "username",
    "display_name",
    "rank",
    "avatar",
    "role",
    "staff_title",
    "pronouns",
    "custom_glyph",
    "custom_avatar",
)


def badge_columns(member: Any = Member, prefix: str = "member_") -> tuple:
    """The columns for :func:`badge_from_row`, labelled ``prefix + field``; pass an alias
    as ``member`` for a second member in the same row (a thread's last poster)."""
    return tuple(getattr(member, name).label(prefix + name) for name in BADGE_FIELDS)


def badge_from_row(row: Any, prefix: str = "member_") -> MemberBadge:
    """A MemberBadge from a Core row holding :func:`badge_columns` with this prefix: the
    one way every list, thread page, queue and inbox builds its authors."""
    columns = row._mapping  # taken once: name lookups through it cost a fifth of getattr's
    return badge_from_values(tuple(columns[prefix + name] for name in BADGE_FIELDS))


#: Badges remembered by their column values (a few hundred KB at most).
BADGES_KEPT = 4096


@lru_cache(maxsize=BADGES_KEPT)
def badge_from_values(values: tuple) -> MemberBadge:
    """A MemberBadge from the values of :func:`badge_columns`, in ``BADGE_FIELDS`` order
    (hot pages unpack their rows by position: a slice of the row).

    Remembered by those values: the same members write most of what a page shows (a
    board page has two badges a row, a thread page one a post), and building a frozen
    dataclass costs about 3 us where the look-up costs 0.3. A member whose name, rank or
    avatar changes has new values, so a new badge; old ones simply age out."""
    (
        member_id,
        username,
        display_name,
        rank,
        avatar,
        role,
        staff_title,
        pronouns,
        custom_glyph,
        custom_avatar,
    ) = values
    return MemberBadge(
        id=member_id,
        username=username,
        display_name=display_name,
        rank=rank,
        avatar=avatar,
        role=role,
        is_staff=role == "staff",
        staff_title=staff_title,
        pronouns=pronouns,
        custom_glyph=custom_glyph if custom_avatar else None,
    )


def _badge(member: Member) -> MemberBadge:
    return MemberBadge(
        id=member.id,
        username=member.username,
        display_name=member.display_name,
        rank=member.rank,
        avatar=member.avatar,
        role=member.role,
        is_staff=member.role == "staff",
        staff_title=member.staff_title,
        pronouns=member.pronouns,
        custom_glyph=member.custom_glyph if member.custom_avatar else None,
    )


def _viewer(member: Member) -> Viewer:
    return Viewer(
        id=member.id,
        username=member.username,
        display_name=member.display_name,
        role=member.role,
        rank=member.rank,
        avatar=member.avatar,
        staff_title=member.staff_title,
        email_verified=member.email_verified,
        pm_enabled=member.pm_enabled,
        birth_date=member.birth_date,
        created_at=member.created_at,
        pronouns=member.pronouns,
        suspended_until=member.suspended_until,  # --- moderation
    )


def _persona(member: Member) -> Persona:
    return Persona(
        username=member.username,
        display_name=member.display_name,
        rank=member.rank,
        role=member.role,
        blurb=member.persona_blurb or "",
    )


def _board_view(
    board: Board, area: Area, actor: Actor, unread: int, *, subscribed: bool = False
) -> BoardView:
    decision = can(actor, Action.POST_THREAD, Target(board_kind=board.kind))
    return BoardView(
        id=board.id,
        slug=board.slug,
        name=board.name,
        kind=board.kind,
        description=board.description,
        area_slug=area.slug,
        area_name=area.name,
        guidelines=board.guidelines,
        thread_count=board.thread_count,
        post_count=board.post_count,
        unread_count=unread,
        last_activity_at=board.last_activity_at,
        can_post=decision.allowed,
        post_refusal="" if decision.allowed else decision.reason,
        subscribed=subscribed,
    )


def _post_view(
    post: Post,
    author: Member,
    liked: bool,
    thread: Thread,
    mark: int,
    moderator: bool,
    cutoff: datetime | None = None,
    viewer_id: int | None = None,
) -> PostView:
    """``mark``: the viewer's read mark; with ``cutoff``, posts from before it count as
    read too (the same as ``Service._effective_mark``, without a query). The viewer's
    own posts are never new to them."""
    hidden = post.removed and not moderator
    return PostView(
        id=post.id,
        thread_id=post.thread_id,
        position=post.position,
        author=_badge(author),
        body="" if hidden else post.body,
        created_at=post.created_at,
        edited_at=post.edited_at,
        like_count=post.like_count,
        liked_by_viewer=liked,
        is_solution=thread.solution_post_id == post.id,
        removed=post.removed,
        unread=post.author_id != viewer_id
        and post.position > mark
        and (cutoff is None or post.created_at > cutoff),
        quoted_post_id=post.quoted_post_id,
        removed_reason=post.removed_reason if post.removed else None,  # --- moderation
    )


def _notice(finding: Finding) -> GuidelineNotice:
    return GuidelineNotice(
        rule=finding.rule,
        severity=str(finding.severity),
        message=finding.message,
        guideline=finding.guideline,
        files_report=finding.files_report,
        retry_at=finding.retry_at,
    )


def member_metrics(member: Member, now: datetime) -> Metrics:
    """The rank metrics held on a member row, with days of membership counted to ``now``."""
    return Metrics(
        threads=member.thread_count,
        replies=member.reply_count,
        solutions=member.solution_count,
        likes_given=member.likes_given,
        likes_received=member.likes_received,
        ideas=member.idea_count,
        idea_votes=member.idea_votes_given,
        events=member.events_attended,
        days_member=max(0, (now - member.created_at).days),
        upheld_reports=member.upheld_reports,
    )
