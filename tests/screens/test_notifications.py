"""Notifications: the header badge, the list (paged), opening one, marking all read."""

from __future__ import annotations

from datetime import timedelta

from screen_helpers import SIZE, run_async, screen_text, settle

from forum_tui.screens.home import HomeScreen
from forum_tui.screens.notifications import PAGE, NotificationsScreen
from forum_tui.screens.thread import ThreadScreen
from forum_tui.widgets.header import ForumHeader


def badge(app) -> str:
    shown = app.screen.query_one(ForumHeader).query_one("#header-badge")
    return str(shown.render()) if shown.display else ""


async def open_notifications(app, pilot) -> NotificationsScreen:
    await settle(pilot)
    await pilot.press("N")
    await settle(pilot)
    assert isinstance(app.screen, NotificationsScreen)
    return app.screen


@run_async
async def test_badge_counts_unread_and_the_list_shows_them_all(make_forum_app, demo_forum):
    app = make_forum_app("priya")  # two unread, two read in the demo
    everything = demo_forum.notifications(app.viewer).items
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert badge(app) == "● 2 new (N)"
        screen = await open_notifications(app, pilot)
        assert screen.rows.option_count == len(everything) == 4
        text = screen_text(app)
        assert "2 unread" in text
        assert "Olu replied to “" in text
        assert "New on the blog: “Star Jam 2026: what happened”" in text


@run_async
async def test_enter_opens_the_thread_at_the_post_and_marks_it_read(make_forum_app, demo_forum):
    app = make_forum_app("oskar")  # one unread: a solution accepted 4.7 days ago
    [unread] = [n for n in demo_forum.notifications(app.viewer).items if not n.read]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert badge(app) == "● 1 new (N)"
        screen = await open_notifications(app, pilot)
        assert screen.rows.highlighted_option.id == str(unread.id)  # newest first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.thread_id == unread.thread_id
        posts = app.screen.posts
        assert posts[app.screen.current].position == unread.position
        assert badge(app) == ""
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.notes[str(unread.id)].read
        assert "Nothing unread" in screen_text(app)
    assert demo_forum.unread_notification_count(app.viewer) == 0


@run_async
async def test_M_marks_them_all_read(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notifications(app, pilot)
        await pilot.press("M")
        await settle(pilot)
        assert all(note.read for note in screen.notes.values())
        assert badge(app) == ""
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert demo_forum.unread_notification_count(app.viewer) == 0


@run_async
async def test_a_notification_about_no_post_is_marked_read_in_place(make_forum_app, demo_forum):
    app = make_forum_app("tilly")  # "You're now a Regular." is unread
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notifications(app, pilot)
        note = screen.notes[screen.rows.highlighted_option.id]
        assert note.kind == "rank_up" and not note.read
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.notes[str(note.id)].read


@run_async
async def test_the_list_loads_a_page_at_a_time(make_forum_app, demo_forum, seed):
    from forum_tui.store.models import Notification

    app = make_forum_app("noah")
    now = demo_forum.now()
    seed.add(
        *(
            Notification(
                member_id=app.viewer.id,
                kind="rank_up",
                text=f"Test notice {number} [bold]not bold[/bold]",
                created_at=now - timedelta(minutes=number),
            )
            for number in range(PAGE + 10)
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notifications(app, pilot)
        assert screen.rows.option_count == PAGE
        assert "[bold]not bold[/bold]" in screen_text(app)  # member text shown literally
        await pilot.press("G")
        await settle(pilot)
        assert screen.rows.option_count == PAGE + 11  # and noah's welcome message


@run_async
async def test_nothing_to_show(make_forum_app, demo_forum, seed):
    app = make_forum_app("kate")
    assert not demo_forum.notifications(app.viewer).items
    async with app.run_test(size=SIZE) as pilot:
        await open_notifications(app, pilot)
        assert "No notifications yet." in screen_text(app)
        assert badge(app) == ""


@run_async
async def test_a_new_rank_shows_in_the_header_without_signing_in_again(make_forum_app, demo_forum):
    """The header asks the store who the viewer is now, with the badge."""
    from forum_tui.widgets.header import refresh_badges

    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Regular" in screen_text(app)
        demo_forum.set_role("mia", "star")
        refresh_badges(app)
        await settle(pilot)
        assert app.viewer.role == "star"
        assert "Rising Star" in str(app.screen.query_one("#header-viewer").render())
