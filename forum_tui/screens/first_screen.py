"""The first screen after start: which one, the reads its first frame needs, and the
snapshot of those reads that lets the next start paint home before the store is imported
(``store.start_snapshot``).

Imported by the app's opening worker before the store: nothing here imports SQLAlchemy
at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from forum_tui.screens.board import FirstPage
    from forum_tui.screens.home import HomeScreen
    from forum_tui.store.forum import Forum
    from forum_tui.store.start_snapshot import StartSnapshot
    from forum_tui.store.views import AreaView, BoardView, Viewer

#: What home's first frame shows: (the viewer now, the areas, the header's counts, and
#: the first board with its first page of threads, or None when its pane reads them).
HomeReads = tuple["Viewer", "tuple[AreaView, ...]", tuple, "FirstPage | None"]


def home_screen() -> type[HomeScreen]:
    from forum_tui.screens.home import HomeScreen

    return HomeScreen


def first_screen_maker(
    viewer: Viewer | None, forum: Forum | None = None
) -> tuple[Callable[[], Screen], tuple | None]:
    """How to make the first screen, and the header's counts for it: sign-in, or home
    for ``viewer``. Imports its module here (the opening worker calls it, off the UI
    thread) and, given ``forum``, makes home's first reads too (``home_reads``, the
    board's visit recorded as opening it does), so home paints with all its data in its
    first frame."""
    if viewer is None:
        from forum_tui.screens.login import SignInScreen

        return SignInScreen, None
    home = home_screen()
    if forum is None:
        return home, None
    try:
        _now, areas, counts, first = home_reads(viewer, record_visit=True)(forum)
    except Exception:  # home reads again, and says what went wrong where the board would be
        return home, None
    return partial(home, areas, first_board=first), counts


def home_reads(viewer: Viewer, *, record_visit: bool = False) -> Callable[[Forum], HomeReads]:
    """The reads home's first frame needs, as one call: what a start snapshot keeps
    (which reads only: the first board's visit is recorded by the pane's live read), or
    a cold start's first screen (``record_visit``, as opening the board does)."""
    from forum_tui.screens.board import PAGE
    from forum_tui.screens.ideas import is_plain
    from forum_tui.widgets.header import read_counts

    def read(forum: Forum) -> HomeReads:
        counts = read_counts(forum, viewer)
        now = counts[1]
        areas = forum.areas(now)
        board = first_board(areas)
        first = None
        if board is not None and is_plain(board):
            page = forum.board_threads(now, board.slug, None, PAGE, record_visit=record_visit)
            first = (forum.board(now, board.slug), page)
        return now, areas, counts, first

    return read


def first_board(areas: tuple[AreaView, ...]) -> BoardView | None:
    """The board home opens first: the first area's first board."""
    return next((area.boards[0] for area in areas if area.boards), None)


def recalled_home(snapshot: StartSnapshot | None) -> HomeReads | None:
    """Home's first reads as the last start kept them, when the rows they came from are
    unchanged (``StartSnapshot.recall``); else None."""
    return snapshot.recall() if snapshot is not None else None


def remember_home(snapshot: StartSnapshot | None, forum: Forum, viewer: Viewer | None) -> Any:
    """Keep home's first reads for the next start (off the UI thread; never fails)."""
    if snapshot is None or viewer is None:
        return None
    try:
        return snapshot.remember(forum, home_reads(viewer))
    except Exception:  # only a shortcut lost: the next start reads live
        return None
