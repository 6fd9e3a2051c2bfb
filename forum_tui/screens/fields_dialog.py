"""A small form over the current screen: a title, a few one-line fields, Save or Cancel.

``FieldsDialog(title, fields, submit)``: ``submit(values)`` runs off the UI thread and
returns None when it worked (the dialog closes with True) or a message in plain words,
shown under the fields while everything typed stays. Staff use it for Star points,
events and attendance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from forum_tui.screens.base import plain_error
from forum_tui.widgets.safe import MUTED, label

Submit = Callable[[tuple[str, ...]], str | None]


class FieldsDialog(ModalScreen[bool]):
    """A title and one-line fields; ctrl+s (or enter in the last field) saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, fields: Sequence[tuple[str, str]], submit: Submit) -> None:
        super().__init__(classes="confirm-dialog")
        self.title_text = title
        self.fields = tuple(fields)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-card"):
            yield Static(label(self.title_text, "bold"), classes="confirm-title", markup=False)
            for index, (name, placeholder) in enumerate(self.fields):
                yield Label(label(name, MUTED))
                yield Input(placeholder=placeholder, id=f"field-{index}", compact=True)
            yield Label(label(""), id="fields-message", markup=False)
            yield Static(label("ctrl+s to save  ·  esc to cancel", MUTED), classes="confirm-hint")

    def on_mount(self) -> None:
        self.query_one("#field-0", Input).focus()

    def values(self) -> tuple[str, ...]:
        return tuple(self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields)))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"field-{len(self.fields) - 1}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        self.save(self.values())

    @work(thread=True, exclusive=True, group="fields")
    def save(self, values: tuple[str, ...]) -> None:
        try:
            problem = self.submit(values)
        except Exception as error:
            problem = plain_error(error)
        if problem:
            self.app.call_from_thread(self._problem, problem)
        else:
            self.app.call_from_thread(self.dismiss, True)

    def _problem(self, message: str) -> None:
        self.query_one("#fields-message", Label).update(label(message, "$text-error"))

    def action_cancel(self) -> None:
        self.dismiss(False)
