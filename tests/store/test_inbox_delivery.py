"""The one send-a-message piece (``store.inbox.deliver_message``) that the inbox,
moderation warnings and Stars outcomes all go through."""

from __future__ import annotations

from sqlmodel import Session, select

from forum_tui.store.inbox import deliver_message
from forum_tui.store.models import Conversation, ConversationMember, Message


def _deliver(forum, clock, **kwargs):
    with Session(forum.engine) as session, session.begin():
        return deliver_message(session, now=clock(), **kwargs)


def test_a_new_conversation_reaches_members_with_messages_on_only(forum, seed, clock):
    sender = seed.member("sender", pm_enabled=True)
    on = seed.member("listener", pm_enabled=True)
    off = seed.member("quiet", pm_enabled=False)
    delivery = _deliver(
        forum, clock, sender_id=sender, recipient_ids=[on, off], subject="Hi", body="Hello"
    )
    assert delivery.delivered_to == (on,)
    assert delivery.skipped == (off,)
    with Session(forum.engine) as session:
        conversation = session.get(Conversation, delivery.conversation_id)
        assert conversation.subject == "Hi" and conversation.message_count == 1
        members = session.exec(
            select(ConversationMember).where(
                ConversationMember.conversation_id == delivery.conversation_id
            )
        ).all()
        unread = {m.member_id: m.last_read_at for m in members}
        assert set(unread) == {sender, on}
        assert unread[sender] == clock() and unread[on] is None


def test_nothing_is_written_when_every_recipient_has_messages_off(forum, seed, clock):
    sender = seed.member("sender", pm_enabled=True)
    off = seed.member("quiet", pm_enabled=False)
    delivery = _deliver(forum, clock, sender_id=sender, recipient_ids=[off], body="Hello")
    assert delivery.message_id == 0 and delivery.skipped == (off,)
    with Session(forum.engine) as session:
        assert session.exec(select(Message)).all() == []


def test_a_reply_goes_into_the_conversation_and_counts(forum, seed, clock):
    sender = seed.member("sender", pm_enabled=True)
    other = seed.member("listener", pm_enabled=True)
    first = _deliver(forum, clock, sender_id=sender, recipient_ids=[other], body="One")
    clock.advance(minutes=5)
    second = _deliver(
        forum,
        clock,
        sender_id=other,
        recipient_ids=[],
        body="Two",
        conversation_id=first.conversation_id,
    )
    assert second.conversation_id == first.conversation_id
    assert second.delivered_to == (sender,)
    with Session(forum.engine) as session:
        conversation = session.get(Conversation, first.conversation_id)
        assert conversation.message_count == 2
        assert conversation.last_message_at == clock()
