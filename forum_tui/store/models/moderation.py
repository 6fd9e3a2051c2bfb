"""Moderation: reports of posts and messages, the moderators' claims on reported
items, and the audit log of every moderator action.

The conventions every table follows are in the package docstring (``models/__init__``).
"""

from datetime import datetime

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Column, Field

from .base import TableModel


class Report(TableModel, table=True):
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


class ModAction(TableModel, table=True):
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


class ReportClaim(TableModel, table=True):
    """--- moderation: a moderator working on a reported item (``post:12``,
    ``message:5``), so two moderators do not work the same one; lapses after
    ``rules.moderation.CLAIM_MINUTES``."""

    __tablename__ = "report_claim"

    item_key: str = Field(max_length=40, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    claimed_at: datetime = Field(sa_type=DateTime)
