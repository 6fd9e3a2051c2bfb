"""The schema: SQLModel tables for the whole community.

Conventions:
- Every timestamp is a naive UTC ``datetime`` from the service's injected clock, stored in
  a plain ``DateTime`` column (``sa_type=DateTime``: recent SQLModel maps a bare
  ``datetime`` to its timezone-aware ``UTCDateTime``, which refuses naive values).
- Counters that screens show often (replies, likes, votes, thread counts) are kept on the
  row and maintained on write, never counted on read.
- Ideas, Ongoing Issues, FAQ articles and blog posts are threads of a board of the right
  kind; what is special about them lives beside the thread (``IdeaDetail``,
  ``Thread.issue_status``, ``ThreadTag``), so reading, replying, liking, search and
  moderation serve every area the same way.
- ORM rows never leave the store: the service turns them into the frozen dataclasses of
  ``views``.

Alembic owns the schema: change a table here, then add a migration under
``migrations/versions``.

No ``from __future__ import annotations`` here: the annotations are real types, so
SQLModel and pydantic need not evaluate some 200 strings while the store is imported
(about a fifteenth of this module's import, which comes right before home's first read).
"""

from datetime import date, datetime

from sqlalchemy import DateTime, Index, Text, UniqueConstraint, text
from sqlmodel import Column, Field, SQLModel


class Member(SQLModel, table=True):
    __tablename__ = "member"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=40)
    # NFKC, casefolded, look-alikes folded, zero-width removed: unique across members.
    username_key: str = Field(max_length=80, unique=True, index=True)
    display_name: str = Field(max_length=80)
    password_hash: str = Field(max_length=300)
    # member | star | moderator | staff
    role: str = Field(default="member", max_length=20)
    # For staff: Community Manager, Moderator or Creator.
    staff_title: str | None = Field(default=None, max_length=40)
    # None, "star" (Community Legend) or "staff" (Spotify Legend): a former Star or staff.
    legend: str | None = Field(default=None, max_length=20)
    # Stars: Rising Star level 1..N; N+1 means the top rank (Spotify Star).
    star_level: int = Field(default=0)
    # Cached rank title, recomputed by the store whenever a metric below changes.
    rank: str = Field(default="Visitor", max_length=40)
    avatar: str = Field(default="vinyl-grey", max_length=40)
    custom_avatar: bool = Field(default=False)
    # A Star's own avatar: one glyph (checked to draw one or two cells), shown when
    # ``custom_avatar`` is on; ``avatar`` stays the fallback for terminals that can't draw it.
    custom_glyph: str | None = Field(default=None, max_length=16)
    pronouns: str | None = Field(default=None, max_length=40)
    birth_date: date | None = None
    email: str | None = Field(default=None, max_length=200)
    email_verified: bool = Field(default=False)
    pm_enabled: bool = Field(default=False)
    bio: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    is_demo_persona: bool = Field(default=False)
    persona_blurb: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    last_seen_at: datetime | None = Field(default=None, sa_type=DateTime)
    suspended_until: datetime | None = Field(default=None, sa_type=DateTime)
    # Activity metrics feeding rules.ranks (maintained on write).
    thread_count: int = Field(default=0)
    reply_count: int = Field(default=0)
    solution_count: int = Field(default=0)
    likes_given: int = Field(default=0)
    likes_received: int = Field(default=0)
    idea_count: int = Field(default=0)
    idea_votes_given: int = Field(default=0)
    events_attended: int = Field(default=0)
    upheld_reports: int = Field(default=0)


class Area(SQLModel, table=True):
    __tablename__ = "area"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=80)
    description: str = Field(default="", max_length=400)
    position: int = Field(default=0)


class Board(SQLModel, table=True):
    """A board, mirrored from the community file on start (matched by slug)."""

    __tablename__ = "board"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=80)
    # help, ongoing_issues, chat, ideas, closed_ideas, faq, stars_application,
    # star_only, blog, vault (see rules.community.BOARD_KINDS)
    kind: str = Field(max_length=30)
    description: str = Field(default="", max_length=400)
    guidelines: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    position: int = Field(default=0)
    thread_count: int = Field(default=0)
    post_count: int = Field(default=0)
    last_activity_at: datetime | None = Field(default=None, sa_type=DateTime)


class Thread(SQLModel, table=True):
    __tablename__ = "thread"
    __table_args__ = (
        # The board page: floated first, then by last activity (keyset paging).
        Index("ix_thread_board_order", "board_id", "floated", "last_activity_at", "id"),
        # Unread counts: every column they test, read from the index alone (0012).
        Index(
            "ix_thread_unread", "board_id", "floated", "last_activity_at", "post_count", "removed"
        ),
        Index("ix_thread_author", "author_id", "created_at"),
        # Ideas and Ongoing Issues sorted by newest (store/status_lists.py).
        Index("ix_thread_board_created", "board_id", "created_at", "id"),
        # The board page filtered to unsolved threads (partial: only threads without one).
        Index(
            "ix_thread_board_unsolved",
            "board_id",
            "floated",
            "last_activity_at",
            "id",
            sqlite_where=text("solution_post_id IS NULL"),
            postgresql_where=text("solution_post_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id")
    author_id: int = Field(foreign_key="member.id")
    title: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    last_activity_at: datetime = Field(sa_type=DateTime)
    last_post_id: int | None = None
    last_poster_id: int | None = Field(default=None, foreign_key="member.id")
    # Number of posts, the opening post included; also the last post's position.
    post_count: int = Field(default=1)
    like_count: int = Field(default=0)
    view_count: int = Field(default=0)
    floated: bool = Field(default=False)
    locked: bool = Field(default=False)
    removed: bool = Field(default=False)
    solution_post_id: int | None = None
    # Ongoing Issues: the status key (rules community issue_statuses) and "me too" votes.
    issue_status: str | None = Field(default=None, max_length=40)
    # Where a thread came from before a move (Ongoing Issues) or archiving (the Vault).
    origin_board_id: int | None = Field(default=None, foreign_key="board.id")
    vote_count: int = Field(default=0)


class Post(SQLModel, table=True):
    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("thread_id", "position", name="uq_post_thread_position"),
        Index("ix_post_author_created", "author_id", "created_at"),
        # --- issue 7: the read mark's "last post before the unread cutoff" in one seek
        Index("ix_post_thread_created", "thread_id", "created_at", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="thread.id")
    # 1 for the opening post, then 2, 3, ... in order: pages are ranges of positions.
    position: int
    author_id: int = Field(foreign_key="member.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=DateTime)
    edited_at: datetime | None = Field(default=None, sa_type=DateTime)
    like_count: int = Field(default=0)
    removed: bool = Field(default=False)
    removed_reason: str | None = Field(default=None, max_length=400)
    quoted_post_id: int | None = None


class PostRevision(SQLModel, table=True):
    """An earlier version of a post (and its thread title, for opening posts).

    Written by an edit: ``body``/``title`` are what the post said *before* the edit,
    ``editor_id`` and ``created_at`` who made the edit and when. So version 1 is the
    oldest revision's text, by the post's author at ``post.created_at``; version k+1 was
    made by revision k's editor at revision k's time; the current text is the last."""

    __tablename__ = "post_revision"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    editor_id: int = Field(foreign_key="member.id")
    title: str | None = Field(default=None, max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=DateTime)


class Like(SQLModel, table=True):
    __tablename__ = "post_like"

    post_id: int = Field(foreign_key="post.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    created_at: datetime = Field(sa_type=DateTime)


class ThreadTag(SQLModel, table=True):
    __tablename__ = "thread_tag"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    tag: str = Field(max_length=40, primary_key=True, index=True)


class IdeaDetail(SQLModel, table=True):
    """What makes a thread in Idea Submissions or Closed Ideas an idea."""

    __tablename__ = "idea"
    __table_args__ = (
        Index("ix_idea_status_votes", "status", "vote_count"),
        # The idea list sorted by votes (store/status_lists.py).
        Index("ix_idea_votes", "vote_count", "thread_id"),
    )

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    label: str = Field(max_length=40, index=True)
    # A key of rules community idea_statuses.
    status: str = Field(default="live", max_length=40)
    status_note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # For status "closed": the requirement (1-based, community idea_requirements) it failed.
    failed_requirement: int | None = None
    vote_count: int = Field(default=0)
    merged_into_id: int | None = Field(default=None, foreign_key="thread.id")


class Vote(SQLModel, table=True):
    """A vote on an idea, or a "me too" on an Ongoing Issue: one per member per thread."""

    __tablename__ = "vote"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    created_at: datetime = Field(sa_type=DateTime)


class StatusChange(SQLModel, table=True):
    """A status set on an idea or an Ongoing Issue, with the note shown to members."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="thread.id", index=True)
    # "idea" or "issue"
    kind: str = Field(max_length=10)
    status: str = Field(max_length=40)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    actor_id: int = Field(foreign_key="member.id")
    created_at: datetime = Field(sa_type=DateTime)
    # Ongoing Issues: the post marked as this change's status update (None for ideas,
    # whose note shows on the idea itself).
    post_id: int | None = Field(default=None, foreign_key="post.id")


class Subscription(SQLModel, table=True):
    __tablename__ = "subscription"
    __table_args__ = (
        UniqueConstraint("member_id", "target_kind", "target_id", name="uq_subscription"),
        Index("ix_subscription_target", "target_kind", "target_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    # "board", "thread", "post" or "blog" (target_id 0 for the blog as a whole)
    target_kind: str = Field(max_length=10)
    target_id: int
    created_at: datetime = Field(sa_type=DateTime)


class ReadMark(SQLModel, table=True):
    """How far a member has read a thread: the highest post position seen."""

    __tablename__ = "read_mark"

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    last_read_position: int = Field(default=0)
    read_at: datetime = Field(sa_type=DateTime)


class BoardVisit(SQLModel, table=True):
    """A member's visits to a board: threads active since ``all_read_at`` may be unread."""

    __tablename__ = "board_visit"

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    board_id: int = Field(foreign_key="board.id", primary_key=True)
    last_visit_at: datetime = Field(sa_type=DateTime)
    all_read_at: datetime = Field(sa_type=DateTime)


class Draft(SQLModel, table=True):
    """Text being written, saved as it is typed, so nothing is ever lost."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("member_id", "key", name="uq_draft_member_key"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    # What the draft is for, e.g. "thread:board:12", "reply:thread:40", "edit:post:9",
    # "idea", "message:conversation:3".
    key: str = Field(max_length=80)
    title: str = Field(default="", max_length=400)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    extra: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime = Field(sa_type=DateTime)


class Conversation(SQLModel, table=True):
    """A private-message conversation between two or more members."""

    __tablename__ = "conversation"

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    last_message_at: datetime = Field(sa_type=DateTime)
    message_count: int = Field(default=0)


class ConversationMember(SQLModel, table=True):
    __tablename__ = "conversation_member"
    __table_args__ = (Index("ix_conversation_member_inbox", "member_id", "conversation_id"),)

    conversation_id: int = Field(foreign_key="conversation.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    last_read_at: datetime | None = Field(default=None, sa_type=DateTime)
    left: bool = Field(default=False)


class Message(SQLModel, table=True):
    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_conversation", "conversation_id", "created_at"),
        Index("ix_message_author_created", "author_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id")
    author_id: int = Field(foreign_key="member.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=DateTime)
    # --- moderation: a message removed by a moderator (text kept for staff)
    removed: bool = Field(default=False)
    removed_reason: str | None = Field(default=None, max_length=400)


class MemberBlock(SQLModel, table=True):
    """A member blocked by another: the blocked member can no longer message them, and
    is never told (issue 10, the inbox)."""

    __tablename__ = "member_block"

    blocker_id: int = Field(foreign_key="member.id", primary_key=True)
    blocked_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    created_at: datetime = Field(sa_type=DateTime)


class Notification(SQLModel, table=True):
    __tablename__ = "notification"
    __table_args__ = (
        # Unread count: member_id = ? AND read_at IS NULL.
        Index("ix_notification_inbox", "member_id", "read_at", "created_at"),
        # The list, newest first (keyset on created_at, id).
        Index("ix_notification_member_created", "member_id", "created_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    # reply, mention, quote, subscription, solution, idea_status, issue_status, rank_up,
    # report_outcome, blog_post, message
    kind: str = Field(max_length=20)
    actor_id: int | None = Field(default=None, foreign_key="member.id")
    thread_id: int | None = Field(default=None, foreign_key="thread.id")
    post_id: int | None = Field(default=None, foreign_key="post.id")
    text: str = Field(default="", max_length=400)
    created_at: datetime = Field(sa_type=DateTime)
    read_at: datetime | None = Field(default=None, sa_type=DateTime)


class Report(SQLModel, table=True):
    """A report of a post or private message, by a member or filed by the rules."""

    __tablename__ = "report"
    __table_args__ = (
        Index("ix_report_queue", "status", "created_at"),
        # --- moderation: the queue groups open reports by item from this index alone.
        Index("ix_report_open_items", "status", "post_id", "message_id", "created_at", "automatic"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # None when the rules filed it automatically.
    reporter_id: int | None = Field(default=None, foreign_key="member.id")
    post_id: int | None = Field(default=None, foreign_key="post.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    # The author of the reported content, for "author history" in the queue.
    author_id: int = Field(foreign_key="member.id", index=True)
    reason: str = Field(max_length=400)
    guideline_number: int | None = None
    automatic: bool = Field(default=False)
    # open, dismissed, upheld
    status: str = Field(default="open", max_length=20)
    outcome: str | None = Field(default=None, max_length=400)
    created_at: datetime = Field(sa_type=DateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=DateTime)
    resolved_by_id: int | None = Field(default=None, foreign_key="member.id")


class ModAction(SQLModel, table=True):
    """The audit log: every moderator action, what it touched, and why."""

    __tablename__ = "mod_action"
    __table_args__ = (Index("ix_mod_action_created", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="member.id", index=True)
    # dismiss, remove, edit, move, lock, archive, restore, close_idea, warn, suspend,
    # float, set_status, merge, set_role, undo, ...
    action: str = Field(max_length=30)
    # post, thread, message, member, report
    target_kind: str = Field(max_length=20)
    target_id: int
    reason: str = Field(default="", max_length=400)
    # JSON: what is needed to show and to undo the action.
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    created_at: datetime = Field(sa_type=DateTime)
    undone: bool = Field(default=False)


class StarPoints(SQLModel, table=True):
    """The Stars points ledger: earned (positive) and redeemed (negative) points."""

    __tablename__ = "star_points"
    __table_args__ = (
        Index("ix_star_points_member_created", "member_id", "created_at"),
        # The monthly leaderboard: one month's entries for every Star.
        Index("ix_star_points_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    points: int
    reason: str = Field(max_length=200)
    post_id: int | None = Field(default=None, foreign_key="post.id")
    created_at: datetime = Field(sa_type=DateTime)


class StarApplication(SQLModel, table=True):
    __tablename__ = "star_application"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    # pending, accepted, declined
    status: str = Field(default="pending", max_length=20)
    created_at: datetime = Field(sa_type=DateTime)
    decided_at: datetime | None = Field(default=None, sa_type=DateTime)
    decided_by_id: int | None = Field(default=None, foreign_key="member.id")


class Event(SQLModel, table=True):
    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    starts_at: datetime = Field(sa_type=DateTime)
    star_only: bool = Field(default=False)


class EventAttendance(SQLModel, table=True):
    __tablename__ = "event_attendance"

    event_id: int = Field(foreign_key="event.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True)


class Setting(SQLModel, table=True):
    """Small facts about this database, e.g. ``demo`` = ``yes`` on a demo community."""

    __tablename__ = "setting"

    key: str = Field(max_length=60, primary_key=True)
    value: str = Field(default="", max_length=400)


# --- issue 14: joining (verification and reset codes, failed sign-ins)


class AccountCode(SQLModel, table=True):
    """A one-time code sent by mail: ``purpose`` "verify" (the email address) or
    "reset" (the password). Only a hash of the code is kept; a code is good until
    ``expires_at``, once (``used_at``), and for a few wrong tries (``attempts``)."""

    __tablename__ = "account_code"
    __table_args__ = (Index("ix_account_code_member_purpose", "member_id", "purpose"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    purpose: str = Field(max_length=20)
    code_hash: str = Field(max_length=64)
    email: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    expires_at: datetime = Field(sa_type=DateTime)
    used_at: datetime | None = Field(default=None, sa_type=DateTime)
    attempts: int = Field(default=0)


class SignInFailure(SQLModel, table=True):
    """One failed sign-in: the name tried (its ``username_key``) and, when that name
    belongs to a member, whose account it was. Repeated failures slow sign-in."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (
        Index("ix_sign_in_failure_name_at", "name_key", "created_at"),
        Index("ix_sign_in_failure_member_at", "member_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=80)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_type=DateTime)


class ReportClaim(SQLModel, table=True):
    """--- moderation: a moderator working on a reported item (``post:12``,
    ``message:5``), so two moderators do not work the same one; lapses after
    ``rules.moderation.CLAIM_MINUTES``."""

    __tablename__ = "report_claim"

    item_key: str = Field(max_length=40, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    claimed_at: datetime = Field(sa_type=DateTime)
