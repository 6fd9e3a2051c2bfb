"""What the store hands to screens: plain frozen dataclasses, never ORM rows.

Member text (titles, bodies, names) arrives here raw, exactly as typed; screens show it
only through the safe-text path (``forum_tui.rules.text``). Timestamps are naive UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list. ``next_cursor`` is None on the last page."""

    items: tuple[T, ...]
    next_cursor: str | None = None
    total: int | None = None


@dataclass(frozen=True)
class MemberBadge:
    """How an author is shown beside a post or in a list."""

    id: int
    username: str
    display_name: str
    rank: str
    avatar: str
    role: str
    is_staff: bool
    staff_title: str | None = None


@dataclass(frozen=True)
class Viewer:
    """The signed-in member, as the screens see them."""

    id: int
    username: str
    display_name: str
    role: str
    rank: str
    avatar: str
    staff_title: str | None
    email_verified: bool
    pm_enabled: bool
    birth_date: date | None
    created_at: datetime

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "staff")


@dataclass(frozen=True)
class Persona:
    """A demo persona on the sign-in screen's picker."""

    username: str
    display_name: str
    rank: str
    role: str
    blurb: str


@dataclass(frozen=True)
class BoardView:
    id: int
    slug: str
    name: str
    kind: str
    description: str
    area_slug: str
    area_name: str
    guidelines: str
    thread_count: int
    post_count: int
    unread_count: int
    last_activity_at: datetime | None
    can_post: bool
    # Why the viewer may not post here, in plain words ("" when they may).
    post_refusal: str = ""


@dataclass(frozen=True)
class AreaView:
    slug: str
    name: str
    description: str
    boards: tuple[BoardView, ...]

    @property
    def thread_count(self) -> int:
        return sum(board.thread_count for board in self.boards)

    @property
    def unread_count(self) -> int:
        return sum(board.unread_count for board in self.boards)


@dataclass(frozen=True)
class ThreadSummary:
    """One row of a board's thread list."""

    id: int
    board_slug: str
    title: str
    author: MemberBadge
    created_at: datetime
    last_activity_at: datetime
    last_poster: MemberBadge | None
    reply_count: int
    like_count: int
    floated: bool
    locked: bool
    solved: bool
    unread: bool
    # For ideas: the idea status name, label and votes; for Ongoing Issues: the issue
    # status name and "me too" votes. None elsewhere.
    status: str | None = None
    label: str | None = None
    vote_count: int = 0


@dataclass(frozen=True)
class PostView:
    id: int
    thread_id: int
    position: int
    author: MemberBadge
    body: str
    created_at: datetime
    edited_at: datetime | None
    like_count: int
    liked_by_viewer: bool
    is_solution: bool
    removed: bool
    # Posts after the viewer's last read mark (before this visit).
    unread: bool = False


@dataclass(frozen=True)
class ThreadView:
    """A thread's header: everything shown above its posts."""

    id: int
    title: str
    board: BoardView
    author: MemberBadge
    created_at: datetime
    post_count: int
    like_count: int
    floated: bool
    locked: bool
    removed: bool
    solution: PostView | None
    status: str | None
    status_note: str | None
    label: str | None
    vote_count: int
    tags: tuple[str, ...]
    # The viewer's read mark before this visit: posts after it are new.
    last_read_position: int
