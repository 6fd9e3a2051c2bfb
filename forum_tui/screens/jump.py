"""Going somewhere from anywhere: a thread at a post, or the next unread post (``J``).

``J`` is the forum's tin ``Tab``: the next thread with something new, across every board
the member can see (boards in sidebar order), opened at its first new post. Reading a
thread and pressing ``J`` again goes on to the next one: the thread being read is
replaced, not stacked.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from forum_tui.screens.base import plain_error

if TYPE_CHECKING:
    from forum_tui.app import ForumApp
    from forum_tui.store import views

NOTHING_UNREAD = "No unread posts anywhere."


def open_thread(app: ForumApp, thread_id: int, position: int | None = None) -> None:
    """Open a thread at ``position`` (its first post when None), over the current screen."""
    from forum_tui.screens.thread import ThreadScreen

    app.push_screen(ThreadScreen(thread_id, position=position))


def next_unread(app: ForumApp) -> None:
    """Find the next unread post off the UI thread, then open it."""
    from forum_tui.screens.thread import ThreadScreen

    viewer = app.viewer
    if viewer is None:
        return
    reading = app.screen.thread_id if isinstance(app.screen, ThreadScreen) else None
    app.run_worker(
        partial(_find_next_unread, app, viewer, reading),
        thread=True,
        exclusive=True,
        group="next-unread",
        exit_on_error=False,
    )


def _find_next_unread(app: ForumApp, viewer: views.Viewer, reading: int | None) -> None:
    try:
        target = app.forum.next_unread(viewer, exclude_thread_id=reading)
    except Exception as error:
        app.call_from_thread(_refused, app, plain_error(error))
    else:
        app.call_from_thread(_open_unread, app, target, reading)


def _open_unread(app: ForumApp, target: views.UnreadTarget | None, reading: int | None) -> None:
    from forum_tui.screens.board import BoardPane
    from forum_tui.screens.thread import ThreadScreen

    if target is None:
        app.notify(NOTHING_UNREAD, markup=False)
        return
    for screen in app.screen_stack:
        for pane in screen.query(BoardPane):
            pane.thread_opened(target.thread_id)
    screen = ThreadScreen(target.thread_id, position=target.position)
    if isinstance(app.screen, ThreadScreen) and app.screen.thread_id == reading:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)


def _refused(app: ForumApp, message: str) -> None:
    app.notify(message, severity="warning", markup=False)
