"""Pick one of a few choices (a board to move a thread to, the requirement an idea failed,
the reason for a removal): j/k and enter to choose, esc to cancel.

Dismisses with the chosen value, or None. The choices' words are ours or the community
file's, built by the caller as ``Content`` (never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.safe import MUTED, label


class ChoiceDialog(ModalScreen[Any]):
    """A title, a list to choose from, and a hint."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(
        self,
        title: Content,
        choices: Sequence[tuple[Content, Any]],
        *,
        hint: str = "enter to choose  ·  esc to cancel",
        start: int = 0,
    ) -> None:
        super().__init__(classes="choice-dialog")
        self.title_words = title
        self.choices = list(choices)
        self.hint = hint
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="choice-card"):
            yield Static(self.title_words, classes="choice-title", markup=False)
            yield ForumList(id="choice-list")
            yield Static(label(self.hint, MUTED), classes="choice-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#choice-list", ForumList)
        options.add_options(Option(words) for words, _value in self.choices)
        if self.choices:
            options.highlighted = min(self.start, len(self.choices) - 1)
        options.focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
