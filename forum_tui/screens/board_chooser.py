"""``n`` on an FAQ article ("Didn't help?"): pick a Help board, then write the thread there.

:func:`choose_help_board` lists the Help boards the member may post in
(:class:`HelpBoardChooser`), then opens the compose screen for the chosen board
(``screens.compose``); after posting, the new thread opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.safe import MUTED, label, safe_line

if TYPE_CHECKING:
    from forum_tui.app import ForumApp

HELP_KIND = "help"
NAME = 20


def choose_help_board(app: ForumApp) -> None:
    """Ask which Help board, then open the compose screen for a new thread there."""
    from forum_tui.screens import compose

    def chosen(board: views.BoardView | None) -> None:
        if board is None:
            return
        refusal = compose.new_thread_refusal(board)
        if refusal:
            app.notify(refusal, severity="warning", markup=False)
            return
        app.push_screen(compose.new_thread(board), posted)

    def posted(result: views.PostResult | None) -> None:
        if result is not None:
            from forum_tui.screens.jump import open_thread

            open_thread(app, result.thread_id)

    app.push_screen(HelpBoardChooser(), chosen)


class HelpBoardChooser(ForumModal):
    """The Help boards, one per platform: j/k and enter to choose, esc to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.boards: list[views.BoardView] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="board-chooser-card"):
            yield Static(label("Start a thread in which Help board?", "bold"), id="chooser-title")
            yield ForumList(id="chooser-boards")
            yield Static(label("Loading…", MUTED), id="chooser-status")

    def on_mount(self) -> None:
        self.query_one("#chooser-boards").focus()
        self.load_boards()

    @work(thread=True, exclusive=True, group="chooser")
    def load_boards(self) -> None:
        try:
            areas = self.forum.areas(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            boards = [b for area in areas for b in area.boards if b.kind == HELP_KIND]
            self.app.call_from_thread(self._show, boards)

    def _show(self, boards: list[views.BoardView]) -> None:
        self.boards = boards
        options = self.query_one("#chooser-boards", ForumList)
        options.add_options(
            Option(
                Columns(
                    [
                        [
                            Cell(safe_line(board.name, "bold" if board.can_post else MUTED), NAME),
                            Cell(safe_line(board.description, MUTED)),
                        ]
                    ]
                ),
                disabled=not board.can_post,
            )
            for board in boards
        )
        first = next((i for i, board in enumerate(boards) if board.can_post), None)
        options.highlighted = first
        if not boards:
            self._status("There are no Help boards here.", MUTED)
        elif first is None:
            self._status(boards[0].post_refusal or "You can't start a thread here.", "$warning")
        else:
            self._status("enter to choose  ·  esc to cancel", MUTED)

    def _status(self, message: str, style: str = "") -> None:
        self.query_one("#chooser-status", Static).update(label(message, style))

    @on(OptionList.OptionSelected, "#chooser-boards")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.boards[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
