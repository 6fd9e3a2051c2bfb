"""Forgot your password? (``ctrl+r`` on the sign-in screen.)

Step one: the username or email address; a reset code is mailed (or put in the local
outbox, and the dialog says so: ``forum-tui outbox`` prints it). Step two: the code and
a new password. A wrong, expired or used code says which; ``ctrl+r`` sends another.
Dismisses with True once the password is changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from forum_tui.rules.accounts import PASSWORD_MIN
from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store.errors import CodeRefused, FieldsRefused
from forum_tui.store.views import MailSent
from forum_tui.widgets.safe import MUTED, label, safe


class ResetPasswordDialog(ForumModal):
    """Ask for a code, then set a new password with it."""

    CSS_PATH = "joining.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_cancel", "Cancel"),
        Binding("ctrl+r", "send_code", "Send a code", priority=True),
    ]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.name_typed = name

    def compose(self) -> ComposeResult:
        with Vertical(id="reset-card", classes="joining-card"):
            yield Static(label("Reset your password", "bold"), classes="card-title")
            yield Input(
                self.name_typed,
                placeholder="Username or email address",
                id="reset-name",
                compact=True,
            )
            yield Static("", id="reset-note", markup=False)
            yield Input(placeholder="6-digit code", id="reset-code", max_length=20, compact=True)
            yield Input(
                placeholder=f"New password (at least {PASSWORD_MIN} characters)",
                password=True,
                id="reset-password",
                max_length=500,
                compact=True,
            )
            yield Static("", id="reset-message", markup=False)
            yield Static(
                label("enter to go on · ctrl+r to send a code · esc to cancel", MUTED),
                classes="card-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#reset-code").display = False
        self.query_one("#reset-password").display = False
        self.query_one("#reset-name", Input).focus()

    @property
    def name_value(self) -> str:
        return self.query_one("#reset-name", Input).value.strip()

    @on(Input.Submitted, "#reset-name")
    def action_send_code(self) -> None:
        if not self.name_value:
            self._say("Enter your username or email address.", error=True)
            return
        self._say("Sending a code…")
        self.send_code(self.name_value)

    @work(thread=True, exclusive=True, group="reset-send")
    def send_code(self, name: str) -> None:
        try:
            mail = self.forum.request_password_reset(name)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), True)
        else:
            self.app.call_from_thread(self._sent, mail)

    def _sent(self, mail: MailSent) -> None:
        self.query_one("#reset-note", Static).update(safe(mail.note))
        self.query_one("#reset-code").display = True
        self.query_one("#reset-password").display = True
        self._say("Type the code and a new password.")
        self.query_one("#reset-code", Input).focus()

    @on(Input.Submitted, "#reset-code")
    def _code_done(self) -> None:
        self.query_one("#reset-password", Input).focus()

    @on(Input.Submitted, "#reset-password")
    def _password_done(self) -> None:
        code = self.query_one("#reset-code", Input).value
        password = self.query_one("#reset-password", Input).value
        if not code.strip():
            self._say("Type the code from the message.", error=True)
            self.query_one("#reset-code", Input).focus()
            return
        self._say("Changing your password…")
        self.reset(self.name_value, code, password)

    @work(thread=True, exclusive=True, group="reset")
    def reset(self, name: str, code: str, password: str) -> None:
        try:
            self.forum.reset_password(name, code, password)
        except CodeRefused as refused:
            self.app.call_from_thread(self._say, str(refused), True)  # ctrl+r: the hint below
        except FieldsRefused as refused:
            self.app.call_from_thread(self._say, " ".join(refused.problems.values()), True)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), True)
        else:
            self.app.call_from_thread(self.dismiss, True)

    def action_dismiss_cancel(self) -> None:
        self.dismiss(False)

    def _say(self, message: str, error: bool = False) -> None:
        style = "$text-error" if error else MUTED
        self.query_one("#reset-message", Static).update(safe(message, style))
