"""Moderation: each triage action and its undo, grouping, claims, outcomes, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from forum_tui.store.errors import AlreadyHandled, InvalidInput, NotAllowed
from forum_tui.store.models import (
    Board,
    Conversation,
    ConversationMember,
    IdeaDetail,
    Member,
    Message,
    Notification,
    Post,
    Report,
    Thread,
)
from forum_tui.store.views import QueueFilter


@pytest.fixture
def spam(forum, cast, seed):
    """A Chat thread by leo with three replies; post #2 reported by jen and oskar, and
    automatically; post #3 reported by jen."""
    thread_id = seed.thread("music-exchange", cast["leo"].id, "Follow for follow?", replies=3)
    posts = seed.post_ids(thread_id)
    forum.report_post(cast["jen"], posts[1], "Spam or advertising", guideline_number=9)
    forum.report_post(cast["oskar"], posts[1], "Spam or advertising")
    seed.add(
        Report(
            post_id=posts[1],
            author_id=cast["leo"].id,
            reason="Commercial or transactional post (F4F)",
            automatic=True,
            created_at=forum.now(),
        )
    )
    forum.report_post(cast["jen"], posts[2], "Offensive or abusive")
    return thread_id, posts


def _notes(seed, member_id, kind="report_outcome"):
    with seed.session() as session:
        return session.exec(
            select(Notification).where(
                Notification.member_id == member_id, Notification.kind == kind
            )
        ).all()


def _row(seed, model, key):
    with seed.session() as session:
        return session.get(model, key)


# ---------------------------------------------------------------------- the queue


def test_queue_groups_reports_by_item_most_reported_first(forum, cast, spam):
    _thread_id, posts = spam
    page = forum.report_queue(cast["modmaria"])
    assert [item.key for item in page.items] == [f"post:{posts[1]}", f"post:{posts[2]}"]
    top = page.items[0]
    assert (top.report_count, top.reporter_count) == (3, 2)
    assert top.reasons[0] == "Spam or advertising"
    assert "auto: Commercial or transactional post (F4F)" in top.reasons
    assert top.automatic and top.title == "Follow for follow?"
    assert top.board_slug == "music-exchange"
    assert top.author.username == "leo" and len(top.report_ids) == 3
    assert forum.open_report_count(cast["modmaria"]) == 4
    assert forum.open_report_count(cast["jen"]) == 0


def test_queue_filters_and_sorts(forum, cast, spam, clock):
    _thread_id, posts = spam
    mod = cast["modmaria"]
    assert [i.target_id for i in forum.report_queue(mod, QueueFilter(kind="automatic")).items] == [
        posts[1]
    ]
    assert not forum.report_queue(mod, QueueFilter(kind="message")).items
    assert len(forum.report_queue(mod, QueueFilter(board_slug="music-exchange")).items) == 2
    assert not forum.report_queue(mod, QueueFilter(board_slug="android")).items
    offensive = forum.report_queue(mod, QueueFilter(reason="offensive")).items
    assert [i.target_id for i in offensive] == [posts[2]]
    assert len(forum.report_queue(mod, QueueFilter(age="day")).items) == 2
    assert not forum.report_queue(mod, QueueFilter(age="older")).items
    clock.advance(days=8)
    assert len(forum.report_queue(mod, QueueFilter(age="older")).items) == 2
    by_age = forum.report_queue(mod, QueueFilter(sort="age")).items
    assert [i.target_id for i in by_age] == [posts[1], posts[2]]
    with pytest.raises(InvalidInput):
        forum.report_queue(mod, QueueFilter(sort="colour"))


def test_queue_pages(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, replies=5)
    for post_id in seed.post_ids(thread_id):
        forum.report_post(cast["jen"], post_id, "Spam or advertising")
    first = forum.report_queue(cast["modmaria"], limit=4)
    assert len(first.items) == 4 and first.next_cursor
    rest = forum.report_queue(cast["modmaria"], cursor=first.next_cursor, limit=4)
    assert len(rest.items) == 2 and rest.next_cursor is None


def test_only_moderators_and_staff_see_the_queue(forum, cast, spam):
    for name in ("jen", "stella"):
        with pytest.raises(NotAllowed, match="report queue"):
            forum.report_queue(cast[name])
    assert forum.report_queue(cast["carla"]).items


def test_item_in_full_with_context_reports_and_record(forum, cast, spam):
    _thread_id, posts = spam
    detail = forum.report_item(cast["modmaria"], f"post:{posts[1]}")
    assert [line.label for line in detail.context] == ["#1", "#2", "#3", "#4"]
    assert [line.reported for line in detail.context] == [False, True, False, False]
    assert detail.reports[0].guideline_number == 9 and detail.reports[0].guideline_text
    auto = [line for line in detail.reports if line.automatic]
    assert auto[0].reporter is None and auto[0].reason.startswith("Commercial")
    assert detail.record.author.username == "leo" and detail.record.upheld_reports == 0


# ---------------------------------------------------------------------- actions and undo


def test_dismiss_tells_reporters_without_naming_the_moderator_and_undo_reopens(
    forum, cast, spam, seed
):
    _thread_id, _posts = spam
    mod = cast["modmaria"]
    item = forum.report_queue(mod).items[0]
    result = forum.dismiss_reports(mod, item.key, seen=item.report_ids)
    assert result.message == "Dismissed 3 reports."
    notes = _notes(seed, cast["oskar"].id)
    assert len(notes) == 1 and notes[0].actor_id is None
    assert "modmaria" not in notes[0].text and "left it as it is" in notes[0].text
    assert forum.open_report_count(mod) == 1
    forum.undo_last(mod)
    assert forum.open_report_count(mod) == 4


def test_remove_is_soft_members_see_the_reason_staff_the_text(forum, cast, spam, seed):
    thread_id, posts = spam
    mod = cast["modmaria"]
    item = forum.report_queue(mod).items[0]
    forum.remove_item(mod, item.key, "Spam or advertising", seen=item.report_ids)
    as_member = {p.id: p for p in forum.thread_posts(cast["oskar"], thread_id, 0, 10).items}
    assert as_member[posts[1]].removed and as_member[posts[1]].body == ""
    assert as_member[posts[1]].removed_reason == "Spam or advertising"
    as_staff = {p.id: p for p in forum.thread_posts(cast["carla"], thread_id, 0, 10).items}
    assert as_staff[posts[1]].body == "Reply number 1."
    assert _row(seed, Member, cast["leo"].id).upheld_reports == 1
    note = _notes(seed, cast["jen"].id)[0]
    assert note.thread_id is None and "removed" in note.text and "Follow" not in note.text
    forum.undo_last(mod)
    assert not _row(seed, Post, posts[1]).removed
    assert _row(seed, Member, cast["leo"].id).upheld_reports == 0
    assert forum.open_report_count(mod) == 4


def test_removing_the_opening_post_removes_the_thread(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "My old setup")
    post_id = seed.post_ids(thread_id)[0]
    forum.request_removal(cast["leo"], post_id)
    mod = cast["modmaria"]
    forum.remove_item(mod, f"post:{post_id}", "Removed at the author's request.")
    assert _row(seed, Thread, thread_id).removed
    assert thread_id not in [t.id for t in forum.board_threads(cast["jen"], "android").items]
    forum.undo_last(mod)
    assert not _row(seed, Thread, thread_id).removed


def test_lock_move_archive_restore_and_their_undo(forum, cast, spam, seed):
    thread_id, posts = spam
    mod = cast["modmaria"]
    key = f"post:{posts[1]}"
    forum.set_locked(mod, thread_id, True, key=key)
    assert _row(seed, Thread, thread_id).locked
    with pytest.raises(NotAllowed, match="locked"):
        forum.reply(cast["jen"], thread_id, "Still here?")
    forum.undo_last(mod)
    assert not _row(seed, Thread, thread_id).locked
    assert forum.open_report_count(mod) == 4

    forum.move_to_board(mod, thread_id, "social-random")
    assert _row(seed, Thread, thread_id).board_id == seed.board_id("social-random")
    forum.undo_last(mod)
    assert _row(seed, Thread, thread_id).board_id == seed.board_id("music-exchange")

    forum.archive_thread(mod, thread_id, reason="Old")
    thread = _row(seed, Thread, thread_id)
    assert thread.board_id == seed.board_id("the-vault")
    assert thread.origin_board_id == seed.board_id("music-exchange")
    forum.restore_thread(mod, thread_id)
    assert _row(seed, Thread, thread_id).board_id == seed.board_id("music-exchange")
    forum.undo_last(mod)  # undo the restore: back in the Vault
    assert _row(seed, Thread, thread_id).board_id == seed.board_id("the-vault")
    forum.undo_last(mod)  # undo the archive
    thread = _row(seed, Thread, thread_id)
    assert thread.board_id == seed.board_id("music-exchange") and thread.origin_board_id is None
    with pytest.raises(InvalidInput, match="nothing"):
        forum.undo_last(mod)


def test_close_idea_with_the_requirement_it_failed(forum, cast, seed):
    thread_id = seed.thread("idea-submissions", cast["leo"].id, "[Other] Cheaper please")
    seed.add(IdeaDetail(thread_id=thread_id, label="Other"))
    mod = cast["modmaria"]
    forum.close_idea(mod, thread_id, 7)
    idea = _row(seed, IdeaDetail, thread_id)
    assert (idea.status, idea.failed_requirement) == ("closed", 7)
    assert "pricing" in idea.status_note
    assert _row(seed, Thread, thread_id).board_id == seed.board_id("closed-ideas")
    with pytest.raises(InvalidInput, match="1 to 8"):
        forum.close_idea(mod, thread_id, 9)
    forum.undo_last(mod)
    assert _row(seed, IdeaDetail, thread_id).status == "live"
    assert _row(seed, Thread, thread_id).board_id == seed.board_id("idea-submissions")


def test_warning_goes_by_private_message_or_else_a_notification(forum, cast, spam, seed):
    _thread_id, posts = spam
    mod = cast["modmaria"]
    with pytest.raises(InvalidInput, match="empty"):
        forum.warn_author(mod, f"post:{posts[2]}", "   ")
    result = forum.warn_author(mod, f"post:{posts[2]}", "Please keep it civil.")
    assert "messages off" in result.message and not result.undoable
    assert "Please keep it civil" in _notes(seed, cast["leo"].id, "message")[0].text
    seed.update(Member, cast["leo"].id, pm_enabled=True)
    result = forum.warn_author(mod, f"post:{posts[1]}", "No follow-for-follow here.")
    assert result.message == "Warning sent to leo by private message."
    with seed.session() as session:
        message = session.exec(select(Message).where(Message.author_id == mod.id)).one()
        assert message.body == "No follow-for-follow here."
        assert session.get(ConversationMember, (message.conversation_id, cast["leo"].id))
    assert forum.report_item(mod, f"post:{posts[1]}").record.warnings == 2
    with pytest.raises(InvalidInput, match="warning was already sent"):
        forum.undo_last(mod)


def test_suspend_for_a_chosen_time_then_lift(forum, cast, spam, seed, clock):
    _thread_id, posts = spam
    mod, leo = cast["modmaria"], cast["leo"]
    with pytest.raises(InvalidInput, match="1 hour to 365 days"):
        forum.suspend_member(mod, leo.id, 0.5)
    with pytest.raises(InvalidInput, match="1 hour to 365 days"):
        forum.suspend_member(mod, leo.id, 366 * 24)
    result = forum.suspend_member(mod, leo.id, 72, reason="Spam", key=f"post:{posts[1]}")
    assert "until 23 November 2026, 12:00 UTC" in result.message
    leo_now = forum.who_am_i(leo)
    assert leo_now.suspended_until == clock() + timedelta(hours=72)
    with pytest.raises(NotAllowed, match="suspended until 23 November"):
        forum.reply(leo_now, seed.thread("android", cast["jen"].id), "hi")
    assert forum.report_item(mod, f"post:{posts[1]}").record.suspensions == 1
    forum.lift_suspension(mod, leo.id)
    assert forum.who_am_i(leo).suspended_until is None
    forum.undo_last(mod)  # undo the lift: suspended again
    assert forum.who_am_i(leo).suspended_until == clock() + timedelta(hours=72)
    forum.undo_last(mod)  # undo the suspension
    assert forum.who_am_i(leo).suspended_until is None
    with pytest.raises(AlreadyHandled, match="not suspended"):
        forum.lift_suspension(mod, leo.id)


# ---------------------------------------------------------------------- two moderators


def test_an_item_handled_by_another_moderator_is_not_handled_twice(forum, cast, spam, seed):
    _thread_id, posts = spam
    item = forum.report_queue(cast["modmaria"]).items[0]
    forum.dismiss_reports(cast["carla"], item.key, seen=item.report_ids)
    with pytest.raises(AlreadyHandled, match="Another moderator"):
        forum.remove_item(cast["modmaria"], item.key, "Spam", seen=item.report_ids)
    assert not _row(seed, Post, posts[1]).removed
    assert len(_notes(seed, cast["jen"].id)) == 1


def test_claims_keep_other_moderators_off_until_they_lapse(forum, cast, spam, clock):
    item = forum.report_queue(cast["modmaria"]).items[0]
    assert forum.claim(cast["modmaria"], item.key).message.startswith("Claimed")
    assert forum.report_queue(cast["carla"]).items[0].claimed_by == "modmaria"
    assert forum.report_queue(cast["modmaria"]).items[0].claimed_by_viewer
    with pytest.raises(NotAllowed, match="modmaria is working on this item"):
        forum.dismiss_reports(cast["carla"], item.key, seen=item.report_ids)
    with pytest.raises(NotAllowed, match="lapses in 15 minutes"):
        forum.claim(cast["carla"], item.key)
    clock.advance(minutes=16)
    assert forum.report_queue(cast["carla"]).items[0].claimed_by is None
    forum.dismiss_reports(cast["carla"], item.key, seen=item.report_ids)
    assert forum.open_report_count(cast["carla"]) == 1


# ---------------------------------------------------------------------- permissions


def _actions(thread_id, posts, leo_id):
    key = f"post:{posts[1]}"
    return {
        "dismiss": lambda f, v: f.dismiss_reports(v, key),
        "remove": lambda f, v: f.remove_item(v, key, "Spam"),
        "lock": lambda f, v: f.set_locked(v, thread_id, True),
        "move": lambda f, v: f.move_to_board(v, thread_id, "social-random"),
        "archive": lambda f, v: f.archive_thread(v, thread_id),
        "warn": lambda f, v: f.warn_author(v, key, "Stop."),
        "suspend": lambda f, v: f.suspend_member(v, leo_id, 24),
        "claim": lambda f, v: f.claim(v, key),
        "undo": lambda f, v: f.undo_last(v),
        "queue": lambda f, v: f.report_queue(v),
        "audit": lambda f, v: f.audit_log(v),
    }


@pytest.mark.parametrize(
    "action",
    [
        "dismiss",
        "remove",
        "lock",
        "move",
        "archive",
        "warn",
        "suspend",
        "claim",
        "undo",
        "queue",
        "audit",
    ],
)
@pytest.mark.parametrize("role", ["member", "star", "suspended moderator", "on staff"])
def test_every_action_against_every_role_that_may_not(forum, cast, seed, clock, action, role):
    thread_id = seed.thread("music-exchange", cast["leo"].id, "Follow?", replies=2)
    posts = seed.post_ids(thread_id)
    leo_id = cast["leo"].id
    viewer = {"member": cast["jen"], "star": cast["stella"]}.get(role, cast["modmaria"])
    if role == "suspended moderator":
        seed.update(Member, viewer.id, suspended_until=clock() + timedelta(days=1))
    if role == "on staff":  # a moderator acting on a staff member's post
        seed.update(Member, leo_id, role="staff")
    run = _actions(thread_id, posts, leo_id)[action]
    if role == "suspended moderator" and action in ("queue", "audit"):
        run(forum, viewer)  # a suspended moderator may still look
        return
    if role == "on staff" and action in ("queue", "audit", "undo", "claim"):
        return  # nothing of staff's is touched by these
    with pytest.raises(NotAllowed) as refused:
        run(forum, viewer)
    expected = {
        "member": "Only moderators and staff",
        "star": "Only moderators and staff",
        "suspended moderator": "Your account is suspended",
        "on staff": "Moderators can't act on staff",
    }[role]
    assert str(refused.value).startswith(expected)


def test_staff_may_act_on_staff_but_nobody_suspends_themself(forum, cast, seed):
    thread_id = seed.thread("android", cast["carla"].id, "Staff thread")
    assert forum.set_locked(cast["carla"], thread_id, True)
    with pytest.raises(NotAllowed, match="yourself"):
        forum.suspend_member(cast["modmaria"], cast["modmaria"].id, 24)


# ---------------------------------------------------------------------- messages, audit log


def test_a_reported_message_shows_only_the_messages_around_it(forum, cast, seed, clock):
    with seed.session() as session, session.begin():
        talk = Conversation(subject="hey", created_at=clock(), last_message_at=clock())
        session.add(talk)
        session.flush()
        ids = []
        for n in range(7):
            message = Message(
                conversation_id=talk.id,
                author_id=cast["leo"].id,
                body=f"message {n}",
                created_at=clock() + timedelta(minutes=n),
            )
            session.add(message)
            session.flush()
            ids.append(message.id)
        session.add(
            Report(
                reporter_id=cast["jen"].id,
                message_id=ids[3],
                author_id=cast["leo"].id,
                reason="Spam or advertising",
                created_at=clock(),
            )
        )
    mod = cast["modmaria"]
    item = forum.report_queue(mod, QueueFilter(kind="message")).items[0]
    detail = forum.report_item(mod, item.key)
    assert [line.body for line in detail.context] == [f"message {n}" for n in (0, 1, 2, 3, 4, 5)]
    forum.remove_item(mod, item.key, "Spam", seen=item.report_ids)
    assert _row(seed, Message, ids[3]).removed
    forum.undo_last(mod)
    assert not _row(seed, Message, ids[3]).removed


def test_a_removed_message_keeps_only_its_reason_for_the_people_in_it(forum, cast, seed):
    """Removed content never reaches members: not in the conversation, not in search;
    the moderators' context keeps the text."""
    leo, jen, mod = cast["leo"], cast["jen"], cast["modmaria"]
    for member in (leo, jen):
        seed.update(Member, member.id, pm_enabled=True, birth_date=date(1990, 1, 1))
    sent = forum.send_message(leo, ["jen"], "hi", "buy followers, cheap and quick")
    forum.report_message(jen, sent.message_id, "Spam or advertising")
    item = forum.report_queue(mod, QueueFilter(kind="message")).items[0]
    forum.remove_item(mod, item.key, "Spam", seen=item.report_ids)
    shown = forum.conversation_messages(jen, sent.conversation_id).items[-1]
    assert shown.body == "" and shown.removed_reason is not None
    assert not forum.search_messages(jen, "followers").items
    context = forum.report_item(mod, item.key).context
    assert any("followers" in line.body for line in context)
    with pytest.raises(InvalidInput, match="dealt with"):  # one report per item, ever
        forum.report_message(jen, sent.message_id, "Spam or advertising")


def test_audit_log_records_who_what_why_and_undone(forum, cast, spam, clock):
    thread_id, _posts = spam
    mod = cast["modmaria"]
    forum.set_locked(mod, thread_id, True, reason="Heated")
    clock.advance(minutes=1)
    forum.undo_last(mod)
    entries = forum.audit_log(cast["carla"]).items
    assert [e.action for e in entries] == ["undo", "lock"]
    assert entries[1].undone and entries[1].reason == "Heated"
    assert entries[1].target_label == "thread “Follow for follow?”"
    assert entries[1].moderator.username == "modmaria"
    assert forum.audit_log(cast["carla"], action="lock").items[0].action == "lock"
    assert not forum.audit_log(cast["carla"], moderator="carla_cm").items
    assert not forum.audit_log(cast["carla"], since=clock().date() + timedelta(days=1)).items
    assert len(list(forum.audit_entries(batch=1))) == 2
    with pytest.raises(NotAllowed, match="audit log"):
        forum.audit_log(cast["jen"])


def test_a_member_cannot_report_the_same_item_twice(forum, cast, spam):
    _thread_id, posts = spam
    with pytest.raises(InvalidInput, match="already reported"):
        forum.report_post(cast["jen"], posts[1], "Duplicate")


def test_removed_content_stays_out_of_members_lists_and_search(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "Zanzibar headphones", body="zanzibar")
    post_id = seed.post_ids(thread_id)[0]
    forum.remove_item(cast["modmaria"], f"post:{post_id}", "Spam")
    assert thread_id not in [t.id for t in forum.board_threads(cast["jen"], "android").items]
    with seed.session() as session:
        assert session.get(Board, seed.board_id("android"))
    forum.rebuild_search_index()
    assert not forum.search(cast["jen"], "zanzibar").items
    assert forum.search(cast["carla"], "zanzibar").items


def test_a_removed_post_cannot_be_quoted_by_members(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "Quote me", replies=1)
    post_id = seed.post_ids(thread_id)[1]
    forum.remove_item(cast["modmaria"], f"post:{post_id}", "Offensive or abusive")
    with pytest.raises(NotAllowed, match="removed"):
        forum.reply(cast["jen"], thread_id, "As they said…", quote_post_id=post_id)


def test_an_automatic_report_says_why_the_rule_fired_in_its_own_words(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "Help", body="Call me on +44 7700 900123")
    post_id = seed.post_ids(thread_id)[0]
    seed.add(
        Report(
            post_id=post_id,
            author_id=cast["leo"].id,
            reason="Personal information (phone number)",
            automatic=True,
            created_at=forum.now(),
        )
    )
    detail = forum.report_item(cast["modmaria"], f"post:{post_id}")
    line = detail.reports[0]
    assert line.automatic and line.reporter is None
    assert line.explanation.startswith("This looks like a phone number")
    assert "900123" not in line.explanation.replace("•••123", "")  # still masked
    assert line.guideline_number == 10


def test_a_member_cannot_report_an_item_again_after_it_was_handled(forum, cast, spam):
    _thread_id, posts = spam
    mod = cast["modmaria"]
    forum.dismiss_reports(mod, f"post:{posts[1]}")
    with pytest.raises(InvalidInput, match="reported once"):
        forum.report_post(cast["jen"], posts[1], "Spam or advertising")
    forum.report_post(cast["leo"], posts[1], "Spam or advertising")  # someone new may


def test_an_author_may_still_ask_for_removal_after_an_earlier_report(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "Mine", replies=1)
    post_id = seed.post_ids(thread_id)[0]
    forum.report_post(cast["leo"], post_id, "Duplicate")
    forum.dismiss_reports(cast["modmaria"], f"post:{post_id}")
    assert forum.request_removal(cast["leo"], post_id).reason == "Please delete my post"
