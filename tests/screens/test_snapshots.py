"""Snapshots of each screen at a fixed size, clock and data (look at the SVGs!).

Update after an intended change with ``pytest tests/screens --snapshot-update``.
"""

from __future__ import annotations

from screen_helpers import SIZE, SMALL, find_thread, persona_with, settle

from forum_tui.screens.thread import ThreadScreen


def test_sign_in(snap_compare, make_forum_app):
    assert snap_compare(make_forum_app(), terminal_size=SIZE, run_before=settle)


def test_sign_in_wrong_password(snap_compare, make_forum_app, personas):
    member = persona_with(personas, role="member", rank="Regular")

    async def wrong_password(pilot):
        await settle(pilot)
        pilot.app.screen.query_one("#username").focus()
        await pilot.press(*member.username, "enter", *"nope", "enter")
        await settle(pilot)

    assert snap_compare(make_forum_app(), terminal_size=SIZE, run_before=wrong_password)


def test_home(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_home_as_staff(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="staff").username)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_chat_board_with_guidelines(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)

    async def open_chat_board(pilot):
        await settle(pilot)
        pilot.app.screen.open_board("music-exchange")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_chat_board)


def test_ideas_board(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)

    async def open_ideas(pilot):
        await settle(pilot)
        pilot.app.screen.open_board("idea-submissions")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_ideas)


def test_thread_with_solution(snap_compare, make_forum_app, personas, demo_forum):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    solved = find_thread(demo_forum, app.viewer, lambda t: t.solved, kinds=("help",))

    async def open_thread(pilot):
        await settle(pilot)
        pilot.app.push_screen(ThreadScreen(solved.id))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_thread)


def test_help(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)

    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_help)


def test_home_light_theme(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)

    async def light(pilot):
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


def test_small_terminal_sign_in(snap_compare, make_forum_app):
    assert snap_compare(make_forum_app(), terminal_size=SMALL, run_before=settle)


def test_small_terminal_board(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)

    async def open_board(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=open_board)


def test_small_terminal_thread(snap_compare, make_forum_app, personas, demo_forum):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    solved = find_thread(demo_forum, app.viewer, lambda t: t.solved, kinds=("help",))

    async def open_thread(pilot):
        await settle(pilot)
        pilot.app.push_screen(ThreadScreen(solved.id))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=open_thread)
