"""Home: sidebar, boards, threads and back, with the keyboard alone."""

from __future__ import annotations

from screen_helpers import SIZE, SMALL, persona_with, run_async, screen_text, settle

from forum_tui.screens.area import AreaPane
from forum_tui.screens.board import BoardPane
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.thread import ThreadScreen
from forum_tui.widgets.area_menu import AreaMenu
from forum_tui.widgets.thread_list import ThreadList


def _board_pane(app) -> BoardPane:
    return app.screen.query_one(BoardPane)


@run_async
async def test_sidebar_to_board_to_thread_and_back(make_forum_app, personas):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        menu = app.screen.query_one(AreaMenu)
        assert app.focused is menu
        await pilot.press("j", "j")  # Help heading -> first board -> second board
        await pilot.press("enter")
        await settle(pilot)
        second = app.screen.query_one(AreaMenu).highlighted_option.id
        assert second is not None and second.startswith("board:")
        pane = _board_pane(app)
        assert pane.slug == second.removeprefix("board:")
        threads = pane.query_one(ThreadList)
        assert app.focused is threads
        if not threads.option_count:
            return
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        await pilot.press("j", "k", "G", "g")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is app.screen.query_one(ThreadList)
        await pilot.press("q")  # q in the list goes back to the sidebar
        assert app.focused is app.screen.query_one(AreaMenu)


@run_async
async def test_every_area_and_board_is_reachable(make_forum_app, personas, demo_forum):
    moderator = persona_with(personas, role="staff")
    app = make_forum_app(moderator.username)
    expected = demo_forum.areas(app.viewer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        menu = app.screen.query_one(AreaMenu)
        await pilot.press("g")
        seen: list[str] = []
        for index in range(menu.option_count):
            if index:
                await pilot.press("j")
            await pilot.press("enter")
            await settle(pilot)
            main = app.screen.query_one("#main")
            panes = list(main.query(BoardPane)) + list(main.query(AreaPane))
            assert len(panes) == 1
            pane = panes[0]
            if isinstance(pane, BoardPane):
                assert pane.board is not None, f"board {pane.slug} did not load"
                seen.append(f"board:{pane.slug}")
                assert pane.board.name in screen_text(app)
            else:
                seen.append(f"area:{pane.area.slug}")
            await pilot.press("escape")
            assert app.focused is menu
        wanted = []
        for area in expected:
            wanted.append(f"area:{area.slug}")
            wanted += [f"board:{board.slug}" for board in area.boards]
        assert seen == wanted


@run_async
async def test_area_overview_opens_its_boards(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", "enter")  # the Help area heading
        await settle(pilot)
        area = app.screen.query_one(AreaPane)
        await pilot.press("j", "enter")
        await settle(pilot)
        pane = _board_pane(app)
        assert pane.slug == area.area.boards[1].slug


@run_async
async def test_star_only_boards_are_for_stars(make_forum_app, personas, demo_forum):
    star_only = {board.slug for board in demo_forum.community.boards_of_kind("star_only")}
    assert star_only
    for persona, visible in (
        (persona_with(personas, role="star"), True),
        (persona_with(personas, role="member"), False),
    ):
        app = make_forum_app(persona.username)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            listed = set(app.screen.query_one(AreaMenu).boards)
            assert (star_only <= listed) is visible
            assert bool(star_only & listed) is visible


@run_async
async def test_small_terminal_sidebar_steps_aside(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member").username)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        menu = app.screen.query_one(AreaMenu)
        assert menu.region.width > 0
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one(ThreadList)
        assert menu.region.width == 0  # the list has the whole width
        await pilot.press("escape")
        await settle(pilot)
        assert menu.region.width > 0


@run_async
async def test_menu_key_hides_and_restores_the_sidebar(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        menu = app.screen.query_one(AreaMenu)
        await pilot.press("m")
        assert not menu.display
        assert app.focused is app.screen.query_one(ThreadList)
        await pilot.press("m")
        assert menu.display and app.focused is menu


@run_async
async def test_board_pages_load_near_the_end_and_G_reaches_it(
    make_forum_app, personas, seed, demo_forum
):
    from datetime import timedelta

    app = make_forum_app(persona_with(personas, role="member").username)
    now = demo_forum.now()
    seed.threads(
        "web-player",
        app.viewer.id,
        [{"title": f"Paging thread {n}", "at": now - timedelta(hours=n)} for n in range(150)],
    )
    total = demo_forum.board(app.viewer, "web-player").thread_count
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("web-player")
        await settle(pilot)
        threads = app.screen.query_one(ThreadList)
        assert threads.option_count == 40  # one page
        await pilot.press(*"j" * 36)  # near the end of the page: the next one loads
        await settle(pilot)
        assert threads.option_count == 80
        await pilot.press("G")
        await settle(pilot)
        assert threads.option_count == total
        assert threads.highlighted == total - 1


@run_async
async def test_going_back_home_reads_the_sidebar_again_only_after_reading(
    make_forum_app, personas, demo_forum, seed
):
    """Back home paints what it had; its unread counts are read again only when the
    reader read something meanwhile, and then they are true."""
    from datetime import timedelta

    from screen_helpers import find_thread

    member = persona_with(personas, role="member")
    author = persona_with(personas, role="member", rank="Regular")
    app = make_forum_app(member.username)
    author_id = demo_forum.sign_in_as(author.username).id
    fresh = seed.thread(
        "android", author_id, "Unread here", replies=2, at=demo_forum.now() - timedelta(hours=1)
    )
    asked = []
    areas = demo_forum.areas

    def counted(viewer):
        asked.append(viewer)
        return areas(viewer)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        menu = home.query_one(AreaMenu)
        unread = menu.boards["android"].unread_count
        assert unread >= 1
        demo_forum.areas = counted
        read = find_thread(demo_forum, app.viewer, lambda t: not t.unread)
        home.open_board(read.board_slug)
        await settle(pilot)
        asked.clear()
        app.push_screen(ThreadScreen(read.id))  # a thread read already: nothing changes
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is home and not asked
        app.push_screen(ThreadScreen(fresh))
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is home and len(asked) == 1
        assert menu.boards["android"].unread_count == unread - 1
