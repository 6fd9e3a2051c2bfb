"""The bar across the top: the community's name, where you are, and who you are."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from forum_tui.store.views import Viewer
from forum_tui.widgets.member import member_badge
from forum_tui.widgets.safe import join, label, safe_line

# --- notifications badge (actions): how often the unread count is asked again
BADGE_EVERY = 2.0


class ForumHeader(Horizontal):
    """Community name on the left, a place (board or thread) in the middle, the viewer right."""

    DEFAULT_CSS = """
    ForumHeader {
        height: 1;
        dock: top;
        background: $panel;
        padding: 0 1;
        #header-community { width: auto; text-style: bold; color: $text-primary; }
        #header-place { width: 1fr; padding: 0 2; color: $foreground-muted; }
        #header-viewer { width: auto; }
        #header-inbox { width: auto; padding-right: 2; }
    }
    """

    def __init__(self, community: str, viewer: Viewer | None, staff_mark: str) -> None:
        super().__init__()
        self.community = community
        self.viewer = viewer
        self.staff_mark = staff_mark

    def compose(self) -> ComposeResult:
        yield Label(safe_line(self.community), id="header-community", markup=False)
        yield Label(Content(""), id="header-place", markup=False)
        yield Label(Content(""), id="header-inbox", markup=False)  # --- inbox mark
        yield Label(Content(""), id="header-badge", markup=False)  # --- notifications badge
        yield Label(Content(""), id="header-reports", markup=False)  # --- moderation
        yield Label(self._viewer(), id="header-viewer", markup=False)

    def set_place(self, place: Content) -> None:
        self.query_one("#header-place", Label).update(place)

    def _viewer(self) -> Content:
        if self.viewer is None:
            return label("not signed in", "$foreground-muted")
        badge = join(member_badge(self.viewer, self.staff_mark, pronouns=False))  # room at 80
        until = self.viewer.suspended_until  # --- moderation: a suspended member is told
        if until is not None and until > self.app.current_time():
            badge = join(
                label(f"suspended until {until:%d %b %Y, %H:%M} UTC (read only)  ", "bold $error"),
                badge,
            )
        return badge

    # --- notifications badge (actions): "● 3 new" while something is unread (``N`` opens
    # them). Asked of the store off the UI thread on mount, every ``BADGE_EVERY`` seconds
    # while this header's screen is the current one, and after actions (``refresh_badges``).
    #
    # One ask at a time, never cancelled: a thread worker cannot be stopped, so cancelling
    # one (an exclusive worker) only hid it while its thread ran on and painted its older
    # counts later, and ``workers.wait_for_complete`` (the tests' settle) saw a cancelled
    # worker and raised ``WorkerCancelled``. An ask that comes while one is on its way is
    # kept as one more ask, made as soon as that one is done, so the last counts shown are
    # always asked after the last action.

    _asking = False
    _ask_again = False

    def on_mount(self) -> None:
        self.query_one("#header-badge").display = False
        self.query_one("#header-inbox").display = False  # --- inbox mark
        self.query_one("#header-reports").display = False  # --- moderation
        if self.viewer is not None:
            # The counts the last header showed, before the first paint: a new screen's
            # header then rarely changes (each change lays the header out again).
            known = getattr(self.app, "header_counts", None)
            if known is not None and known[1].id == self.viewer.id:
                self._show_counts(known)
            # Asked again after the screen's first paint, which has the counts above: the
            # ask's thread holds the GIL and held back home's first frame as much.
            self.call_after_refresh(self.refresh_badge)
            self.set_interval(BADGE_EVERY, self._badge_tick)

    def _badge_tick(self) -> None:
        if self.screen.is_current:
            self.refresh_badge()

    def refresh_badge(self) -> None:
        """Ask the store for the counts again (or once more after the ask on its way)."""
        if self.viewer is None:
            return
        if self._asking:
            self._ask_again = True
            return
        self._asking = True
        self._ask_counts(self.viewer)

    @work(thread=True, group="badge", exit_on_error=False)
    def _ask_counts(self, viewer: Viewer) -> None:
        self.app.call_from_thread(self._asked, self._counts(viewer))

    def _counts(self, viewer: Viewer) -> tuple[int, Viewer, int, int | None] | None:
        try:
            return read_counts(self.app.forum, viewer)
        except Exception as error:  # a badge is never worth an error on screen
            self.log.error(error)
            return None

    def _asked(self, counts: tuple[int, Viewer, int, int | None] | None) -> None:
        self._asking = False
        if not self.is_attached:
            return
        if counts is not None:
            self.app.header_counts = counts
            self._show_counts(counts)
        if self._ask_again:
            self._ask_again = False
            self.refresh_badge()

    def _show_counts(self, counts: tuple[int, Viewer, int, int | None]) -> None:
        count, now, messages, reports = counts
        self.show_badge(count)
        self.show_inbox_mark(now.pm_enabled, messages)
        if reports is not None:
            self.show_reports(reports)
        if now != self.viewer:
            self.show_viewer(now)

    def show_viewer(self, viewer: Any) -> None:
        """A rank-up (or a new name) shows without signing in again."""
        self.viewer = viewer
        self.app.viewer = viewer
        self.query_one("#header-viewer", Label).update(self._viewer())

    def show_badge(self, count: int) -> None:
        words = f"● {count}{'+' if count >= 99 else ''} new (N)" if count else ""
        _show(self.query_one("#header-badge", Label), label(words, "bold $accent"))

    # --- inbox mark: "✉ 2 (I)" while conversations are unread; "✉! (I)" while private
    # messages are off (the reference shows an exclamation mark by its mail icon).

    def show_inbox_mark(self, messages_on: bool, unread: int) -> None:
        mark = self.query_one("#header-inbox", Label)
        if not messages_on:
            _show(mark, label("✉! (I)", "$text-warning"))
        elif unread:
            _show(mark, label(f"✉ {unread}{'+' if unread >= 99 else ''} (I)", "bold $accent"))
        else:
            _show(mark, label(""))

    def show_reports(self, count: int) -> None:
        """--- moderation: "⚑ 15 open" for moderators and staff (``Q`` opens the queue)."""
        words = f"⚑ {count} open (Q)" if count else ""
        _show(self.query_one("#header-reports", Label), label(words, "bold $text-warning"))


def read_counts(forum: Any, viewer: Viewer) -> tuple[int, Viewer, int, int | None]:
    """(unread notifications, the viewer now, unread conversations, open reports): what
    the header shows. The app's opening worker reads them too, before home is built, so
    home's first frame has them (``app.header_counts``)."""
    count = forum.unread_notification_count(viewer)
    now = forum.who_am_i(viewer)
    messages = forum.unread_conversation_count(viewer)  # --- inbox mark
    # --- moderation: the live count of open reports
    reports = forum.open_report_count(viewer) if viewer.is_moderator else None
    return count, now, messages, reports


def _show(mark: Label, content: Content) -> None:
    """Show ``content`` in one of the header's marks (hidden while empty), touching the
    label only when it changes: each change lays the header out again."""
    shown = bool(content.plain)
    if shown and mark.content != content:
        mark.update(content)
    if mark.display != shown:
        mark.display = shown


def refresh_badges(app: Any) -> None:
    """Ask every open screen's header for a fresh unread count."""
    for screen in app.screen_stack:
        for header in screen.query(ForumHeader):
            header.refresh_badge()


# --- end notifications badge
