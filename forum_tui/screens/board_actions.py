"""What a member does to a board from its pane: follow it (``s``; on the Community Blog,
follow the blog as a whole), show only unsolved threads (``u``, Help boards and Ongoing
Issues), and mark everything read (``M``).

:class:`BoardActions` is mixed into ``BoardPane`` (screens/board.py), which lists
:data:`BOARD_ACTION_BINDINGS` among its keys, asks :meth:`BoardActions.board_action_state`
from its ``check_action``, and fetches its pages through :meth:`BoardActions.threads_page`
(so the filter applies to every page). Store calls run in worker threads; rows, the board's
header and the sidebar's counts change in place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Label

from forum_tui.screens.base import plain_error
from forum_tui.store import views
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.thread_list import ThreadList

if TYPE_CHECKING:
    from forum_tui.store.forum import Forum

BOARD_ACTION_BINDINGS = [
    Binding("s", "subscribe_board", "Subscribe"),
    Binding("u", "toggle_unsolved", "Unsolved"),
    Binding("M", "mark_board_read", "Mark read", show=False),  # ? lists it; footer full at 80
    Binding("P", "author_profile", "Author's profile", show=False),  # --- issue 13
]

UNSOLVED_BOARDS = frozenset({"help", "ongoing_issues"})
BLOG_KIND = "blog"
NO_UNSOLVED = "No unsolved threads here. Press u to show them all."


class BoardActions:
    """The board pane's action keys (a mixin: ``BoardPane`` provides the rest)."""

    app: Any
    forum: Forum
    viewer: views.Viewer
    slug: str
    board: views.BoardView | None
    next_cursor: str | None
    unsolved_only: bool = False
    following: bool = False

    def board_action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``check_action`` for the action keys; None when the action is not one of them."""
        if action == "toggle_unsolved":
            return self.board is not None and self.board.kind in UNSOLVED_BOARDS
        if action in ("subscribe_board", "mark_board_read"):
            return self.board is not None
        return None

    def threads_page(self, cursor: str | None, limit: int) -> views.Page[views.ThreadSummary]:
        """A page of the board's threads, filtered as the reader asked (worker thread)."""
        return self.forum.board_threads(
            self.viewer, self.slug, cursor, limit, unsolved_only=self.unsolved_only
        )

    def show_board_actions(self, board: views.BoardView, page: views.Page) -> None:
        """After the board is shown: its header marks, and whether it is followed."""
        self.following = board.subscribed
        if board.kind == BLOG_KIND:
            self._check_blog_followed()
        self._show_board_marks()
        if self.unsolved_only and not page.items:
            self._board_status(NO_UNSOLVED)

    def _show_board_marks(self) -> None:
        """The board's name, then "Unsolved only" and "following" when they apply."""
        if self.board is None:
            return
        parts: list[Content] = [safe_line(self.board.name, "bold")]
        if self.unsolved_only:
            parts.append(label("Unsolved only · u shows all", "$text-warning"))
        if self.following:
            parts.append(label("following", "$text-success"))
        self.query_one("#board-name", Label).update(join(*parts, separator="   "))

    # --- issue 13: P opens the highlighted thread's author's profile

    def action_author_profile(self) -> None:
        from forum_tui.screens.member_profile import open_profile

        rows = self.query_one(ThreadList)
        option = rows.highlighted_option
        thread = rows.threads.get(option.id or "") if option is not None else None
        if thread is not None:
            open_profile(self.app, thread.author.username)

    # -- follow

    @work(thread=True, exclusive=True, group="board-followed")
    def _check_blog_followed(self) -> None:
        try:
            following = self.forum.is_subscribed(self.viewer, BLOG_KIND, 0)
        except Exception as error:
            self.log.error(error)
        else:
            self.app.call_from_thread(self._set_following, following)

    def _set_following(self, following: bool) -> None:
        self.following = following
        self._show_board_marks()

    def action_subscribe_board(self) -> None:
        if self.board is not None:
            self._toggle_board_follow(self.board)

    @work(thread=True, group="board-follow")
    def _toggle_board_follow(self, board: views.BoardView) -> None:
        blog = board.kind == BLOG_KIND
        try:
            following = self.forum.toggle_subscription(
                self.viewer, BLOG_KIND if blog else "board", 0 if blog else board.id
            )
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
            return
        name = safe_line(board.name).plain
        if blog and following:
            message = f"Subscribed to the {name}: you'll be notified of each new blog post."
        elif blog:
            message = f"Unsubscribed from the {name}."
        elif following:
            message = f"Subscribed to {name}: you'll be notified of new threads and replies."
        else:
            message = f"Unsubscribed from {name}."
        self.app.call_from_thread(self._followed_board, following, message)

    def _followed_board(self, following: bool, message: str) -> None:
        self._set_following(following)
        self.notify(message, markup=False)

    # -- unsolved only

    def action_toggle_unsolved(self) -> None:
        self.unsolved_only = not self.unsolved_only
        threads = self.query_one(ThreadList)
        threads.clear_options()
        threads.threads.clear()
        self.next_cursor = None
        self._board_status("Loading…", MUTED)
        self.load_board()

    # -- mark read

    def action_mark_board_read(self) -> None:
        self._mark_board_read()

    @work(thread=True, exclusive=True, group="board-read")
    def _mark_board_read(self) -> None:
        try:
            self.forum.mark_board_read(self.viewer, self.slug)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self._board_read)

    def _board_read(self) -> None:
        threads = self.query_one(ThreadList)
        for thread_id in [int(key) for key, t in threads.threads.items() if t.unread]:
            threads.mark_read(thread_id)
        _clear_sidebar_count(self.screen, self.slug)
        self.notify("Board marked read.", markup=False)

    # -- changes made elsewhere (the thread screen)

    def thread_changed(self, thread: views.ThreadView) -> None:
        """Show a thread's new likes, solved mark and float in its row, if it is listed."""
        threads = self.query_one(ThreadList)
        key = str(thread.id)
        summary = threads.threads.get(key)
        if summary is None:
            return
        threads.threads[key] = replace(
            summary,
            like_count=thread.like_count,
            solved=thread.solution is not None,
            floated=thread.floated,
            locked=thread.locked,
        )
        threads.replace_option_prompt(key, threads._row(threads.threads[key]))

    def _board_status(self, message: str, style: str = MUTED) -> None:
        status = self.query_one("#board-status", Label)
        status.update(label(message, style))
        status.display = bool(message)


def _clear_sidebar_count(screen: Any, slug: str) -> None:
    """The sidebar (home screen) shows no unread for the board, and its area's total."""
    from forum_tui.widgets.area_menu import AreaMenu, area_row, board_row

    for menu in screen.query(AreaMenu):
        board = menu.boards.get(slug)
        if board is None or not board.unread_count:
            continue
        board = replace(board, unread_count=0)
        menu.boards[slug] = board
        menu.replace_option_prompt(f"board:{slug}", board_row(board))
        area = menu.areas.get(board.area_slug)
        if area is not None:
            boards = tuple(board if b.slug == slug else b for b in area.boards)
            area = replace(area, boards=boards)
            menu.areas[area.slug] = area
            menu.replace_option_prompt(f"area:{area.slug}", area_row(area))
