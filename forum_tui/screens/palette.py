"""Command palette (ctrl+p): jump to any area or board the viewer can see."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from forum_tui.store.views import AreaView
from forum_tui.widgets.safe import join, label, safe_line

if TYPE_CHECKING:
    from forum_tui.app import ForumApp


def highlighted(candidate: Content, matcher: Matcher) -> Content:
    """The candidate with the matched letters marked (never parsed as markup)."""
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate.plain)
    for offset in offsets:
        candidate = candidate.stylize("bold underline", offset, offset + 1)
    return candidate


class BoardsProvider(Provider):
    """Every area ("Go to area") and board ("Go to board"), fuzzy-matched by name."""

    async def startup(self) -> None:
        app = cast("ForumApp", self.app)
        self.places: list[tuple[Content, str, str]] = []
        if app.viewer is None:
            return
        try:
            areas = await asyncio.to_thread(app.forum.areas, app.viewer)
        except Exception as error:
            app.log.error(error)
            return
        self.places = list(_places(areas))

    async def discover(self) -> Hits:
        app = cast("ForumApp", self.app)
        for name, kind, slug in self.places:
            yield DiscoveryHit(
                name, partial(app.open_place, kind, slug), text=name.plain, help=_help(kind)
            )

    async def search(self, query: str) -> Hits:
        app = cast("ForumApp", self.app)
        matcher = self.matcher(query)
        for name, kind, slug in self.places:
            score = matcher.match(name.plain)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(name, matcher),
                    partial(app.open_place, kind, slug),
                    text=name.plain,
                    help=_help(kind),
                )


def _places(areas: tuple[AreaView, ...]):
    for area in areas:
        yield safe_line(area.name), "area", area.slug
        for board in area.boards:
            yield (
                join(safe_line(area.name), label(" › "), safe_line(board.name)),
                "board",
                board.slug,
            )


def _help(kind: str) -> Content:
    return label("Go to area" if kind == "area" else "Go to board")
