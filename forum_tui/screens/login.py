"""Sign in: username and password, and on a demo database a persona picker."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.field_keys import field_focus_bindings
from forum_tui.store.views import Persona, Viewer
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.member import wears_staff_mark
from forum_tui.widgets.safe import MUTED, join, label, safe_line


def persona_row(persona: Persona, staff_mark: str) -> Columns:
    """Name, rank and role on the first line; the blurb, muted, on the second."""
    name = safe_line(persona.display_name, "bold")
    if wears_staff_mark(persona.role):
        name = join(label(staff_mark, "$accent"), " ", name)
    about = join(
        name,
        "  ",
        safe_line(persona.rank, "$text-primary"),
        label(" · ", MUTED),
        safe_line(persona.role, MUTED),
    )
    return Columns([[Cell(about)], [Cell(safe_line(persona.blurb, MUTED))]])


class PersonaPicker(ForumList):
    """Demo personas; enter signs straight in as the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Sign in as")]

    def show_personas(self, personas: tuple[Persona, ...], staff_mark: str) -> None:
        self.set_options(Option(persona_row(p, staff_mark), id=p.username) for p in personas)
        if self.option_count:
            self.highlighted = 0


class SignInScreen(ForumScreen):
    """The first screen: who are you?"""

    AUTO_FOCUS = "#username"

    BINDINGS: ClassVar[list[BindingType]] = [
        *field_focus_bindings(),
        Binding("down", "pick_persona", "Personas", show=False),
        Binding("ctrl+n", "sign_up", "Join", priority=True),  # --- 14: screens/signup.py
        Binding("ctrl+r", "reset_password", "Forgot password", priority=True),
    ]

    def compose(self) -> ComposeResult:
        community = self.community
        with Center(id="sign-in"), Vertical(id="sign-in-card"):
            yield Label(safe_line(community.name), id="sign-in-title", markup=False)
            yield Label(safe_line(community.tagline), id="sign-in-tagline", markup=False)
            with Horizontal(id="sign-in-body"):
                with Vertical(id="sign-in-form"):
                    yield Label(label("Sign in"), classes="section-title", markup=False)
                    yield Input(placeholder="Username", id="username", max_length=200)
                    yield Input(
                        placeholder="Password", password=True, id="password", max_length=500
                    )
                    yield Label(Content(""), id="sign-in-message", markup=False)
                    yield Label(
                        label("enter to sign in · tab to move", MUTED),
                        id="sign-in-hint",
                        markup=False,
                    )
                with Vertical(id="personas"):
                    yield Label(label("Demo personas"), classes="section-title", markup=False)
                    yield Label(
                        label(
                            "Every persona’s password is “demo”.",
                            MUTED,
                        ),
                        id="personas-hint",
                        markup=False,
                    )
                    yield PersonaPicker(id="persona-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#personas").display = False
        self.load_personas()

    # -- loading

    @work(thread=True, exclusive=True, group="personas")
    def load_personas(self) -> None:
        try:
            personas = self.forum.personas() if self.forum.is_demo() else ()
        except Exception as error:
            self.log.error(error)
            return
        if personas:
            self.app.call_from_thread(self._show_personas, personas)

    def _show_personas(self, personas: tuple[Persona, ...]) -> None:
        """Show the picker, leaving focus in the username field: whoever starts typing a
        name must not be steering the picker instead (``↓`` goes to the personas)."""
        self.query_one("#personas").display = True
        self.query_one(PersonaPicker).show_personas(personas, self.staff_mark)
        self.query_one("#sign-in-hint", Label).update(
            label("enter to sign in · tab to move\n↓ to pick a demo persona", MUTED)
        )

    def action_pick_persona(self) -> None:
        picker = self.query_one(PersonaPicker)
        if picker.option_count:
            picker.focus()

    # -- signing in

    @on(Input.Submitted, "#username")
    def _username_done(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def _password_done(self) -> None:
        username = self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not username or not password:
            self._say("Enter your username and password.")
            self.query_one("#username" if not username else "#password", Input).focus()
            return
        self._say("Signing in…", MUTED)
        self.sign_in(username, password)

    @on(PersonaPicker.OptionSelected, "#persona-list")
    def _persona_chosen(self, event: PersonaPicker.OptionSelected) -> None:
        if event.option.id:
            self._say("Signing in…", MUTED)
            self.sign_in_as(event.option.id)

    @work(thread=True, exclusive=True, group="sign-in")
    def sign_in(self, username: str, password: str) -> None:
        try:
            viewer = self.forum.sign_in(username, password)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self.forum_app.signed_in, viewer)

    @work(thread=True, exclusive=True, group="sign-in")
    def sign_in_as(self, username: str) -> None:
        try:
            viewer: Viewer = self.forum.sign_in_as(username)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error))
        else:
            self.app.call_from_thread(self.forum_app.signed_in, viewer)

    def _refused(self, message: str) -> None:
        """Wrong password: say so under the form, keep the username, clear the password."""
        self._say(message)
        password = self.query_one("#password", Input)
        password.value = ""
        password.focus()

    def _say(self, message: str, style: str = "$text-error") -> None:
        self.query_one("#sign-in-message", Label).update(label(message, style))

    # --- issue 14: joining (screens/signup.py) and a forgotten password

    def action_sign_up(self) -> None:
        from forum_tui.screens.signup import SignUpScreen

        self.app.push_screen(SignUpScreen())

    def action_reset_password(self) -> None:
        from forum_tui.screens.reset_password import ResetPasswordDialog

        def done(changed: bool | None) -> None:
            if changed:
                self._say("Your password is changed: sign in with the new one.", MUTED)
                self.query_one("#password", Input).focus()

        name = self.query_one("#username", Input).value.strip()
        self.app.push_screen(ResetPasswordDialog(name), done)
