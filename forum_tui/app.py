"""The Textual app: screens, global keys, palette and theme. Kept small on purpose.

``make_app(forum)`` builds it; the CLI and the tests hand it a ready ``Forum`` service
(from ``forum_tui.store``), so nothing here opens a database or imports SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from forum_tui.screens.help import HelpScreen
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.login import SignInScreen
from forum_tui.screens.palette import BoardsProvider
from forum_tui.store.views import Viewer

if TYPE_CHECKING:
    from collections.abc import Iterable

    from forum_tui.store.forum import Forum

DARK = "textual-dark"
LIGHT = "textual-light"


class ForumApp(App[None]):
    """The forum in the terminal: sign in, then home (areas, boards, threads)."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BoardsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Light/dark theme", show=False),
        # --- actions: everywhere once signed in (screens/jump.py, notifications.py, profile.py)
        Binding("J", "next_unread", "Next unread"),
        Binding("N", "notifications", "Notifications", show=False),  # the badge says N
        Binding("p", "profile", "Profile", show=False),
        Binding("slash", "search", "Search", key_display="/", show=False),  # --- search
    ]
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, forum: Forum, viewer: Viewer | None = None) -> None:
        super().__init__()
        self.forum = forum
        self.viewer = viewer
        self.title = forum.community.name
        self.sub_title = forum.community.tagline
        self.theme = DARK

    def on_mount(self) -> None:
        from forum_tui.screens.live import watch_changes  # --- live lists

        self.push_screen(HomeScreen() if self.viewer is not None else SignInScreen())
        watch_changes(self)  # --- live lists: other members' posts show within ~2 s

    def signed_in(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.switch_screen(HomeScreen())

    def open_place(self, kind: str, slug: str) -> None:
        """Go to an area or board (from the palette), from wherever the reader is."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        home = self.screen
        if not isinstance(home, HomeScreen):
            return
        opened = home.open_board(slug) if kind == "board" else home.open_area(slug)
        if not opened:
            self.notify("That place is not open to you.", severity="warning", markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        name = type(self.screen).__name__.removesuffix("Screen") or "Forum"
        self.push_screen(HelpScreen(self.screen, _readable(name)))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    # --- actions: next unread (J), notifications (N), profile (p)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_unread", "notifications", "profile", "search"):  # --- search
            return self.viewer is not None
        return True

    def action_next_unread(self) -> None:
        from forum_tui.screens.jump import next_unread

        next_unread(self)

    def action_notifications(self) -> None:
        from forum_tui.screens.notifications import NotificationsScreen

        if not isinstance(self.screen, NotificationsScreen):
            self.push_screen(NotificationsScreen())

    def action_profile(self) -> None:
        from forum_tui.screens.profile import ProfileScreen

        if not isinstance(self.screen, ProfileScreen):
            self.push_screen(ProfileScreen())

    # --- end actions

    # --- search: ``/`` from anywhere once signed in (not while typing: Input and TextArea
    # take printable keys first), prefilled with the last query; on the search screen
    # itself it goes back to the query box.

    last_search: str = ""

    def action_search(self) -> None:
        from textual.screen import ModalScreen

        from forum_tui.screens.search import SearchScreen

        if self.viewer is None or isinstance(self.screen, ModalScreen):
            return
        if isinstance(self.screen, SearchScreen):
            self.screen.action_edit_query()
        else:
            self.push_screen(SearchScreen(self.last_search))

    # --- end search

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Light/dark theme", "Switch between the light and dark theme", self.action_toggle_theme
        )


def _readable(name: str) -> str:
    words = {"SignIn": "Sign in", "Home": "Home", "Thread": "Thread"}
    return words.get(name, name)


def make_app(forum: Forum, *, viewer: Viewer | None = None) -> ForumApp:
    """The app for ``forum``; with ``viewer`` it starts signed in (``--as``)."""
    return ForumApp(forum, viewer)
