"""Views of private messages: the inbox, conversations, messages, and what a moderator
may see of a reported one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from forum_tui.store.views.core import MemberBadge


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
