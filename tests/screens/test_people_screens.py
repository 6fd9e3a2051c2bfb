"""Ranks, profiles, settings and the Stars Program: each key, with Pilot."""

from __future__ import annotations

from datetime import date

from screen_helpers import SIZE, SMALL, run_async, screen_text, settle

from forum_tui.screens.member_profile import MemberProfileScreen
from forum_tui.screens.profile import ProfileScreen
from forum_tui.screens.ranks import RankOverviewScreen
from forum_tui.screens.settings import SettingsScreen
from forum_tui.screens.stars import StarPointsScreen, StarsApplicationScreen
from forum_tui.screens.stars_board import LeaderboardScreen
from forum_tui.screens.stars_review import StarsReviewScreen
from forum_tui.screens.thread import ThreadScreen
from forum_tui.store.models import Member, Post


async def press(pilot, *keys) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def palette(pilot, command: str) -> None:
    """Run a palette command by its name, once the palette lists it first."""
    from textual.command import CommandList

    await press(pilot, "ctrl+p")
    await pilot.press(*command)
    for _ in range(50):  # the palette searches asynchronously; a loaded machine is slow
        await settle(pilot)
        results = pilot.app.screen.query(CommandList)
        if results and results.first().option_count:
            first = results.first().get_option_at_index(0).prompt
            if str(getattr(first, "plain", first)).startswith(command):
                break
        await pilot.pause(0.05)
    await press(pilot, "enter")


# ---------------------------------------------------------------------- ranks


@run_async
async def test_ctrl_r_shows_the_ladder_and_what_is_missing(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, RankOverviewScreen)
        text = screen_text(app)
        assert "[Music Fan]" in text
        assert "To Gig Goer:" in text
        assert "to go)" in text
        assert "Last six months" in text
        await press(pilot, "question_mark")
        assert "Stars Program" in screen_text(app)  # ? lists this screen's keys
        await press(pilot, "escape")
        await press(pilot, "q")
        assert not isinstance(app.screen, RankOverviewScreen)


@run_async
async def test_ranks_from_the_palette_and_at_80_columns(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await palette(pilot, "Ranks")
        assert isinstance(app.screen, RankOverviewScreen)
        text = screen_text(app)
        assert "Points" in text and "Days" in text


@run_async
async def test_a_star_sees_why_their_title_is_not_from_points(make_forum_app):
    app = make_forum_app("leo")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        assert "Rising Star 2 is not reached by points" in screen_text(app)


# ---------------------------------------------------------------------- profiles


@run_async
async def test_p_then_r_and_e_from_your_profile(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, ProfileScreen)
        assert "Priya S. (she/her)" in screen_text(app)
        await press(pilot, "r")
        assert isinstance(app.screen, RankOverviewScreen)
        await press(pilot, "escape")
        await press(pilot, "e")
        assert isinstance(app.screen, SettingsScreen)


@run_async
async def test_capital_p_on_a_post_opens_its_authors_profile(make_forum_app, demo_forum, seed):
    app = make_forum_app("priya")
    oskar = demo_forum.sign_in_as("oskar")
    thread_id = seed.thread("desktop-windows", oskar.id, "Crossfade gone", body="Where is it?")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await press(pilot, "P")
        assert isinstance(app.screen, MemberProfileScreen)
        text = screen_text(app)
        assert "Oskar Lind (he/him)" in text
        assert "Composer" in text
        assert "Crossfade gone" in text
        await press(pilot, "enter")
        assert isinstance(app.screen, ThreadScreen)


# ---------------------------------------------------------------------- settings


async def _open_settings(app, pilot) -> SettingsScreen:
    await settle(pilot)
    await palette(pilot, "Settings")
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


@run_async
async def test_settings_save_a_new_display_name(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(app, pilot)
        field = screen.query_one("#settings-display-name")
        field.value = "Priya 🎶"
        await press(pilot, "ctrl+s")
        assert "Saved." in screen_text(app)
        assert demo_forum.who_am_i(app.viewer).display_name == "Priya 🎶"
        assert app.viewer.display_name == "Priya 🎶"


@run_async
async def test_settings_refuse_a_look_alike_username_and_keep_it(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(app, pilot)
        screen.query_one("#settings-username").value = "0skar"
        await press(pilot, "ctrl+s")
        text = screen_text(app)
        assert "Username: The username 0skar looks too much like oskar" in text
        assert screen.query_one("#settings-username").value == "0skar"
        assert demo_forum.who_am_i(app.viewer).username == "priya"


@run_async
async def test_settings_refuse_a_bad_birth_date_in_plain_words(make_forum_app, seed):
    app = make_forum_app("priya")
    with seed.session() as session, session.begin():
        session.get(Member, app.viewer.id).birth_date = None  # not given yet
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(app, pilot)
        assert not screen.query_one("#settings-birth-date").disabled
        screen.query_one("#settings-birth-date").value = "11/02/1996"
        await press(pilot, "ctrl+s")
        assert "write it as YYYY-MM-DD" in screen_text(app)
        assert screen.query_one("#settings-birth-date").value == "11/02/1996"
        screen.query_one("#settings-birth-date").value = "1996-02-11"
        await press(pilot, "ctrl+s")
        assert "Saved." in screen_text(app)
        assert screen.query_one("#settings-birth-date").disabled  # given once


@run_async
async def test_settings_turn_messages_on_through_the_inbox_steps(make_forum_app):
    from forum_tui.screens.messenger_setting import PrivateMessengerDialog

    app = make_forum_app("hugo")
    async with app.run_test(size=SIZE) as pilot:
        await _open_settings(app, pilot)
        assert "the same steps as in the inbox" in screen_text(app)
        app.screen.query_one("#settings-messages-button").press()
        await settle(pilot)
        assert isinstance(app.screen, PrivateMessengerDialog)


# ---------------------------------------------------------------------- the Stars Program


def _qualify(seed, member_id: int) -> None:
    from sqlmodel import select

    with seed.session() as session, session.begin():
        session.get(Member, member_id).birth_date = date(1990, 1, 1)
        for post in session.exec(select(Post).where(Post.author_id == member_id)):
            post.like_count = max(post.like_count, 1)


@run_async
async def test_n_on_the_stars_application_board_opens_the_application(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("stars-application")
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, StarsApplicationScreen)
        assert "3 months a member" in screen_text(app)


@run_async
async def test_apply_then_staff_accept(make_forum_app, demo_forum, seed):
    app = make_forum_app("priya")
    _qualify(seed, app.viewer.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "Stars Program")
        assert isinstance(app.screen, StarsApplicationScreen)
        text = screen_text(app)
        assert "Under review" in text  # the demo's Priya applied on 10 Nov
        assert "already applied on 10 November 2026" in text
        await pilot.press(*"I answer iOS questions most evenings.")
        await press(pilot, "ctrl+s")
        assert "already applied" in screen_text(app)
        assert app.screen.query_one("#stars-body").text.startswith("I answer iOS")
    staff = make_forum_app("elena")
    async with staff.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "Stars applications")
        assert isinstance(staff.screen, StarsReviewScreen)
        assert "Priya S." in screen_text(staff)
        pending = staff.screen.rows.option_count
        for _ in range(pending):  # the demo's own applicants are waiting too
            await press(pilot, "a")
        assert "No applications waiting" in screen_text(staff)
    assert demo_forum.who_am_i(app.viewer).rank == "Rising Star 1"


@run_async
async def test_a_star_sees_points_and_the_leaderboard(make_forum_app, demo_forum):
    elena = demo_forum.sign_in_as("elena")
    demo_forum.award_star_points(elena, "leo", 120, "Great Android answers")
    demo_forum.award_star_points(elena, "marta", 200, "Idea triage")
    app = make_forum_app("leo")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "Stars Program")
        assert isinstance(app.screen, StarPointsScreen)
        text = screen_text(app)
        assert "120 points" in text and "Great Android answers" in text
        await press(pilot, "L")
        assert isinstance(app.screen, LeaderboardScreen)
        text = screen_text(app)
        assert "Star leaderboard · Oct 2026" in text  # the last complete month
        await press(pilot, "right_square_bracket")
        text = screen_text(app)
        assert "Star leaderboard · Nov 2026 (so far)" in text
        assert "★  1. Marta" in text
        assert "← you" in text


# ---------------------------------------------------------------------- staff


async def _type_into(pilot, app, field_id: str, text: str) -> None:
    app.screen.query_one(f"#{field_id}").focus()
    await pilot.press(*text)


@run_async
async def test_staff_award_points_and_make_a_spotify_star_from_a_profile(
    make_forum_app, demo_forum
):
    from forum_tui.screens.fields_dialog import FieldsDialog

    app = make_forum_app("elena")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(MemberProfileScreen("leo"))
        await settle(pilot)
        await press(pilot, "plus")
        assert isinstance(app.screen, FieldsDialog)
        await _type_into(pilot, app, "field-0", "lots")
        await _type_into(pilot, app, "field-1", "Great answers")
        await press(pilot, "ctrl+s")
        assert "Points: a whole number" in screen_text(app)  # the dialog stays, text kept
        app.screen.query_one("#field-0").value = "60"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MemberProfileScreen)
        await press(pilot, "S")
        await press(pilot, "y")
        assert "Spotify Star" in screen_text(app)
    leo = demo_forum.sign_in_as("leo")
    assert leo.rank == "Spotify Star"
    assert demo_forum.star_ledger(leo).entries[0].reason == "Great answers"


@run_async
async def test_members_do_not_get_the_staff_keys_on_a_profile(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(MemberProfileScreen("leo"))
        await settle(pilot)
        await press(pilot, "plus")
        assert isinstance(app.screen, MemberProfileScreen)
        assert "Award points" not in screen_text(app)


@run_async
async def test_staff_add_an_event_and_record_attendance(make_forum_app, demo_forum):
    from forum_tui.screens.stars_board import EventsScreen

    app = make_forum_app("elena")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(EventsScreen())
        await settle(pilot)
        await press(pilot, "n")
        await _type_into(pilot, app, "field-0", "Winter listening party")
        await _type_into(pilot, app, "field-1", "2026-12-24")
        await _type_into(pilot, app, "field-2", "no")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EventsScreen)
        text = screen_text(app)
        assert "Winter listening party" in text
        await press(pilot, "a")
        await _type_into(pilot, app, "field-0", "priya")
        await press(pilot, "enter")
        assert "1 attended" in screen_text(app)
    overview = demo_forum.rank_overview(demo_forum.sign_in_as("priya"))
    assert dict(overview.contributions)["Events attended"] >= 15


# ---------------------------------------------------------------------- Stars


@run_async
async def test_a_star_sets_an_own_avatar_glyph(make_forum_app, demo_forum):
    app = make_forum_app("leo")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(app, pilot)
        screen.query_one("#settings-glyph").value = "ab"
        await press(pilot, "ctrl+s")
        assert "Own avatar: A custom avatar is one character" in screen_text(app)
        screen.query_one("#settings-glyph").value = "✪"
        await press(pilot, "ctrl+s")
        assert "Saved." in screen_text(app)
    assert demo_forum.member_profile(app.viewer, "leo").custom_glyph == "✪"


@run_async
async def test_a_star_leaves_and_becomes_a_legend(make_forum_app, demo_forum):
    app = make_forum_app("leo")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(StarPointsScreen())
        await settle(pilot)
        await press(pilot, "X")
        await press(pilot, "y")
        assert not isinstance(app.screen, StarPointsScreen)
        assert app.viewer.rank == "Community Legend"


@run_async
async def test_rank_overview_reads_without_colour(make_forum_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_forum_app("priya")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        text = screen_text(app)
        assert "[Music Fan]" in text and "to go)" in text
        assert "Jun 3" in text  # the chart's numbers, not only its bars


@run_async
async def test_capital_p_on_a_board_opens_the_highlighted_threads_author(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        await press(pilot, "P")
        assert isinstance(app.screen, MemberProfileScreen)
        assert "Recent posts and solutions" in screen_text(app)
