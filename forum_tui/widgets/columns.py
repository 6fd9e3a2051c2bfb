"""Rows of aligned columns that lay themselves out at whatever width they are given.

A :class:`Columns` is a Textual ``Visual``: each line is a list of :class:`Cell`; fixed
cells keep their width, the one flexible cell (``width=None``) takes what is left and is
cut with an ellipsis. Used for thread-list rows and their column header, so the columns
line up at 80 and at 200 cells without a table widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

GAP = 2


@dataclass(frozen=True)
class Cell:
    content: Content
    width: int | None = None
    align: str = "left"


class Columns(Visual):
    """Lines of cells, laid out to the width at render time."""

    def __init__(self, lines: list[list[Cell]], gap: int = GAP) -> None:
        self.lines = lines
        self.gap = gap

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for line in self.lines[:height] if height is not None else self.lines:
            content = layout(line, width, self.gap)
            strips.extend(content.render_strips(width, 1, style, options))
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines)


def layout(cells: list[Cell], width: int, gap: int = GAP) -> Content:
    """One line of cells as Content exactly ``width`` cells wide."""
    fixed = sum(cell.width or 0 for cell in cells) + gap * (len(cells) - 1)
    flexible = max(width - fixed, 0)
    parts: list[Content] = []
    for index, cell in enumerate(cells):
        if index:
            parts.append(Content(" " * gap))
        parts.append(_fit(cell, flexible if cell.width is None else cell.width))
    return Content.assemble(*parts).truncate(width, pad=True)


def _fit(cell: Cell, width: int) -> Content:
    content = cell.content.truncate(width, ellipsis=True)
    space = width - content.cell_length
    if space <= 0:
        return content
    if cell.align == "right":
        return content.pad_left(space)
    return content.pad_right(space)
