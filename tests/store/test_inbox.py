"""The inbox's store: the 18+ opt-in, sending and replying, refusals, blast limits,
blocks, search, and who may read what (every other way in is tried)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from forum_tui.store.errors import GuidelineRefused, InvalidInput, NotAllowed, NotFound
from forum_tui.store.inbox_rows import MESSAGES_OFF, NO_CONVERSATION
from forum_tui.store.models import Report

ADULT = date(1990, 5, 1)
CANNOT = "That member can't receive private messages."


@pytest.fixture
def people(forum, seed, clock):
    """Adults with messages on (ann, bob, cy), staff (sam), a moderator (mo), an adult
    with messages off (hugo), a 16-year-old (tilly), and a new member (neo)."""
    joined = clock() - timedelta(days=400)
    on = dict(created_at=joined, birth_date=ADULT, pm_enabled=True, email_verified=True)
    ids = {
        "ann": seed.member("ann", **on),
        "bob": seed.member("bob", **on),
        "cy": seed.member("cyd", **on),
        "dee": seed.member("dee", **on),
        "eve": seed.member("eve", **on),
        "fay": seed.member("fay", **on),
        "sam": seed.member("sam", role="staff", **on),
        "mo": seed.member("moe", role="moderator", **on),
        "hugo": seed.member("hugo", **{**on, "pm_enabled": False}),
        "tilly": seed.member("tilly", **{**on, "birth_date": date(2010, 3, 14)}),
        "neo": seed.member("neo", **{**on, "created_at": clock() - timedelta(days=2)}),
    }
    return {name: seed.viewer(member_id) for name, member_id in ids.items()}


def send(forum, viewer, to, body="Hello there!", subject="Hi"):
    return forum.send_message(viewer, to if isinstance(to, list) else [to], subject, body)


# ---------------------------------------------------------------------- the opt-in


def test_messages_are_off_by_default(forum, seed):
    viewer = seed.viewer(seed.member("newbie", birth_date=ADULT))
    state = forum.inbox_state(viewer)
    assert not state.messages_on and state.may_enable and not state.needs_birth_date


@pytest.mark.parametrize(
    "born, allowed",
    [(date(2008, 11, 21), False), (date(2008, 11, 20), True), (date(2008, 11, 19), True)],
    ids=["17 years 364 days", "18 today", "18 and a day"],
)
def test_only_members_18_or_over_may_turn_messages_on(forum, seed, born, allowed):
    viewer = seed.viewer(seed.member("teen", birth_date=born))
    if allowed:
        assert forum.set_messages_enabled(viewer, True).pm_enabled
        assert forum.inbox_state(viewer).messages_on
    else:
        assert not forum.inbox_state(viewer).may_enable
        with pytest.raises(NotAllowed, match=r"Private messages are for members 18 or over."):
            forum.set_messages_enabled(viewer, True)
        assert not forum.inbox_state(viewer).messages_on


def test_with_no_birth_date_one_is_asked_for_and_kept(forum, seed):
    viewer = seed.viewer(seed.member("nobirth"))
    state = forum.inbox_state(viewer)
    assert state.needs_birth_date and not state.may_enable
    with pytest.raises(NotAllowed, match=r"Add your birth date"):
        forum.set_messages_enabled(viewer, True)
    with pytest.raises(InvalidInput, match=r"in the future"):
        forum.set_messages_enabled(viewer, True, birth_date=date(2030, 1, 1))
    assert forum.set_messages_enabled(viewer, True, birth_date=ADULT).birth_date == ADULT


def test_an_under_age_birth_date_is_kept_so_another_cannot_be_tried(forum, seed):
    viewer = seed.viewer(seed.member("kid"))
    with pytest.raises(NotAllowed, match=r"18 or over"):
        forum.set_messages_enabled(viewer, True, birth_date=date(2012, 1, 1))
    assert forum.who_am_i(viewer).birth_date == date(2012, 1, 1)
    with pytest.raises(InvalidInput, match=r"already on your profile"):
        forum.set_messages_enabled(viewer, True, birth_date=ADULT)


def test_turning_messages_off_again(forum, people):
    assert not forum.set_messages_enabled(people["ann"], False).pm_enabled
    state = forum.inbox_state(people["ann"])
    assert not state.messages_on and state.unread == 0
    with pytest.raises(NotFound, match=r"messages are off"):
        forum.conversations(people["ann"])


# ---------------------------------------------------------------------- sending, reading


def test_send_read_and_reply(forum, people, clock):
    ann, bob = people["ann"], people["bob"]
    sent = send(forum, ann, "bob", "Loved your playlist!", "Your playlist")
    assert [badge.username for badge in sent.delivered_to] == ["bob"]
    [row] = forum.conversations(bob).items
    assert row.subject == "Your playlist" and row.unread
    assert [other.username for other in row.others] == ["ann"]
    assert not forum.conversations(ann).items[0].unread  # one's own message is read
    assert forum.unread_conversation_count(bob) == 1
    [message] = forum.conversation_messages(bob, row.id).items
    assert message.body == "Loved your playlist!" and message.unread
    forum.mark_conversation_read(bob, row.id)
    assert forum.unread_conversation_count(bob) == 0
    clock.advance(minutes=5)
    forum.reply_message(bob, row.id, "Thanks!")
    assert forum.unread_conversation_count(ann) == 1
    bodies = [m.body for m in forum.conversation_messages(ann, row.id).items]
    assert bodies == ["Loved your playlist!", "Thanks!"]
    head = forum.conversation(ann, row.id)
    assert head.can_reply and head.message_count == 2


def test_conversations_newest_first_and_paged(forum, people, clock):
    ann = people["ann"]
    for name in ("bob", "cy", "dee", "eve", "fay"):
        send(forum, people[name], "ann", subject=f"From {people[name].username}")
        clock.advance(minutes=1)
    first = forum.conversations(ann, limit=2)
    assert [c.subject for c in first.items] == ["From fay", "From eve"]
    second = forum.conversations(ann, first.next_cursor, limit=2)
    third = forum.conversations(ann, second.next_cursor, limit=2)
    assert [c.subject for c in second.items + third.items] == [
        "From dee",
        "From cyd",
        "From bob",
    ]
    assert third.next_cursor is None


def test_a_long_conversation_pages_back_from_the_newest(forum, people, clock):
    ann, bob = people["ann"], people["sam"]  # staff: no hourly limit
    conversation = send(forum, bob, "ann", "Message 0").conversation_id
    for number in range(1, 120):
        clock.advance(seconds=30)
        forum.reply_message(bob, conversation, f"Message {number}")
    page = forum.conversation_messages(ann, conversation, limit=50)
    assert page.items[0].body == "Message 70" and page.items[-1].body == "Message 119"
    older = forum.conversation_messages(ann, conversation, page.next_cursor, limit=50)
    oldest = forum.conversation_messages(ann, conversation, older.next_cursor, limit=50)
    assert older.items[0].body == "Message 20"
    assert oldest.items[0].body == "Message 0" and oldest.next_cursor is None


def test_group_conversation_and_recipient_names_completed(forum, people):
    result = send(forum, people["ann"], ["@bob", "CYD", "bob"])
    assert [b.username for b in result.delivered_to] == ["bob", "cyd"]
    assert [b.username for b in forum.message_recipients(people["ann"], "b")] == ["bob"]
    assert forum.message_recipients(people["ann"], "an") == ()  # never oneself
    assert forum.message_recipients(people["ann"], "  ") == ()


def test_search_within_ones_own_messages(forum, people):
    send(forum, people["ann"], "bob", "The crossfade setting is greyed out", "Crossfade")
    send(forum, people["cy"], "dee", "crossfade works for me", "Private")
    hits = forum.search_messages(people["bob"], "CROSSFADE greyed").items
    assert [hit.subject for hit in hits] == ["Crossfade"]
    assert forum.search_messages(people["eve"], "crossfade").items == ()
    assert forum.search_messages(people["bob"], "100%").items == ()
    with pytest.raises(InvalidInput, match=r"Type a word"):
        forum.search_messages(people["bob"], "  ")


def test_deleting_a_conversation_removes_it_from_ones_own_inbox_only(forum, people):
    conversation = send(forum, people["ann"], "bob").conversation_id
    forum.leave_conversation(people["bob"], conversation)
    assert forum.conversations(people["bob"]).items == ()
    assert len(forum.conversations(people["ann"]).items) == 1
    head = forum.conversation(people["ann"], conversation)
    assert not head.can_reply and "Nobody else is left" in head.reply_refusal


# ---------------------------------------------------------------------- refusals


def test_refusals_say_why(forum, people):
    ann = people["ann"]
    with pytest.raises(NotAllowed, match=r"hugo: That member doesn't accept private messages."):
        send(forum, ann, "hugo")
    with pytest.raises(NotAllowed, match=rf"tilly: {CANNOT}"):
        send(forum, ann, "tilly")
    with pytest.raises(NotAllowed, match=r"Private messages are for members 18 or over."):
        send(forum, people["tilly"], "ann")
    with pytest.raises(NotAllowed, match=r"Turn on private messages"):
        send(forum, people["hugo"], "ann")
    with pytest.raises(NotAllowed, match=r"yourself"):
        send(forum, ann, "ann")


def test_staff_cannot_reach_members_with_messages_off_either(forum, people):
    with pytest.raises(NotAllowed, match=r"doesn't accept private messages"):
        send(forum, people["sam"], "hugo")


def test_replies_do_not_reach_a_member_who_turned_messages_off(forum, people):
    conversation = send(forum, people["ann"], ["bob", "cyd"]).conversation_id
    forum.set_messages_enabled(people["cy"], False)
    result = forum.reply_message(people["ann"], conversation, "Still there?")
    assert [b.username for b in result.delivered_to] == ["bob"]
    assert forum.unread_conversation_count(people["cy"]) == 0


def test_bad_input_gets_plain_words(forum, people):
    ann = people["ann"]
    with pytest.raises(GuidelineRefused, match=r"Your message is empty."):
        send(forum, ann, "bob", "   ")
    with pytest.raises(InvalidInput, match=r"no member called zed. Check the name"):
        send(forum, ann, ["bob", "zed"])
    with pytest.raises(InvalidInput, match=r"no members called zed, ␛x"):
        send(forum, ann, ["zed", "\x1bx"])
    with pytest.raises(GuidelineRefused, match=r"at most 5 members"):
        send(forum, ann, ["bob", "cyd", "dee", "eve", "fay", "moe"])
    cap = forum.community.limits.post_max
    with pytest.raises(GuidelineRefused, match=rf"at most {cap:,} characters"):
        send(forum, ann, "bob", "x" * (cap + 1))
    with pytest.raises(GuidelineRefused, match=r"Choose at least one member"):
        send(forum, ann, [])
    with pytest.raises(GuidelineRefused, match=r"subject is empty"):
        send(forum, ann, "bob", subject=" ")
    assert forum.conversations(people["bob"]).items == ()


# ---------------------------------------------------------------------- blast limits


def test_recipient_limit_at_its_edge(forum, people):
    send(forum, people["ann"], ["bob", "cyd", "dee", "eve", "fay"])  # 5: the limit
    with pytest.raises(GuidelineRefused, match=r"at most 2 members \(this one has 3\)"):
        send(forum, people["neo"], ["bob", "cyd", "dee"])
    send(forum, people["neo"], ["bob", "cyd"])


def test_messages_per_hour_at_the_edge_with_when_to_send_again(forum, people, clock):
    ann = people["ann"]
    conversation = send(forum, ann, "bob").conversation_id
    for _ in range(19):
        clock.advance(minutes=1)
        forum.reply_message(ann, conversation, "again")
    clock.advance(minutes=1)
    with pytest.raises(GuidelineRefused, match=r"try again in 40 minutes") as refused:
        forum.reply_message(ann, conversation, "one too many")
    assert "Members can send 20 messages an hour" in str(refused.value)
    clock.advance(minutes=40)
    forum.reply_message(ann, conversation, "allowed again")


def test_new_members_send_five_an_hour(forum, people, clock):
    conversation = send(forum, people["neo"], "bob").conversation_id
    for _ in range(4):
        forum.reply_message(people["neo"], conversation, "more")
    with pytest.raises(GuidelineRefused, match=r"New members .* can send 5 messages an hour"):
        forum.reply_message(people["neo"], conversation, "too many")


def test_staff_and_moderators_are_exempt(forum, people):
    everyone = ["ann", "bob", "cyd", "dee", "eve", "fay", "neo"]
    for name in ("sam", "mo"):
        conversation = send(forum, people[name], everyone).conversation_id
        for _ in range(25):
            forum.reply_message(people[name], conversation, "notice")


# ---------------------------------------------------------------------- blocks


def test_a_blocked_member_cannot_message_and_is_not_told(forum, people):
    ann, bob = people["ann"], people["bob"]
    conversation = send(forum, bob, "ann").conversation_id
    forum.block_member(ann, bob.id)
    forum.block_member(ann, bob.id)  # twice is fine
    assert [b.username for b in forum.blocked_members(ann)] == ["bob"]
    with pytest.raises(NotAllowed) as refused:
        send(forum, bob, "ann")
    assert str(refused.value) == f"Can't send to ann: {CANNOT}"  # as for an age limit
    with pytest.raises(NotAllowed, match=CANNOT):
        forum.reply_message(bob, conversation, "hello?")
    assert not forum.conversation(bob, conversation).can_reply
    forum.unblock_member(ann, bob.id)
    forum.reply_message(bob, conversation, "hello again")
    with pytest.raises(InvalidInput, match=r"yourself"):
        forum.block_member(ann, ann.id)


def test_in_a_group_the_blocker_no_longer_sees_the_blocked(forum, people):
    conversation = send(forum, people["ann"], ["bob", "cyd"]).conversation_id
    forum.block_member(people["cy"], people["bob"].id)
    forum.reply_message(people["bob"], conversation, "from bob")
    seen = [m.body for m in forum.conversation_messages(people["cy"], conversation).items]
    assert "from bob" not in seen
    assert "from bob" in [
        m.body for m in forum.conversation_messages(people["ann"], conversation).items
    ]


# ---------------------------------------------------------------------- who reads what


def test_every_other_way_into_a_conversation_is_refused(forum, people, seed):
    ann, bob, cy, mo = people["ann"], people["bob"], people["cy"], people["mo"]
    conversation = send(forum, ann, "bob", "just between us").conversation_id
    message_id = forum.conversation_messages(ann, conversation).items[0].id
    ways_in = {
        "another member's conversation": cy,
        "a moderator who is not in it": mo,
        "staff who are not in it": people["sam"],
    }
    for viewer in ways_in.values():
        for read in (
            lambda v: forum.conversation(v, conversation),
            lambda v: forum.conversation_messages(v, conversation),
            lambda v: forum.reply_message(v, conversation, "hi"),
            lambda v: forum.mark_conversation_read(v, conversation),
            lambda v: forum.leave_conversation(v, conversation),
        ):
            with pytest.raises(NotFound, match=NO_CONVERSATION):
                read(viewer)
        assert forum.search_messages(viewer, "between").items == ()
        assert forum.conversations(viewer).items == ()
        with pytest.raises(NotFound, match=r"That message does not exist."):
            forum.report_message(viewer, message_id, "Spam")
    with pytest.raises(NotFound, match=NO_CONVERSATION):  # no such id: the same words
        forum.conversation(cy, conversation + 999)
    forum.leave_conversation(bob, conversation)  # a participant who left
    with pytest.raises(NotFound, match=NO_CONVERSATION):
        forum.conversation_messages(bob, conversation)
    assert forum.search_messages(bob, "between").items == ()
    forum.set_messages_enabled(ann, False)  # messages off: the inbox shows nothing
    with pytest.raises(NotFound, match=re.escape(MESSAGES_OFF)):
        forum.conversation_messages(ann, conversation)


def test_a_moderator_sees_only_what_a_report_exposes(forum, people, clock):
    ann, bob, mo = people["ann"], people["bob"], people["mo"]
    conversation = send(forum, ann, "bob", "Message 0").conversation_id
    for number in range(1, 12):
        clock.advance(minutes=1)
        forum.reply_message(ann if number % 2 == 0 else bob, conversation, f"Message {number}")
    messages = forum.conversation_messages(ann, conversation).items
    reported = messages[6]  # "Message 6", by ann
    report = forum.report_message(bob, reported.id, "Harassment", guideline_number=8)
    assert report.conversation_id == conversation
    context = forum.reported_message_context(mo, report.id)
    assert [m.body for m in context.messages] == [f"Message {n}" for n in range(3, 9)]
    assert context.reported_id == reported.id
    assert (context.earlier_hidden, context.later_hidden) == (3, 3)
    assert {p.username for p in context.participants} == {"ann", "bob"}
    with pytest.raises(NotAllowed, match=r"Only moderators and staff"):
        forum.reported_message_context(bob, report.id)
    with pytest.raises(NotFound, match=NO_CONVERSATION):
        forum.conversation_messages(mo, conversation)


def test_context_at_the_start_of_a_conversation(forum, people):
    conversation = send(forum, people["ann"], "bob", "only one").conversation_id
    message = forum.conversation_messages(people["bob"], conversation).items[0]
    report = forum.report_message(people["bob"], message.id, "Spam")
    context = forum.reported_message_context(people["sam"], report.id)
    assert [m.body for m in context.messages] == ["only one"]
    assert (context.earlier_hidden, context.later_hidden) == (0, 0)


# ---------------------------------------------------------------------- reporting


def test_reporting_a_message(forum, people):
    ann, bob = people["ann"], people["bob"]
    conversation = send(forum, ann, "bob", "buy followers").conversation_id
    message = forum.conversation_messages(bob, conversation).items[0]
    with pytest.raises(InvalidInput, match=r"a reason is required"):
        forum.report_message(bob, message.id, "  ")
    with pytest.raises(InvalidInput, match=r"your own message"):
        forum.report_message(ann, message.id, "Spam")
    with pytest.raises(InvalidInput, match=r"numbered 1 to 15"):
        forum.report_message(bob, message.id, "Spam", guideline_number=99)
    report = forum.report_message(bob, message.id, "Spam or advertising", guideline_number=12)
    with pytest.raises(InvalidInput, match=r"already reported this message"):
        forum.report_message(bob, message.id, "Spam")
    with Session(forum.engine) as session:
        row = session.exec(select(Report).where(Report.id == report.id)).one()
    assert (row.message_id, row.post_id, row.author_id) == (message.id, None, ann.id)
    assert row.status == "open" and row.reporter_id == bob.id
