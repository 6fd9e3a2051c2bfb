"""The bar across the top: the community's name, where you are, and who you are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from forum_tui.store.views import Viewer
from forum_tui.widgets.member import member_badge
from forum_tui.widgets.safe import join, label, safe_line


class ForumHeader(Horizontal):
    """Community name on the left, a place (board or thread) in the middle, the viewer right."""

    DEFAULT_CSS = """
    ForumHeader {
        height: 1;
        dock: top;
        background: $panel;
        padding: 0 1;
        #header-community { width: auto; text-style: bold; color: $text-primary; }
        #header-place { width: 1fr; padding: 0 2; color: $foreground-muted; }
        #header-viewer { width: auto; }
    }
    """

    def __init__(self, community: str, viewer: Viewer | None, staff_mark: str) -> None:
        super().__init__()
        self.community = community
        self.viewer = viewer
        self.staff_mark = staff_mark

    def compose(self) -> ComposeResult:
        yield Label(safe_line(self.community), id="header-community", markup=False)
        yield Label(Content(""), id="header-place", markup=False)
        yield Label(self._viewer(), id="header-viewer", markup=False)

    def set_place(self, place: Content) -> None:
        self.query_one("#header-place", Label).update(place)

    def _viewer(self) -> Content:
        if self.viewer is None:
            return label("not signed in", "$foreground-muted")
        return join(member_badge(self.viewer, self.staff_mark))
