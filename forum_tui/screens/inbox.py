"""``I``: the inbox. Conversations on the left (newest first, unread ones marked, the
member's notifications as the first row), the open conversation on the right.

Keys: ``enter`` opens the highlighted row, ``n`` writes a new message, ``r`` replies
(``ctrl+s`` sends), ``!`` reports the highlighted message, ``b`` blocks (or unblocks) its
author, ``d`` deletes the conversation from one's own inbox, ``/`` searches one's own
messages, ``e`` turns private messages on or off (``messenger_setting``), ``tab`` moves
between the list and the pane, ``esc`` goes back.

While messages are off the right pane says so and how to turn them on (or, under 18,
that messages open at 18); notifications still work.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ContentSwitcher, Label, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.early_reads import FIRST_READ_WAIT, EarlyReads
from forum_tui.screens.inbox_actions import InboxActions
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader, refresh_badges
from forum_tui.widgets.message_view import conversation_row
from forum_tui.widgets.safe import MUTED, join, label

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import AwaitMount

    from forum_tui.screens.conversation_pane import ConversationPane
    from forum_tui.screens.message_search import MessageSearchPane
    from forum_tui.screens.notifications import NotificationsPane
    from forum_tui.widgets.columns import (
        Columns,  # the right side's panes are imported when first mounted (``_make_pane``)
    )

PAGE = 40
NEAR_END = 5
#: How often the inbox asks whether anything new arrived (SPEC 6: about two seconds).
LIVE_EVERY = 2.0
#: How long the cursor rests on a conversation before it is read ahead.
PREFETCH_AFTER = 0.15
NOTIFICATIONS = "notifications"
PICK = "Choose a conversation and press enter, or n to write a new message."
NOTHING_YET = "No conversations yet. n writes to a member."
MESSAGES_OFF = "Your private messages are off. Press e to turn them on."


def _conversation_key(conversation_id: int) -> str:
    return f"c{conversation_id}"


class InboxList(ForumList):
    """The notifications row, then conversations; asks for more near the end."""

    class NearEnd(Message):
        """The cursor is close to the last loaded row."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - NEAR_END:
            self.post_message(self.NearEnd())


class InboxScreen(InboxActions, EarlyReads, ForumScreen):  # report, block, delete: inbox_actions.py
    """Messages and notifications in one place (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_message", "New"),
        Binding("r", "reply_message", "Reply"),
        Binding("exclamation_mark", "report_message", "Report", key_display="!"),
        Binding("b", "block", "Block"),
        Binding("d", "delete_conversation", "Delete"),
        Binding("slash", "search_messages", "Search", key_display="/", show=False),
        Binding("e", "messenger", "On/off"),
        Binding("B", "blocked_members", "Blocked", show=False),
        Binding("tab", "switch_pane", "Switch pane", show=False),
        Binding("escape", "back", "Back"),
        Binding("q", "leave", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state: views.InboxState | None = None
        self.summaries: dict[str, views.ConversationSummary] = {}
        self.blocked: set[int] = set()
        self.next_cursor: str | None = None
        self.loading_more = False
        self.open_id: int | None = None
        self.notes_unread = 0
        self.now = datetime.min
        self.mounting: dict[str, AwaitMount] = {}  # the right side's panes, by id
        self.prefetch_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        self.reload()  # read while the frame is built (``early_reads``)
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Horizontal(id="inbox"):
            with Vertical(id="inbox-side"):
                yield Static(label("Inbox", "bold"), id="inbox-summary", markup=False)
                yield InboxList(id="inbox-list")
                yield Label(label("Loading…", MUTED), id="inbox-status", markup=False)
            with ContentSwitcher(id="inbox-main", initial="inbox-pick"):
                yield Static(label(PICK, MUTED), id="inbox-pick", markup=False)
                yield Static(Content(""), id="inbox-off", markup=False)
                # The conversation, notifications and search panes are mounted the first
                # time they are shown (``_show``): the inbox paints sooner without them.
        yield KeyFooter()

    @property
    def rows(self) -> InboxList:
        return self.query_one(InboxList)

    @property
    def pane(self) -> ConversationPane:
        """The conversation pane (once a conversation has been opened)."""
        return cast("ConversationPane", self.query_one("#inbox-conversation"))

    @property
    def search_pane(self) -> MessageSearchPane:
        """The search pane (once ``/`` has been pressed)."""
        return cast("MessageSearchPane", self.query_one("#inbox-search"))

    @property
    def notifications(self) -> NotificationsPane:
        """The notifications pane (once its row has been opened)."""
        return cast("NotificationsPane", self.query_one("#inbox-notifications"))

    async def _show(self, name: str) -> None:
        """Show one of the right side's panes, mounting it the first time."""
        await self._mount_pane(name)
        self.main.current = name

    def _mount_pane(self, name: str) -> AwaitMount:
        """Mount a right-side pane, hidden, unless it is mounted (or on its way)."""
        if name not in self.mounting:
            pane = _make_pane(name)
            pane.display = False
            self.mounting[name] = self.main.mount(pane)
        return self.mounting[name]

    async def _prepare_conversation_pane(self) -> None:
        """Mount the conversation pane, hidden, once the inbox has painted, and read the
        conversation under the cursor: enter then only shows it (mounting and styling
        the pane, and the first reads, cost more than the showing)."""
        if self.is_attached:
            await self._mount_pane("inbox-conversation")
            self._prefetch_highlighted()

    @on(OptionList.OptionHighlighted, "#inbox-list")
    def _row_highlighted(self) -> None:
        """Read ahead the conversation the cursor rests on (not each one it passes)."""
        if self.prefetch_timer is not None:
            self.prefetch_timer.stop()
        if "inbox-conversation" in self.mounting:
            self.prefetch_timer = self.set_timer(PREFETCH_AFTER, self._prefetch_highlighted)

    def _prefetch_highlighted(self) -> None:
        summary = self._highlighted_summary()
        if summary is not None and summary.id != self.open_id:
            self.pane.prefetch(summary.id)

    @property
    def main(self) -> ContentSwitcher:
        return self.query_one(ContentSwitcher)

    async def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Inbox"))
        self.rows.focus()
        # Its reads (a few ms) compete for the GIL with building the screen and often
        # came in after it: the inbox painted "Loading…", then its rows a frame later
        # (pty: about 60 ms when they were in time, 100 when not). Held, it paints once.
        await self.hold_for_early_reads(FIRST_READ_WAIT)
        self.set_interval(LIVE_EVERY, self._live_tick)

    # -- live: messages written by another process show within LIVE_EVERY seconds

    def _live_tick(self) -> None:
        if self.is_current and self.state is not None and self.state.messages_on:
            self.check_new()

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def check_new(self) -> None:
        try:
            page = self.forum.conversations(self.viewer, None, PAGE)
        except Exception as error:  # the next tick tries again
            self.log.error(error)
            return
        self.app.call_from_thread(self._compare, page)

    def _compare(self, page: views.Page) -> None:
        """Reload the list when a conversation changed; show new messages in the open one."""
        changed = [
            row
            for row in page.items
            if (known := self.summaries.get(_conversation_key(row.id))) is None
            or known.last_message_at != row.last_message_at
        ]
        if not changed:
            return
        self.reload()
        if self.open_id is not None and any(row.id == self.open_id for row in changed):
            self.pane.load_newest()

    # -- loading

    def reload(self) -> None:
        self.now = self.current_time()
        if "inbox-conversation" in self.mounting:
            self.pane.forget_prefetch()
        self.load_inbox()

    @work(thread=True, exclusive=True, group="inbox")
    def load_inbox(self) -> None:
        try:
            state = self.forum.inbox_state(self.viewer)
            page = self.forum.conversations(self.viewer, None, PAGE) if state.messages_on else None
            blocked = self.forum.blocked_members(self.viewer)
            notes = self.forum.unread_notification_count(self.viewer)
            drawn = self._drawn(page)
        except Exception as error:
            message = plain_error(error)
            self.app.call_from_thread(self.when_built, self._status, message, "$text-error")
        else:
            arguments = (state, page, drawn, blocked, notes)
            self.app.call_from_thread(self.when_built, self._show_inbox, *arguments)

    def _drawn(self, page: views.Page | None) -> dict[int, Columns]:
        """A page's rows drawn, by the worker that read it (off the UI thread)."""
        if page is None:
            return {}
        return {row.id: conversation_row(row, self.now, self.staff_mark) for row in page.items}

    def _show_inbox(
        self,
        state: views.InboxState,
        page: views.Page | None,
        drawn: dict[int, Columns],
        blocked: tuple[views.MemberBadge, ...],
        notes_unread: int,
    ) -> None:
        self.state = state
        self.notes_unread = notes_unread
        self.blocked = {member.id for member in blocked}
        keep = self.rows.highlighted_option.id if self.rows.highlighted_option else None
        self.summaries.clear()
        self.rows.clear_options()
        self.rows.add_option(Option(self._notifications_row(), id=NOTIFICATIONS))
        if page is not None:
            self._add_page(page, drawn)
        self._summary()
        ids = [self.rows.get_option_at_index(i).id for i in range(self.rows.option_count)]
        self.rows.highlighted = ids.index(keep) if keep in ids else min(1, len(ids) - 1)
        if not state.messages_on:
            self._show_off(state)
        elif self.main.current == "inbox-off":
            self.main.current = "inbox-pick"
        self._status("" if self.summaries or not state.messages_on else NOTHING_YET, MUTED)
        if state.messages_on and "inbox-conversation" not in self.mounting:
            self.call_after_refresh(self._prepare_conversation_pane)

    def _add_page(self, page: views.Page, drawn: dict[int, Columns]) -> None:
        self.loading_more = False
        self.next_cursor = page.next_cursor
        fresh = [row for row in page.items if _conversation_key(row.id) not in self.summaries]
        for row in fresh:
            self.summaries[_conversation_key(row.id)] = row
        self.rows.add_options(Option(drawn[row.id], id=_conversation_key(row.id)) for row in fresh)

    @on(InboxList.NearEnd)
    def _near_end(self) -> None:
        if self.next_cursor is not None and not self.loading_more:
            self.loading_more = True
            self.load_more(self.next_cursor)

    @work(thread=True, exclusive=True, group="inbox-more")
    def load_more(self, cursor: str) -> None:
        try:
            page = self.forum.conversations(self.viewer, cursor, PAGE)
            drawn = self._drawn(page)
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._add_page, page, drawn)

    def _notifications_row(self) -> Content:
        count = self.notes_unread
        words = f"Notifications ({count} new)" if count else "Notifications"
        return join(label("◎ ", "$text-accent"), label(words, "bold" if count else ""))

    def on_notifications_pane_counted(self, event: NotificationsPane.Counted) -> None:
        self.notes_unread = event.unread
        if self.rows.option_count:
            self.rows.replace_option_prompt(NOTIFICATIONS, self._notifications_row())

    def _summary(self) -> None:
        state = self.state
        if state is None:
            return
        if not state.messages_on:
            words = join(label("Inbox", "bold"), label("  ✉! messages off", "$text-warning"))
        else:
            new = label(f"  ✉ {state.unread} new", "bold $accent") if state.unread else ""
            words = join(label("Inbox", "bold"), new)
        self.query_one("#inbox-summary", Static).update(words)

    def _show_off(self, state: views.InboxState) -> None:
        from forum_tui.screens.messenger_setting import messages_off_text

        age = self.community.limits.pm_min_age
        self.query_one("#inbox-off", Static).update(messages_off_text(state, age))
        self.main.current = "inbox-off"

    def _status(self, message: str, style: str = "") -> None:
        status = self.query_one("#inbox-status", Label)
        status.update(label(message, style))
        status.display = bool(message)

    # -- opening rows

    @on(OptionList.OptionSelected, "#inbox-list")
    async def _row_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == NOTIFICATIONS:
            await self._show("inbox-notifications")
            self.notifications.rows.focus()
            return
        summary = self.summaries.get(event.option.id or "")
        if summary is not None:
            await self.open_conversation(summary.id)

    async def open_conversation(self, conversation_id: int, *, reply: bool = False) -> None:
        """Show a conversation in the right pane, focused (on the reply box with ``reply``)."""
        if self.state is None or not self.state.messages_on:
            self.notify(MESSAGES_OFF, markup=False)
            return
        self.open_id = conversation_id
        await self._show("inbox-conversation")
        key = _conversation_key(conversation_id)
        summary = self.summaries.get(key)
        self.pane.open(conversation_id, summary.last_message_at if summary else None)
        (self.pane.reply_box if reply else self.pane.rows).focus()
        if summary is not None and summary.unread:
            self.summaries[key] = replace(summary, unread=False)
            if self.state is not None:
                self.state = replace(self.state, unread=max(0, self.state.unread - 1))
                self._summary()
            self.rows.replace_option_prompt(
                key, conversation_row(self.summaries[key], self.now, self.staff_mark)
            )

    def on_conversation_pane_sent(self) -> None:
        self.reload()

    def on_conversation_pane_closed(self) -> None:
        self.rows.focus()

    # -- the keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The message keys need messages on: dimmed until the inbox's state is read
        (so the footer keeps its layout when they light up), hidden while messages are off."""
        if action in (
            "new_message",
            "reply_message",
            "report_message",
            "block",
            "delete_conversation",
            "search_messages",
        ):
            return None if self.state is None else self.state.messages_on
        return True

    def action_new_message(self) -> None:
        from forum_tui.screens.new_message import NewMessageDialog

        self.app.push_screen(NewMessageDialog(), self._new_message_sent)

    async def _new_message_sent(self, conversation_id: int | None) -> None:
        if conversation_id is None:
            return
        self.notify("Message sent.", markup=False)
        self.reload()
        await self.open_conversation(conversation_id)

    async def action_reply_message(self) -> None:
        if self.open_id is not None and self.main.current == "inbox-conversation":
            self.pane.reply_box.focus()
            return
        summary = self._highlighted_summary()
        if summary is None:
            self.notify("Choose a conversation to reply to.", markup=False)
            return
        await self.open_conversation(summary.id, reply=True)

    async def action_search_messages(self) -> None:
        await self._show("inbox-search")
        self.search_pane.focus_query()

    async def on_message_search_pane_chosen(self, event: MessageSearchPane.Chosen) -> None:
        await self.open_conversation(event.conversation_id)

    def action_blocked_members(self) -> None:
        from forum_tui.screens.blocked_members import BlockedMembersDialog

        self.app.push_screen(BlockedMembersDialog(), self._unblocked)

    def _unblocked(self, count: int | None) -> None:
        if count:
            self.reload()
            if self.open_id is not None:
                self.pane.open(self.open_id)

    def action_messenger(self) -> None:
        from forum_tui.screens.messenger_setting import PrivateMessengerDialog

        self.app.push_screen(PrivateMessengerDialog(), self._messenger_changed)

    def _messenger_changed(self, enabled: bool | None) -> None:
        if enabled is None:
            return
        if not enabled:
            self.open_id = None
        self.reload()

    def action_switch_pane(self) -> None:
        if self.rows.has_focus:
            current = self.main.current
            if current == "inbox-conversation":
                self.pane.rows.focus()
            elif current == "inbox-notifications":
                self.notifications.rows.focus()
            elif current == "inbox-search":
                self.search_pane.focus_query()
        else:
            self.rows.focus()

    def action_back(self) -> None:
        """esc: one step back inside the conversation pane, else out of the inbox."""
        if self.main.current == "inbox-conversation" and self.pane.has_focus_within:
            self.pane.step_back()
        else:
            self.action_leave()

    def action_leave(self) -> None:
        """q: out of the inbox (an unsent reply is kept as a draft)."""
        if self.open_id is not None:
            self.pane.keep_draft()
        refresh_badges(self.app)
        self.dismiss()

    # -- what the keys act on

    def _highlighted_summary(self) -> views.ConversationSummary | None:
        option = self.rows.highlighted_option
        return self.summaries.get(option.id or "") if option is not None else None

    def _current_message(self) -> views.MessageView | None:
        if self.main.current != "inbox-conversation":
            return None
        return self.pane.current_message


def _make_pane(name: str):
    """A right-side pane, by its id (see ``InboxScreen._show``), its module imported only
    now: the inbox paints sooner without them."""
    if name == "inbox-conversation":
        from forum_tui.screens.conversation_pane import ConversationPane

        return ConversationPane(id=name)
    if name == "inbox-notifications":
        from forum_tui.screens.notifications import NotificationsPane

        return NotificationsPane(id=name)
    from forum_tui.screens.message_search import MessageSearchPane

    return MessageSearchPane(id=name)
