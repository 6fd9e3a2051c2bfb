"""``B``: suspend an author for a chosen time, or lift a suspension running now.

A suspended member can read but not write, and is told until when. The lengths offered
are ``rules.moderation.SUSPENSION_CHOICES``; another length may be typed in hours or days
("36h", "10d"). A length outside the allowed range is refused here with the range, and
the store checks again. Dismisses with ``("suspend", hours)``, ``("lift", 0)`` or None.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.rules import moderation as rules
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.safe import MUTED, join, label, safe_line

LIFT = "lift"


def parse_length(text: str) -> float | None:
    """ "36h" / "36" -> 36 hours, "10d" -> 240 hours; None when it is not a length."""
    text = text.strip().lower().replace(" ", "")
    factor = 1
    if text.endswith(("d", "days", "day")):
        factor, text = 24, text.rstrip("days")
    elif text.endswith(("h", "hours", "hour")):
        text = text.rstrip("hours")
    try:
        value = float(text)
    except ValueError:
        return None
    return value * factor


class SuspendDialog(ModalScreen[tuple[str, float] | None]):
    """How long to suspend ``author`` (or lift their suspension)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, author: str, suspended_until: datetime | None = None) -> None:
        super().__init__(classes="suspend-dialog")
        self.author = author
        self.suspended_until = suspended_until

    def compose(self) -> ComposeResult:
        with Vertical(classes="suspend-card"):
            title = join(label("Suspend ", "bold"), safe_line(self.author, "bold"))
            if self.suspended_until is not None:
                until = rules.suspended_until_words(self.suspended_until)
                title = join(title, label(f"  ·  suspended until {until}", "$text-warning"))
            yield Static(title, classes="suspend-title", markup=False)
            yield ForumList(id="suspend-lengths")
            yield Input(placeholder="or type a length: 36h, 10d", id="suspend-custom", compact=True)
            yield Static(Content(""), id="suspend-message", markup=False)
            words = (
                f"{rules.SUSPENSION_MIN_HOURS} hour to {rules.SUSPENSION_MAX_DAYS} days"
                "  ·  enter chooses  ·  esc cancels"
            )
            yield Static(label(words, MUTED), classes="suspend-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#suspend-lengths", ForumList)
        if self.suspended_until is not None:
            options.add_option(Option(label("Lift the suspension now", "bold"), id=LIFT))
        for hours in rules.SUSPENSION_CHOICES:
            options.add_option(Option(label(rules.suspension_words(hours)), id=str(hours)))
        options.highlighted = 0
        options.focus()
        self.query_one("#suspend-message").display = False

    @on(OptionList.OptionSelected, "#suspend-lengths")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == LIFT:
            self.dismiss((LIFT, 0))
        else:
            self.dismiss(("suspend", float(event.option.id or 0)))

    @on(Input.Submitted, "#suspend-custom")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        hours = parse_length(event.value)
        problem = "Type a length such as 36h or 10d." if hours is None else None
        problem = problem or rules.check_suspension(hours or 0)
        if problem:
            box = self.query_one("#suspend-message", Static)
            box.update(label(problem, "$text-error"))
            box.display = True
            return
        self.dismiss(("suspend", hours))

    def action_cancel(self) -> None:
        self.dismiss(None)
