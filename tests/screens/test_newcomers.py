"""A newcomer's path (issue 14), key by key: joining from the sign-in screen, verifying
the email address with the code from the outbox, resetting a password, the Help Wizard,
and the Guidelines from the palette, the report dialog and a warning that cites one."""

from __future__ import annotations

import re

import pytest
from screen_helpers import SIZE, persona_with, run_async, screen_text, settle
from textual.widgets import Input, Static

from forum_tui.screens.compose import ComposeScreen
from forum_tui.screens.guidelines import GuidelinesScreen
from forum_tui.screens.help_wizard import HelpWizardScreen, MatchList, TopicList
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.login import SignInScreen
from forum_tui.screens.reset_password import ResetPasswordDialog
from forum_tui.screens.signup import SignUpScreen
from forum_tui.screens.verify_email import VerifyEmailDialog
from forum_tui.store.mail import Mailer, MailSettings, outbox_messages


@pytest.fixture
def outbox(demo_forum, tmp_path):
    path = tmp_path / "outbox"
    demo_forum.mailer = Mailer(MailSettings(outbox=path))
    return path


def last_code(outbox) -> str:
    body = outbox_messages(outbox)[-1].get_content()
    return re.search(r"^\s+(\d{6})$", body, re.M).group(1)


async def fill(pilot, field: str, text: str) -> None:
    box = pilot.app.screen.query_one(field, Input)
    box.value = ""
    box.focus()
    await pilot.press(*text) if text else None


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


# ---------------------------------------------------------------------- sign-up


@run_async
async def test_join_from_sign_in_refuses_fields_in_place_then_lands_on_verification(
    make_forum_app, outbox
):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SignUpScreen)
        await fill(pilot, "#signup-username", "river_jo")
        await pilot.press("enter")
        assert app.focused.id == "signup-display_name"
        await fill(pilot, "#signup-display_name", "River Jo")
        await fill(pilot, "#signup-email", "river.example.com")
        await fill(pilot, "#signup-birth_date", "2001-06-02")
        await fill(pilot, "#signup-password", "short")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SignUpScreen)
        assert "doesn't look like an email" in shown(app, "#signup-email-error")
        assert "at least 8" in shown(app, "#signup-password-error")
        assert not screen.query_one("#signup-username-error").display
        assert screen.values()["username"] == "river_jo"  # the rest is kept
        assert app.focused.id == "signup-email"
        assert "Fix the 2 fields" in shown(app, "#signup-message")
        await fill(pilot, "#signup-email", "river@example.com")
        await fill(pilot, "#signup-password", "night-bus-playlist")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VerifyEmailDialog)
        assert app.viewer is not None and app.viewer.username == "river_jo"
        assert not app.viewer.email_verified
        assert "forum-tui outbox" in screen_text(app)
        assert isinstance(app.screen_stack[-2], HomeScreen)
        await fill(pilot, "#verify-code", last_code(outbox))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.viewer.email_verified


@run_async
async def test_esc_goes_back_to_sign_in(make_forum_app):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)


# ---------------------------------------------------------------------- verification


@run_async
async def test_noah_verifies_from_the_outbox_after_a_wrong_code(make_forum_app, outbox):
    app = make_forum_app("noah")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.viewer.email_verified
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, VerifyEmailDialog)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "local outbox" in shown(app, "#verify-note")
        code = last_code(outbox)
        await fill(pilot, "#verify-code", f"{(int(code) + 1) % 10**6:06d}")
        await pilot.press("enter")
        await settle(pilot)
        message = shown(app, "#verify-message")
        assert "That code is wrong" in message and "send a new code" in message
        assert "ctrl+r to send a new code" in screen_text(app)
        assert app.screen.query_one("#verify-code", Input).value  # kept to correct
        await fill(pilot, "#verify-code", code)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, VerifyEmailDialog)
        assert app.viewer.email_verified
        await pilot.press("V")  # nothing left to verify: the key is off
        await settle(pilot)
        assert not isinstance(app.screen, VerifyEmailDialog)


@run_async
async def test_the_palette_offers_verification_only_when_unverified(make_forum_app, personas):
    app = make_forum_app("noah")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Help Wizard", "Guidelines", "Verify email address"} <= set(titles)
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Verify email address" not in titles and "Help Wizard" in titles


@run_async
async def test_posting_unverified_opens_the_code_dialog(make_forum_app, outbox):
    app = make_forum_app("noah")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        board = next(
            b for a in app.forum.areas(app.viewer) for b in a.boards if b.slug == "android"
        )
        from forum_tui.screens import compose

        app.push_screen(compose.new_thread(board, "Offline downloads vanish"))
        await settle(pilot)
        assert app.screen.query_one("#compose-title", Input).value == "Offline downloads vanish"
        app.screen.body_area.insert("They disappear after a restart. Any ideas?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VerifyEmailDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)  # the text is still there


# ---------------------------------------------------------------------- password reset


@run_async
async def test_reset_a_forgotten_password_from_sign_in(make_forum_app, outbox, personas):
    member = persona_with(personas, role="member", rank="Regular")
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill(pilot, "#username", member.username)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResetPasswordDialog)
        assert app.screen.query_one("#reset-name", Input).value == member.username
        await pilot.press("enter")
        await settle(pilot)
        assert "local outbox" in shown(app, "#reset-note")
        await fill(pilot, "#reset-code", last_code(outbox))
        await pilot.press("enter")
        await fill(pilot, "#reset-password", "password")
        await pilot.press("enter")
        await settle(pilot)
        assert "most common" in shown(app, "#reset-message")
        await fill(pilot, "#reset-password", "a-much-better-secret")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "password is changed" in screen_text(app)
    assert app.forum.sign_in(member.username, "a-much-better-secret").username == member.username


# ---------------------------------------------------------------------- Help Wizard


@run_async
async def test_help_wizard_shows_matches_then_starts_a_thread_with_the_title(
    make_forum_app, personas
):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        wizard = app.screen
        assert isinstance(wizard, HelpWizardScreen)
        topics = wizard.query_one(TopicList)
        assert topics.get_option_at_index(topics.highlighted).id == "android"
        await pilot.press("ctrl+n")
        assert "Describe your problem" in shown(app, "#wizard-hint")
        assert app.focused.id == "wizard-title"  # ctrl+n took the member to the title
        await pilot.press(*"downloads vanish")
        await pilot.pause(0.5)
        await settle(pilot)
        text = screen_text(app)
        assert "FAQ articles" in text and "Solved threads" in text
        assert "Downloads vanish from my SD card" in text
        matches = wizard.query_one(MatchList)
        assert matches.option_count >= 4
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.screen.composing.board.slug == "android"
        assert app.screen.query_one("#compose-title", Input).value == "downloads vanish"


@run_async
async def test_help_wizard_opens_a_match(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_help_wizard()
        await settle(pilot)
        matches = app.screen.query_one(MatchList)
        matches.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        from forum_tui.screens.thread import ThreadScreen

        assert isinstance(app.screen, ThreadScreen)


# ---------------------------------------------------------------------- Guidelines


@run_async
async def test_guidelines_from_the_palette_command_list_all_fifteen(make_forum_app):
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Guidelines")
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, GuidelinesScreen)
        assert len(app.screen.query(".guideline")) == 15
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)


@run_async
async def test_a_warning_that_cites_a_guideline_opens_it(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        board = next(
            b for a in app.forum.areas(app.viewer) for b in a.boards if b.slug == "android"
        )
        from forum_tui.screens import compose

        app.push_screen(compose.new_thread(board, "Rude"))
        await settle(pilot)
        app.screen.body_area.insert("You are such an idiot, read the FAQ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "g to read guideline 8" in screen_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GuidelinesScreen) and app.screen.cited == 8
        assert app.screen.query_one("#guideline-8").has_class("-cited")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # Edit: back to the text, the warning shown
        await settle(pilot)
        assert "f2 to read guideline 8" in screen_text(app)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, GuidelinesScreen) and app.screen.cited == 8


@run_async
async def test_posting_with_an_automatic_report_says_a_moderator_will_look(
    make_forum_app, personas
):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        board = next(
            b for a in app.forum.areas(app.viewer) for b in a.boards if b.slug == "social-random"
        )
        from forum_tui.screens import compose

        app.push_screen(compose.new_thread(board, "Weekend fun"))
        await settle(pilot)
        app.screen.body_area.insert("Giveaway! Follow my playlist to enter, winner on Friday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("A moderator will take a look at it" in m and "13" in m for m in messages)


@run_async
async def test_the_report_dialog_opens_the_guidelines_at_the_number_typed(
    make_forum_app, demo_forum, seed
):
    from datetime import timedelta

    from forum_tui.screens.report_dialog import ReportDialog
    from forum_tui.screens.thread import ThreadScreen

    app = make_forum_app("tilly")
    oskar = demo_forum.sign_in_as("oskar").id
    thread_id = seed.thread(
        "android", oskar, "A thread to report", at=demo_forum.now() - timedelta(hours=1)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        dialog.query_one("#report-guideline", Input).value = "13"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, GuidelinesScreen) and app.screen.cited == 13
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#report-guideline", Input).value == "13"  # kept


@run_async
async def test_repeated_wrong_passwords_are_slowed_on_the_sign_in_screen(make_forum_app, personas):
    member = persona_with(personas, role="member", rank="Regular")
    app = make_forum_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(6):
            await fill(pilot, "#username", member.username)
            await fill(pilot, "#password", "not-it")
            await pilot.press("enter")
            await settle(pilot)
        message = str(app.screen.query_one("#sign-in-message").render())
        assert "Too many failed sign-ins with this name" in message
        await fill(pilot, "#password", "demo")  # even the right one waits
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "Try again in" in str(app.screen.query_one("#sign-in-message").render())
