"""Verify an email address with the code mailed to it (a dialog over any screen).

Opened after sign-up, from the palette ("Verify email address") and when a post is
refused because the address is not verified yet. It says where the code went (the
member's inbox, or the local outbox when no mail server is set up: ``forum-tui outbox``
prints it). ``enter`` checks the code; a wrong, expired or used code says which, and
``ctrl+r`` sends another. ``esc`` closes it for later. Dismisses with the updated
``Viewer`` once verified, else None.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store.errors import CodeRefused
from forum_tui.store.views import MailSent, Viewer
from forum_tui.widgets.safe import MUTED, label, safe

SEND_HINT = "Press ctrl+r to send a code to your email address."


class VerifyEmailDialog(ForumModal):
    """The code from the email (or the outbox): enter to verify, ctrl+r for a new one."""

    CSS_PATH = "joining.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_later", "Later"),
        Binding("ctrl+r", "send_code", "Send a new code", priority=True),
    ]

    def __init__(self, mail: MailSent | None = None) -> None:
        super().__init__()
        self.mail = mail

    def compose(self) -> ComposeResult:
        with Vertical(id="verify-card", classes="joining-card"):
            yield Static(label("Verify your email address", "bold"), classes="card-title")
            yield Static(label("Members post once their address is verified.", MUTED), markup=False)
            yield Static(safe(self.mail.note if self.mail else SEND_HINT), id="verify-note")
            yield Input(placeholder="6-digit code", id="verify-code", max_length=20, compact=True)
            yield Static("", id="verify-message", markup=False)
            yield Static(
                label("enter to verify · ctrl+r to send a new code · esc for later", MUTED),
                classes="card-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#verify-code", Input).focus()

    @on(Input.Submitted, "#verify-code")
    def _submitted(self) -> None:
        code = self.query_one("#verify-code", Input).value.strip()
        if not code:
            self._say("Type the 6-digit code from the message.", error=True)
            return
        self._say("Checking…")
        self.verify(code)

    @work(thread=True, exclusive=True, group="verify")
    def verify(self, code: str) -> None:
        try:
            viewer = self.forum.verify_email(self.viewer, code)
        except CodeRefused as refused:
            message = str(refused)  # says which, and to send another: ctrl+r, the hint below
            self.app.call_from_thread(self._say, message, True)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), True)
        else:
            self.app.call_from_thread(self._verified, viewer)

    def _verified(self, viewer: Viewer) -> None:
        self.forum_app.viewer = viewer
        self.notify("Your email address is verified: you can post now.", markup=False)
        self.dismiss(viewer)

    def action_send_code(self) -> None:
        self._say("Sending a new code…")
        self.send_code()

    @work(thread=True, exclusive=True, group="verify-send")
    def send_code(self) -> None:
        try:
            mail = self.forum.send_verification_code(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), True)
        else:
            self.app.call_from_thread(self._sent, mail)

    def _sent(self, mail: MailSent) -> None:
        self.mail = mail
        self.query_one("#verify-note", Static).update(safe(mail.note))
        self._say("A new code is on its way; the previous one no longer works.")
        field = self.query_one("#verify-code", Input)
        field.value = ""
        field.focus()

    def action_dismiss_later(self) -> None:
        self.dismiss(None)

    def _say(self, message: str, error: bool = False) -> None:
        style = "$text-error" if error else MUTED
        self.query_one("#verify-message", Static).update(safe(message, style))
