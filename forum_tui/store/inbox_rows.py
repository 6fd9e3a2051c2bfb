"""Shared pieces of the inbox's reads and writes: who takes part, badges, message rows.

Plain functions over a session (no use cases here): ``inbox.Inbox``,
``inbox_writing.InboxWriting`` and ``reporting`` (a reported message's context) use them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, not_, or_
from sqlmodel import Session, select

from forum_tui.store.access import _decode_cursor
from forum_tui.store.errors import InvalidInput, NotFound
from forum_tui.store.models import (
    Conversation,
    ConversationMember,
    Member,
    MemberBlock,
    Message,
)
from forum_tui.store.views import MemberBadge, MessageView, Viewer

#: Unread conversations stop counting here (show "99+").
UNREAD_CAP = 99
NO_CONVERSATION = "That conversation does not exist."
MESSAGES_OFF = (
    "Your private messages are off. Turn them on from your inbox (I) to send and receive."
)

#: The columns a member badge needs (``_badge_of`` reads them back).
BADGE_COLUMNS = (
    Member.id,
    Member.username,
    Member.display_name,
    Member.rank,
    Member.avatar,
    Member.role,
    Member.staff_title,
)


def _messages_member(session: Session, viewer: Viewer) -> Member:
    member = session.get(Member, viewer.id)
    if member is None:
        raise NotFound("Your account no longer exists.")
    _require_messages_on(member)
    return member


def _require_messages_on(member: Member) -> None:
    if not member.pm_enabled:
        raise NotFound(MESSAGES_OFF)


def _participation(session: Session, member_id: int, conversation_id: int) -> ConversationMember:
    """The member's place in the conversation; NotFound when they are not in it, or left
    it (the same words as for a conversation that does not exist)."""
    place = session.get(ConversationMember, (conversation_id, member_id))
    if place is None or place.left:
        raise NotFound(NO_CONVERSATION)
    return place


def _unread_count(session: Session, member_id: int) -> int:
    unread = (
        select(ConversationMember.conversation_id)
        .join(Conversation, Conversation.id == ConversationMember.conversation_id)
        .where(
            ConversationMember.member_id == member_id,
            not_(ConversationMember.left),
            or_(
                ConversationMember.last_read_at.is_(None),
                ConversationMember.last_read_at < Conversation.last_message_at,
            ),
        )
        .limit(UNREAD_CAP)
        .subquery()
    )
    return session.exec(select(func.count()).select_from(unread)).one()


def _others(
    session: Session, conversation_ids: list[int], member_id: int
) -> dict[int, tuple[MemberBadge, ...]]:
    """The other members of each conversation, by name."""
    if not conversation_ids:
        return {}
    rows = session.exec(
        select(ConversationMember.conversation_id, *BADGE_COLUMNS)
        .join(Member, Member.id == ConversationMember.member_id)
        .where(
            ConversationMember.conversation_id.in_(conversation_ids),
            ConversationMember.member_id != member_id,
        )
        .order_by(ConversationMember.conversation_id, Member.username_key)
    ).all()
    others: dict[int, list[MemberBadge]] = {}
    for row in rows:
        others.setdefault(row[0], []).append(_badge_of(row[1:]))
    return {key: tuple(value) for key, value in others.items()}


def _other_members(session: Session, conversation_id: int, member_id: int) -> list[Member]:
    """The other members still in the conversation (rows, for the permission checks)."""
    return list(
        session.exec(
            select(Member)
            .join(ConversationMember, ConversationMember.member_id == Member.id)
            .where(
                ConversationMember.conversation_id == conversation_id,
                ConversationMember.member_id != member_id,
                not_(ConversationMember.left),
            )
            .order_by(Member.id)
        ).all()
    )


def _blocked_by(member_id: int):
    """The members ``member_id`` blocked (a subquery)."""
    return select(MemberBlock.blocked_id).where(MemberBlock.blocker_id == member_id)


def _blockers_of(session: Session, sender_id: int, member_ids: list[int]) -> set[int]:
    """Which of ``member_ids`` blocked ``sender_id``."""
    if not member_ids:
        return set()
    return set(
        session.exec(
            select(MemberBlock.blocker_id).where(
                MemberBlock.blocked_id == sender_id, MemberBlock.blocker_id.in_(member_ids)
            )
        ).all()
    )


def _message_query():
    return select(
        Message.id, Message.conversation_id, Message.body, Message.created_at, *BADGE_COLUMNS
    ).join(Member, Member.id == Message.author_id)


def _message_view(row, member_id: int, last_read_at: datetime | None) -> MessageView:
    message_id, conversation_id, body, created_at, *badge = row
    author = _badge_of(badge)
    return MessageView(
        id=message_id,
        conversation_id=conversation_id,
        author=author,
        body=body,
        created_at=created_at,
        unread=author.id != member_id and (last_read_at is None or created_at > last_read_at),
    )


def _badge_of(row) -> MemberBadge:
    member_id, username, display_name, rank, avatar, role, staff_title = row
    return MemberBadge(
        id=member_id,
        username=username,
        display_name=display_name,
        rank=rank,
        avatar=avatar,
        role=role,
        is_staff=role == "staff",
        staff_title=staff_title,
    )


def _decode_keyset(cursor: str | None) -> tuple[datetime, int] | None:
    if cursor is None:
        return None
    values = _decode_cursor(cursor)
    try:
        when, row_id = values
        return datetime.fromisoformat(when), int(row_id)
    except (ValueError, TypeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None
