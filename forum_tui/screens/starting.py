"""The first frame: the community's name and "Opening…", drawn before the store loads.

Importing the store (SQLAlchemy, SQLModel, the models) and opening the database take
longer than starting Textual itself, so the app paints this screen first and opens the
forum in a worker thread (``ForumApp.opening``); the sign-in or home screen replaces it.
It shows plain words only: nothing here is member text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

from forum_tui.widgets.safe import MUTED, label, safe_line


class StartingScreen(Screen):
    """Shown while the forum opens; it has no keys of its own (ctrl+q quits)."""

    def __init__(self, name: str, tagline: str = "") -> None:
        super().__init__()
        self.community_name = name
        self.tagline = tagline

    def compose(self) -> ComposeResult:
        with Vertical(id="starting"):
            yield Label(safe_line(self.community_name, "bold"), markup=False)
            yield Label(safe_line(self.tagline, MUTED), markup=False)
            yield Label(label("Opening…", MUTED), id="starting-status", markup=False)

    def say(self, message: str) -> None:
        """Tell the reader what is taking the time (building the demo on a first start)."""
        self.query_one("#starting-status", Label).update(label(message, MUTED))
