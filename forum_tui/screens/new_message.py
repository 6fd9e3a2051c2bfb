"""``n`` in the inbox: a new private message to one or more members.

To (usernames, separated by commas; the name being typed is completed from the members
as it is typed: → takes the suggestion, and the matches are listed below), a
subject and the message. ``ctrl+s`` sends. Every refusal (an unknown name, which is named,
too many recipients, sending too fast, a member who can't receive messages, an empty or
too long message) is shown above the buttons and nothing typed is lost. ``esc`` closes the
dialog and keeps what was typed as a draft (``message:new``) for next time. The dialog
dismisses with the new conversation's id, or None.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Static

from forum_tui.screens.base import ForumModal, keep_draft
from forum_tui.screens.guideline_notices import open_guidelines, refusal_words
from forum_tui.store import views
from forum_tui.widgets.editor import BodyArea, TitleInput, editable, editable_line
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line

DRAFT_KEY = "message:new"


def split_names(text: str) -> list[str]:
    """The usernames in the To field: separated by commas (or spaces), ``@`` optional."""
    return [name.lstrip("@") for name in text.replace(",", " ").split() if name.lstrip("@")]


class RecipientSuggester(Suggester):
    """Completes the last name in the To field from the members (asked off the UI thread)."""

    def __init__(self, dialog: NewMessageDialog) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.dialog = dialog

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.rsplit(",", 1)[-1].lstrip()
        if not typed.lstrip("@"):
            return None
        matches = await asyncio.to_thread(
            self.dialog.forum.message_recipients, self.dialog.viewer, typed
        )
        self.dialog.show_matches(matches)
        if not matches:
            return None
        start = value[: len(value) - len(typed)]
        return f"{start}{matches[0].username}"


class NewMessageDialog(ForumModal):
    """Write to members: To, Subject, the message (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel (keeps a draft)"),
        Binding("ctrl+s", "send", "Send", priority=True),
        Binding("f2", "cited_guideline", "Guideline cited", show=False),
    ]

    def __init__(self, to: str = "") -> None:
        super().__init__()
        self.to = to
        self.sending = False
        self.refusal_notices: tuple = ()  # what the last refusal cited (f2)

    def compose(self) -> ComposeResult:
        with Vertical(id="new-message-card"):
            yield Static(label("New private message", "bold"), id="new-message-title")
            yield Label(label("To (usernames, separated by commas)", "bold"))
            yield Input(
                value=editable_line(self.to),
                placeholder="e.g. oskar, priya",
                suggester=RecipientSuggester(self),
                id="new-message-to",
                compact=True,
            )
            yield Static(Content(""), id="new-message-matches", markup=False)
            yield Label(label("Subject", "bold"))
            yield TitleInput(
                placeholder="What it's about",
                id="new-message-subject",
                compact=True,
                max_length=200,
            )
            yield BodyArea(id="new-message-body", soft_wrap=True, placeholder="Your message")
            yield Static(Content(""), id="new-message-error", markup=False)
            with Horizontal(id="new-message-buttons"):
                yield Button(label("Send"), variant="primary", id="new-message-send", compact=True)
                yield Button(label("Cancel"), id="new-message-cancel", compact=True)
                yield Static(
                    label("ctrl+s sends · → takes a name · esc keeps a draft", MUTED),
                    id="new-message-hint",
                )

    def on_mount(self) -> None:
        self._say("")
        self.query_one("#new-message-to", Input).focus()
        if not self.to:
            self.load_draft()

    @work(thread=True, group="draft")
    def load_draft(self) -> None:
        try:
            draft = self.forum.draft(self.viewer, DRAFT_KEY)
        except Exception as error:
            self.log.error(error)
            return
        if draft is not None:
            self.app.call_from_thread(self._restore, draft)

    def _restore(self, draft: views.DraftView) -> None:
        self.query_one("#new-message-to", Input).value = editable_line(draft.extra)
        self.query_one("#new-message-subject", Input).value = editable_line(draft.title)
        self.query_one("#new-message-body", BodyArea).text = editable(draft.body)

    def show_matches(self, matches: tuple[views.MemberBadge, ...]) -> None:
        """List the members matching the name being typed (from the suggester)."""
        shown = [
            join(
                safe_line(m.username, "bold"),
                label(" ("),
                member_name(m, self.staff_mark, "", pronouns=False),
                ")",
            )
            for m in matches
        ]
        line = join(label("Matches: ", MUTED), *[x for s in shown for x in (s, "  ")])
        self.query_one("#new-message-matches", Static).update(line if shown else Content(""))

    # -- sending

    @property
    def fields(self) -> tuple[str, str, str]:
        return (
            self.query_one("#new-message-to", Input).value,
            self.query_one("#new-message-subject", Input).value,
            self.query_one("#new-message-body", BodyArea).text,
        )

    @on(Button.Pressed, "#new-message-send")
    def _send_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_send()

    @on(Button.Pressed, "#new-message-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_send(self) -> None:
        if self.sending:
            return
        self.sending = True
        self._say("Sending…", MUTED)
        self.send(*self.fields)

    @work(thread=True, exclusive=True, group="send")
    def send(self, to: str, subject: str, body: str) -> None:
        try:
            result = self.forum.send_message(self.viewer, split_names(to), subject, body)
            self.forum.discard_draft(self.viewer, DRAFT_KEY)
        except Exception as error:
            self.app.call_from_thread(self._refused, *refusal_words(error))
        else:
            self.app.call_from_thread(self.dismiss, result.conversation_id)

    def _refused(self, message: str, notices: tuple = ()) -> None:
        self.sending = False
        self.refusal_notices = notices
        self._say(message)

    def action_cited_guideline(self) -> None:
        """``f2``: the Guidelines screen at the guideline the last refusal cited."""
        open_guidelines(self.app, self.refusal_notices)

    def action_cancel(self) -> None:
        to, subject, body = self.fields
        if to.strip() or subject.strip() or body.strip():
            keep_draft(self, DRAFT_KEY, title=subject, body=body, extra=to)
        self.dismiss(None)

    def _say(self, message: str, style: str = "$text-error") -> None:
        box = self.query_one("#new-message-error", Static)
        box.update(label(message, style) if message else Content(""))
        box.display = bool(message)
