"""The Textual app: screens, global keys, palette and theme. Kept small on purpose.

``make_app(forum)`` builds it around a ready ``Forum`` service (the tests);
``make_opening_app(opening, community)`` is the CLI's way: it paints a first frame at
once and runs the CLI's ``opening`` (import the store, open the database, sign in ``--as``)
in a worker thread. Nothing here opens a database or imports SQLAlchemy itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from forum_tui.screens.help import HelpScreen
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.login import SignInScreen
from forum_tui.screens.palette import BoardsProvider
from forum_tui.screens.starting import StartingScreen
from forum_tui.store.views import Viewer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from forum_tui.rules.community import Community
    from forum_tui.store.forum import Forum

    #: Opens the forum off the UI thread: ``opening(say)`` -> (forum, viewer or None);
    #: ``say(words)`` shows what takes the time on the starting screen.
    Opening = Callable[[Callable[[str], None]], tuple[Forum, Viewer | None]]

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

    def __init__(
        self,
        forum: Forum | None,
        viewer: Viewer | None = None,
        *,
        opening: Opening | None = None,
        community: Community | None = None,
    ) -> None:
        super().__init__()
        self.forum = forum  # type: ignore[assignment]  # set by ``opening`` before use
        self.viewer = viewer
        self.opening = opening
        #: Why the forum could not be opened (the CLI reports it once the app is gone).
        self.start_error: BaseException | None = None
        community = forum.community if forum is not None else community
        if community is not None:
            self.title = community.name
            self.sub_title = community.tagline
        self.theme = DARK

    def on_mount(self) -> None:
        if self.forum is None and self.opening is not None:  # --- paint first, open after
            self.push_screen(StartingScreen(self.title, self.sub_title))
            self._open_forum(self.opening)
        else:
            self._first_screen()

    def _first_screen(self) -> None:
        from forum_tui.screens.live import watch_changes  # --- live lists

        screen = HomeScreen() if self.viewer is not None else SignInScreen()
        if isinstance(self.screen, StartingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        watch_changes(self)  # --- live lists: other members' posts show within ~2 s

    # --- paint first: the store (SQLAlchemy, the models) is imported and the database
    # opened in a worker thread, while the starting screen is already on the terminal.

    @work(thread=True, exit_on_error=False)
    def _open_forum(self, opening: Opening) -> None:
        def say(message: str) -> None:
            self.call_from_thread(self._say, message)

        try:
            forum, viewer = opening(say)
        except BaseException as error:  # reported by the CLI after the app has exited
            self.call_from_thread(self._open_failed, error)
        else:
            self.call_from_thread(self._opened, forum, viewer)

    def _say(self, message: str) -> None:
        if isinstance(self.screen, StartingScreen):
            self.screen.say(message)

    def _opened(self, forum: Forum, viewer: Viewer | None) -> None:
        self.forum = forum
        self.viewer = viewer
        self.title = forum.community.name
        self.sub_title = forum.community.tagline
        self._first_screen()

    def _open_failed(self, error: BaseException) -> None:
        self.start_error = error
        self.exit(return_code=1)

    # --- end paint first

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


def make_opening_app(opening: Opening, community: Community) -> ForumApp:
    """The app that paints first, then opens the forum with ``opening`` (the CLI's way)."""
    return ForumApp(None, opening=opening, community=community)
