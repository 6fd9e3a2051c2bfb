"""The Textual app: screens, global keys, palette and theme. Kept small on purpose.

``make_app(forum)`` builds it around a ready ``Forum`` service (the tests);
``make_opening_app(opening, community)`` is the CLI's way: it paints a first frame at
once and runs the CLI's ``opening`` (import the store, open the database, sign in ``--as``)
in a worker thread. Nothing here opens a database or imports SQLAlchemy itself.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from forum_tui.idle_collection import CHECK_EVERY, IdleCollection
from forum_tui.screens.first_screen import (
    first_screen_maker,
    home_screen,
    recalled_home,
    remember_home,
)
from forum_tui.screens.starting import StartingScreen
from forum_tui.widgets.paste_guard import guard_pastes

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from textual.command import Provider
    from textual.driver import Driver

    from forum_tui.rules.community import Community
    from forum_tui.store.forum import Forum
    from forum_tui.store.start_snapshot import StartSnapshot
    from forum_tui.store.views import Viewer

    #: Opens the forum off the UI thread: ``opening(say)`` -> (forum, viewer or None);
    #: ``say(words)`` shows what takes the time on the starting screen.
    Opening = Callable[[Callable[[str], None]], tuple[Forum, Viewer | None]]

#: How long the opening worker waits for a home painted from a snapshot to be on the
#: terminal before importing the store: checks of this many seconds, at most this many.
PAINT_CHECK_SECONDS = 0.05
PAINT_CHECKS = 40

DARK = "textual-dark"
LIGHT = "textual-light"


def _boards_provider() -> type[Provider]:
    """The palette's places, imported when the palette first opens (not at start-up)."""
    from forum_tui.screens.palette import BoardsProvider

    return BoardsProvider


class ForumApp(App[None]):
    """The forum in the terminal: sign in, then home (areas, boards, threads)."""

    CSS_PATH: ClassVar = ["app.tcss", "people.tcss"]  # people.tcss: ranks, profiles, Stars
    COMMANDS = App.COMMANDS | {_boards_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Light/dark theme", show=False),
        # --- actions: everywhere once signed in (screens/jump.py, notifications.py, profile.py)
        Binding("J", "next_unread", "Next unread"),
        Binding("N", "notifications", "Notifications", show=False),  # the badge says N
        Binding("p", "profile", "Profile", show=False),
        Binding("slash", "search", "Search", key_display="/", show=False),  # --- search
        Binding("V", "verify_email", "Verify email"),  # --- issue 14: only while unverified
        Binding("ctrl+r", "ranks", "Ranks", show=False),  # --- ranks (screens/people.py)
        Binding("I", "inbox", "Inbox", show=False),  # --- inbox (the header's ✉ mark says I)
        Binding("Q", "report_queue", "Report queue", show=False),  # --- moderation
    ]
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]

    def __init__(
        self,
        forum: Forum | None,
        viewer: Viewer | None = None,
        *,
        opening: Opening | None = None,
        community: Community | None = None,
        start_snapshot: StartSnapshot | None = None,
    ) -> None:
        guard_pastes()  # a raw ESC in a paste arrives whole and in order (widgets/paste_guard.py)
        super().__init__()
        #: Set while the store opens behind a home painted from the last start's snapshot
        #: (cleared then): ``forum`` waits for it (see the ``forum`` property).
        self._forum_opened = threading.Event()
        self._forum_opened.set()
        self.forum = forum  # type: ignore[assignment]  # set by ``opening`` before use
        self.viewer = viewer
        self.opening = opening
        self.start_snapshot = start_snapshot
        #: Why the forum could not be opened (the CLI reports it once the app is gone).
        self.start_error: BaseException | None = None
        #: The header's last counts (widgets/header.py), so a new screen's header starts
        #: with them instead of changing its layout when its first ask returns.
        self.header_counts: tuple | None = None
        #: The community file's rules and names, known before the store is opened.
        self.community = forum.community if forum is not None else community
        if self.community is not None:
            self.title = self.community.name
            self.sub_title = self.community.tagline
        self.theme = DARK
        self.idle_collection = IdleCollection()

    @property
    def forum(self) -> Forum:
        """The service. While home shows the last start's snapshot and the store is still
        being opened behind it (a fraction of a second), this waits for it: screens ask
        it from their workers, so a read simply starts once the store is there."""
        self._forum_opened.wait()
        return self._forum

    @forum.setter
    def forum(self, forum: Forum | None) -> None:
        self._forum = forum

    def current_time(self) -> datetime:
        """The forum's clock; while the store is still opening, the real clock (the one
        the store itself keeps, unless a test gave it a frozen one)."""
        from forum_tui.store.clock import utc_now

        forum = self._forum
        return forum.now() if forum is not None else utc_now()

    def get_driver_class(self) -> type[Driver]:
        # A lone esc acts after ESCDELAY, not 100 ms later (quick_escape.py). Textual's
        # own choice stands on Windows and when TEXTUAL_DRIVER names one.
        if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
            return super().get_driver_class()
        from forum_tui.quick_escape import QuickEscapeDriver

        return QuickEscapeDriver

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.idle_collection.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.idle_collection.stop()

    def on_mount(self) -> None:
        # Full garbage collections at the reader's pauses, not under a key (idle_collection.py).
        self.idle_collection.start()
        self.set_interval(CHECK_EVERY, self.idle_collection.tick)
        if self.forum is None and self.opening is not None:  # --- paint first, open after
            self.push_screen(StartingScreen(self.title, self.sub_title))
            # Only once that frame is on the terminal: the worker's imports hold the GIL.
            self.call_after_refresh(self._open_forum, self.opening)
        else:
            self._first_screen(first_screen_maker(self.viewer)[0])

    def _first_screen(self, make_screen: Callable[[], Screen]) -> None:
        from forum_tui.screens.live import watch_changes  # --- live lists

        screen = make_screen()
        if isinstance(self.screen, StartingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        watch_changes(self)  # --- live lists: other members' posts show within ~2 s
        if self.start_notice:
            self.notify(self.start_notice, markup=False, timeout=15)

    # --- paint first: the store (SQLAlchemy, the models) is imported and the database
    # opened in a worker thread, while the starting screen is already on the terminal;
    # the same worker imports the first screen's module and reads home's areas.

    @work(thread=True, exit_on_error=False)
    def _open_forum(self, opening: Opening) -> None:
        def say(message: str) -> None:
            self.call_from_thread(self._say, message)

        recalled = self._paint_recalled_home()
        try:
            forum, viewer = opening(say)
            if not recalled:
                make_screen, self.header_counts = first_screen_maker(viewer, forum)
        except BaseException as error:  # reported by the CLI after the app has exited
            self._forum_opened.set()
            self.call_from_thread(self._open_failed, error)
            return
        if recalled:
            self.forum = forum
            self._forum_opened.set()  # workers waiting for the store go on
            self.call_from_thread(self._store_opened_behind_home, viewer)
        else:
            self.call_from_thread(self._opened, forum, viewer, make_screen)
        remember_home(self.start_snapshot, forum, viewer)  # for the next start

    def _paint_recalled_home(self) -> bool:
        """Paint home from the last start's snapshot when its rows are unchanged
        (``screens/first_screen.py``), before the store is imported; True when it did.
        Returns once home is on the terminal: the store's imports would hold the GIL."""
        recalled = recalled_home(self.start_snapshot)
        if recalled is None:
            return False
        viewer, areas, counts, first_board = recalled
        home = partial(home_screen(), areas, first_board=first_board)  # imported here
        painted = threading.Event()
        self._forum_opened.clear()
        try:
            self.call_from_thread(self._show_recalled_home, viewer, home, counts, painted.set)
        except BaseException:  # the app has ended: nothing may wait for a store never opened
            self._forum_opened.set()
            raise
        for _ in range(PAINT_CHECKS):  # until home is out, or the app has ended meanwhile
            if painted.wait(PAINT_CHECK_SECONDS) or not self.is_running:
                break
        return True

    def _show_recalled_home(
        self, viewer: Viewer, home: Callable[..., Screen], counts: tuple, painted: Callable
    ) -> None:
        self.viewer = viewer
        self.header_counts = counts
        self._first_screen(partial(home, painted=painted))

    def _store_opened_behind_home(self, viewer: Viewer | None) -> None:
        """The store is open under the home painted from the snapshot: the member as
        signed in now, and home's lists and counts read live (what time alone changed;
        the first board's visit is recorded by that read)."""
        from forum_tui.screens.live import lists_changed
        from forum_tui.widgets.header import refresh_badges

        self.viewer = viewer
        lists_changed(self)
        refresh_badges(self)

    def _say(self, message: str) -> None:
        if isinstance(self.screen, StartingScreen):
            self.screen.say(message)

    def _opened(
        self, forum: Forum, viewer: Viewer | None, make_screen: Callable[[], Screen]
    ) -> None:
        self.forum = forum
        self.viewer = viewer
        self.community = forum.community
        self._first_screen(make_screen)

    #: One line to show once the first screen is up (the CLI: "Made a new, empty forum
    #: database at ..."); the opening worker may set it.
    start_notice: str = ""

    def _open_failed(self, error: BaseException) -> None:
        self.start_error = error
        self.exit(return_code=1)

    # --- end paint first

    def signed_in(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.switch_screen(home_screen()())

    def open_place(self, kind: str, slug: str) -> None:
        """Go to an area or board (from the palette), from wherever the reader is."""
        home_class = home_screen()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, home_class):
            self.pop_screen()
        home = self.screen
        if not isinstance(home, home_class):
            return
        opened = home.open_board(slug) if kind == "board" else home.open_area(slug)
        if not opened:
            self.notify("That place is not open to you.", severity="warning", markup=False)

    def action_help(self) -> None:
        from forum_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        name = type(self.screen).__name__.removesuffix("Screen") or "Forum"
        self.push_screen(HelpScreen(self.screen, _readable(name)))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    # --- actions: next unread (J), notifications (N), profile (p)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        signed_in = self.viewer is not None
        if action in _SIGNED_IN_ACTIONS:
            return signed_in
        if action == "verify_email":  # --- issue 14: only while unverified
            return signed_in and not self.viewer.email_verified
        if action in ("report_queue", "audit_log"):  # --- moderation: moderators and staff
            return signed_in and self.viewer.is_moderator
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

    # --- issue 14: the Help Wizard (w on home), the Guidelines, verifying an email address

    def action_help_wizard(self) -> None:
        from forum_tui.screens.help_wizard import HelpWizardScreen

        if self.viewer is not None and not isinstance(self.screen, HelpWizardScreen):
            self.push_screen(HelpWizardScreen())

    def action_guidelines(self) -> None:
        from forum_tui.screens.guidelines import GuidelinesScreen

        if not isinstance(self.screen, GuidelinesScreen):
            self.push_screen(GuidelinesScreen())

    def action_verify_email(self) -> None:
        from forum_tui.screens.verify_email import VerifyEmailDialog

        if self.viewer is not None and not self.viewer.email_verified:
            self.push_screen(VerifyEmailDialog())

    def _newcomer_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Guidelines", "The fifteen Community Guidelines, with examples", self.action_guidelines
        )
        if self.viewer is None:
            return
        yield SystemCommand(
            "Help Wizard",
            "Find an answer in the FAQs and solved threads, then ask on the right board",
            self.action_help_wizard,
        )
        if not self.viewer.email_verified:
            yield SystemCommand(
                "Verify email address",
                "Type the code mailed to you, or send a new one",
                self.action_verify_email,
            )

    # --- end issue 14

    def action_ranks(self) -> None:  # --- ranks
        from forum_tui.screens.people import show_ranks

        show_ranks(self)

    # --- inbox: ``I`` from anywhere once signed in, and "Inbox" in the palette.

    def action_inbox(self) -> None:
        from forum_tui.screens.inbox import InboxScreen

        if self.viewer is not None and not isinstance(self.screen, InboxScreen):
            self.push_screen(InboxScreen())

    # --- end inbox

    # --- moderation: ``Q`` and the palette open the report queue; the palette the audit log

    def action_report_queue(self) -> None:
        from forum_tui.screens.report_queue import ReportQueueScreen

        moderator = self.viewer is not None and self.viewer.is_moderator
        if moderator and not isinstance(self.screen, ReportQueueScreen):
            self.push_screen(ReportQueueScreen())

    def action_audit_log(self) -> None:
        from forum_tui.screens.audit_log import AuditLogScreen

        moderator = self.viewer is not None and self.viewer.is_moderator
        if moderator and not isinstance(self.screen, AuditLogScreen):
            self.push_screen(AuditLogScreen())

    # --- end moderation

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.viewer is not None:  # --- ranks, settings, the Stars Program
            from forum_tui.screens.people import people_commands

            yield from people_commands(self)
        yield SystemCommand(
            "Light/dark theme", "Switch between the light and dark theme", self.action_toggle_theme
        )
        yield from self._newcomer_commands()  # --- issue 14
        if self.viewer is not None:  # --- inbox
            yield SystemCommand(
                "Inbox", "Private messages and notifications (I)", self.action_inbox
            )
        if self.viewer is not None and self.viewer.is_moderator:  # --- moderation
            yield SystemCommand(
                "Report queue", "Triage reported posts and messages (Q)", self.action_report_queue
            )
            yield SystemCommand(
                "Audit log", "Every moderator and staff action", self.action_audit_log
            )

        if self.viewer is not None:  # --- ideas (screens/idea_form.py)
            from forum_tui.screens.idea_form import submit_an_idea

            yield SystemCommand(
                "Submit an idea", "The Idea Exchange's form", lambda: submit_an_idea(self)
            )


#: Global actions open to any signed-in member.
_SIGNED_IN_ACTIONS = frozenset(
    {"next_unread", "notifications", "profile", "search", "ranks", "help_wizard", "inbox"}
)


def _readable(name: str) -> str:
    """A screen's class name as words for the help title: "ReportQueue" -> "Report queue"."""
    if name in _PROPER_NAMES:
        return _PROPER_NAMES[name]
    words = re.findall(r"[A-Z][a-z]*", name) or [name]
    return " ".join([words[0], *(word.lower() for word in words[1:])])


_PROPER_NAMES = {"HelpWizard": "Help Wizard", "StarsProgram": "Stars Program"}


def make_app(forum: Forum, *, viewer: Viewer | None = None) -> ForumApp:
    """The app for ``forum``; with ``viewer`` it starts signed in (``--as``)."""
    return ForumApp(forum, viewer)


def make_opening_app(
    opening: Opening, community: Community, start_snapshot: StartSnapshot | None = None
) -> ForumApp:
    """The app that paints first, then opens the forum with ``opening`` (the CLI's way);
    with ``start_snapshot``, home may paint from the last start's reads before that."""
    return ForumApp(None, opening=opening, community=community, start_snapshot=start_snapshot)
