"""Open lists stay true: one's own writes show at once, other processes' within ~2 s.

Any screen, or any widget with the CSS class ``live`` (:data:`LIVE`), that has a
``reload_in_place()`` method is a *live list*: :func:`lists_changed` calls it on every
screen in the stack. That method reloads what the list shows in a worker and puts it back
without moving the reader's cursor or scroll position.

- After one's own write (reply, new thread, like ...), the screen that wrote calls
  :func:`lists_changed` itself: the lists under it are fresh when the reader goes back.
- :func:`watch_changes` (started once by the app) polls the store's ``change_mark`` (the
  newest post and thread ids, two index look-ups) every :data:`POLL_SECONDS` in a worker
  thread, and calls :func:`lists_changed` when it moved: another member posted, in this
  process or any other on the same database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forum_tui.app import ForumApp

#: The CSS class that makes a widget a live list (it also needs ``reload_in_place``).
LIVE = "live"
#: How often the store is asked whether anything was posted.
POLL_SECONDS = 1.0


def lists_changed(app: Any) -> None:
    """Reload every open live list in place (on every screen, not only the top one)."""
    for screen in list(app.screen_stack):
        for node in (screen, *screen.query(f".{LIVE}")):
            reload = getattr(node, "reload_in_place", None)
            if reload is not None:
                reload()


def watch_changes(app: ForumApp) -> None:
    """Poll for other members' posts while the app runs (once signed in)."""
    last: list[tuple[int, int] | None] = [None]
    asking = [False]  # one question at a time (a slow database skips a beat)

    def ask() -> None:
        try:
            viewer = app.viewer
            if viewer is not None:
                app.call_from_thread(compare, app.forum.change_mark(viewer))
        except Exception as error:  # a busy or vanished database: try again next time
            app.log.warning(error)
        finally:
            asking[0] = False

    def compare(mark: tuple[int, int]) -> None:
        before, last[0] = last[0], mark
        if before is not None and before != mark:
            lists_changed(app)

    def poll() -> None:
        if app.viewer is not None and not asking[0]:
            asking[0] = True
            app.run_worker(ask, thread=True, group="change-poll")

    app.set_interval(POLL_SECONDS, poll, name="change-poll")
