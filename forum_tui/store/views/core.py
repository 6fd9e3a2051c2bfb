"""The views every screen reads: pages, members, boards, threads and posts, what a
write returns, subscriptions, notifications and search hits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Generic, TypeVar

T = TypeVar("T")


def quick_builder(cls: type[T]) -> Callable[..., T]:
    """``build(*values)``: a view of ``cls`` from the value of EVERY field, in field
    order, equal to ``cls(*values)`` but made about twice as fast. A frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``; this fills the new
    object's ``__dict__`` at once. For the hot pages that build a view per row (a board
    page, a page of posts, notifications); a wrong number of values is a ValueError."""
    names = tuple(field.name for field in fields(cls))  # type: ignore[arg-type]
    new = object.__new__

    def build(*values: object) -> T:
        view = new(cls)
        view.__dict__.update(zip(names, values, strict=True))
        return view

    return build


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
    pronouns: str | None = None  # --- profiles: shown beside the name when chosen
    custom_glyph: str | None = None  # --- profiles: a Star's own avatar, when they set one


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
    pronouns: str | None = None  # --- profiles
    # --- moderation: a suspended member reads but cannot write until then (None: not)
    suspended_until: datetime | None = None

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
    # The viewer follows this board (notified of new threads and replies).
    subscribed: bool = False


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
    # --- ideas and Ongoing Issues (store/statuses.py): the status key and latest note.
    status_key: str | None = None
    status_note: str | None = None


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
    # The post this one quotes (the quoted text itself is part of ``body``).
    quoted_post_id: int | None = None
    # --- moderation: why a moderator removed it (shown to everyone with the removal)
    removed_reason: str | None = None


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
    # The viewer's read mark before this visit: posts after it are new. Posts from before
    # the board's unread cutoff (board marked read, or older than the unread window) count
    # as read, so this may be ahead of the stored mark.
    last_read_position: int
    # The viewer follows this thread.
    subscribed: bool = False

    @property
    def first_unread_position(self) -> int | None:
        """Where "new since your last visit" starts, or None when nothing is new."""
        if self.last_read_position >= self.post_count:
            return None
        return self.last_read_position + 1


@dataclass(frozen=True)
class GuidelineNotice:
    """A community guideline's finding about a post, in plain words.

    ``severity`` is "refuse" (the post cannot go), "warn" (the member may edit or go on)
    or "report" (it goes, and the moderators are told). ``files_report``: posting it files
    an automatic report. ``guideline``: the Community Guideline number, if any.
    ``retry_at``: when a refusal that expires (too fast, a duplicate, a Chat link shared
    recently) would no longer apply.
    """

    rule: str
    severity: str
    message: str
    guideline: int | None = None
    files_report: bool = False
    retry_at: datetime | None = None


@dataclass(frozen=True)
class PostResult:
    """What a new thread, a reply or an edit produced. ``notices``: the warnings the
    member accepted and the report findings (each filed an automatic report)."""

    thread_id: int
    post_id: int
    position: int
    notices: tuple[GuidelineNotice, ...] = ()


@dataclass(frozen=True)
class LikeResult:
    post_id: int
    liked: bool
    like_count: int


@dataclass(frozen=True)
class DraftView:
    """Text being written. ``key``: "thread:<board slug>", "reply:<thread id>",
    "edit:<post id>" (``thread_draft_key``, ``reply_draft_key``, ``edit_draft_key``;
    others may follow: "idea", "message:<id>")."""

    key: str
    title: str
    body: str
    extra: str
    updated_at: datetime


@dataclass(frozen=True)
class RevisionView:
    """One version of a post. ``number`` counts from 1 (the original); the current
    version has the highest number and ``current=True``. ``editor`` made this version
    (the author for the original), at ``created_at``. ``title`` is the thread title at
    that version, for opening posts (None for replies)."""

    post_id: int
    number: int
    title: str | None
    body: str
    editor: MemberBadge
    created_at: datetime
    current: bool


@dataclass(frozen=True)
class ReportView:
    """A report filed about a post (the moderation queue shows more)."""

    id: int
    post_id: int
    thread_id: int
    reason: str
    guideline_number: int | None
    status: str
    automatic: bool
    created_at: datetime


@dataclass(frozen=True)
class SubscriptionView:
    """Something the member follows. ``kind``: board, thread, post or blog (target_id 0).
    ``title``: board name, thread title, "Post #N in <thread title>" or the blog's name.
    ``board_slug``/``thread_id``/``position`` say where to jump (None when not apply)."""

    kind: str
    target_id: int
    title: str
    created_at: datetime
    board_slug: str | None = None
    thread_id: int | None = None
    position: int | None = None


@dataclass(frozen=True)
class UnreadTarget:
    """Where "next unread" goes: the thread and its first unread post."""

    thread_id: int
    position: int
    board_slug: str
    title: str = ""


@dataclass(frozen=True)
class NotificationView:
    """One notification. ``text`` is plain words built when read ("oskar replied to
    “Shuffle plays the same songs”"). ``thread_id``/``post_id``/``position`` say where to
    jump (None when it is not about a post, e.g. a rank-up)."""

    id: int
    kind: str
    text: str
    actor: MemberBadge | None
    thread_id: int | None
    post_id: int | None
    position: int | None
    created_at: datetime
    read: bool
    board_slug: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """One search result: a post, with where it is and a plain-text excerpt.

    ``snippet`` is plain text (never markup); ``match_ranges`` are (start, end) offsets
    into it of the matched words, for the screen to highlight. ``kind`` is "thread" (an
    opening post), "reply", "idea", "faq" or "blog". ``status`` is the idea's or Ongoing
    Issue's status name, ``label`` the idea's label. ``position`` opens the thread at the
    post."""

    thread_id: int
    post_id: int
    position: int
    board_slug: str
    board_name: str
    thread_title: str
    author: MemberBadge
    created_at: datetime
    snippet: str
    match_ranges: tuple[tuple[int, int], ...]
    kind: str
    solved: bool = False
    status: str | None = None
    label: str | None = None
    removed: bool = False
    score: float = 0.0


def thread_draft_key(board_slug: str) -> str:
    """The draft key of a new thread in a board."""
    return f"thread:{board_slug}"


def reply_draft_key(thread_id: int) -> str:
    """The draft key of a reply to a thread."""
    return f"reply:{int(thread_id)}"


def edit_draft_key(post_id: int) -> str:
    """The draft key of an edit of a post."""
    return f"edit:{int(post_id)}"
