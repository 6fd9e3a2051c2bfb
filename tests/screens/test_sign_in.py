"""Sign-in screen: password, wrong password, persona picker."""

from __future__ import annotations

from screen_helpers import SIZE, persona_with, run_async, screen_text, settle
from textual.widgets import Input, Label

from forum_tui.screens.home import HomeScreen
from forum_tui.screens.login import PersonaPicker, SignInScreen


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


@run_async
async def test_sign_in_with_password(make_forum_app, personas):
    member = persona_with(personas, role="member")
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        app.screen.query_one("#username", Input).focus()
        await _type(pilot, member.username)
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#password", Input)
        await _type(pilot, "demo")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.viewer is not None and app.viewer.username == member.username


@run_async
async def test_wrong_password_says_so_and_keeps_the_username(make_forum_app, personas):
    member = persona_with(personas, role="member")
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#username", Input).focus()
        await _type(pilot, member.username)
        await pilot.press("enter")
        await _type(pilot, "not-the-password")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        message = screen.query_one("#sign-in-message", Label).render()
        assert str(message) == "Wrong username or password."
        assert screen.query_one("#username", Input).value == member.username
        assert screen.query_one("#password", Input).value == ""
        assert "Wrong username or password." in screen_text(app)
        assert app.viewer is None


@run_async
async def test_empty_form_asks_for_both(make_forum_app):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Enter your username and password." in screen_text(app)
        assert app.focused is app.screen.query_one("#username", Input)


@run_async
async def test_persona_picker_signs_straight_in(make_forum_app, personas):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = app.screen.query_one(PersonaPicker)
        assert app.focused is app.screen.query_one("#username", Input)
        assert picker.option_count == len(personas)
        await pilot.press("down")
        assert app.focused is picker
        await pilot.press("j", "j", "k", "j")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.viewer is not None and app.viewer.username == personas[2].username


@run_async
async def test_sign_in_shows_the_community(make_forum_app, demo_forum):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert demo_forum.community.name in text
        assert demo_forum.community.tagline in text


@run_async
async def test_typing_a_name_on_a_demo_database_goes_to_the_username_field(
    make_forum_app, personas
):
    """The picker is on screen, but a member who just types signs in with a password."""
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"oskar", "enter", *"demo", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.viewer is not None and app.viewer.username == "oskar"


@run_async
async def test_a_burst_of_keys_moves_with_tab_like_slow_typing(make_forum_app, personas):
    """Keys that arrive in one read (a fast typist, tmux send-keys, a password manager)
    are all queued before the first is handled; Tab must still move on at its place."""
    from textual import events

    member = persona_with(personas, role="member")
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#username", Input).focus()
        burst = [*member.username, "tab", *"demo"]
        for key in burst:
            character = "\t" if key == "tab" else key
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.screen.query_one("#username", Input).value == member.username
        assert app.screen.query_one("#password", Input).value == "demo"
