"""Snapshots of each screen at a fixed size, clock and data (look at the SVGs!).

Update after an intended change with ``pytest tests/screens --snapshot-update``.
"""

from __future__ import annotations

from screen_helpers import SIZE, SMALL, find_thread, persona_with, settle

from forum_tui.screens.thread import ThreadScreen


def _no_blink(app) -> None:
    from textual.widgets import TextArea

    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def in_thread(thread_id: int, *steps: tuple[str, ...]):
    """``run_before``: open the thread, then press each step's keys, settling after each."""

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        for keys in steps:
            await pilot.press(*keys)
            _no_blink(pilot.app)
            await settle(pilot)

    return run_before


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

    assert snap_compare(app, terminal_size=SIZE, run_before=in_thread(solved.id))


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

    assert snap_compare(app, terminal_size=SMALL, run_before=in_thread(solved.id))


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

    assert snap_compare(app, terminal_size=SIZE, run_before=in_thread(thread_id))


# --- composing (screens/compose.py, screens/confirm_dialog.py)


def test_compose_reply_quoting(snap_compare, make_forum_app, personas, demo_forum, seed):
    from datetime import timedelta

    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    other = persona_with(personas, role="star")
    thread_id = seed.thread(
        "music-exchange",
        demo_forum.sign_in_as(other.username).id,
        "Swap: a road-trip playlist for a rainy-day one",
        body="I made a **road-trip** playlist with 40 songs.\n\nWho has a rainy-day one to swap?",
        at=demo_forum.now() - timedelta(hours=3),
    )

    typed = tuple("Deal! Mine has [bold]Nick Drake[/bold]")
    assert snap_compare(app, terminal_size=SIZE, run_before=in_thread(thread_id, ("R",), typed))


def test_compose_personal_data_warning(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)

    async def warned(pilot):
        await settle(pilot)
        pilot.app.screen.open_board("android")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Can someone call me?", "tab")
        await pilot.press(*"My number is +44 7700 900123, thanks")
        _no_blink(pilot.app)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=warned)


# --- end composing


# --- actions (screens/report_dialog.py, history_dialog.py, notifications.py, profile.py)


def test_thread_with_report_dialog(snap_compare, make_forum_app, personas, demo_forum):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    solved = find_thread(demo_forum, app.viewer, lambda t: t.solved, kinds=("help",))

    report = in_thread(
        solved.id,
        ("j", "exclamation_mark"),
        ("down", "enter", "tab", *"Selling accounts", "tab", "9"),
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=report)


def test_history_dialog(snap_compare, make_forum_app, personas, demo_forum):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    viewer = app.viewer
    edited = find_thread(
        demo_forum,
        viewer,
        lambda t: demo_forum.thread_posts(viewer, t.id, 0, 1).items[0].edited_at is not None,
        kinds=("help",),
    )

    assert snap_compare(app, terminal_size=SIZE, run_before=in_thread(edited.id, ("h",)))


def test_notifications(snap_compare, make_forum_app):
    app = make_forum_app("priya")  # read and unread ones, of several kinds

    async def notifications(pilot):
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=notifications)


def test_profile_with_subscriptions(snap_compare, make_forum_app):
    app = make_forum_app("oskar")  # follows the blog and two boards in the demo

    async def profile(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=profile)


# --- end actions


# --- search (screens/search.py)


def _search_for(query: str):
    async def search(pilot):
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        pilot.app.screen.query_input.value = query
        await pilot.press("enter")
        await settle(pilot)

    return search


def test_search_results(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SIZE, run_before=_search_for("download"))


def test_search_malformed_query(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SIZE, run_before=_search_for("battery before:tomorrow"))


def test_search_result_opened_at_its_post(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    search = _search_for("battery")

    async def open_second_result(pilot):
        await search(pilot)
        await pilot.press("j", "enter")  # a search hands the focus to its results
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_second_result)


# --- end search
