"""``/`` in the inbox: find words in one's own messages (the inbox's right pane).

The store searches only conversations the member takes part in (``Forum.search_messages``);
each hit shows its conversation's subject and the message through the safe-text path.
Choosing a hit says ``Chosen``: the inbox screen opens that conversation.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumAccess, plain_error
from forum_tui.store import views
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.message_view import message_prompt
from forum_tui.widgets.safe import MUTED, join, label, safe_line

NOTHING_FOUND = "No message of yours holds those words."


class MessageSearchPane(ForumAccess, Vertical):
    """Words to find, then the messages holding them (see the module docstring)."""

    class Chosen(Message):
        """A hit was chosen: open its conversation."""

        def __init__(self, conversation_id: int) -> None:
            super().__init__()
            self.conversation_id = conversation_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: dict[str, views.MessageHit] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Words to find in your messages", id="inbox-query")
        yield ForumList(id="inbox-results")

    def focus_query(self) -> None:
        self.query_one("#inbox-query", Input).focus()

    @on(Input.Submitted, "#inbox-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def search(self, words: str) -> None:
        try:
            page = self.forum.search_messages(self.viewer, words)
        except Exception as error:
            self.app.call_from_thread(self.notify, plain_error(error), markup=False)
        else:
            self.app.call_from_thread(self._found, page)

    def _found(self, page: views.Page) -> None:
        results = self.query_one("#inbox-results", ForumList)
        results.clear_options()
        now = self.current_time()
        self.hits = {str(hit.message.id): hit for hit in page.items}
        results.add_options(
            Option(
                join(
                    safe_line(hit.subject, "bold"),
                    "\n",
                    message_prompt(hit.message, now, self.staff_mark),
                ),
                id=str(hit.message.id),
            )
            for hit in page.items
        )
        if not page.items:
            results.add_option(Option(label(NOTHING_FOUND, MUTED), disabled=True))
        else:
            results.highlighted = 0
            results.focus()

    @on(OptionList.OptionSelected, "#inbox-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits.get(event.option.id or "")
        if hit is not None:
            self.post_message(self.Chosen(hit.message.conversation_id))
