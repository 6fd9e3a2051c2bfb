"""Paint first: the app draws its starting screen, then opens the forum in a worker."""

from __future__ import annotations

import threading

import pytest
from screen_helpers import SIZE, persona_with, run_async, screen_text, settle

from forum_tui.app import make_opening_app
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.starting import StartingScreen
from forum_tui.store.errors import SignInFailed


@run_async
async def test_the_first_frame_comes_before_the_forum_opens(demo_forum, personas):
    member = persona_with(personas, role="member")
    may_open = threading.Event()
    threads = []

    def opening(say):
        threads.append(threading.current_thread())
        say("First start: building the demo community…")
        may_open.wait(10)
        return demo_forum, demo_forum.sign_in_as(member.username)

    app = make_opening_app(opening, demo_forum.community)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartingScreen)
        text = screen_text(app)
        assert demo_forum.community.name in text
        assert "building the demo community" in text
        may_open.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2  # the starting screen was replaced, not kept
        assert threads[0] is not threading.main_thread()


@run_async
async def test_a_forum_that_cannot_open_ends_the_app_with_the_reason(demo_forum):
    def opening(say):
        raise SignInFailed("There is no persona called 'nobody'.")

    app = make_opening_app(opening, demo_forum.community)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert isinstance(app.start_error, SignInFailed)
    assert app.return_code == 1


@run_async
async def test_home_paints_with_the_headers_counts_read_by_the_opening_worker(
    demo_forum, personas, monkeypatch
):
    """The opening worker reads the header's counts with home's areas, so home's first
    frame has them; the header would otherwise ask on mount and paint them later."""
    from forum_tui.widgets.header import ForumHeader

    monkeypatch.setattr(ForumHeader, "refresh_badge", lambda self: None)  # never asks itself
    viewer = demo_forum.sign_in_as(persona_with(personas, role="member").username)
    unread = demo_forum.unread_notification_count(viewer)
    assert unread > 0  # the demo's member has notifications waiting

    app = make_opening_app(lambda say: (demo_forum, viewer), demo_forum.community)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.header_counts is not None and app.header_counts[0] == unread
        assert f"● {unread} new" in screen_text(app)


# --- home from the last start's snapshot (store/start_snapshot.py): painted before the
# store is opened, when the rows it came from are unchanged; the store opens behind it.


def kept_home(forum, username):
    """A start snapshot of ``username``'s home on ``forum``, as the last start left it."""
    from pathlib import Path

    from forum_tui.screens.first_screen import remember_home
    from forum_tui.store.start_snapshot import StartSnapshot

    snapshot = StartSnapshot(Path(forum.engine.url.database), username, forum.community)
    viewer = forum.sign_in_as(username)
    remember_home(snapshot, forum, viewer)
    assert snapshot.file.exists()
    return snapshot, viewer


def held_opening(forum, viewer):
    """An ``opening`` that waits for ``may_open`` (the store still importing)."""
    may_open = threading.Event()

    def opening(say):
        may_open.wait(10)
        return forum, viewer

    return opening, may_open


async def until(pilot, condition, seconds: float = 5.0) -> None:
    """Pause until ``condition()`` holds (``settle`` would wait for the held opening)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


@run_async
async def test_home_paints_from_the_snapshot_before_the_store_is_open(demo_forum, personas):
    member = persona_with(personas, role="member").username
    viewer = demo_forum.sign_in_as(member)
    area = demo_forum.areas(viewer)[0]
    threads = demo_forum.board_threads(viewer, area.boards[0].slug).items  # (a first visit)
    snapshot, viewer = kept_home(demo_forum, member)
    opening, may_open = held_opening(demo_forum, viewer)
    app = make_opening_app(opening, demo_forum.community, snapshot)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: area.boards[0].name in screen_text(app))
        home = app.screen
        assert isinstance(home, HomeScreen)  # while the store is still opening
        text = screen_text(app)
        assert f"● {demo_forum.unread_notification_count(viewer)} new" in text
        assert threads[0].title[:20] in text  # the first board's threads too
        may_open.set()
        await settle(pilot)
        assert app.screen is home  # the same home, read live again behind the reader
        assert app.forum is demo_forum and app.viewer == viewer
        assert threads[0].title[:20] in screen_text(app)


@run_async
async def test_a_changed_row_means_home_waits_for_the_store(demo_forum, personas, seed):
    member = persona_with(personas, role="member").username
    snapshot, viewer = kept_home(demo_forum, member)
    seed.thread(demo_forum.community.boards[0].slug, viewer.id, "Posted since the last start")
    opening, may_open = held_opening(demo_forum, viewer)
    app = make_opening_app(opening, demo_forum.community, snapshot)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, StartingScreen)
        may_open.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@run_async
async def test_a_store_failing_behind_the_snapshot_ends_the_app_with_the_reason(
    demo_forum, personas
):
    snapshot, _viewer = kept_home(demo_forum, persona_with(personas, role="member").username)

    def opening(say):
        raise SignInFailed("There is no persona called 'nobody'.")

    app = make_opening_app(opening, demo_forum.community, snapshot)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert isinstance(app.start_error, SignInFailed)
    assert app.return_code == 1


@run_async
async def test_a_thread_opened_before_the_store_is_open_shows_once_it_is(demo_forum, personas):
    """Keys work on the home painted from a snapshot: Enter on a thread opens it, and its
    reads start once the store is open (here a moment later)."""
    from forum_tui.screens.thread import ThreadScreen

    member = persona_with(personas, role="member").username
    viewer = demo_forum.sign_in_as(member)
    first = demo_forum.areas(viewer)[0].boards[0]
    threads = demo_forum.board_threads(viewer, first.slug).items  # (a first visit)
    snapshot, viewer = kept_home(demo_forum, member)
    opening, may_open = held_opening(demo_forum, viewer)
    app = make_opening_app(opening, demo_forum.community, snapshot)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: threads[0].title[:20] in screen_text(app))
        threading.Timer(0.3, may_open.set).start()  # the store opens meanwhile
        await pilot.press("tab", "enter")
        await until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert app.screen.thread_id == threads[0].id
        assert threads[0].title[:20] in screen_text(app)


def test_an_app_ended_before_its_snapshot_home_showed_leaves_nothing_waiting(demo_forum, personas):
    """Quit before the recalled home was shown: the CLI asks ``app.forum`` to close it,
    and that must answer at once (no store will be opened), not wait for ever."""
    snapshot, viewer = kept_home(demo_forum, persona_with(personas, role="member").username)
    app = make_opening_app(held_opening(demo_forum, viewer)[0], demo_forum.community, snapshot)

    def ended(*_arguments):
        raise RuntimeError("App is not running")

    app.call_from_thread = ended
    with pytest.raises(RuntimeError):
        app._paint_recalled_home()
    assert app._forum_opened.is_set() and app.forum is None


@run_async
async def test_a_cold_start_paints_the_first_board_with_home_and_records_the_visit(
    demo_forum, personas, seed, monkeypatch
):
    """No snapshot: the opening worker reads the first board's page with home's areas
    (one frame, no empty pane), recording the member's visit as opening a board does."""
    from forum_tui.screens.board import BoardPane
    from forum_tui.store.models import BoardVisit

    viewer = demo_forum.sign_in_as(persona_with(personas, role="member").username)
    first = demo_forum.areas(viewer)[0].boards[0]
    key = (viewer.id, seed.board_id(first.slug))
    with seed.session() as session, session.begin():
        visit = session.get(BoardVisit, key)
        if visit is not None:
            session.delete(visit)

    loads = []
    monkeypatch.setattr(BoardPane, "load_board", lambda pane: loads.append(pane.slug))
    app = make_opening_app(lambda say: (demo_forum, viewer), demo_forum.community)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(BoardPane).board.slug == first.slug
        assert loads == []  # the pane came with its page: it read nothing itself
    with seed.session() as session:
        assert session.get(BoardVisit, key) is not None


@run_async
async def test_member_text_from_a_snapshot_reaches_the_screen_literally(demo_forum, personas, seed):
    """Titles kept in a snapshot go through the same safe-text path as live ones: markup
    and an action link shown as typed, no ESC or right-to-left override on the terminal."""
    hostile = "[b]x[/] [@click=app.quit]q[/] \x1b[31m\u202er"
    member = persona_with(personas, role="member").username
    viewer = demo_forum.sign_in_as(member)
    seed.thread(demo_forum.areas(viewer)[0].boards[0].slug, viewer.id, hostile)
    demo_forum.board_threads(viewer, demo_forum.areas(viewer)[0].boards[0].slug)  # visited
    snapshot, viewer = kept_home(demo_forum, member)
    opening, may_open = held_opening(demo_forum, viewer)
    app = make_opening_app(opening, demo_forum.community, snapshot)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "[@click=app.quit]q[/]" in screen_text(app))
        text = screen_text(app)
        assert "[b]x[/]" in text and "\x1b" not in text and "\u202e" not in text
        assert not may_open.is_set() and app.is_running  # from the snapshot, nothing ran
        may_open.set()
        await settle(pilot)
