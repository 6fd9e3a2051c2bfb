"""Each member's own trail through the forum: what they follow, how far they have
read each thread and board, and the drafts they are writing.

The conventions every table follows are in the package docstring (``models/__init__``).
"""

from datetime import datetime

from sqlalchemy import DateTime, Index, Text, UniqueConstraint
from sqlmodel import Column, Field

from .base import TableModel


class Subscription(TableModel, table=True):
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


class ReadMark(TableModel, table=True):
    """How far a member has read a thread: the highest post position seen."""

    __tablename__ = "read_mark"

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    last_read_position: int = Field(default=0)
    read_at: datetime = Field(sa_type=DateTime)


class BoardVisit(TableModel, table=True):
    """A member's visits to a board: threads active since ``all_read_at`` may be unread."""

    __tablename__ = "board_visit"

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    board_id: int = Field(foreign_key="board.id", primary_key=True)
    last_visit_at: datetime = Field(sa_type=DateTime)
    all_read_at: datetime = Field(sa_type=DateTime)


class Draft(TableModel, table=True):
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
