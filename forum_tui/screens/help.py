"""``?``: the keys of the screen underneath, then the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.safe import MUTED, label

KEY_WIDTH = 12
#: Framework keys that would only clutter the list.
NOISE = frozenset(
    {
        "scroll_left",
        "scroll_right",
        "page_left",
        "page_right",
        "app.focus_previous",
        "focus_previous",
        "screen.copy_text",
        "copy_text",
    }
)
#: Friendlier words for the framework's own global keys.
WORDING = {
    "command_palette": "Go to a board or area (command palette)",
    # --- inbox: the footer's short words, in full
    "new_message": "New private message",
    "reply_message": "Reply to the conversation (ctrl+s sends)",
    "report_message": "Report the current message",
    "block": "Block or unblock the message's author",
    "delete_conversation": "Delete the conversation from your inbox",
    "search_messages": "Search your own messages",
    "messenger": "Turn private messages on or off",
    "blocked_members": "The members you blocked (and unblocking them)",
}


def key_groups(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(keys of this screen, keys everywhere), each a list of (keys, description)."""
    app = screen.app
    here: dict[tuple[str, str], list[str]] = {}
    everywhere: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system or binding.action in NOISE:
            continue
        description = WORDING.get(binding.action, binding.description)
        group = everywhere if active.node is app else here
        keys = group.setdefault((binding.action, description), [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return _rows(here), _rows(everywhere)


def _rows(group: dict[tuple[str, str], list[str]]) -> list[tuple[str, str]]:
    """One row per action: letter keys first ("j ↓  Down")."""
    return [
        (" ".join(sorted(keys, key=lambda key: (not key.isalpha(), len(key)))), description)
        for (_, description), keys in group.items()
    ]


def key_table(rows: list[tuple[str, str]]) -> Columns:
    return Columns(
        [
            [Cell(label(keys, "bold $text-accent"), KEY_WIDTH, "right"), Cell(label(text))]
            for keys, text in rows
        ]
    )


class HelpScreen(ModalScreen[None]):
    """The keys for the screen underneath; esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, under: Screen, title: str) -> None:
        super().__init__()
        self.here, self.everywhere = key_groups(under)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="help-card"):
            yield Static(label(f"Keys — {self.title_text}", "bold"), id="help-title")
            with VerticalScroll(id="help-keys"):
                if self.here:
                    yield Static(label("On this screen", MUTED), classes="help-section")
                    yield Static(key_table(self.here))
                yield Static(label("Everywhere", MUTED), classes="help-section")
                yield Static(key_table(self.everywhere))
            yield Static(label("esc to close", MUTED), id="help-hint")
