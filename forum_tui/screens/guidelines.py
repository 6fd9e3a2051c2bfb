"""The fifteen Community Guidelines, each with a short example.

Reachable from the palette ("Guidelines"), from the report dialog (``ctrl+g``), and from
every refusal or warning that cites a guideline (``f2`` on the compose screen, ``g`` in
the "Before you post" dialog): opened that way, the cited guideline is marked and
scrolled into view. The guidelines and their examples are the community file's
(``guidelines``, ``guideline_examples``), shown through the safe-text path like any
text from outside the code; the ones the app checks when a member posts say so.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from forum_tui.screens.base import ForumScreen
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.safe import MUTED, join, label, safe_line

#: Guidelines the app checks when a member posts, writes or picks a name.
CHECKED = {
    3: "duplicates are refused",
    8: "offensive language is warned and reported",
    9: "commercial offers are reported",
    10: "personal information is warned and reported",
    11: "links to risky files are refused",
    12: "message blasts are limited",
    13: "contests are reported",
    14: "names posing as staff are refused",
    15: "links to modded or old app versions are refused",
}


class GuidelinesScreen(ForumScreen):
    """All fifteen guidelines; ``cited`` marks one and scrolls to it."""

    CSS_PATH = "joining.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, cited: int | None = None) -> None:
        super().__init__()
        self.cited = cited

    def compose(self) -> ComposeResult:
        community = self.community
        examples = community.guideline_examples
        with Vertical(id="guidelines"):
            yield Static(
                join(
                    safe_line(f"{community.name} Guidelines", "bold $text-primary"),
                    "  ",
                    label("everything posted here follows them", MUTED),
                ),
                id="guidelines-title",
                markup=False,
            )
            with VerticalScroll(id="guidelines-list"):
                for number, text in enumerate(community.guidelines, start=1):
                    example = examples[number - 1] if number <= len(examples) else ""
                    classes = "guideline -cited" if number == self.cited else "guideline"
                    with Vertical(id=f"guideline-{number}", classes=classes):
                        yield from _entry(number, text, example)
        yield KeyFooter()

    def on_mount(self) -> None:
        scroller = self.query_one("#guidelines-list", VerticalScroll)
        scroller.focus()
        if self.cited:
            for entry in self.query(f"#guideline-{self.cited}"):
                self.call_after_refresh(scroller.scroll_to_widget, entry, animate=False)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#guidelines-list", VerticalScroll).scroll_relative(y=lines, animate=False)


def _entry(number: int, text: str, example: str) -> ComposeResult:
    yield Static(
        join(label(f"{number:>2}.", "bold $text-accent"), " ", safe_line(text, "bold")),
        markup=False,
    )
    if example:
        yield Static(
            join(label("e.g.", MUTED), " ", safe_line(example)),
            classes="guideline-more",
            markup=False,
        )
    if number in CHECKED:
        yield Static(
            label(f"✓ checked when you post: {CHECKED[number]}", "$text-success"),
            classes="guideline-more",
            markup=False,
        )
