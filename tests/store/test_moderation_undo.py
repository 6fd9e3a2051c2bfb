"""Moderation, continued: undoing a moderator's edit, and lifting a suspension from
wherever the member is seen (the store checks it as it checks every action)."""

from __future__ import annotations

import pytest

from forum_tui.store.errors import AlreadyHandled, NotAllowed
from forum_tui.store.models import ModAction, Post, Thread


def _row(seed, model, key):
    with seed.session() as session:
        return session.get(model, key)


def _edit_actions(seed, post_id):
    from sqlmodel import select

    with seed.session() as session:
        return session.exec(
            select(ModAction).where(ModAction.action == "edit", ModAction.target_id == post_id)
        ).all()


# ---------------------------------------------------------------------- undoing an edit


def test_undo_puts_back_the_text_from_before_a_moderators_edit(forum, cast, seed, clock):
    thread_id = seed.thread("android", cast["leo"].id, "Headphones", replies=1)
    reply = seed.post_ids(thread_id)[1]
    mod = cast["modmaria"]
    before = _row(seed, Post, reply).body
    forum.edit_post(mod, reply, "Edited by a moderator: link taken out.")
    clock.advance(minutes=1)
    result = forum.undo_last(mod)
    assert result.message == "Undone: the post says what it said before the edit."
    assert _row(seed, Post, reply).body == before
    history = forum.post_history(cast["carla"], reply)
    # Nothing typed is lost: the moderator's version stays in the history.
    assert [v.body for v in history][:2] == [before, "Edited by a moderator: link taken out."]
    assert history[0].current and history[0].editor.username == "modmaria"
    assert _edit_actions(seed, reply)[0].undone
    entries = forum.audit_log(cast["carla"]).items
    assert [e.action for e in entries] == ["undo", "edit"] and entries[1].undone


def test_undo_of_an_edit_puts_an_opening_posts_title_back(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "BUY CHEAP FOLLOWERS")
    opening = seed.post_ids(thread_id)[0]
    mod = cast["modmaria"]
    forum.edit_post(mod, opening, "Text taken out.", title="Title taken out")
    assert _row(seed, Thread, thread_id).title == "Title taken out"
    forum.undo_last(mod)
    assert _row(seed, Thread, thread_id).title == "BUY CHEAP FOLLOWERS"


def test_an_edit_from_the_queue_is_undone_with_its_reports(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "Deals", replies=1)
    reply = seed.post_ids(thread_id)[1]
    before = _row(seed, Post, reply).body
    forum.report_post(cast["jen"], reply, "Spam or advertising")
    mod = cast["modmaria"]
    item = forum.report_queue(mod).items[0]
    forum.edit_post(mod, reply, "[link removed]")
    forum.resolve_after_edit(mod, item.key, seen=item.report_ids)
    assert forum.open_report_count(mod) == 0
    result = forum.undo_last(mod)
    assert "before the edit" in result.message and "open again" in result.message
    assert _row(seed, Post, reply).body == before
    assert forum.open_report_count(mod) == 1
    assert _edit_actions(seed, reply)[0].undone
    with pytest.raises(Exception, match="nothing of yours to undo"):
        forum.undo_last(mod)  # the edit went with the reports: nothing is undone twice


def test_an_edit_is_not_undone_over_a_later_edit(forum, cast, seed):
    thread_id = seed.thread("android", cast["leo"].id, "Tips", replies=1)
    reply = seed.post_ids(thread_id)[1]
    mod = cast["modmaria"]
    forum.edit_post(mod, reply, "The moderator's version.")
    forum.edit_post(cast["leo"], reply, "The author's version after that.")
    with pytest.raises(AlreadyHandled, match="edited again since"):
        forum.undo_last(mod)
    assert _row(seed, Post, reply).body == "The author's version after that."


# ---------------------------------------------------------------------- lifting a suspension


def test_a_suspension_is_lifted_by_member_and_undone(forum, cast):
    mod, leo = cast["modmaria"], cast["leo"]
    forum.suspend_member(mod, leo.id, 48, reason="Spam")
    assert forum.member_suspension(mod, leo.id) is not None
    result = forum.lift_suspension(mod, leo.id)
    assert result.message == "leo can write again."
    assert forum.member_suspension(mod, leo.id) is None
    forum.undo_last(mod)
    assert forum.member_suspension(mod, leo.id) is not None
    with pytest.raises(AlreadyHandled, match="not suspended"):
        forum.lift_suspension(mod, cast["jen"].id)


@pytest.mark.parametrize("who", ["jen", "stella", "a suspended moderator"])
def test_only_moderators_and_staff_lift_or_see_a_suspension(forum, cast, who):
    mod, leo = cast["modmaria"], cast["leo"]
    forum.suspend_member(mod, leo.id, 48)
    actor = cast.get(who, mod)
    if who == "a suspended moderator":
        forum.suspend_member(cast["carla"], mod.id, 24)
    with pytest.raises(NotAllowed):
        forum.lift_suspension(actor, leo.id)
    with pytest.raises(NotAllowed):
        forum.member_suspension(actor, leo.id)
    assert forum.member_suspension(cast["carla"], leo.id) is not None


def test_a_moderator_cannot_lift_staffs_suspension_of_staff(forum, cast):
    with pytest.raises(NotAllowed):
        forum.lift_suspension(cast["modmaria"], cast["carla"].id)
