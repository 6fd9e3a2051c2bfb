"""Views of people: joining (codes by mail), the Help Wizard's matches, ranks, profiles,
settings, and the Stars Program (applications, points, the leaderboard, events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from forum_tui.store.views.core import MemberBadge, SearchHit, Viewer


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
