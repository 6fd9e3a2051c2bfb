"""A board, shown in the home screen's main pane: its header, guidelines and threads.

The board lives in a pane beside the sidebar rather than on a screen of its own, so the
areas stay in view while reading a board (a mutt sidebar, a Discourse category list).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from forum_tui.screens.base import ForumAccess, plain_error
from forum_tui.screens.board_actions import BOARD_ACTION_BINDINGS, BoardActions  # --- actions
from forum_tui.store.views import BoardView, Page, PostResult, ThreadSummary
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.thread_list import ThreadList, column_header

PAGE = 40
#: A board and its first page of threads, read before the pane is built.
FirstPage = tuple[BoardView, Page[ThreadSummary]]
#: G keeps loading pages towards the end, up to this many threads at once (then stops
#: at the last loaded row; pressing G again goes on).
CHEAP_TO_END = 200
#: Guidelines start unfolded on terminals at least this tall (folded to one line below).
TALL = 30


class BoardPane(BoardActions, ForumAccess, Vertical):  # --- board actions: s u M
    """One board: name, description, guidelines (collapsible) and a paged thread list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "toggle_guidelines", "Guidelines"),
        Binding("n", "new_thread", "New thread"),  # --- composing (screens/compose.py)
        *BOARD_ACTION_BINDINGS,  # --- board actions (screens/board_actions.py)
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, slug: str, first: FirstPage | None = None) -> None:
        """``first``: the board and its first page when already read (home's, at a start
        painted from a snapshot); else the pane reads them once mounted."""
        super().__init__(classes="main-pane live")  # --- live: reloads in place
        self.slug = slug
        self.first = first
        self.board: BoardView | None = None
        self.next_cursor: str | None = None
        self.loading_more = False
        self.guidelines_open = False

    def compose(self) -> ComposeResult:
        with Vertical(id="board-head"):
            yield Label(Content(""), id="board-name", markup=False)
            yield Label(Content(""), id="board-description", markup=False)
        yield Static(Content(""), id="board-guidelines", markup=False)
        yield Static(column_header(), id="thread-columns")
        yield ThreadList(id="threads")
        yield Label(label("Loading…", MUTED), id="board-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#board-guidelines").display = False
        self.guidelines_open = self.app.size.height >= TALL
        self.query_one(ThreadList).staff_mark = self.staff_mark
        if self.first is None:
            self.load_board()
        else:
            self._show_board(*self.first)
            self.first = None

    # -- loading

    @work(thread=True, exclusive=True, group="board")
    def load_board(self) -> None:
        try:
            board = self.forum.board(self.viewer, self.slug)
            page = self.threads_page(None, PAGE)  # --- board actions: the unsolved filter
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._show_board, board, page)

    def _show_board(self, board: BoardView, page: Page[ThreadSummary]) -> None:
        self.board = board
        self.query_one(ThreadList).now = self.current_time()  # times told from the read
        self.query_one("#board-name", Label).update(safe_line(board.name, "bold"))
        self.query_one("#board-description", Label).update(safe_line(board.description, MUTED))
        self._show_guidelines(board.guidelines)
        self.refresh_bindings()
        self._add_page(page)
        if not page.items:
            self._status("No threads here yet.", MUTED)
        self.show_board_actions(board, page)  # --- board actions: header marks

    def _show_guidelines(self, guidelines: str) -> None:
        """The board's guidelines above the list; ``i`` folds them to one line."""
        box = self.query_one("#board-guidelines", Static)
        if not guidelines.strip():
            box.display = False
            return
        heading = label("Guidelines", "bold $text-accent")
        if self.guidelines_open:
            hint = label("  i to hide", MUTED)
            box.update(join(heading, hint, "\n", safe(guidelines.strip())))
        else:
            box.update(join(heading, label("  i to show", MUTED)))
        box.display = True

    def _add_page(self, page: Page[ThreadSummary]) -> None:
        self.next_cursor = page.next_cursor
        self.query_one(ThreadList).add_threads(page.items)
        self._status("")

    @on(ThreadList.NearEnd)
    def _near_end(self, event: ThreadList.NearEnd) -> None:
        event.stop()
        if self.next_cursor is None or self.loading_more:
            return
        to_end = event.to_end
        self.loading_more = True
        self._status("Loading more threads…", MUTED)
        self.load_more(self.next_cursor, to_end)

    @work(thread=True, exclusive=True, group="more")
    def load_more(self, cursor: str, to_end: bool) -> None:
        try:
            pages = [self.threads_page(cursor, PAGE)]  # --- board actions: the filter
            while to_end and pages[-1].next_cursor is not None and len(pages) * PAGE < CHEAP_TO_END:
                pages.append(self.threads_page(pages[-1].next_cursor, PAGE))
        except Exception as error:
            self.app.call_from_thread(self._more_failed, plain_error(error))
        else:
            self.app.call_from_thread(self._more_loaded, pages, to_end)

    def _more_loaded(self, pages: list[Page[ThreadSummary]], to_end: bool) -> None:
        self.loading_more = False
        for page in pages:
            self._add_page(page)
        if to_end:
            self.query_one(ThreadList).action_last()

    def _more_failed(self, message: str) -> None:
        self.loading_more = False
        self._status(message, "$text-error")

    def _status(self, message: str, style: str = "") -> None:
        status = self.query_one("#board-status", Label)
        status.update(label(message, style))
        status.display = bool(message)

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.board_action_state(action, parameters)  # --- board actions
        if state is not None:
            return state
        if action == "toggle_guidelines":
            return bool(self.board and self.board.guidelines.strip())
        return True

    def action_toggle_guidelines(self) -> None:
        self.guidelines_open = not self.guidelines_open
        if self.board is not None:
            self._show_guidelines(self.board.guidelines)

    def action_back(self) -> None:
        self.screen.action_focus_menu()  # type: ignore[attr-defined]

    def focus_threads(self) -> None:
        self.query_one(ThreadList).focus()

    def thread_opened(self, thread_id: int) -> None:
        self.query_one(ThreadList).mark_read(thread_id)

    # --- responsiveness: the board is a live list (screens/live.py): after a write, or
    # when another process posted, its rows reload without moving the cursor or scroll.

    def reload_in_place(self) -> None:
        if self.board is not None and not self.loading_more:
            self._reload_rows(max(PAGE, len(self.query_one(ThreadList).threads)))

    @work(thread=True, exclusive=True, group="reload")
    def _reload_rows(self, count: int) -> None:
        try:
            pages = [self.threads_page(None, PAGE)]
            while pages[-1].next_cursor is not None and len(pages) * PAGE < count:
                pages.append(self.threads_page(pages[-1].next_cursor, PAGE))
        except Exception as error:
            self.app.call_from_thread(self.log.warning, error)
        else:
            self.app.call_from_thread(self._rows_reloaded, pages)

    def _rows_reloaded(self, pages: list[Page[ThreadSummary]]) -> None:
        if self.loading_more:
            return  # a page being appended meanwhile: the next poll catches up
        self.next_cursor = pages[-1].next_cursor
        self.query_one(ThreadList).replace_threads(tuple(t for p in pages for t in p.items))

    # --- end responsiveness

    # --- composing (screens/compose.py): n starts a thread in this board (or says why
    # not); after posting, the board reloads and the new thread opens.

    def action_new_thread(self) -> None:
        from forum_tui.screens import compose

        if self.board is None:
            return
        if self.board.kind == "stars_application" and not self.board.can_post:  # --- issue 13
            from forum_tui.screens.stars import open_stars

            open_stars(self.app)
            return
        refusal = compose.new_thread_refusal(self.board)
        if refusal:
            self.notify(refusal, severity="warning", markup=False)
            return
        self.app.push_screen(compose.new_thread(self.board), self._thread_posted)

    def _thread_posted(self, result: PostResult | None) -> None:
        from forum_tui.screens.thread import ThreadScreen

        if result is None:
            return
        app, home = self.app, self.screen
        reopen = getattr(home, "open_board", None)
        if reopen is not None:
            reopen(self.slug)  # a fresh list, with the new thread in it
        app.push_screen(ThreadScreen(result.thread_id))

    # --- end composing
