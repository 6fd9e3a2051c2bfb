"""Keys that work everywhere: help, command palette, theme."""

from __future__ import annotations

from screen_helpers import SIZE, find_thread, persona_with, run_async, screen_text, settle

from forum_tui.screens.board import BoardPane
from forum_tui.screens.help import HelpScreen
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.thread import ThreadScreen
from forum_tui.widgets.thread_list import ThreadList


@run_async
async def test_question_mark_lists_the_keys_of_this_screen(make_forum_app, personas):
    # A verified member: noah's list also has "V Verify email" and scrolls (issue 14).
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Keys — Home" in screen_text(app)
        # The list scrolls (moderators and staff have many keys): read all of it.
        listed = " ".join(text for _, text in app.screen.here + app.screen.everywhere)
        for words in ("Switch pane", "Help", "command palette", "theme"):
            assert words in listed
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@run_async
async def test_question_mark_in_a_text_field_is_just_a_character(make_forum_app):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#username")
        field.focus()
        await pilot.press("a", "question_mark")
        assert field.value == "a?"
        assert not isinstance(app.screen, HelpScreen)


@run_async
async def test_palette_jumps_to_a_board(make_forum_app, personas, demo_forum):
    app = make_forum_app(persona_with(personas, role="member").username)
    thread = find_thread(demo_forum, app.viewer, lambda t: True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread.id))  # from deep inside, too
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"podcast discussion")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        pane = app.screen.query_one(BoardPane)
        assert pane.slug == "podcast-discussion"
        assert app.focused is pane.query_one(ThreadList)


@run_async
async def test_theme_toggles_between_light_and_dark(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


@run_async
async def test_no_color_is_respected(make_forum_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.no_color


@run_async
async def test_a_board_that_fails_says_why_in_place(make_forum_app, personas):
    from forum_tui.screens.board import BoardPane

    app = make_forum_app(persona_with(personas, role="member").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen.query_one("#main")
        await main.remove_children()
        await main.mount(BoardPane("stars-lounge"))  # Star-only: not for members
        await settle(pilot)
        status = str(main.query_one("#board-status").render())
        assert status and "Traceback" not in screen_text(app)
        assert app.is_running


@run_async
async def test_a_missing_thread_says_so(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(987654))
        await settle(pilot)
        status = str(app.screen.query_one("#thread-status").render())
        assert status and status != "Loading…"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@run_async
async def test_full_garbage_collections_wait_for_the_readers_pause(make_forum_app):
    """While the app runs, CPython makes no full collection on its own (one took 50-190 ms
    inside a key press); the app makes it once the reader pauses, and puts the collector's
    thresholds back when it ends."""
    import gc

    from forum_tui.idle_collection import IDLE_SECONDS, NEVER

    before = gc.get_threshold()
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == NEVER
        made = app.idle_collection.full_collections
        await pilot.press("j")
        assert app.idle_collection.active_since_full  # the key was seen
        await pilot.pause(IDLE_SECONDS + 0.8)
        assert app.idle_collection.full_collections == made + 1
        assert not app.idle_collection.active_since_full
    assert gc.get_threshold() == before
