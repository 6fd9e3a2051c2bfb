"""The Private Messenger setting: turning private messages on or off, step by step.

As the reference community does it: a disclaimer, then Accept (or Decline, to turn them
off), then Confirm. Only members 18 or over may turn messages on, by the birth date on
their profile; a member with none is asked for it first (it is kept, and cannot be
changed here afterwards). A member under 18 is told plainly that messages open at 18.

:class:`PrivateMessengerDialog` is a ``ModalScreen`` any screen may push (the inbox does,
with ``e``; the settings screen can too). It dismisses with the new setting (True on,
False off), or None when nothing changed; on a change it updates ``app.viewer`` and the
header's marks itself.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store import views
from forum_tui.widgets.header import refresh_badges
from forum_tui.widgets.safe import MUTED, label

DISCLAIMER = (
    "Private messages let you write to other members, and let members, Stars, moderators "
    "and staff write to you. Only the people in a conversation can read it.",
    "• Messages are for members {age} or over.",
    "• The Community Guidelines apply here too: be kind, no spam, no blasts of messages "
    "to many members (guideline 12), and no personal data.",
    "• If a message bothers you, report it with ! (the moderators see that message and "
    "a few around it, never your whole inbox), or block its sender: they are not told.",
    "• Staff use messages to reach you, e.g. about a Stars application.",
    "You can turn messages off again at any time: e in your inbox.",
)
TURN_OFF = (
    "With messages off nobody can write to you, staff included: a Stars applicant hears "
    "back by private message, so keep them on while you wait.",
    "Your conversations are kept, and come back if you turn messages on again.",
)
BIRTH_DATE_FORMAT = "YYYY-MM-DD"
#: What the inbox says while messages are off (``messages_off_text``).
OFF = (
    "Your private messages are off.",
    "Nobody can write to you, staff included, and you can't write to anyone.",
    "Press e to turn them on: you'll read a short disclaimer, then Accept, then Confirm.",
    "Your notifications still arrive: they're the first row on the left.",
)


def messages_off_text(state: views.InboxState, age: int) -> Content:
    """The inbox's explanation while messages are off: how to turn them on, or (under
    ``age``) when they open."""
    if state.may_enable or state.needs_birth_date:
        lines = list(OFF)
        if state.needs_birth_date:
            lines.insert(
                2,
                f"Messages are for members {age} or over: you'll be asked "
                "for your birth date first.",
            )
    else:
        lines = [
            state.enable_refusal,
            f"Private messages open on your {age}th birthday.",
            "Your notifications still arrive: they're the first row on the left.",
        ]
    return Content("\n\n").join([label(lines[0], "bold"), *(label(line) for line in lines[1:])])


class PrivateMessengerDialog(ForumModal):
    """Disclaimer → Accept (or Decline) → Confirm. See the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "loading"
        self.state: views.InboxState | None = None
        self.birth_date: date | None = None
        self.saving = False

    @property
    def turning_on(self) -> bool:
        return self.state is None or not self.state.messages_on

    def compose(self) -> ComposeResult:
        with Vertical(id="messenger-card"):
            yield Static(label("Private Messenger", "bold"), id="messenger-title", markup=False)
            with VerticalScroll(id="messenger-text"):
                yield Static(label("Loading…", MUTED), id="messenger-body", markup=False)
            yield Input(placeholder=BIRTH_DATE_FORMAT, id="messenger-birth-date", max_length=10)
            yield Static(Content(""), id="messenger-message", markup=False)
            with Horizontal(id="messenger-buttons"):
                yield Button(label("Accept"), variant="primary", id="messenger-go", compact=True)
                yield Button(label("Not now"), id="messenger-back", compact=True)

    def on_mount(self) -> None:
        self.query_one("#messenger-birth-date").display = False
        self.query_one("#messenger-message").display = False
        self.query_one("#messenger-go").display = False
        self.load_state()

    @work(thread=True, exclusive=True, group="messenger")
    def load_state(self) -> None:
        try:
            state = self.forum.inbox_state(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error))
        else:
            self.app.call_from_thread(self._loaded, state)

    def _loaded(self, state: views.InboxState) -> None:
        self.state = state
        if state.messages_on:
            self._show("disclaimer")
        elif state.needs_birth_date:
            self._show("birth-date")
        elif not state.may_enable:
            self._show("too-young", state.enable_refusal)
        else:
            self._show("disclaimer")

    # -- the steps

    def _show(self, step: str, note: str = "") -> None:
        """Draw one step: its words, the birth date field (if asked), its two buttons."""
        self.step = step
        age = self.community.limits.pm_min_age
        go, back, lines = self._step_words(step, age, note)
        self.query_one("#messenger-body", Static).update(
            Content("\n\n").join([label(line) for line in lines])
        )
        field = self.query_one("#messenger-birth-date", Input)
        field.display = step == "birth-date"
        go_button = self.query_one("#messenger-go", Button)
        go_button.label = label(go)
        go_button.display = bool(go)
        go_button.variant = "warning" if step == "confirm" and not self.turning_on else "primary"
        self.query_one("#messenger-back", Button).label = label(back)
        self._say("")
        if step == "birth-date":
            field.focus()
        else:
            (go_button if go else self.query_one("#messenger-back", Button)).focus()

    def _step_words(self, step: str, age: int, note: str) -> tuple[str, str, list[str]]:
        if step == "birth-date":
            return (
                "Continue",
                "Not now",
                [
                    f"Private messages are for members {age} or over, and your profile has "
                    "no birth date yet.",
                    f"Your birth date ({BIRTH_DATE_FORMAT}), kept on your profile; other "
                    "members never see it:",
                ],
            )
        if step == "too-young":
            return "", "Close", [note or f"Private messages open at {age}.", _open_at(age)]
        if step == "disclaimer" and self.turning_on:
            return "Accept", "Not now", [line.format(age=age) for line in DISCLAIMER]
        if step == "disclaimer":
            return "Decline", "Keep them on", ["Turn private messages off?", *TURN_OFF]
        if self.turning_on:
            return "Confirm", "Back", ["Turn private messages on now?"]
        return "Confirm", "Back", ["Turn private messages off now?"]

    @on(Input.Submitted, "#messenger-birth-date")
    @on(Button.Pressed, "#messenger-go")
    def _go(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        if self.step == "birth-date":
            self._birth_date_given()
        elif self.step == "disclaimer":
            self._show("confirm")
        elif self.step == "confirm" and not self.saving:
            self.saving = True
            self._say("Saving…", MUTED)
            self.save(self.turning_on, self.birth_date)

    @on(Button.Pressed, "#messenger-back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        if self.step == "confirm":
            self._show("disclaimer")
        else:
            self.dismiss(None)

    def _birth_date_given(self) -> None:
        text = self.query_one("#messenger-birth-date", Input).value.strip()
        try:
            self.birth_date = date.fromisoformat(text)
        except ValueError:
            self._say(f"Type the date as {BIRTH_DATE_FORMAT}, e.g. 1996-02-11.")
            return
        if self.birth_date > self.current_time().date():
            self._say("That birth date is in the future.")
            return
        self._show("disclaimer")

    @work(thread=True, exclusive=True, group="messenger")
    def save(self, enabled: bool, birth_date: date | None) -> None:
        try:
            viewer = self.forum.set_messages_enabled(self.viewer, enabled, birth_date=birth_date)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self._saved, viewer)

    def _refused(self, message: str) -> None:
        self.saving = False
        if "or over" in message:
            self._show("too-young", message)
        else:
            self._say(message)

    def _saved(self, viewer: views.Viewer) -> None:
        self.forum_app.viewer = viewer
        refresh_badges(self.app)
        words = "Private messages are on." if viewer.pm_enabled else "Private messages are off."
        self.notify(words, markup=False)
        self.dismiss(viewer.pm_enabled)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, message: str, style: str = "$text-error") -> None:
        box = self.query_one("#messenger-message", Static)
        box.update(label(message, style) if message else Content(""))
        box.display = bool(message)


def _open_at(age: int) -> str:
    return (
        f"Messages open on your {age}th birthday. Until then you can post, reply and "
        "vote like everyone else."
    )
