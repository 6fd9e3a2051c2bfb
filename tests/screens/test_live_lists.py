"""Open lists stay true (screens/live.py): one's own reply shows in the board underneath
at once; another process's post shows within about two seconds; neither moves the
reader's cursor or scroll position."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from screen_helpers import SIZE, persona_with, run_async, settle

from forum_tui.screens.board import BoardPane
from forum_tui.screens.thread import ThreadScreen
from forum_tui.widgets.thread_list import ThreadList


def _threads(app) -> ThreadList:
    return app.screen.query_one(BoardPane).query_one(ThreadList)


async def _board_with_cursor_on(pilot, slug: str, thread_id: int) -> ThreadList:
    app = pilot.app
    await settle(pilot)
    app.screen.open_board(slug)
    await settle(pilot)
    threads = _threads(app)
    threads.focus()
    await pilot.press(*"j" * 8)  # down the list, so the list has scrolled
    threads.highlighted = threads.get_option_index(str(thread_id))
    await settle(pilot)
    return threads


@run_async
async def test_own_reply_shows_in_the_board_underneath_at_once(
    make_forum_app, personas, demo_forum, seed
):
    member = persona_with(personas, role="member", rank="Regular")
    app = make_forum_app(member.username)
    earlier = demo_forum.now() - timedelta(days=3)
    thread_id = seed.thread("android", app.viewer.id, "Reply from here", replies=1, at=earlier)
    async with app.run_test(size=SIZE) as pilot:
        threads = await _board_with_cursor_on(pilot, "android", thread_id)
        assert threads.threads[str(thread_id)].reply_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"Thanks, that fixed it")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        await pilot.press("q")
        await settle(pilot)
        threads = _threads(app)
        assert threads.threads[str(thread_id)].reply_count == 2
        assert threads.highlighted_option.id == str(thread_id)  # the cursor stayed on it
        above = list(threads.threads.values())[: threads.get_option_index(str(thread_id))]
        assert all(thread.floated for thread in above)  # first after the floated ones


@run_async
async def test_another_process_post_shows_within_two_seconds(
    make_forum_app, personas, demo_forum, seed
):
    from forum_tui.store.forum import open_forum

    member = persona_with(personas, role="member", rank="Regular")
    app = make_forum_app(member.username)
    earlier = demo_forum.now() - timedelta(days=3)
    thread_id = seed.thread("android", app.viewer.id, "Watched thread", replies=1, at=earlier)
    other = open_forum(str(demo_forum.engine.url), clock=demo_forum.clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            threads = await _board_with_cursor_on(pilot, "android", thread_id)
            await asyncio.sleep(1.5)  # the poll has seen the database as it is
            await settle(pilot)
            row, scroll = threads.highlighted, threads.scroll_y
            count = threads.option_count
            writer = other.sign_in_as(persona_with(personas, role="moderator").username)
            other.post_thread(writer, "android", "Posted elsewhere", "From another process.")
            for _ in range(25):  # up to ~2.5 s
                await asyncio.sleep(0.1)
                await pilot.pause()
                if _threads(app).option_count > count:
                    break
            await settle(pilot)
            threads = _threads(app)
            first = next(t for t in threads.threads.values() if not t.floated)
            assert first.title == "Posted elsewhere"
            # The cursor stays on the same thread, the list where it was.
            assert threads.highlighted_option.id == str(thread_id)
            assert threads.highlighted == row + 1
            assert threads.scroll_y == scroll
    finally:
        other.close()
