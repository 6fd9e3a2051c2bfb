"""``w``: warn an author by private message, from a template the moderator edits.

The template (``rules.moderation.WARNING_TEMPLATE``) arrives filled in; ``ctrl+s`` sends
what the box holds, ``esc`` cancels. Sending cannot be undone, so this dialog is the
confirmation. An empty warning is refused here, in plain words, and nothing typed is lost.
Dismisses with the text to send, or None.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from forum_tui.rules.moderation import check_warning
from forum_tui.widgets.safe import MUTED, join, label, safe_line


class WarnDialog(ModalScreen[str | None]):
    """The warning to send, editable; ctrl+s sends, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send warning", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, author: str, text: str, *, messages_off: bool = False) -> None:
        super().__init__(classes="warn-dialog")
        self.author = author
        self.text = text
        self.messages_off = messages_off

    def compose(self) -> ComposeResult:
        with Vertical(classes="warn-card"):
            yield Static(
                join(
                    label("Warn ", "bold"),
                    safe_line(self.author, "bold"),
                    label("  ·  a private message; it can't be undone", MUTED),
                ),
                classes="warn-title",
                markup=False,
            )
            yield TextArea(self.text, id="warn-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Content(""), id="warn-message", markup=False)
            with Horizontal(classes="warn-buttons"):
                yield Button(label("Send warning"), variant="warning", id="warn-send", compact=True)
                yield Button(label("Cancel"), id="warn-cancel", compact=True)
                yield Static(label("ctrl+s sends  ·  esc cancels", MUTED), classes="warn-hint")

    def on_mount(self) -> None:
        self.query_one("#warn-message").display = False
        area = self.query_one("#warn-text", TextArea)
        area.cursor_blink = False
        area.focus()

    @on(Button.Pressed, "#warn-send")
    def action_send(self) -> None:
        text = self.query_one("#warn-text", TextArea).text
        problem = check_warning(text)
        if problem:
            box = self.query_one("#warn-message", Static)
            box.update(label(problem, "$text-error"))
            box.display = True
            return
        self.dismiss(text)

    @on(Button.Pressed, "#warn-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
