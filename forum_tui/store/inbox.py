"""Private messages: the inbox's reads, and the one send-a-message piece.

:func:`deliver_message` writes a message inside the caller's transaction, into a new
conversation or an existing one. It is the single piece every sender goes through: the
inbox (a member writing to members, ``inbox_writing``), moderation (warnings) and the
Stars Program (application outcomes). It checks nothing itself: each caller asks the rules
first (``permissions.can``, ``guidelines.check_message``), then calls it.

Members whose messages are off receive nothing, staff messages included (the reference asks
Stars applicants to turn messages on to hear back); they are returned in
``Delivery.skipped`` so the caller can say so.

:class:`Inbox` holds the reads (the writes are ``inbox_writing.InboxWriting``):

- ``inbox_state``, ``unread_conversation_count`` (the header's mark), ``conversations``
  (newest first, keyset-paged, with unread marks), ``conversation`` (its head),
  ``conversation_messages`` (newest page first, older pages on demand),
  ``search_messages`` (words in one's own messages), ``message_recipients`` (names
  completed as typed), ``blocked_members``.

Who reads what (every read checks it, here in the store):

- A member reads only conversations they take part in and have not left (deleted from
  their inbox). Any other conversation id, existing or not, gets the same "does not
  exist" answer, so nothing is revealed. Moderators and staff are no exception: of a
  conversation they are not in, they see only what a report exposes
  (``Reporting.reported_message_context``: the reported message and a few either side).
- Messages from a member the reader blocked are not shown to the reader (in a group
  conversation the blocked member can still write to the others).
- While a member's messages are off the inbox shows nothing and counts nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, not_, tuple_
from sqlalchemy import update as sql_update
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.store.access import (
    Service,
    _age,
    _encode_cursor,
    _page_size,
)
from forum_tui.store.convert import badge_columns, badge_from_row
from forum_tui.store.errors import InvalidInput, NotFound
from forum_tui.store.inbox_rows import (
    _blocked_by,
    _blockers_of,
    _decode_keyset,
    _inbox_statement,
    _message_query,
    _message_view,
    _messages_member,
    _other_members,
    _others,
    _page_statement,
    _participation,
    _reader_place,
    _require_messages_on,
    _require_on,
    _unread_count,
)
from forum_tui.store.models import (
    Conversation,
    ConversationMember,
    Member,
    MemberBlock,
    Message,
)
from forum_tui.store.views import (
    ConversationSummary,
    ConversationView,
    InboxState,
    MemberBadge,
    MessageHit,
    MessageView,
    Page,
    Viewer,
)

#: Longest subject a conversation may have (the column's width).
SUBJECT_MAX = 200
#: Names offered as a recipient's name is typed.
SUGGESTIONS = 6
#: Words searched for at most (the rest are ignored).
SEARCH_WORDS = 6


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
    checked the sender takes part in it, and ``recipient_ids`` is ignored; members of it
    whose messages are off are listed in ``skipped`` and do not see it while they stay
    off: the inbox shows nothing then); otherwise a new
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
        current = _current_members(session, conversation_id, sender_id)
        delivered = tuple(_with_messages_on(session, current, sender_id))
        skipped = tuple(sorted(set(current) - set(delivered)))
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


# ---------------------------------------------------------------------- the reads


class Inbox(Service):
    """The inbox's reads (see the module docstring)."""

    def inbox_state(self, viewer: Viewer) -> InboxState:
        """Messages on or off, whether the viewer may turn them on, and unread count."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            decision = self._may_enable(actor)
            unread = _unread_count(session, member.id) if member.pm_enabled else 0
        return InboxState(
            messages_on=member.pm_enabled,
            may_enable=decision.allowed,
            enable_refusal=decision.reason,
            needs_birth_date=member.birth_date is None,
            unread=unread,
        )

    def unread_conversation_count(self, viewer: Viewer) -> int:
        """Conversations with messages the viewer has not read (0 while messages are
        off), up to ``UNREAD_CAP``."""
        with self._reader.begin() as connection:
            try:
                _require_on(connection, viewer.id)
            except NotFound:
                return 0
            return _unread_count(connection, viewer.id)

    def conversations(
        self, viewer: Viewer, cursor: str | None = None, limit: int = 40
    ) -> Page[ConversationSummary]:
        """The viewer's conversations, newest message first, a page at a time."""
        limit = _page_size(limit)
        after = _decode_keyset(cursor)
        params: dict = {"member_id": viewer.id, "limit": limit + 1}
        if after is not None:
            params.update(after_at=after[0], after_id=after[1])
        with self._reader.begin() as connection:
            _require_on(connection, viewer.id)
            rows = connection.execute(_inbox_statement(after is not None), params).all()
            more = len(rows) > limit
            rows = rows[:limit]
            others = _others(connection, [row[0] for row in rows], viewer.id)
        items = tuple(
            ConversationSummary(
                id=conversation_id,
                subject=subject,
                others=others.get(conversation_id, ()),
                last_message_at=last_at,
                message_count=count,
                unread=read_at is None or read_at < last_at,
            )
            for conversation_id, subject, last_at, count, read_at in rows
        )
        next_cursor = None
        if more and items:
            next_cursor = _encode_cursor([items[-1].last_message_at, items[-1].id])
        return Page(items=items, next_cursor=next_cursor)

    def conversation(self, viewer: Viewer, conversation_id: int) -> ConversationView:
        """A conversation's head: subject, who is in it, and whether the viewer may reply
        (with why not). Only for members who take part in it."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            _require_messages_on(member)
            place = _participation(session, member.id, conversation_id)
            conversation = session.get(Conversation, conversation_id)
            assert conversation is not None
            others = _others(session, [conversation_id], member.id).get(conversation_id, ())
            refusal = self._reply_refusal(session, actor, conversation_id)
        return ConversationView(
            id=conversation.id,
            subject=conversation.subject,
            others=others,
            message_count=conversation.message_count,
            created_at=conversation.created_at,
            last_message_at=conversation.last_message_at,
            can_reply=not refusal,
            reply_refusal=refusal,
            last_read_at=place.last_read_at,
        )

    def conversation_messages(
        self, viewer: Viewer, conversation_id: int, cursor: str | None = None, limit: int = 50
    ) -> Page[MessageView]:
        """The newest ``limit`` messages (in time order); ``next_cursor`` pages back to
        older ones. Messages from members the viewer blocked are left out."""
        limit = _page_size(limit)
        before = _decode_keyset(cursor)
        params: dict = {
            "member_id": viewer.id,
            "conversation_id": conversation_id,
            "limit": limit + 1,
        }
        if before is not None:
            params.update(before_at=before[0], before_id=before[1])
        with self._reader.begin() as connection:
            rows = connection.execute(_page_statement(before is not None), params).all()
            if rows:
                last_read_at = rows[0].reader_read_at
            else:  # not allowed (say why), or nothing (more) to read
                last_read_at = _reader_place(connection, viewer.id, conversation_id)
        more = len(rows) > limit
        badges: dict[int, MemberBadge] = {}
        items = tuple(
            _message_view(row, viewer.id, last_read_at, badges=badges)
            for row in reversed(rows[:limit])
        )
        next_cursor = None
        if more and items:
            next_cursor = _encode_cursor([items[0].created_at, items[0].id])
        return Page(items=items, next_cursor=next_cursor)

    def search_messages(
        self, viewer: Viewer, words: str, cursor: str | None = None, limit: int = 40
    ) -> Page[MessageHit]:
        """Messages holding every word (case-insensitive), newest first, among the
        viewer's own conversations only."""
        terms = [term.casefold() for term in words.split()][:SEARCH_WORDS]
        if not terms:
            raise InvalidInput("Type a word or two to search your messages for.")
        limit = _page_size(limit)
        before = _decode_keyset(cursor)
        with self._reading() as session:
            member = _messages_member(session, viewer)
            query = (
                _message_query()
                .add_columns(Conversation.subject)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .join(
                    ConversationMember,
                    and_(
                        ConversationMember.conversation_id == Message.conversation_id,
                        ConversationMember.member_id == member.id,
                    ),
                )
                .where(
                    not_(ConversationMember.left),
                    not_(Message.removed),
                    Message.author_id.not_in(_blocked_by(member.id)),
                    *(func.lower(Message.body).contains(term, autoescape=True) for term in terms),
                )
            )
            if before is not None:
                query = query.where(tuple_(Message.created_at, Message.id) < tuple_(*before))
            rows = session.exec(
                query.order_by(Message.created_at.desc(), Message.id.desc()).limit(limit + 1)
            ).all()
        more = len(rows) > limit
        badges: dict[int, MemberBadge] = {}
        items = tuple(
            MessageHit(
                message=_message_view(row, member.id, None, badges=badges), subject=row.subject
            )
            for row in rows[:limit]
        )
        next_cursor = None
        if more and items:
            last = items[-1].message
            next_cursor = _encode_cursor([last.created_at, last.id])
        return Page(items=items, next_cursor=next_cursor)

    def message_recipients(self, viewer: Viewer, typed: str) -> tuple[MemberBadge, ...]:
        """Members whose username starts with what was typed (names completed as typed),
        the viewer left out; at most ``SUGGESTIONS``."""
        key = names.username_key(typed.strip().lstrip("@"))
        if not key:
            return ()
        with self._reading() as session:
            rows = session.exec(
                select(*badge_columns())
                .where(
                    Member.username_key.startswith(key, autoescape=True),
                    Member.id != viewer.id,
                )
                .order_by(Member.username_key)
                .limit(SUGGESTIONS)
            ).all()
        return tuple(badge_from_row(row) for row in rows)

    def blocked_members(self, viewer: Viewer) -> tuple[MemberBadge, ...]:
        """The members the viewer blocked, by name."""
        with self._reading() as session:
            rows = session.exec(
                select(*badge_columns())
                .join(MemberBlock, MemberBlock.blocked_id == Member.id)
                .where(MemberBlock.blocker_id == viewer.id)
                .order_by(Member.username_key)
            ).all()
        return tuple(badge_from_row(row) for row in rows)

    # ------------------------------------------------------------------ shared decisions

    def _may_enable(self, actor: Actor):
        return can(actor, Action.ENABLE_MESSAGES, min_age=self.community.limits.pm_min_age)

    def _may_send(self, actor: Actor):
        """May ``actor`` send at all? Asked of ``can`` with an ideal recipient (messages on,
        exactly of age), so only the sender's own standing can refuse."""
        minimum = self.community.limits.pm_min_age
        return can(actor, Action.SEND_MESSAGE, Target(recipient_age=minimum), min_age=minimum)

    def _may_send_to(self, actor: Actor, recipient: Member, blocks: bool):
        today = self.now().date()
        target = Target(
            owner_id=recipient.id,
            recipient_pm_enabled=recipient.pm_enabled,
            recipient_age=_age(recipient.birth_date, today),
            recipient_blocks_sender=blocks,
        )
        return can(actor, Action.SEND_MESSAGE, target, min_age=self.community.limits.pm_min_age)

    def _reply_refusal(self, session: Session, actor: Actor, conversation_id: int) -> str:
        """Why the actor may not reply here ("" when they may): their own standing, or no
        one left in it who can receive (the first such reason, in the same vague words)."""
        decision = self._may_send(actor)
        if not decision:
            return decision.reason
        others = _other_members(session, conversation_id, actor.id)
        if not others:
            return NOBODY_LEFT
        blockers = _blockers_of(session, actor.id, [other.id for other in others])
        reasons = [self._may_send_to(actor, other, other.id in blockers).reason for other in others]
        return "" if not all(reasons) else reasons[0]


NOBODY_LEFT = "Nobody else is left in this conversation; start a new one to write to them."
