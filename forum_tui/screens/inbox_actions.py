"""The inbox's actions on a message or a conversation: ``!`` report the current message,
``b`` block (or unblock) its author, ``d`` delete the conversation from one's own inbox.

A mixin of ``InboxScreen`` (``screens/inbox.py``), kept apart so the screen stays about
showing the inbox; each action asks first (a dialog), then writes off the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from forum_tui.screens.base import plain_error
from forum_tui.store import views
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import join, label, safe_line

if TYPE_CHECKING:
    from forum_tui.screens.conversation_pane import ConversationPane


class InboxActions:
    """Report, block, delete (see the module docstring). Needs the screen's ``pane``,
    ``blocked``, ``open_id``, ``reload`` and the list helpers."""

    pane: ConversationPane
    blocked: set[int]
    open_id: int | None

    def action_report_message(self) -> None:
        message = self._current_message()
        if message is None:
            self.notify("Open a conversation and move to the message (j/k) first.", markup=False)
            return
        if message.author.id == self.viewer.id:
            self.notify("That is your own message.", markup=False)
            return
        from forum_tui.screens.message_report import MessageReportDialog

        self.app.push_screen(MessageReportDialog(message), self._reported)

    def _reported(self, words: str | None) -> None:
        if words:
            self.notify(words, markup=False)

    def action_block(self) -> None:
        member = self._block_target()
        if member is None:
            self.notify("Open a conversation and move to a message from them first.", markup=False)
            return
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        name = member_name(member, self.staff_mark)
        if member.id in self.blocked:
            title, lines, go = (
                "Unblock this member?",
                [join(name, label(" can message you again."))],
                "Unblock",
            )
        else:
            title, go = "Block this member?", "Block"
            lines = [
                join(name, label(" won't be able to message you, and won't be told.")),
                label("Their messages in group conversations are hidden from you."),
                label("b on a conversation with them unblocks them again."),
            ]
        dialog = ConfirmDialog(title, lines, go=go, go_keys="y")
        self.app.push_screen(dialog, lambda yes: self._block_answer(yes, member))

    def _block_answer(self, yes: bool | None, member: views.MemberBadge) -> None:
        if yes:
            self.set_block(member, member.id not in self.blocked)

    @work(thread=True, group="block")
    def set_block(self, member: views.MemberBadge, block: bool) -> None:
        try:
            if block:
                self.forum.block_member(self.viewer, member.id)
            else:
                self.forum.unblock_member(self.viewer, member.id)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="error", markup=False
            )
        else:
            self.app.call_from_thread(self._blocked, member, block)

    def _blocked(self, member: views.MemberBadge, block: bool) -> None:
        words = "Blocked" if block else "Unblocked"
        self.notify(f"{words}: {safe_line(member.username).plain}.", markup=False)
        self.reload()
        if self.open_id is not None:
            self.pane.open(self.open_id)

    def action_delete_conversation(self) -> None:
        summary = self._highlighted_summary() if self.rows.has_focus else None
        conversation_id = summary.id if summary is not None else self.open_id
        if conversation_id is None:
            self.notify("Choose a conversation to delete.", markup=False)
            return
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        dialog = ConfirmDialog(
            "Delete this conversation?",
            [
                label("It leaves your inbox for good."),
                label("The others keep it, and their new messages won't reach you."),
            ],
            go="Delete",
        )
        self.app.push_screen(dialog, lambda yes: yes and self.delete(conversation_id))

    @work(thread=True, group="delete")
    def delete(self, conversation_id: int) -> None:
        try:
            self.forum.leave_conversation(self.viewer, conversation_id)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="error", markup=False
            )
        else:
            self.app.call_from_thread(self._deleted, conversation_id)

    def _deleted(self, conversation_id: int) -> None:
        self.notify("Conversation deleted from your inbox.", markup=False)
        if self.open_id == conversation_id:
            self.open_id = None
            self.pane.conversation = None
            self.main.current = "inbox-pick"
        self.rows.focus()
        self.reload()

    def _block_target(self) -> views.MemberBadge | None:
        """The author of the highlighted message, or the other member of a two-person
        conversation (so someone already blocked can be unblocked)."""
        message = self._current_message()
        if message is not None and message.author.id != self.viewer.id:
            return message.author
        head = self.pane.conversation if self.main.current == "inbox-conversation" else None
        if head is None:
            summary = self._highlighted_summary()
            others = summary.others if summary is not None else ()
        else:
            others = head.others
        return others[0] if len(others) == 1 else None
