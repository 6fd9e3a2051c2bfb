"""Views of statuses and votes, for ideas and Ongoing Issues alike: the status panel,
votes, status changes, merges and similar-idea suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from forum_tui.store.views.core import MemberBadge


@dataclass(frozen=True)
class StatusOption:
    """One status of the community file: ideas' or Ongoing Issues' (``kind``)."""

    kind: str  # "idea" or "issue"
    key: str
    name: str
    description: str
    closed: bool = False


@dataclass(frozen=True)
class StatusUpdateView:
    """One status change, newest first in ``StatusDetail.updates``. ``post_id`` and
    ``position``: the post marked as the status update (Ongoing Issues)."""

    id: int
    status_key: str
    status: str
    note: str
    actor: MemberBadge
    created_at: datetime
    post_id: int | None = None
    position: int | None = None


@dataclass(frozen=True)
class StatusDetail:
    """What a thread with a status (an idea or an Ongoing Issue) shows besides its posts.

    ``kind``: "idea" or "issue" ("" for a thread with no status: a Help thread).
    ``options``: the statuses the viewer may set (empty when they may not). ``voted``:
    the viewer's vote (or "me too") counts. ``merged_into_id``/``merged_into_title``: a
    merged duplicate points at the idea it went into. ``may_vote``: "" when the viewer
    may vote, else why not. ``may_move``: the viewer may move it to or from Ongoing
    Issues (``moves_to``: "ongoing" or "help")."""

    thread_id: int
    kind: str
    board_kind: str
    status_key: str | None
    status: str | None
    description: str
    note: str | None
    label: str | None
    vote_count: int
    voted: bool
    subscribed: bool
    failed_requirement: str | None
    merged_into_id: int | None
    merged_into_title: str | None
    updates: tuple[StatusUpdateView, ...]
    options: tuple[StatusOption, ...]
    vote_refusal: str
    may_merge: bool
    moves_to: str | None


@dataclass(frozen=True)
class VoteResult:
    """After ``toggle_vote``: whether the viewer's vote counts now, and the new count.
    ``subscribed``: the viewer already follows the thread (so no need to offer it)."""

    thread_id: int
    voted: bool
    vote_count: int
    subscribed: bool


@dataclass(frozen=True)
class StatusResult:
    """After a status change or a move: where the thread is now and who was told."""

    thread_id: int
    status_key: str | None
    status: str | None
    board_slug: str
    notified: int = 0
    post_id: int | None = None
    position: int | None = None  # the status-update post's position (Ongoing Issues)


@dataclass(frozen=True)
class MergeResult:
    """After merging ``duplicate_id`` into ``survivor_id``: votes that moved across (no
    member counted twice) and the survivor's new count."""

    duplicate_id: int
    survivor_id: int
    votes_moved: int
    vote_count: int


@dataclass(frozen=True)
class IdeaSuggestion:
    """An idea like the subject being typed, as the idea form lists it: enough to vote
    on it or open it on the spot. ``closed``: it takes no more votes."""

    thread_id: int
    title: str
    label: str | None
    status: str | None
    vote_count: int
    voted: bool
    closed: bool


def idea_draft_key() -> str:
    """The draft key of a new idea (one per member)."""
    return "idea"
