"""Thread screen: solution up top, posts in pages, j/k, g/G, read marks, safe text."""

from __future__ import annotations

from datetime import timedelta

from screen_helpers import SIZE, find_thread, persona_with, run_async, screen_text, settle

from forum_tui.screens.thread import MAX_MOUNTED, PAGE, ThreadScreen
from forum_tui.widgets.post_view import PostView


def _positions(app) -> list[int]:
    return [post.position for post in app.screen.query(PostView)]


def _current(app) -> int:
    screen = app.screen
    return screen.posts[screen.current].position


@run_async
async def test_solution_shown_on_top_and_a_jumps_to_it(make_forum_app, personas, demo_forum):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    solved = find_thread(demo_forum, app.viewer, lambda t: t.solved)
    thread = demo_forum.thread(app.viewer, solved.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(solved.id))
        await settle(pilot)
        text = screen_text(app)
        assert "✓ Solution" in text
        assert app.screen.query_one("#thread-solution").display
        await pilot.press("a")
        await settle(pilot)
        assert _current(app) == thread.solution.position
        current = app.screen.posts[app.screen.current]
        assert current.has_class("-current")


@run_async
async def test_reading_marks_the_thread_read(make_forum_app, personas, demo_forum, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread(
        "android",
        app.viewer.id,
        "Fresh thread for read marks",
        replies=3,
        at=demo_forum.now() - timedelta(hours=1),
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
    assert demo_forum.thread(app.viewer, thread_id).last_read_position == 4


@run_async
async def test_long_thread_pages_and_G_loads_only_the_last_page(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "A very long thread", replies=4999)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        shown = _positions(app)  # the first page, and the next one read ahead
        assert shown == list(range(1, len(shown) + 1)) and PAGE <= len(shown) <= 2 * PAGE
        await pilot.press("G")
        await settle(pilot)
        assert _positions(app) == list(range(5000 - PAGE + 1, 5001))
        assert _current(app) == 5000
        await pilot.press("g")
        await settle(pilot)
        assert _current(app) == 1
        for _ in range(PAGE):  # walking down loads the next page before the end
            await pilot.press("j")
        await settle(pilot)
        assert _current(app) == PAGE + 1
        assert max(_positions(app)) >= 2 * PAGE
        assert len(_positions(app)) <= MAX_MOUNTED


@run_async
async def test_walking_up_from_the_last_page_loads_earlier_posts(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Another long thread", replies=199)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press(*"k" * (PAGE - 1))  # to the first post of the last page
        assert _current(app) == 200 - PAGE + 1
        await pilot.press("k")  # one more: the page before it loads
        await settle(pilot)
        assert _current(app) == 200 - PAGE
        assert min(_positions(app)) == 200 - 2 * PAGE + 1


@run_async
async def test_member_text_is_shown_literally(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread(
        "android",
        app.viewer.id,
        "[bold]Not bold[/bold] [@click=app.quit]quit[/]",
        body="Clear screen: \x1b[2J and a bell \x07 and \u202ereversed",
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]Not bold[/bold] [@click=app.quit]quit[/]" in text
        assert "␛[2J" in text
        assert "␇" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert app.is_running


@run_async
async def test_removed_post_shows_a_plain_notice(make_forum_app, personas, seed):
    from forum_tui.store.models import Post

    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Removed reply inside", replies=2)
    seed.update(Post, seed.post_ids(thread_id)[1], removed=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        text = screen_text(app)
        assert "[removed by a moderator]" in text
        assert "Reply number 1." not in text
