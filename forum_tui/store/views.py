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


# ---------------------------------------------------------------------- writing


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


def thread_draft_key(board_slug: str) -> str:
    """The draft key of a new thread in a board."""
    return f"thread:{board_slug}"


def reply_draft_key(thread_id: int) -> str:
    """The draft key of a reply to a thread."""
    return f"reply:{int(thread_id)}"


def edit_draft_key(post_id: int) -> str:
    """The draft key of an edit of a post."""
    return f"edit:{int(post_id)}"


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


# ---------------------------------------------------------------------- following


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


# --- issue 14: joining


@dataclass(frozen=True)
class MailSent:
    """Where a code went. ``way``: "smtp" (sent to ``address``, shown masked) or
    "outbox" (the local Maildir at ``outbox``; ``problem`` says why SMTP was not used
    when it was configured). ``note``: one plain sentence to show the member."""

    way: str
    address: str
    note: str
    outbox: str = ""
    problem: str = ""


@dataclass(frozen=True)
class Joined:
    """A new member, signed in, and where their verification code went."""

    viewer: Viewer
    mail: MailSent


@dataclass(frozen=True)
class HelpMatches:
    """The Help Wizard's matches for a problem: FAQ articles, then solved threads."""

    faqs: tuple[SearchHit, ...]
    solved: tuple[SearchHit, ...]


# --- ranks, profiles, settings and the Stars Program (store/profiles.py, store/stars.py)


@dataclass(frozen=True)
class LadderStep:
    """One rank of the member ladder, as the rank overview shows it."""

    name: str
    points: int
    min_days: int
    avatars: tuple[str, ...]
    blurb: str


@dataclass(frozen=True)
class MonthActivity:
    """One month of a member's activity, for the charts."""

    label: str  # "Nov"
    posts: int
    likes_received: int


@dataclass(frozen=True)
class RankOverview:
    """Where a member stands on the ladder, what is missing, and what each rank unlocks."""

    member: MemberBadge
    title: str  # what is shown beside their name (a Star's or staff title included)
    ladder: tuple[LadderStep, ...]
    ladder_index: int  # their place on the member ladder (by activity)
    by_activity: bool  # False for Stars, staff and Legends: their title is not from points
    next_rank: str | None
    points: int
    next_points: int | None  # points the next rank needs (None at the top)
    points_needed: int
    days_member: int
    next_days: int | None
    days_needed: int
    fraction: float
    contributions: tuple[tuple[str, int], ...]
    months: tuple[MonthActivity, ...]
    avatars_unlocked: tuple[str, ...]
    next_avatars: tuple[str, ...]
    star_blurb: str
    star_titles: tuple[str, ...]  # "Rising Star 1".."Rising Star N", "Spotify Star"
    legend_titles: tuple[str, str]  # former Star, former staff
    staff_titles: tuple[str, ...]
    staff_blurb: str


@dataclass(frozen=True)
class ProfilePost:
    post_id: int
    thread_id: int
    position: int
    thread_title: str
    excerpt: str
    created_at: datetime
    like_count: int
    is_solution: bool


@dataclass(frozen=True)
class ProfileView:
    """A member's public profile, as the viewer may see it."""

    member: MemberBadge
    pronouns: str | None
    joined_at: datetime
    threads: int
    replies: int
    solutions: int
    likes_received: int
    recent_posts: tuple[ProfilePost, ...]
    recent_solutions: tuple[ProfilePost, ...]
    custom_glyph: str | None
    is_self: bool


@dataclass(frozen=True)
class SettingsView:
    """The signed-in member's settings, and the choices they have."""

    username: str
    display_name: str
    pronouns: str | None
    pronoun_choices: tuple[str, ...]
    avatar: str
    avatar_choices: tuple[str, ...]
    birth_date: date | None
    pm_enabled: bool
    custom_glyph: str | None
    custom_avatar: bool
    may_use_custom_avatar: bool


@dataclass(frozen=True)
class RequirementView:
    name: str
    met: bool
    detail: str


@dataclass(frozen=True)
class StarsApplicationView:
    """One application, for the applicant and for staff."""

    id: int
    member: MemberBadge
    body: str
    status: str  # pending, accepted, declined
    created_at: datetime
    decided_at: datetime | None
    requirements: tuple[RequirementView, ...]


@dataclass(frozen=True)
class StarsStatus:
    """The application screen: each requirement met or not, and where the member stands."""

    role: str
    title: str
    requirements: tuple[RequirementView, ...]
    may_apply: bool
    refusal: str  # why not, in plain words ("" when they may)
    application: StarsApplicationView | None  # the latest one


@dataclass(frozen=True)
class DecisionResult:
    application: StarsApplicationView
    message_delivered: bool  # False: the member has messages off (a notification was left)


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    points: int
    reason: str
    created_at: datetime


# ---------------------------------------------------------------------- inbox (issue 10)


@dataclass(frozen=True)
class InboxState:
    """Where the viewer stands with private messages. ``messages_on``: they send and
    receive. ``may_enable``: turning them on would be allowed; otherwise
    ``enable_refusal`` says why (under 18). ``needs_birth_date``: no birth date is known,
    so the enabling steps ask for one. ``unread``: conversations with new messages."""

    messages_on: bool
    may_enable: bool
    enable_refusal: str
    needs_birth_date: bool
    unread: int


@dataclass(frozen=True)
class ConversationSummary:
    """One row of the inbox. ``others``: the other members in it (left ones included)."""

    id: int
    subject: str
    others: tuple[MemberBadge, ...]
    last_message_at: datetime
    message_count: int
    unread: bool


@dataclass(frozen=True)
class ConversationView:
    """A conversation's head. ``can_reply`` with ``reply_refusal`` when not."""

    id: int
    subject: str
    others: tuple[MemberBadge, ...]
    message_count: int
    created_at: datetime
    last_message_at: datetime
    can_reply: bool
    reply_refusal: str = ""
    # The viewer's read mark before this visit: messages after it are new.
    last_read_at: datetime | None = None


@dataclass(frozen=True)
class MessageView:
    """One private message. ``body`` is member text (the safe-text path only)."""

    id: int
    conversation_id: int
    author: MemberBadge
    body: str
    created_at: datetime
    unread: bool = False
    # Not None when a moderator removed it: the reason ("" when none was given).
    removed_reason: str | None = None


@dataclass(frozen=True)
class MessageResult:
    """What sending wrote: the conversation, the message, and who it reached."""

    conversation_id: int
    message_id: int
    delivered_to: tuple[MemberBadge, ...]


@dataclass(frozen=True)
class MessageHit:
    """A search result among one's own messages: the message and its conversation."""

    message: MessageView
    subject: str


@dataclass(frozen=True)
class MessageReportView:
    """A report filed about a private message."""

    id: int
    message_id: int
    conversation_id: int
    reason: str
    guideline_number: int | None
    status: str
    created_at: datetime


@dataclass(frozen=True)
class MonthTotal:
    label: str  # "Nov 2026"
    earned: int
    redeemed: int


@dataclass(frozen=True)
class StarLedger:
    member: MemberBadge
    entries: tuple[LedgerEntry, ...]  # newest first, one page
    monthly: tuple[MonthTotal, ...]  # oldest first, the last six months
    balance: int
    earned: int
    level: int
    next_level_points: int | None
    quarter: str  # "Q4 2026"
    quarter_points: tuple[int, ...]  # per month of the quarter so far
    premium_eligible_last_quarter: bool
    last_quarter: str
    premium_plan: str
    premium_cost: int


@dataclass(frozen=True)
class LeaderboardRow:
    place: int
    member: MemberBadge
    points: int
    top: bool  # in the top ten (the community's leaderboard_size)


@dataclass(frozen=True)
class Leaderboard:
    month: str  # "Nov 2026"
    month_key: str  # "2026-11"
    rows: tuple[LeaderboardRow, ...]
    viewer_place: int | None
    top_size: int
    complete: bool = True  # False for the month in progress


@dataclass(frozen=True)
class EventView:
    id: int
    title: str
    description: str
    starts_at: datetime
    star_only: bool
    attendees: int
    attended: bool


@dataclass(frozen=True)
class RankChange:
    username: str
    old: str
    new: str


@dataclass(frozen=True)
class ReportedMessageContext:
    """What a moderator may see of a reported conversation: the subject, who takes part,
    the reported message and a few messages either side (``messages``, in order; the
    reported one has ``id == reported_id``). Never the whole conversation."""

    report_id: int
    reported_id: int
    conversation_id: int
    subject: str
    participants: tuple[MemberBadge, ...]
    messages: tuple[MessageView, ...]
    earlier_hidden: int
    later_hidden: int


# ---------------------------------------------------------------------- moderation (issue 9)


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


# ---------------------------------------------------------------------- ideas and issues


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
