"""Following: subscriptions, "next unread" across boards, read marks, notifications.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from forum_tui.store.errors import Hidden, InvalidInput, NotAllowed, NotFound
from forum_tui.store.following import NOTIFICATION_COUNT_CAP
from forum_tui.store.models import Member, Notification, Thread

# ---------------------------------------------------------------------- subscriptions


def test_subscribe_to_each_kind(forum, cast, clock):
    jen, oskar = cast["jen"], cast["oskar"]
    opened = forum.post_thread(oskar, "android", "Shuffle repeats", "Same songs.")
    clock.advance(minutes=1)
    reply = forum.reply(cast["leo"], opened.thread_id, "Clear the cache.")
    board_id = forum.board(jen, "android").id
    forum.subscribe(jen, "board", board_id)
    clock.advance(minutes=1)
    forum.subscribe(jen, "thread", opened.thread_id)
    forum.subscribe(jen, "thread", opened.thread_id)  # twice is once
    clock.advance(minutes=1)
    forum.subscribe(jen, "post", reply.post_id)
    clock.advance(minutes=1)
    forum.subscribe(jen, "blog", 0)
    subscriptions = forum.subscriptions(jen)
    assert [(s.kind, s.title) for s in subscriptions] == [
        ("blog", "Community Blog"),
        ("post", "Post #2 in Shuffle repeats"),
        ("thread", "Shuffle repeats"),
        ("board", "Android"),
    ]
    post = subscriptions[1]
    assert (post.target_id, post.board_slug, post.thread_id, post.position) == (
        reply.post_id,
        "android",
        opened.thread_id,
        2,
    )
    assert subscriptions[0].board_slug == "community-blog" and subscriptions[0].target_id == 0
    assert subscriptions[3].created_at == clock() - timedelta(minutes=3)
    assert forum.is_subscribed(jen, "thread", opened.thread_id)
    assert not forum.is_subscribed(oskar, "thread", opened.thread_id)
    assert forum.thread(jen, opened.thread_id).subscribed
    assert forum.thread(jen, opened.thread_id).board.subscribed
    assert not forum.thread(oskar, opened.thread_id).subscribed
    assert forum.board(jen, "android").subscribed
    flags = {b.slug: b.subscribed for area in forum.areas(jen) for b in area.boards}
    assert flags["android"] and not flags["ios"]
    forum.unsubscribe(jen, "board", board_id)
    forum.unsubscribe(jen, "board", board_id)
    assert not forum.board(jen, "android").subscribed
    assert forum.toggle_subscription(jen, "thread", opened.thread_id) is False
    assert forum.toggle_subscription(jen, "thread", opened.thread_id) is True
    assert [s.kind for s in forum.subscriptions(jen)] == ["thread", "blog", "post"]


def test_subscription_refusals(forum, cast, seed, clock):
    jen = cast["jen"]
    with pytest.raises(InvalidInput, match="a board, a thread, a post or the blog"):
        forum.subscribe(jen, "member", 1)
    with pytest.raises(InvalidInput, match="target 0"):
        forum.subscribe(jen, "blog", 3)
    with pytest.raises(NotFound):
        forum.subscribe(jen, "thread", 999)
    with pytest.raises(NotFound):
        forum.subscribe(jen, "board", 999)
    lounge = forum.board(cast["stella"], "stars-lounge").id
    with pytest.raises(Hidden, match="does not exist"):
        forum.subscribe(jen, "board", lounge)
    secret = forum.post_thread(cast["stella"], "stars-lounge", "Backstage", "Hi.")
    with pytest.raises(Hidden):
        forum.subscribe(jen, "post", secret.post_id)
    forum.subscribe(cast["stella"], "board", lounge)
    # Following a board one later loses sight of: it drops out of the list.
    forum.subscribe(cast["stella"], "thread", secret.thread_id)
    seed.update(Member, cast["stella"].id, role="member")
    assert forum.subscriptions(cast["stella"]) == ()
    # Suspended members may not follow, but may stop following.
    opened = forum.post_thread(cast["oskar"], "android", "T", "B")
    forum.subscribe(jen, "thread", opened.thread_id)
    seed.update(Member, jen.id, suspended_until=clock() + timedelta(days=2))
    with pytest.raises(NotAllowed, match="suspended"):
        forum.subscribe(jen, "board", forum.board(jen, "android").id)
    assert forum.toggle_subscription(jen, "thread", opened.thread_id) is False


def test_blog_subscribers_hear_of_each_blog_post(forum, cast, seed):
    forum.subscribe(cast["jen"], "blog", 0)
    forum.subscribe(cast["leo"], "board", forum.board(cast["leo"], "community-blog").id)
    forum.post_thread(cast["carla"], "community-blog", "Star Jam", "What happened.")
    for who in ("jen", "leo"):
        (note,) = forum.notifications(cast[who]).items
        assert note.kind == "blog_post" and note.text == "New on the blog: “Star Jam”"


# ---------------------------------------------------------------------- unread


def _thread(forum, who, slug, title, clock):
    result = forum.post_thread(who, slug, title, f"About {title}.")
    clock.advance(minutes=1)
    return result.thread_id


def test_next_unread_walks_boards_in_sidebar_order(forum, cast, clock):
    oskar, jen = cast["oskar"], cast["jen"]
    chat = _thread(forum, oskar, "music-discussion", "Chat thread", clock)
    ios = _thread(forum, oskar, "ios", "iOS thread", clock)
    android_old = _thread(forum, oskar, "android", "Android older", clock)
    android_new = _thread(forum, oskar, "android", "Android newer", clock)
    forum.set_floated(cast["modmaria"], android_old, True)
    order = []
    while (target := forum.next_unread(jen)) is not None:
        order.append(target.thread_id)
        assert target.position == 1
        forum.mark_read(jen, target.thread_id, target.position)
        assert len(order) < 10
    assert order == [android_old, android_new, ios, chat]
    assert forum.next_unread(oskar) is None  # one's own threads are read
    clock.advance(minutes=1)
    forum.reply(oskar, ios, "More news.")
    clock.advance(minutes=1)
    forum.reply(cast["leo"], ios, "And more.")
    target = forum.next_unread(jen)
    assert (target.thread_id, target.position, target.board_slug) == (ios, 2, "ios")
    assert target.title == "iOS thread"
    assert forum.next_unread(jen, exclude_thread_id=ios) is None
    assert forum.thread(jen, ios).first_unread_position == 2


def test_next_unread_skips_what_the_viewer_cannot_see(forum, cast, seed, clock):
    _thread(forum, cast["stella"], "stars-lounge", "Backstage", clock)
    removed = _thread(forum, cast["oskar"], "android", "Spam", clock)
    seed.update(Thread, removed, removed=True)
    assert forum.next_unread(cast["jen"]) is None
    assert forum.next_unread(cast["modmaria"]).thread_id == removed
    assert forum.next_unread(cast["leo"]) is None


def test_mark_board_read_and_new_posts_after_it(forum, cast, clock):
    oskar, jen = cast["oskar"], cast["jen"]
    first = _thread(forum, oskar, "android", "One", clock)
    _thread(forum, oskar, "android", "Two", clock)
    forum.reply(cast["leo"], first, "A reply.")
    clock.advance(minutes=1)
    assert forum.board(jen, "android").unread_count == 2
    forum.mark_board_read(jen, "android")
    assert forum.board(jen, "android").unread_count == 0
    assert forum.next_unread(jen) is None
    clock.advance(minutes=1)
    forum.reply(oskar, first, "Something new.")
    assert forum.board(jen, "android").unread_count == 1
    view = forum.thread(jen, first)
    assert (view.post_count, view.last_read_position, view.first_unread_position) == (3, 2, 3)
    posts = forum.thread_posts(jen, first).items
    assert [p.unread for p in posts] == [False, False, True]
    target = forum.next_unread(jen)
    assert (target.thread_id, target.position) == (first, 3)


# ---------------------------------------------------------------------- notifications


def test_notifications_page_newest_first_and_mark_read(forum, cast, seed, clock):
    oskar, leo = cast["oskar"], cast["leo"]
    thread = forum.post_thread(oskar, "android", "Shuffle repeats", "Same songs.").thread_id
    for number in range(7):
        clock.advance(minutes=1)
        forum.reply(leo, thread, f"Reply number {number}.")
    assert forum.unread_notification_count(oskar) == 7
    first = forum.notifications(oskar, limit=3)
    assert [n.position for n in first.items] == [8, 7, 6]
    assert first.items[0].text == "leo replied to “Shuffle repeats”"
    assert first.items[0].actor.username == "leo" and not first.items[0].read
    assert first.items[0].created_at == clock() and first.items[0].board_slug == "android"
    second = forum.notifications(oskar, cursor=first.next_cursor, limit=3)
    third = forum.notifications(oskar, cursor=second.next_cursor, limit=3)
    assert [n.position for n in second.items + third.items] == [5, 4, 3, 2]
    assert third.next_cursor is None
    forum.mark_notification_read(oskar, first.items[0].id)
    forum.mark_notification_read(oskar, first.items[0].id)  # twice is fine
    assert forum.unread_notification_count(oskar) == 6
    assert forum.notifications(oskar, limit=1).items[0].read
    with pytest.raises(NotFound, match="That notification does not exist"):
        forum.mark_notification_read(leo, first.items[1].id)
    forum.mark_all_notifications_read(oskar)
    assert forum.unread_notification_count(oskar) == 0
    with pytest.raises(InvalidInput, match="page position"):
        forum.notifications(oskar, cursor="garbage")


def test_unread_notification_count_stops_at_99(forum, cast, seed, clock):
    rows = [
        Notification(
            member_id=cast["jen"].id,
            kind="rank_up",
            text="You're now a Newbie.",
            created_at=clock() - timedelta(minutes=index),
        )
        for index in range(NOTIFICATION_COUNT_CAP + 5)
    ]
    seed.add(*rows)
    assert forum.unread_notification_count(cast["jen"]) == 99
    page = forum.notifications(cast["jen"], limit=200)
    assert len(page.items) == 104 and page.items[0].text == "You're now a Newbie."


def test_notifications_about_hidden_content_are_left_out(forum, cast, seed, clock):
    oskar = cast["oskar"]
    thread = forum.post_thread(oskar, "android", "Spam thread", "Hi.").thread_id
    clock.advance(minutes=1)
    forum.reply(cast["leo"], thread, "Hello.")
    assert len(forum.notifications(oskar).items) == 1
    seed.update(Thread, thread, removed=True)
    assert forum.notifications(oskar).items == ()
    forum.post_thread(cast["stella"], "stars-lounge", "Backstage", "Hi @jen and @leo.")
    seed.update(Member, cast["stella"].id, role="member")
    # Notifications were only written for those who could see the board.
    assert forum.notifications(cast["jen"]).items == ()
    with seed.session() as session:
        assert (
            session.exec(select(Notification).where(Notification.member_id == cast["jen"].id)).all()
            == []
        )


def test_notification_text_survives_renames(forum, cast, clock):
    opened = forum.post_thread(cast["oskar"], "android", "Old title", "Body.")
    clock.advance(minutes=1)
    forum.reply(cast["leo"], opened.thread_id, "Reply.")
    forum.edit_post(cast["oskar"], opened.post_id, "Body.", title="New title")
    (note,) = forum.notifications(cast["oskar"]).items
    assert note.text == "leo replied to “New title”"


def test_own_posts_are_never_new_to_their_author(forum, cast, clock):
    """Replying to a thread one has not caught up on keeps the others' posts new, but
    never marks one's own reply as new."""
    oskar, jen = cast["oskar"], cast["jen"]
    first = _thread(forum, oskar, "android", "One", clock)
    forum.reply(cast["leo"], first, "A reply jen has not read yet.")
    clock.advance(minutes=1)
    forum.mark_read(jen, first, 1)
    forum.reply(jen, first, "Jen answers without reading on.")
    posts = forum.thread_posts(jen, first).items
    assert [p.unread for p in posts] == [False, True, False]
