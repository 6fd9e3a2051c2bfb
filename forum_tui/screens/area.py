"""An area's overview in the home screen's main pane: what it is for and its boards."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from forum_tui.rules.wording import plural
from forum_tui.store.views import AreaView, BoardView
from forum_tui.widgets.area_menu import AreaMenu
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.safe import MUTED, label, safe_line

COUNT = 9


def board_card(board: BoardView) -> Columns:
    unread = label(f"{board.unread_count} new", "$accent") if board.unread_count else Content("")
    return Columns(
        [
            [
                Cell(safe_line(board.name, "bold")),
                Cell(label(plural(board.thread_count, "thread"), MUTED), COUNT + 3, "right"),
                Cell(unread, COUNT, "right"),
            ],
            [Cell(safe_line(board.description, MUTED))],
        ]
    )


class AreaPane(Vertical):
    """The boards of one area, each with its description; enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "back", "Back")]

    def __init__(self, area: AreaView) -> None:
        super().__init__(classes="main-pane")
        self.area = area

    def compose(self) -> ComposeResult:
        with Vertical(id="board-head"):
            yield Label(safe_line(self.area.name, "bold"), id="board-name", markup=False)
            yield Label(
                safe_line(self.area.description, MUTED),
                id="board-description",
                markup=False,
            )
        boards = ForumList(id="area-boards")
        boards.add_options(Option(board_card(b), id=b.slug) for b in self.area.boards)
        yield boards

    def on_mount(self) -> None:
        self.query_one("#area-boards", ForumList).highlighted = 0

    @on(OptionList.OptionSelected, "#area-boards")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        for board in self.area.boards:
            if board.slug == event.option.id:
                self.post_message(AreaMenu.BoardChosen(board))

    def focus_list(self) -> None:
        self.query_one("#area-boards").focus()

    def action_back(self) -> None:
        self.screen.action_focus_menu()  # type: ignore[attr-defined]
