"""Home: the areas and boards in a sidebar, the chosen board's threads beside them."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.widgets import Label

from forum_tui.screens.area import AreaPane
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.board import BoardPane, FirstPage
from forum_tui.screens.first_screen import first_board
from forum_tui.store.views import AreaView, BoardView
from forum_tui.widgets.area_menu import AreaMenu
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.safe import join, label, safe_line
from forum_tui.widgets.thread_list import ThreadList


class HomeScreen(ForumScreen):
    """The signed-in member's home: sidebar menu (left) and main pane (right)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch_pane", "Switch pane"),
        Binding("m", "toggle_menu", "Menu"),
        Binding("q", "app.quit", "Quit"),
        Binding("w", "app.help_wizard", "Help Wizard"),  # --- 14
    ]

    def __init__(
        self,
        areas: tuple[AreaView, ...] | None = None,
        *,
        first_board: FirstPage | None = None,
        painted: Callable[[], None] | None = None,
    ) -> None:
        """``areas``: the sidebar's data when it was read before (the app's opening
        worker does, so home paints with its data in its first frame); else home reads
        them itself once mounted. ``first_board``: the first board and its first page,
        when read before too (by the opening worker, or kept in a start snapshot).
        ``painted`` is called once home is on the terminal."""
        super().__init__()
        self.first_load = True
        self.first_areas = areas
        self.first_board = first_board
        self.painted = painted
        self.areas_marks = 0  # ``read_marks`` when the sidebar's counts were last read

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Horizontal(id="home"):
            yield AreaMenu(id="menu")
            with Container(id="main"):
                if self.first_board is not None:  # read before: in home's first frame
                    from forum_tui.screens.ideas import board_pane

                    yield board_pane(self.first_board[0], self.first_board)
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.painted is not None:
            self.call_after_refresh(self.painted)
        self.query_one(AreaMenu).focus()
        if self.first_areas is None:
            self.refresh_areas()
        else:
            self._show_areas(self.first_areas)
            self.first_areas = None

    def on_screen_resume(self) -> None:
        """Back home: it shows at once what it had. The counts are read again only if the
        reader read something meanwhile; other changes (own writes, other processes'
        posts) already reloaded them in place (``reload_in_place``)."""
        if not self.first_load and self.read_marks != self.areas_marks:
            self.refresh_areas()

    # -- the sidebar

    def refresh_areas(self) -> None:
        self.areas_marks = self.read_marks
        self.load_areas()

    @work(thread=True, exclusive=True, group="areas")
    def load_areas(self) -> None:
        try:
            areas = self.forum.areas(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._areas_failed, plain_error(error))
        else:
            self.app.call_from_thread(self._show_areas, areas)

    def reload_in_place(self) -> None:
        """--- live (screens/live.py): fresh counts in the sidebar, cursor kept."""
        if not self.first_load:
            self.refresh_areas()

    def _show_areas(self, areas: tuple[AreaView, ...]) -> None:
        menu = self.query_one(AreaMenu)
        if tuple(menu.areas.values()) != areas:  # unchanged: not drawn again
            menu.show_areas(areas)
        if self.first_load:
            self.first_load = False
            first = first_board(areas)
            if first is not None and self._board_shown() == first.slug:
                self._mark_place(first)  # its pane came with home (``first_board``)
            elif first is not None:
                self.open_board(first.slug, focus=False)
            self.first_board = None

    def _areas_failed(self, message: str) -> None:
        """Nothing to browse without the areas: say why where the board would be."""
        main = self.query_one("#main")
        main.remove_children()
        main.mount(Label(label(message, "$text-error"), markup=False, classes="pane-error"))

    @on(AreaMenu.BoardChosen)
    def _board_chosen(self, event: AreaMenu.BoardChosen) -> None:
        self.open_board(event.board.slug)

    @on(AreaMenu.AreaChosen)
    def _area_chosen(self, event: AreaMenu.AreaChosen) -> None:
        self.open_area(event.area.slug)

    # -- the main pane

    def open_board(self, slug: str, *, focus: bool = True) -> bool:
        """Show a board's threads; False when the viewer cannot see that board."""
        board = self.query_one(AreaMenu).boards.get(slug)
        if board is None:
            return False
        self._mark_place(board)
        from forum_tui.screens.ideas import board_pane  # --- ideas, Ongoing Issues

        pane = board_pane(board)
        self._replace_main(pane)
        if focus:
            pane.call_after_refresh(pane.focus_threads)
        return True

    def open_area(self, slug: str, *, focus: bool = True) -> bool:
        menu = self.query_one(AreaMenu)
        area = menu.areas.get(slug)
        if area is None:
            return False
        menu.highlight(f"area:{slug}")
        self.query_one(ForumHeader).set_place(safe_line(area.name))
        pane = AreaPane(area)
        self._replace_main(pane)
        if focus:
            pane.call_after_refresh(pane.focus_list)
        return True

    def _replace_main(self, pane: BoardPane | AreaPane) -> None:
        main = self.query_one("#main")
        main.remove_children()
        main.mount(pane)

    def _board_shown(self) -> str | None:
        """The slug of the board in the main pane, if one is."""
        panes = self.query_one("#main").query(BoardPane)
        return panes.first().slug if panes else None

    def _mark_place(self, board: BoardView) -> None:
        """The board highlighted in the sidebar and named in the header."""
        self.query_one(AreaMenu).highlight(f"board:{board.slug}")
        self._set_place(board)

    def _set_place(self, board: BoardView) -> None:
        place = join(safe_line(board.area_name), label(" › "), safe_line(board.name))
        self.query_one(ForumHeader).set_place(place)

    @on(ThreadList.Opened)
    def _thread_opened(self, event: ThreadList.Opened) -> None:
        from forum_tui.screens.thread import ThreadScreen

        for pane in self.query(BoardPane):
            pane.thread_opened(event.thread.id)
        self.app.push_screen(ThreadScreen(event.thread.id))

    def on_descendant_focus(self) -> None:
        """Mark whether the reader is in the main pane (the sidebar steps aside when narrow)."""
        menu = self.query_one(AreaMenu)
        self.query_one("#home").set_class(not menu.has_focus, "-reading")

    # -- keys

    def action_focus_menu(self) -> None:
        menu = self.query_one(AreaMenu)
        menu.display = True
        menu.focus()

    def action_switch_pane(self) -> None:
        menu = self.query_one(AreaMenu)
        if menu.has_focus:
            self._focus_main()
        else:
            self.action_focus_menu()

    def _focus_main(self) -> None:
        for pane in self.query(BoardPane):
            pane.focus_threads()
        for area in self.query(AreaPane):
            area.focus_list()

    def action_toggle_menu(self) -> None:
        """Hide the sidebar (reading full width), or bring it back and go to it."""
        menu = self.query_one(AreaMenu)
        if menu.has_focus:
            menu.display = False
            self._focus_main()
        else:
            self.action_focus_menu()
