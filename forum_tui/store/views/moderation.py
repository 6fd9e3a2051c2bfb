"""Views of moderation: the report queue, an item with its context, triage results and
the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from forum_tui.store.views.core import MemberBadge


@dataclass(frozen=True)
class QueueFilter:
    """What the report queue shows. ``kind``: None, "post", "message" or "automatic";
    ``board_slug``: posts on that board; ``reason``: reports whose reason starts so;
    ``age`` (of the item's first report): None, "day" (under a day), "week" (under a
    week) or "older"; ``sort``: "reports" (most first) or "age" (oldest first)."""

    kind: str | None = None
    board_slug: str | None = None
    reason: str | None = None
    age: str | None = None
    sort: str = "reports"


@dataclass(frozen=True)
class QueueItem:
    """One row of the report queue: a reported post or message and its open reports.

    ``key`` names the item ("post:12", "message:5") for every triage call; ``report_ids``
    are the open reports the moderator saw (a triage call refuses when another moderator
    handled them all meanwhile)."""

    key: str
    kind: str
    target_id: int
    report_count: int
    reporter_count: int
    reasons: tuple[str, ...]
    automatic: bool
    first_reported_at: datetime
    last_reported_at: datetime
    title: str
    excerpt: str
    author: MemberBadge
    report_ids: tuple[int, ...]
    board_name: str | None = None
    board_slug: str | None = None
    thread_id: int | None = None
    position: int | None = None
    claimed_by: str | None = None
    claimed_by_viewer: bool = False
    removed: bool = False


@dataclass(frozen=True)
class ReportLine:
    """One report of an item. ``reporter`` is None for an automatic report, whose
    ``reason`` is the rules module's own words for the rule that fired."""

    id: int
    reason: str
    guideline_number: int | None
    guideline_text: str | None
    automatic: bool
    reporter: MemberBadge | None
    created_at: datetime
    # For an automatic report: why the rule fired, in the rules module's own words.
    explanation: str | None = None


@dataclass(frozen=True)
class ContextLine:
    """A post (or message) around the reported one; ``reported`` marks the item itself."""

    label: str
    author: MemberBadge
    body: str
    created_at: datetime
    removed: bool
    reported: bool


@dataclass(frozen=True)
class AuthorRecord:
    """The reported author's record: rank, earlier upheld reports, warnings and
    suspensions, and a suspension running now."""

    author: MemberBadge
    upheld_reports: int
    warnings: int
    suspensions: int
    suspended_until: datetime | None
    joined_at: datetime


@dataclass(frozen=True)
class QueueItemDetail:
    """Everything a moderator needs to decide on an item without opening anything."""

    item: QueueItem
    body: str
    removed_reason: str | None
    reports: tuple[ReportLine, ...]
    context: tuple[ContextLine, ...]
    record: AuthorRecord
    board_kind: str | None = None
    thread_locked: bool = False
    thread_removed: bool = False
    idea_status: str | None = None
    origin_board_name: str | None = None


@dataclass(frozen=True)
class TriageResult:
    """What a moderator's action did, in plain words, and whether it can be undone."""

    message: str
    action_id: int | None = None
    undoable: bool = True


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: who did what to which item, why, when, undone or not."""

    id: int
    moderator: MemberBadge
    action: str
    action_words: str
    target_kind: str
    target_id: int
    target_label: str
    reason: str
    created_at: datetime
    undone: bool
