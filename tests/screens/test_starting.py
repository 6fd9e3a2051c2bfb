"""Paint first: the app draws its starting screen, then opens the forum in a worker."""

from __future__ import annotations

import threading

from screen_helpers import SIZE, persona_with, run_async, screen_text, settle

from forum_tui.app import make_opening_app
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.starting import StartingScreen
from forum_tui.store.errors import SignInFailed


@run_async
async def test_the_first_frame_comes_before_the_forum_opens(demo_forum, personas):
    member = persona_with(personas, role="member")
    may_open = threading.Event()
    threads = []

    def opening(say):
        threads.append(threading.current_thread())
        say("First start: building the demo community…")
        may_open.wait(10)
        return demo_forum, demo_forum.sign_in_as(member.username)

    app = make_opening_app(opening, demo_forum.community)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartingScreen)
        text = screen_text(app)
        assert demo_forum.community.name in text
        assert "building the demo community" in text
        may_open.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2  # the starting screen was replaced, not kept
        assert threads[0] is not threading.main_thread()


@run_async
async def test_a_forum_that_cannot_open_ends_the_app_with_the_reason(demo_forum):
    def opening(say):
        raise SignInFailed("There is no persona called 'nobody'.")

    app = make_opening_app(opening, demo_forum.community)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert isinstance(app.start_error, SignInFailed)
    assert app.return_code == 1


@run_async
async def test_home_paints_with_the_headers_counts_read_by_the_opening_worker(
    demo_forum, personas, monkeypatch
):
    """The opening worker reads the header's counts with home's areas, so home's first
    frame has them; the header would otherwise ask on mount and paint them later."""
    from forum_tui.widgets.header import ForumHeader

    monkeypatch.setattr(ForumHeader, "refresh_badge", lambda self: None)  # never asks itself
    viewer = demo_forum.sign_in_as(persona_with(personas, role="member").username)
    unread = demo_forum.unread_notification_count(viewer)
    assert unread > 0  # the demo's member has notifications waiting

    app = make_opening_app(lambda say: (demo_forum, viewer), demo_forum.community)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.header_counts is not None and app.header_counts[0] == unread
        assert f"● {unread} new" in screen_text(app)
