"""Shared pieces of the inbox's reads and writes: who takes part, badges, message rows.

Plain functions over a session (no use cases here): ``inbox.Inbox``,
``inbox_writing.InboxWriting`` and ``reporting`` (a reported message's context) use them.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, func, not_, or_, tuple_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from forum_tui.store.access import _decode_cursor
from forum_tui.store.convert import badge_columns, badge_from_row
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


def _unread_count(session, member_id: int) -> int:
    """Unread conversations, up to ``UNREAD_CAP`` (``session`` or a connection)."""
    return session.execute(_unread_statement(), {"member_id": member_id}).scalar_one()


def _others(
    session, conversation_ids: list[int], member_id: int
) -> dict[int, tuple[MemberBadge, ...]]:
    """The other members of each conversation, by name (``session`` or a connection)."""
    if not conversation_ids:
        return {}
    rows = session.execute(
        _others_statement(), {"ids": list(conversation_ids), "member_id": member_id}
    ).all()
    badges: dict[int, MemberBadge] = {}
    others: dict[int, list[MemberBadge]] = {}
    for row in rows:
        others.setdefault(row[0], []).append(_badge_once(row, badges))
    return {key: tuple(value) for key, value in others.items()}


def _badge_once(row, badges: dict[int, MemberBadge]) -> MemberBadge:
    """The row's member badge, built once per member for a whole page: a conversation
    page has two or three authors, not fifty, and building a badge is most of the
    cost of turning a row into a view. Rows hold ``badge_columns()`` (``member_id``)."""
    member_id = row.member_id
    badge = badges.get(member_id)
    if badge is None:
        badge = badges[member_id] = badge_from_row(row)
    return badge


def _require_on(connection, member_id: int) -> None:
    """NotFound unless the member exists and has messages on (one small query)."""
    on = connection.execute(_messages_on_statement(), {"member_id": member_id}).first()
    if on is None:
        raise NotFound("Your account no longer exists.")
    if not on[0]:
        raise NotFound(MESSAGES_OFF)


def _reader_place(connection, member_id: int, conversation_id: int) -> datetime | None:
    """When the member last read the conversation, in one small query that also checks
    what :func:`_require_on` checks: NotFound unless the member exists, has messages on
    and is still in the conversation (in the words used for one that does not exist)."""
    row = connection.execute(
        _reader_place_statement(),
        {"member_id": member_id, "conversation_id": conversation_id},
    ).first()
    if row is None:
        raise NotFound("Your account no longer exists.")
    messages_on, in_it, last_read_at, left = row
    if not messages_on:
        raise NotFound(MESSAGES_OFF)
    if in_it is None or left:
        raise NotFound(NO_CONVERSATION)
    return last_read_at


# ---------------------------------------------------------------------- hot statements
# Built once, with bound parameters, and run on a plain connection: the inbox, a page of
# a conversation and the header's count are read often (ARCHITECTURE: hot reads).


@cache
def _messages_on_statement():
    return select(Member.pm_enabled).where(Member.id == bindparam("member_id"))


@cache
def _reader_place_statement():
    """The reader's messages setting and place in one conversation (outer join: a reader
    not in it gets a row with no place)."""
    return (
        select(
            Member.pm_enabled,
            ConversationMember.member_id,
            ConversationMember.last_read_at,
            ConversationMember.left,
        )
        .outerjoin(
            ConversationMember,
            and_(
                ConversationMember.member_id == Member.id,
                ConversationMember.conversation_id == bindparam("conversation_id"),
            ),
        )
        .where(Member.id == bindparam("member_id"))
    )


@cache
def _unread_statement():
    unread = (
        select(ConversationMember.conversation_id)
        .join(Conversation, Conversation.id == ConversationMember.conversation_id)
        .where(
            ConversationMember.member_id == bindparam("member_id"),
            not_(ConversationMember.left),
            or_(
                ConversationMember.last_read_at.is_(None),
                ConversationMember.last_read_at < Conversation.last_message_at,
            ),
        )
        .limit(UNREAD_CAP)
        .subquery()
    )
    return select(func.count()).select_from(unread)


@cache
def _others_statement():
    return (
        select(ConversationMember.conversation_id, *badge_columns())
        .join(Member, Member.id == ConversationMember.member_id)
        .where(
            ConversationMember.conversation_id.in_(bindparam("ids", expanding=True)),
            ConversationMember.member_id != bindparam("member_id"),
        )
        .order_by(ConversationMember.conversation_id, Member.username_key)
    )


@cache
def _inbox_statement(paged: bool):
    """The member's conversations, newest first (``paged``: after a keyset position)."""
    query = (
        select(
            Conversation.id,
            Conversation.subject,
            Conversation.last_message_at,
            Conversation.message_count,
            ConversationMember.last_read_at,
        )
        .join(
            ConversationMember,
            and_(
                ConversationMember.conversation_id == Conversation.id,
                ConversationMember.member_id == bindparam("member_id"),
            ),
        )
        .where(not_(ConversationMember.left))
    )
    if paged:
        query = query.where(
            tuple_(Conversation.last_message_at, Conversation.id)
            < tuple_(bindparam("after_at"), bindparam("after_id"))
        )
    return query.order_by(Conversation.last_message_at.desc(), Conversation.id.desc()).limit(
        bindparam("limit")
    )


@cache
def _page_statement(paged: bool):
    """A conversation's messages, newest first, those by members the reader blocked left
    out (``paged``: before a keyset position), each with when the reader last read it.

    It reads only for a reader who may (messages on, still in it: the EXISTS); with no
    rows, :func:`_reader_place` says why, so the usual page is one statement, not two."""
    reader = aliased(Member, name="reader")
    allowed = (
        select(ConversationMember.member_id)
        .join(reader, reader.id == ConversationMember.member_id)
        .where(
            ConversationMember.conversation_id == bindparam("conversation_id"),
            ConversationMember.member_id == bindparam("member_id"),
            not_(ConversationMember.left),
            reader.pm_enabled,
        )
        .exists()
    )
    read_at = (
        select(ConversationMember.last_read_at)
        .where(
            ConversationMember.conversation_id == bindparam("conversation_id"),
            ConversationMember.member_id == bindparam("member_id"),
        )
        .scalar_subquery()
        .label("reader_read_at")
    )
    query = (
        _message_query()
        .add_columns(read_at)
        .where(
            allowed,
            Message.conversation_id == bindparam("conversation_id"),
            Message.author_id.not_in(
                select(MemberBlock.blocked_id).where(
                    MemberBlock.blocker_id == bindparam("member_id")
                )
            ),
        )
    )
    if paged:
        query = query.where(
            tuple_(Message.created_at, Message.id)
            < tuple_(bindparam("before_at"), bindparam("before_id"))
        )
    return query.order_by(Message.created_at.desc(), Message.id.desc()).limit(bindparam("limit"))


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
        Message.id,
        Message.conversation_id,
        Message.body,
        Message.created_at,
        Message.removed,
        Message.removed_reason,
        *badge_columns(),
    ).join(Member, Member.id == Message.author_id)


def _message_view(
    row,
    member_id: int,
    last_read_at: datetime | None,
    *,
    moderator: bool = False,
    badges: dict[int, MemberBadge] | None = None,
) -> MessageView:
    """A message as ``member_id`` reads it. A message a moderator removed keeps only its
    reason for the people in the conversation; ``moderator`` (the report queue's context)
    keeps the text too. ``badges`` shares the authors' badges across a page."""
    message_id, conversation_id, body, created_at, removed, removed_reason = row[:6]
    author = badge_from_row(row) if badges is None else _badge_once(row, badges)
    return MessageView(
        id=message_id,
        conversation_id=conversation_id,
        author=author,
        body=body if moderator or not removed else "",
        created_at=created_at,
        unread=author.id != member_id and (last_read_at is None or created_at > last_read_at),
        removed_reason=(removed_reason or "") if removed else None,
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
