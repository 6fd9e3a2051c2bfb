"""The sidebar: every area and its boards, with thread and unread counts."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from forum_tui.store.views import AreaView, BoardView
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.safe import MUTED, label, safe_line

COUNT = 4


def area_row(area: AreaView) -> Columns:
    return Columns(
        [
            [
                Cell(safe_line(area.name.upper(), "bold $text-primary")),
                Cell(_unread(area.unread_count), COUNT, "right"),
            ]
        ],
        gap=1,
    )


def board_row(board: BoardView) -> Columns:
    style = "bold" if board.unread_count else ""
    return Columns(
        [
            [
                Cell(Content(""), 1),
                Cell(safe_line(board.name, style)),
                Cell(label(str(board.thread_count), MUTED), COUNT, "right"),
                Cell(_unread(board.unread_count), COUNT, "right"),
            ]
        ],
        gap=1,
    )


def _unread(count: int) -> Content:
    return label(f"●{count}", "$accent") if count else Content("")


class AreaMenu(ForumList):
    """Areas (headings, selectable: they open an overview) and their boards."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open")]

    class BoardChosen(Message):
        def __init__(self, board: BoardView) -> None:
            super().__init__()
            self.board = board

    class AreaChosen(Message):
        def __init__(self, area: AreaView) -> None:
            super().__init__()
            self.area = area

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.areas: dict[str, AreaView] = {}
        self.boards: dict[str, BoardView] = {}

    def show_areas(self, areas: tuple[AreaView, ...]) -> None:
        """Fill (or refresh) the menu, keeping the highlighted row."""
        kept = self.highlighted_option.id if self.highlighted_option else None
        self.areas = {area.slug: area for area in areas}
        self.boards = {board.slug: board for area in areas for board in area.boards}
        options: list[Option] = []
        for area in areas:
            options.append(Option(area_row(area), id=f"area:{area.slug}"))
            options += [Option(board_row(b), id=f"board:{b.slug}") for b in area.boards]
        scroll_y = self.scroll_y
        self.set_options(options)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)  # a refresh stays put
        self.highlight(kept)

    def highlight(self, option_id: str | None) -> None:
        """Move the cursor to ``area:SLUG`` or ``board:SLUG`` if it is listed."""
        if option_id and option_id in self._id_to_option:
            self.highlighted = self.get_option_index(option_id)
        elif self.option_count and self.highlighted is None:
            self.highlighted = 0

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, slug = (event.option.id or "").partition(":")
        if kind == "board" and slug in self.boards:
            self.post_message(self.BoardChosen(self.boards[slug]))
        elif kind == "area" and slug in self.areas:
            self.post_message(self.AreaChosen(self.areas[slug]))
