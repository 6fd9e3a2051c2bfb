"""Private messages: the one send-a-message use case.

:func:`deliver_message` writes a message inside the caller's transaction, into a new
conversation or an existing one. It is the single piece every sender goes through: the
inbox (a member writing to members), moderation (warnings) and the Stars Program
(application outcomes). It checks nothing itself: each caller asks the rules first
(``permissions.can``, ``guidelines.check_message``), then calls it.

Members whose messages are off receive nothing, staff messages included (the reference asks
Stars applicants to turn messages on to hear back); they are returned in
``Delivery.skipped`` so the caller can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update as sql_update
from sqlmodel import Session, select

from forum_tui.store.models import Conversation, ConversationMember, Member, Message

#: Longest subject a conversation may have (the column's width).
SUBJECT_MAX = 200


@dataclass(frozen=True, slots=True)
class Delivery:
    """What :func:`deliver_message` wrote: the conversation, the message, who got it."""

    conversation_id: int
    message_id: int
    delivered_to: tuple[int, ...]
    skipped: tuple[int, ...]


def deliver_message(
    session: Session,
    *,
    sender_id: int,
    recipient_ids: Sequence[int],
    body: str,
    now: datetime,
    subject: str = "",
    conversation_id: int | None = None,
) -> Delivery:
    """Write one message from ``sender_id``; returns what was written.

    With ``conversation_id`` the message goes into that conversation (the caller has
    checked the sender takes part in it, and ``recipient_ids`` is ignored); otherwise a new
    conversation with ``subject`` is started between the sender and every recipient whose
    messages are on. Recipients with messages off are skipped; when none is left, nothing
    is written and ``message_id`` is 0.
    """
    if conversation_id is None:
        enabled = _with_messages_on(session, recipient_ids, sender_id)
        skipped = tuple(sorted(set(recipient_ids) - set(enabled) - {sender_id}))
        if not enabled:
            return Delivery(0, 0, (), skipped)
        conversation = Conversation(
            subject=subject[:SUBJECT_MAX], created_at=now, last_message_at=now, message_count=0
        )
        session.add(conversation)
        session.flush()
        assert conversation.id is not None
        conversation_id = conversation.id
        for member_id in (sender_id, *enabled):
            session.add(
                ConversationMember(
                    conversation_id=conversation_id,
                    member_id=member_id,
                    last_read_at=now if member_id == sender_id else None,
                )
            )
        delivered = tuple(enabled)
    else:
        delivered, skipped = _current_members(session, conversation_id, sender_id), ()
    message = Message(
        conversation_id=conversation_id, author_id=sender_id, body=body, created_at=now
    )
    session.add(message)
    session.execute(
        sql_update(Conversation)
        .where(Conversation.id == conversation_id)
        .values(last_message_at=now, message_count=Conversation.message_count + 1)
    )
    session.execute(
        sql_update(ConversationMember)
        .where(
            ConversationMember.conversation_id == conversation_id,
            ConversationMember.member_id == sender_id,
        )
        .values(last_read_at=now)
    )
    session.flush()
    assert message.id is not None
    return Delivery(conversation_id, message.id, delivered, skipped)


def _with_messages_on(session: Session, member_ids: Sequence[int], sender_id: int) -> list[int]:
    wanted = sorted(set(member_ids) - {sender_id})
    if not wanted:
        return []
    rows = session.exec(
        select(Member.id).where(Member.id.in_(wanted), Member.pm_enabled.is_(True))
    ).all()
    return sorted(rows)


def _current_members(session: Session, conversation_id: int, sender_id: int) -> tuple[int, ...]:
    rows = session.exec(
        select(ConversationMember.member_id).where(
            ConversationMember.conversation_id == conversation_id,
            ConversationMember.left.is_(False),
            ConversationMember.member_id != sender_id,
        )
    ).all()
    return tuple(sorted(rows))
