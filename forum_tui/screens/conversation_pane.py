"""One conversation in the inbox's right pane: its head, its messages, the reply box.

The newest page of messages is shown first with the cursor on the last one; moving up
past the first loads the older page (a 500-message conversation never loads at once).
``ctrl+s`` in the reply box sends; a refusal (empty, too long, too fast, blocked, ...) is
shown under the box and the text stays. An unsent reply is kept as a draft
(``message:<conversation id>``) when the conversation is closed, and comes back.

The pane says what happened with messages; the inbox screen decides the rest
(``Sent`` refreshes the list, ``Closed`` gives the focus back to it).

Fast where it is felt: the inbox mounts this pane while nobody is looking, and
``prefetch`` reads the conversation under the cursor before enter is pressed; ``open``
then shows it at once and only marks it read. A prefetch is used only while the inbox
list still shows the same newest message (``open``'s ``last_message_at``), so nothing
that arrived since is missed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumAccess, keep_draft, plain_error
from forum_tui.screens.guideline_notices import open_guidelines, refusal_words
from forum_tui.store import views
from forum_tui.widgets.editor import BodyArea, editable
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.message_view import message_prompt, people
from forum_tui.widgets.safe import MUTED, join, label, safe_line

PAGE = 50
NEAR_TOP = 2


def draft_key(conversation_id: int) -> str:
    return f"message:{int(conversation_id)}"


@dataclass(frozen=True)
class Reading:
    """What opening a conversation reads: its head, newest page and unsent reply, and
    the page's messages drawn (``message_prompt``) by the worker, off the UI thread."""

    head: views.ConversationView
    page: views.Page
    draft: views.DraftView | None
    prompts: dict[int, Content]


class MessageList(ForumList):
    """The messages, one option each; asks for older ones near the top."""

    class NearTop(Message):
        """The cursor is close to the first loaded message."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted < NEAR_TOP:
            self.post_message(self.NearTop())


class ConversationPane(ForumAccess, Vertical):
    """A conversation: read it, reply to it (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", priority=True, show=False),
        Binding("f2", "cited_guideline", "Guideline cited", show=False),
    ]

    class Sent(Message):
        """A reply went out (the inbox list moves this conversation up)."""

    class Closed(Message):
        """esc from the message list: the focus goes back to the inbox list."""

    # esc is the screen's binding, which calls ``step_back`` while the pane has the focus:
    # a binding of the pane's own would change the footer (esc would give way to q there)
    # and rebuild it on every open, a layout pass for the same keys.

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.conversation: views.ConversationView | None = None
        self.messages: dict[str, views.MessageView] = {}
        self.older_cursor: str | None = None
        self.loading_older = False
        self.sending = False
        self.refusal_notices: tuple = ()  # what the last refusal cited (f2)
        self.now = datetime.min
        self.prefetched: Reading | None = None  # the conversation under the inbox cursor
        self.prefetches = 0  # counts prefetches asked for and forgotten: late ones are dropped

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="conversation-head", markup=False)
        yield MessageList(id="message-list")
        yield Static(Content(""), id="conversation-status", markup=False)
        yield BodyArea(id="reply-box", soft_wrap=True, show_line_numbers=False)
        yield Static(Content(""), id="reply-message", markup=False)

    @property
    def rows(self) -> MessageList:
        return self.query_one(MessageList)

    @property
    def reply_box(self) -> BodyArea:
        return self.query_one("#reply-box", BodyArea)

    @property
    def current_message(self) -> views.MessageView | None:
        option = self.rows.highlighted_option
        return self.messages.get(option.id or "") if option is not None else None

    def on_mount(self) -> None:
        self.reply_box.placeholder = "Write a reply (ctrl+s sends)"
        self._say("")

    # -- opening

    def open(self, conversation_id: int, last_message_at: datetime | None = None) -> None:
        """Show a conversation (keeping the unsent reply of the one shown before); at once
        when it was prefetched and ``last_message_at`` (the inbox row's) still matches."""
        self.keep_draft()
        self.conversation = None
        self.messages.clear()
        self.rows.clear_options()
        self.reply_box.text = ""
        self.older_cursor = None
        self.now = self.current_time()
        self._say("")
        reading, self.prefetched = self.prefetched, None
        if (
            reading is not None
            and reading.head.id == conversation_id
            and reading.head.last_message_at == last_message_at
        ):
            self._loaded(reading)
            self.mark_read(conversation_id)
            return
        self._status("Loading…", MUTED)
        self.load(conversation_id)

    def _read(self, conversation_id: int) -> Reading:
        head = self.forum.conversation(self.viewer, conversation_id)
        page = self.forum.conversation_messages(self.viewer, conversation_id, None, PAGE)
        draft = self.forum.draft(self.viewer, draft_key(conversation_id))
        now, mark = self.current_time(), self.staff_mark
        prompts = {message.id: message_prompt(message, now, mark) for message in page.items}
        return Reading(head, page, draft, prompts)

    @work(thread=True, exclusive=True, group="conversation")
    def load(self, conversation_id: int) -> None:
        try:
            reading = self._read(conversation_id)
            self.forum.mark_conversation_read(self.viewer, conversation_id)
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._loaded, reading)
            self.app.call_from_thread(self._refresh_badges)

    def prefetch(self, conversation_id: int) -> None:
        """Read a conversation ahead of ``open`` (the inbox cursor rests on it)."""
        self.forget_prefetch()
        self._prefetch(conversation_id, self.prefetches)

    def forget_prefetch(self) -> None:
        """Drop what was read ahead (something changed: a block, a reply, a reload)."""
        self.prefetches += 1
        self.prefetched = None

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, conversation_id: int, number: int) -> None:
        try:
            reading = self._read(conversation_id)
        except Exception as error:  # ``open`` reads it again and says what went wrong
            self.log.error(error)
            return
        self.app.call_from_thread(self._prefetched, reading, number)

    def _prefetched(self, reading: Reading, number: int) -> None:
        if number == self.prefetches:
            self.prefetched = reading

    @work(thread=True, group="mark-read", exit_on_error=False)
    def mark_read(self, conversation_id: int) -> None:
        try:
            self.forum.mark_conversation_read(self.viewer, conversation_id)
        except Exception as error:  # the conversation shows; its unread mark stays
            self.log.error(error)
            return
        self.app.call_from_thread(self._refresh_badges)

    def _refresh_badges(self) -> None:
        from forum_tui.widgets.header import refresh_badges

        refresh_badges(self.app)

    def _loaded(self, reading: Reading) -> None:
        head, page, draft = reading.head, reading.page, reading.draft
        self.conversation = head
        self.query_one("#conversation-head", Static).update(self._head(head))
        self._add(page, older=False, prompts=reading.prompts)
        self.rows.highlighted = self.rows.option_count - 1 if self.rows.option_count else None
        if draft is not None and draft.body:
            self.reply_box.text = editable(draft.body)
        self.reply_box.disabled = not head.can_reply
        self._status("" if head.can_reply else head.reply_refusal, MUTED)

    def _head(self, head: views.ConversationView) -> Content:
        return join(
            safe_line(head.subject, "bold"),
            label("  ·  with ", MUTED),
            people(head.others, self.staff_mark),
            label(f"  ·  {_count(head.message_count)}", MUTED),
        )

    def _add(
        self, page: views.Page, *, older: bool, prompts: dict[int, Content] | None = None
    ) -> None:
        """Add a page: newer ones at the end, an older one before the rest (``prompts``:
        its messages already drawn)."""
        self.older_cursor = page.next_cursor if older or not self.messages else self.older_cursor
        fresh = [m for m in page.items if str(m.id) not in self.messages]
        for message in fresh:
            self.messages[str(message.id)] = message
        drawn = prompts or {}
        options = [Option(drawn.get(m.id) or self._prompt(m), id=str(m.id)) for m in fresh]
        if not older:
            self.rows.add_options(options)
            return
        keep = self.rows.highlighted or 0
        rest = [
            Option(self._prompt(self.messages[option.id or ""]), id=option.id)
            for option in (self.rows.get_option_at_index(i) for i in range(self.rows.option_count))
        ]
        self.rows.clear_options()
        self.rows.add_options(options + rest)
        self.rows.highlighted = keep + len(options)

    def _prompt(self, message: views.MessageView) -> Content:
        return message_prompt(message, self.now, self.staff_mark)

    @on(MessageList.NearTop)
    def _near_top(self) -> None:
        if self.conversation is None or self.older_cursor is None or self.loading_older:
            return
        self.loading_older = True
        self.load_older(self.conversation.id, self.older_cursor)

    @work(thread=True, group="older")
    def load_older(self, conversation_id: int, cursor: str) -> None:
        try:
            page = self.forum.conversation_messages(self.viewer, conversation_id, cursor, PAGE)
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._older_loaded, conversation_id, page)

    def _older_loaded(self, conversation_id: int, page: views.Page) -> None:
        self.loading_older = False
        if self.conversation is not None and self.conversation.id == conversation_id:
            self._add(page, older=True)

    def load_newest(self) -> None:
        """New messages arrived in the open conversation (another member wrote)."""
        if self.conversation is not None:
            self.newest(self.conversation.id)

    @work(thread=True, exclusive=True, group="newest", exit_on_error=False)
    def newest(self, conversation_id: int) -> None:
        try:
            page = self.forum.conversation_messages(self.viewer, conversation_id, None, PAGE)
            self.forum.mark_conversation_read(self.viewer, conversation_id)
        except Exception as error:  # the next tick tries again
            self.log.error(error)
            return
        self.app.call_from_thread(self._newest_loaded, conversation_id, page)

    def _newest_loaded(self, conversation_id: int, page: views.Page) -> None:
        if self.conversation is None or self.conversation.id != conversation_id:
            return
        at_end = self.rows.highlighted == self.rows.option_count - 1
        self.now = self.current_time()
        self._add(page, older=False)
        if at_end:
            self.rows.highlighted = self.rows.option_count - 1

    # -- replying

    def action_send(self) -> None:
        if self.conversation is None or self.sending:
            return
        if not self.reply_box.has_focus:
            self.reply_box.focus()
            return
        self.sending = True
        self._say("Sending…", MUTED)
        self.send(self.conversation.id, self.reply_box.text)

    @work(thread=True, group="send")
    def send(self, conversation_id: int, body: str) -> None:
        try:
            self.forum.reply_message(self.viewer, conversation_id, body)
            self.forum.discard_draft(self.viewer, draft_key(conversation_id))
            page = self.forum.conversation_messages(self.viewer, conversation_id, None, PAGE)
        except Exception as error:
            self.app.call_from_thread(self._refused, *refusal_words(error))
        else:
            self.app.call_from_thread(self._sent, page)

    def _refused(self, message: str, notices: tuple = ()) -> None:
        self.sending = False
        self.refusal_notices = notices
        self._say(message)

    def action_cited_guideline(self) -> None:
        """``f2``: the Guidelines screen at the guideline the last refusal cited."""
        open_guidelines(self.app, self.refusal_notices)

    def _sent(self, page: views.Page) -> None:
        self.sending = False
        self.reply_box.text = ""
        self._say("Sent.", MUTED)
        self.now = self.current_time()
        self._add(page, older=False)
        self.rows.highlighted = self.rows.option_count - 1
        if self.conversation is not None:
            count = self.conversation.message_count + 1
            self.conversation = replace(self.conversation, message_count=count)
            self.query_one("#conversation-head", Static).update(self._head(self.conversation))
        self.post_message(self.Sent())

    def keep_draft(self) -> None:
        """Save an unsent reply (off the UI thread) so it is there next time."""
        if self.conversation is not None and self.reply_box.text.strip():
            keep_draft(self, draft_key(self.conversation.id), body=self.reply_box.text)

    # -- moving about

    def step_back(self) -> None:
        """esc: from the reply box to the messages; from the messages, ``Closed``."""
        if self.reply_box.has_focus:
            self.rows.focus()
        else:
            self.post_message(self.Closed())

    def show_removed(self, message_id: int) -> None:
        """Hide a message (its author was just blocked)."""
        key = str(message_id)
        if key in self.messages:
            del self.messages[key]
            self.rows.remove_option(key)

    def _status(self, message: str, style: str = "") -> None:
        box = self.query_one("#conversation-status", Static)
        box.update(label(message, style) if message else Content(""))
        box.display = bool(message)

    def _say(self, message: str, style: str = "$text-error") -> None:
        box = self.query_one("#reply-message", Static)
        box.update(label(message, style) if message else Content(""))
        box.display = bool(message)

    @on(OptionList.OptionSelected, "#message-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.reply_box.disabled:
            self.reply_box.focus()


def _count(messages: int) -> str:
    return f"{messages} message{'' if messages == 1 else 's'}"
