"""The inbox: private conversations and their messages, blocks between members, and
notifications.

The conventions every table follows are in the package docstring (``models/__init__``).
"""

from datetime import datetime

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Column, Field

from .base import TableModel


class Conversation(TableModel, table=True):
    """A private-message conversation between two or more members."""

    __tablename__ = "conversation"

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    last_message_at: datetime = Field(sa_type=DateTime)
    message_count: int = Field(default=0)


class ConversationMember(TableModel, table=True):
    __tablename__ = "conversation_member"
    __table_args__ = (Index("ix_conversation_member_inbox", "member_id", "conversation_id"),)

    conversation_id: int = Field(foreign_key="conversation.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    last_read_at: datetime | None = Field(default=None, sa_type=DateTime)
    left: bool = Field(default=False)


class Message(TableModel, table=True):
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


class MemberBlock(TableModel, table=True):
    """A member blocked by another: the blocked member can no longer message them, and
    is never told (issue 10, the inbox)."""

    __tablename__ = "member_block"

    blocker_id: int = Field(foreign_key="member.id", primary_key=True)
    blocked_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    created_at: datetime = Field(sa_type=DateTime)


class Notification(TableModel, table=True):
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
