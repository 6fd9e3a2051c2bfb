"""Paging through a long thread: quick presses never skip a post, keys pressed while a
page loads act on what the reader sees, and the screen never blanks to a spinner."""

from __future__ import annotations

import asyncio

from screen_helpers import SIZE, persona_with, run_async, settle

from forum_tui.screens.thread import ThreadScreen


async def _read_with_space(pilot, presses: int, pause: float) -> set[int]:
    app = pilot.app
    seen = set(app.screen._visible_positions())
    for _ in range(presses):
        await pilot.press("space")
        await asyncio.sleep(pause)  # a reader's pace: pages load between presses
        seen.update(app.screen._visible_positions())
        assert not app.screen.loading  # Textual's spinner never covers the posts
    return seen


@run_async
async def test_quick_space_presses_skip_no_post(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Paging fast", replies=509)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        seen = await _read_with_space(pilot, presses=45, pause=0.25)
        last = max(seen)
        assert last > 250  # far past the first window, so posts were unmounted above
        assert [p for p in range(1, last + 1) if p not in seen] == []


@run_async
async def test_G_pressed_during_a_read_ahead_still_goes_to_the_end(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Ends", replies=999)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("space", "space", "G")  # the read-ahead may still be loading
        await settle(pilot)
        screen = app.screen
        assert screen.posts[screen.current].position == 1000


@run_async
async def test_leaving_while_posts_load_is_safe(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Quick in and out", replies=300)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys in ((), ("G",), ("space", "space")):
            app.push_screen(ThreadScreen(thread_id))
            await pilot.press(*keys, "q")  # gone before the posts (or the cursor) arrive
            await settle(pilot)
            assert not isinstance(app.screen, ThreadScreen)
        assert app.is_running
