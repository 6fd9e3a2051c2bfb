"""Join the Community from the sign-in screen (``ctrl+n`` there).

Five fields, each with a hint and, after a refusal, the reason right under it in plain
words (the store checks them all at once: ``FieldsRefused.problems``); what was typed
stays, so only the wrong field needs fixing. ``enter`` moves to the next field and, on
the last, joins; ``ctrl+s`` joins from anywhere; ``esc`` goes back to sign in. Once in,
the member lands on home with the "Verify your email address" dialog open, saying where
the code went.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.widgets import Input, Static

from forum_tui.rules.accounts import PASSWORD_MIN
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.field_keys import field_focus_bindings
from forum_tui.store.errors import FieldsRefused
from forum_tui.store.views import Joined
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.safe import MUTED, join, label, safe

#: (field, label, hint, password?) in the order they are shown.
FIELDS = (
    ("username", "Username", "3 to 30 letters, digits, _ - or .; how you sign in", False),
    ("display_name", "Display name", "how others see you; spaces and emoji welcome", False),
    ("email", "Email address", "the code to verify it is sent there", False),
    ("birth_date", "Birth date", "year-month-day, like 2001-06-02", False),
    ("password", "Password", f"at least {PASSWORD_MIN} characters, not a common one", True),
)


class SignUpScreen(ForumScreen):
    """The sign-up form; see the module docstring."""

    CSS_PATH = "joining.tcss"
    AUTO_FOCUS = "#signup-username"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "join", "Join", priority=True),
        Binding("escape", "back", "Back to sign in"),
        *field_focus_bindings(),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.joining = False

    def compose(self) -> ComposeResult:
        community = self.community
        with Center(id="signup"), VerticalScroll(id="signup-card", classes="joining-card"):
            yield Static(
                join(label(f"Join the {community.name}", "bold $text-primary")),
                classes="card-title",
                markup=False,
            )
            for name, title, hint, secret in FIELDS:
                yield Static(
                    join(label(title, "bold"), "  ", label(hint, MUTED)),
                    classes="field-label",
                    markup=False,
                )
                yield Input(
                    id=f"signup-{name}",
                    password=secret,
                    max_length=500 if secret else 200,
                    classes="field",
                    compact=True,
                )
                yield Static("", id=f"signup-{name}-error", classes="field-error", markup=False)
            yield Static("", id="signup-message", markup=False)
            yield Static(
                label("enter for the next field · ctrl+s to join · esc to go back", MUTED),
                classes="card-hint",
                markup=False,
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False

    # -- moving between fields

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        names = [name for name, *_ in FIELDS]
        current = (event.input.id or "").removeprefix("signup-")
        if current == names[-1]:
            self.action_join()
        elif current in names:
            self.query_one(f"#signup-{names[names.index(current) + 1]}", Input).focus()

    # -- joining

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#signup-{name}", Input).value for name, *_ in FIELDS}

    def action_join(self) -> None:
        if self.joining:
            return
        self.joining = True
        self._show_problems({})
        self._say("Joining…", MUTED)
        self.join(self.values())

    @work(thread=True, exclusive=True, group="sign-up")
    def join(self, values: dict[str, str]) -> None:
        try:
            joined = self.forum.sign_up(**values)
        except FieldsRefused as refused:
            self.app.call_from_thread(self._refused, refused.problems)
        except Exception as error:
            self.app.call_from_thread(self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self._joined, joined)

    def _refused(self, problems: dict[str, str]) -> None:
        self.joining = False
        self._show_problems(problems)
        count = len(problems)
        self._say(
            "Fix the field marked above; the rest is kept."
            if count == 1
            else f"Fix the {count} fields marked above; the rest is kept.",
            "$text-error",
        )
        first = next((name for name, *_ in FIELDS if name in problems), None)
        if first:
            field = self.query_one(f"#signup-{first}", Input)
            field.focus()
            self.query_one("#signup-card", VerticalScroll).scroll_to_widget(field, animate=False)

    def _failed(self, message: str) -> None:
        self.joining = False
        self._say(message, "$text-error")

    def _joined(self, joined: Joined) -> None:
        from forum_tui.screens.verify_email import VerifyEmailDialog

        app = self.forum_app
        app.pop_screen()
        app.signed_in(joined.viewer)
        app.push_screen(VerifyEmailDialog(joined.mail))
        app.notify(f"Welcome, {joined.viewer.display_name}!", markup=False)

    def _show_problems(self, problems: dict[str, str]) -> None:
        for name, *_ in FIELDS:
            error = self.query_one(f"#signup-{name}-error", Static)
            field = self.query_one(f"#signup-{name}", Input)
            problem = problems.get(name, "")
            error.update(safe(problem, "$text-error"))  # may quote what was typed
            error.display = bool(problem)
            field.set_class(bool(problem), "-invalid")

    def _say(self, message: str, style: str = MUTED) -> None:
        self.query_one("#signup-message", Static).update(safe(message, style))

    def action_back(self) -> None:
        self.app.pop_screen()
