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


MARKDOWN_POST = """\
# Getting the desktop app to see your phone

Check **three things** first, then *restart* both devices:

1. Both on the same Wi-Fi network
2. The phone's app is open, with `Spotify Connect` turned on, and both devices are signed in
   to the same account (check the name under *Profile*)
   - on Android: *Settings › Devices*
   - on iOS: allow **Local Network** access
3. No VPN running

> Still nothing? Clear the cache, as
> [the support article](https://support.spotify.com/article/cache) says.
>
> > It worked for me after a reboot.

```sh
rm -rf ~/.cache/spotify/Storage   # then start the app again
```

---
More tips: https://community.spotify.com/t5/Desktop/bd-p/desktop [bold]not bold[/bold]
"""


def test_thread_with_markdown(snap_compare, make_forum_app, personas, seed):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    thread_id = seed.thread(
        "android", app.viewer.id, "Desktop can't see my phone", body=MARKDOWN_POST
    )
    seed.reply(
        thread_id,
        app.viewer.id,
        "## Fixed\n\nThanks! ![screenshot of the fix](https://i.example/fix.png)",
    )

    async def open_thread(pilot):
        await settle(pilot)
        pilot.app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_thread)
