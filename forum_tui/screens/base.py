"""What every forum screen shares: the service, the viewer, and plain error messages."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from textual.screen import ModalScreen, Screen

from forum_tui.store.errors import ForumError
from forum_tui.store.views import Viewer

if TYPE_CHECKING:
    from forum_tui.app import ForumApp
    from forum_tui.rules.community import Community
    from forum_tui.store.forum import Forum

#: Shown when something unexpected fails; the details go to the log, never the screen.
UNEXPECTED = "Something went wrong there. Please try again."

#: Per app: how many times the viewer's read marks have moved (a thread read further).
_READ_MARKS: WeakKeyDictionary[Any, int] = WeakKeyDictionary()


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
    def community(self) -> Community:
        """The community file's rules and names: known before the store is open."""
        return self.forum_app.community

    def current_time(self) -> datetime:
        """The forum's clock (``ForumApp.current_time``): times are shown relative to it."""
        return self.forum_app.current_time()

    @property
    def staff_mark(self) -> str:
        return self.community.staff_mark

    @property
    def read_marks(self) -> int:
        """How many times the viewer's read marks have moved in this app: a screen that
        shows unread counts reads them again on return only when this has moved."""
        return _READ_MARKS.get(self.app, 0)

    def read_marks_moved(self) -> None:
        """Call after the viewer's read mark was written (the unread counts changed)."""
        _READ_MARKS[self.app] = self.read_marks + 1


def keep_draft(
    node: ForumAccess, key: str, *, title: str = "", body: str = "", extra: str = ""
) -> None:
    """Save what the member leaves unsent under ``key``, off the UI thread, in a worker
    the app owns. A worker of the dialog or pane being closed is cancelled with it, and
    one that had not started yet never ran: under load, the words typed into the
    new-message dialog were lost when esc closed it. A failed save is logged (a draft is
    never worth an error on a screen that is gone)."""
    app, forum, viewer = node.app, node.forum, node.viewer

    def save() -> None:
        try:
            forum.save_draft(viewer, key, title=title, body=body, extra=extra)
        except Exception as error:
            app.log.error(error)

    app.run_worker(save, thread=True, group="drafts", exit_on_error=False)


class ForumScreen(ForumAccess, Screen):
    """A full screen of the forum."""

    def on_resize(self) -> None:
        """The breakpoint classes (``-narrow``, ``-wide``) may have changed: the footer's
        keys, laid out in the first frame, are measured again."""
        from forum_tui.widgets.footer import KeyFooter

        for footer in self.query(KeyFooter):
            footer.call_after_refresh(footer.refit)


class ForumModal(ForumAccess, ModalScreen):
    """A dialog over another screen."""
