"""Drafts: saved as the member types, discarded by the post that uses them, never lost
when a post is refused or fails half-way. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forum_tui.store import writing
from forum_tui.store.drafts import edit_key, reply_key, thread_key
from forum_tui.store.errors import GuidelineRefused, InvalidInput, NeedsConfirmation, NotAllowed


def test_save_read_list_and_discard(forum, cast, clock):
    jen = cast["jen"]
    assert forum.draft(jen, "reply:1") is None and forum.drafts(jen) == ()
    forum.save_draft(jen, "thread:android", title="Shuf", body="Every")
    clock.advance(seconds=2)
    forum.save_draft(jen, "thread:android", title="Shuffle", body="Every time 🎧")
    clock.advance(seconds=2)
    forum.save_draft(jen, "reply:7", body="Me too", extra='{"quote": 3}')
    draft = forum.draft(jen, "thread:android")
    assert (draft.key, draft.title, draft.body, draft.extra) == (
        "thread:android",
        "Shuffle",
        "Every time 🎧",
        "",
    )
    assert draft.updated_at == clock() - timedelta(seconds=2)
    assert [d.key for d in forum.drafts(jen)] == ["reply:7", "thread:android"]
    assert forum.drafts(cast["leo"]) == ()  # drafts are one's own
    forum.discard_draft(jen, "reply:7")
    forum.discard_draft(jen, "reply:7")  # twice is fine
    assert [d.key for d in forum.drafts(jen)] == ["thread:android"]
    forum.save_draft(jen, "thread:android", title=" ", body="\n")  # emptied: gone
    assert forum.drafts(jen) == ()


def test_draft_keys_are_checked(forum, cast):
    assert (thread_key("android"), reply_key(4), edit_key(9)) == (
        "thread:android",
        "reply:4",
        "edit:9",
    )
    for bad in ("", "reply 4", "x" * 90, "Reply:4", "reply:"):
        with pytest.raises(InvalidInput, match="is not a draft key"):
            forum.save_draft(cast["jen"], bad, body="text")


def test_suspended_members_keep_their_drafts(forum, cast, seed, clock):
    from forum_tui.store.models import Member

    seed.update(Member, cast["jen"].id, suspended_until=clock() + timedelta(days=3))
    forum.save_draft(cast["jen"], "thread:android", body="Written while suspended")
    assert forum.draft(cast["jen"], "thread:android").body == "Written while suspended"


def test_posting_discards_the_draft(forum, cast, clock):
    oskar, leo = cast["oskar"], cast["leo"]
    forum.save_draft(oskar, "thread:android", title="T", body="B")
    forum.save_draft(oskar, "thread:ios", title="Other", body="Kept")
    opened = forum.post_thread(oskar, "android", "T", "B")
    assert forum.draft(oskar, "thread:android") is None
    assert forum.draft(oskar, "thread:ios") is not None
    forum.save_draft(leo, reply_key(opened.thread_id), body="Reply")
    clock.advance(minutes=1)
    forum.reply(leo, opened.thread_id, "Reply")
    assert forum.draft(leo, reply_key(opened.thread_id)) is None
    forum.save_draft(oskar, edit_key(opened.post_id), body="Better")
    forum.edit_post(oskar, opened.post_id, "Better")
    assert forum.draft(oskar, edit_key(opened.post_id)) is None


def test_refused_posts_keep_the_draft(forum, cast):
    jen, noah = cast["jen"], cast["noah"]
    forum.save_draft(jen, "thread:android", title="", body="Body")
    with pytest.raises(GuidelineRefused):
        forum.post_thread(jen, "android", "", "Body")
    with pytest.raises(NotAllowed):
        forum.post_thread(jen, "the-vault", "Title", "Body")
    forum.save_draft(jen, "thread:android", title="Call me", body="+44 20 7946 0958")
    with pytest.raises(NeedsConfirmation):
        forum.post_thread(jen, "android", "Call me", "+44 20 7946 0958")
    assert forum.draft(jen, "thread:android").title == "Call me"
    forum.save_draft(noah, "thread:android", title="Hi", body="First!")
    with pytest.raises(NotAllowed, match="Verify your email"):
        forum.post_thread(noah, "android", "Hi", "First!")
    assert forum.draft(noah, "thread:android").body == "First!"


def test_a_post_that_fails_half_way_keeps_the_draft_and_writes_nothing(
    forum, cast, clock, monkeypatch, recount
):
    oskar, leo = cast["oskar"], cast["leo"]
    opened = forum.post_thread(oskar, "android", "T", "B")
    clock.advance(minutes=1)
    forum.save_draft(leo, reply_key(opened.thread_id), body="A long reply I typed")

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    # The reply row is written and the counters bumped before this helper runs.
    monkeypatch.setattr(writing, "_file_reports", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        forum.reply(leo, opened.thread_id, "A long reply I typed")
    monkeypatch.undo()
    assert forum.draft(leo, reply_key(opened.thread_id)).body == "A long reply I typed"
    assert forum.thread(leo, opened.thread_id).post_count == 1
    recount(forum)
    assert forum.reply(leo, opened.thread_id, "A long reply I typed").position == 2
    assert forum.draft(leo, reply_key(opened.thread_id)) is None
