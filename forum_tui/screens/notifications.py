"""``N``: the member's notifications, newest first, a page at a time.

Replies, @mentions, quotes, followed boards and threads, accepted solutions, blog posts,
idea and issue status changes, rank-ups, report outcomes. Unread ones are bold with a dot;
``enter`` marks one read and opens its thread at the post; ``M`` marks them all read. The
header's badge counts what is still unread.

:class:`NotificationsPane` is the list itself (loading, opening, marking read); the ``N``
screen and the inbox (``screens/inbox.py``, notifications beside messages) both show it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumAccess, ForumScreen, plain_error
from forum_tui.screens.early_reads import FIRST_READ_WAIT, EarlyReads
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader, refresh_badges
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import ago

PAGE = 40
NEAR_END = 5
WHEN = 12
MARK = 4
NOTHING = "No notifications yet. Follow a board or thread with s to hear what happens."

#: One glyph (one cell wide) and a word or two per kind.
KINDS = {
    "reply": ("↩", "Reply"),
    "mention": ("@", "Mention"),
    "quote": ("❝", "Quote"),
    "subscription": ("◎", "Following"),
    "solution": ("✓", "Solution"),
    "blog_post": ("✎", "Community Blog"),
    "idea_status": ("▲", "Idea status"),
    "issue_status": ("!", "Issue status"),
    "more_info": ("?", "More info needed"),  # --- Ongoing Issues: Need More Info
    "rank_up": ("★", "Rank"),
    "report_outcome": ("⚑", "Report"),
    "message": ("✉", "Message"),
    "stars": ("★", "Stars Program"),  # --- issue 13: an application's outcome
}


def notification_row(note: views.NotificationView, now: datetime, staff_mark: str) -> Columns:
    """The words and when on top; the kind and who below. Unread: bold, with a dot."""
    glyph, kind = KINDS.get(note.kind, ("•", note.kind.replace("_", " ").capitalize()))
    dot = label("●", "$accent") if not note.read else Content(" ")
    mark = join(dot, " ", label(glyph, "$text-accent" if not note.read else MUTED))
    text = safe_line(note.text, "bold" if not note.read else "")
    byline: list[Content] = [label(kind, MUTED)]
    if note.actor is not None:
        byline.append(member_name(note.actor, staff_mark, MUTED))
    if note.thread_id is None:
        byline.append(label("nothing to open", MUTED))
    return Columns(
        [
            [
                Cell(mark, MARK),
                Cell(text),
                Cell(label(ago(note.created_at, now), MUTED), WHEN, "right"),
            ],
            [
                Cell(Content(""), MARK),
                Cell(join(*byline, separator=" · ")),
                Cell(Content(""), WHEN),
            ],
        ]
    )


class NotificationList(ForumList):
    """Notification rows (options, not widgets); asks for more near the end."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open")]

    class NearEnd(Message):
        """The cursor is close to the last loaded row."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - NEAR_END:
            self.post_message(self.NearEnd())


class NotificationsPane(EarlyReads, ForumAccess, Vertical):
    """The notifications list with its summary and status lines, loading itself a page at
    a time; ``enter`` opens one, ``M`` marks all read. Shown by ``N`` on a screen of its
    own and beside the messages in the inbox (``screens/inbox.py``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("M", "mark_all_read", "Mark all read"),
    ]

    class Counted(Message):
        """The unread count changed (the inbox shows it on its Notifications row)."""

        def __init__(self, unread: int) -> None:
            super().__init__()
            self.unread = unread

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.notes: dict[str, views.NotificationView] = {}
        self.next_cursor: str | None = None
        self.loading_more = False
        self.now = datetime.min

    def compose(self) -> ComposeResult:
        self.now = self.current_time()
        self.load_page(None)  # read while the pane is built (``early_reads``)
        yield Label(label("Notifications", "bold"), id="notifications-title", markup=False)
        yield Static(Content(""), id="notifications-summary", markup=False)
        yield NotificationList(id="notification-list")
        yield Label(label("Loading…", MUTED), id="notifications-status", markup=False)

    @property
    def rows(self) -> NotificationList:
        return self.query_one(NotificationList)

    async def on_mount(self) -> None:
        # Its first page (a few ms) often came in after the pane was built: it painted
        # "Loading…", then the rows a frame later. Held, the first paint has the rows.
        await self.hold_for_early_reads(FIRST_READ_WAIT)

    # -- loading

    @work(thread=True, exclusive=True, group="notifications")
    def load_page(self, cursor: str | None) -> None:
        try:
            page = self.forum.notifications(self.viewer, cursor, PAGE)
            unread = self.forum.unread_notification_count(self.viewer) if cursor is None else None
            drawn = {note.id: self._row(note) for note in page.items}  # off the UI thread
        except Exception as error:
            self.app.call_from_thread(self.when_built, self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self.when_built, self._add_page, page, drawn, unread)

    def _add_page(
        self,
        page: views.Page[views.NotificationView],
        drawn: dict[int, Columns],
        unread: int | None,
    ) -> None:
        self.loading_more = False
        self.next_cursor = page.next_cursor
        fresh = [note for note in page.items if str(note.id) not in self.notes]
        for note in fresh:
            self.notes[str(note.id)] = note
        self.rows.add_options(Option(drawn[note.id], id=str(note.id)) for note in fresh)
        if self.rows.highlighted is None and self.rows.option_count:
            self.rows.highlighted = 0
        if unread is not None:
            self._summary(unread)
        self._status("" if self.notes else NOTHING, MUTED)

    def _failed(self, message: str) -> None:
        self.loading_more = False
        self._status(message, "$text-error")

    @on(NotificationList.NearEnd)
    def _near_end(self) -> None:
        if self.next_cursor is not None and not self.loading_more:
            self.loading_more = True
            self._status("Loading more…", MUTED)
            self.load_page(self.next_cursor)

    def _row(self, note: views.NotificationView) -> Columns:
        return notification_row(note, self.now, self.staff_mark)

    def _summary(self, unread: int) -> None:
        words = "Nothing unread" if not unread else f"{unread}{'+' if unread >= 99 else ''} unread"
        hint = "  ·  enter opens  ·  M marks all read  ·  esc back"
        self.query_one("#notifications-summary", Static).update(
            join(label(words, "bold $accent" if unread else MUTED), label(hint, MUTED))
        )
        self.post_message(self.Counted(unread))

    def _status(self, message: str, style: str = "") -> None:
        status = self.query_one("#notifications-status", Label)
        status.update(label(message, style))
        status.display = bool(message)

    # -- open, mark read

    @on(OptionList.OptionSelected, "#notification-list")
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.notes.get(event.option.id or "")
        if note is None:
            return
        if not note.read:
            self._show_read([note.id])
            self.mark_read(note.id)
        if note.thread_id is not None:
            from forum_tui.screens.jump import open_thread

            open_thread(self.forum_app, note.thread_id, note.position)

    @work(thread=True, group="mark-read")
    def mark_read(self, notification_id: int) -> None:
        try:
            self.forum.mark_notification_read(self.viewer, notification_id)
            unread = self.forum.unread_notification_count(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self._marked, unread)

    def action_mark_all_read(self) -> None:
        self.mark_all_read()

    @work(thread=True, exclusive=True, group="mark-all")
    def mark_all_read(self) -> None:
        try:
            self.forum.mark_all_notifications_read(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self._all_read)

    def _all_read(self) -> None:
        self._show_read([note.id for note in self.notes.values() if not note.read])
        self._marked(0)
        self.notify("All notifications marked read.", markup=False)

    def _marked(self, unread: int) -> None:
        self._summary(unread)
        refresh_badges(self.app)

    def _show_read(self, ids: list[int]) -> None:
        """Redraw just these rows as read."""
        for notification_id in ids:
            key = str(notification_id)
            note = self.notes.get(key)
            if note is None:
                continue
            self.notes[key] = replace(note, read=True)
            self.rows.replace_option_prompt(key, self._row(self.notes[key]))


class NotificationsScreen(ForumScreen):
    """The list of notifications on a screen of its own (``N``); esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        yield NotificationsPane(id="notifications", classes="main-pane")
        yield KeyFooter()

    @property
    def pane(self) -> NotificationsPane:
        return self.query_one(NotificationsPane)

    @property
    def rows(self) -> NotificationList:
        return self.pane.rows

    @property
    def notes(self) -> dict[str, views.NotificationView]:
        return self.pane.notes

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Notifications"))
        self.rows.focus()

    def action_back(self) -> None:
        self.dismiss()
