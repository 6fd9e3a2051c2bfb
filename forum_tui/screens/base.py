"""What every forum screen shares: the service, the viewer, and plain error messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen

from forum_tui.store.errors import ForumError
from forum_tui.store.views import Viewer

if TYPE_CHECKING:
    from forum_tui.app import ForumApp
    from forum_tui.store.forum import Forum

#: Shown when something unexpected fails; the details go to the log, never the screen.
UNEXPECTED = "Something went wrong there. Please try again."


def plain_error(error: Exception) -> str:
    """A message fit to show a person: the store's own words, or a calm generic line."""
    if isinstance(error, ForumError):
        return str(error) or UNEXPECTED
    return UNEXPECTED


class ForumAccess:
    """Mixin for screens and widgets that talk to the forum (always off the UI thread)."""

    app: Any

    @property
    def forum_app(self) -> ForumApp:
        return cast("ForumApp", self.app)

    @property
    def forum(self) -> Forum:
        return self.forum_app.forum

    @property
    def viewer(self) -> Viewer:
        viewer = self.forum_app.viewer
        assert viewer is not None, "screen needs a signed-in viewer"
        return viewer

    @property
    def staff_mark(self) -> str:
        return self.forum.community.staff_mark


class ForumScreen(ForumAccess, Screen):
    """A full screen of the forum."""


class ForumModal(ForumAccess, ModalScreen):
    """A dialog over another screen."""
