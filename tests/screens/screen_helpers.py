"""Helpers for the screen tests (imported as ``screen_helpers``)."""

from __future__ import annotations

import asyncio
import functools
import io

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input

SIZE = (100, 32)
SMALL = (80, 24)


def persona_with(personas, *, role: str, rank: str | None = None):
    """The first demo persona with this role (and rank)."""
    for persona in personas:
        if persona.role == role and (rank is None or persona.rank == rank):
            return persona
    raise LookupError(f"no demo persona with role {role!r} and rank {rank!r}")


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the screen has caught up (no blinking)."""
    app = pilot.app
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def suggested(pilot: Pilot, similar) -> None:
    """Wait until the similar threads or ideas (``widgets/similar.py``) show the answer
    for the title typed (their lookups run in their own thread, not a worker), then
    settle."""
    for _ in range(200):
        if not similar.pending:
            break
        await pilot.pause(0.025)
    await settle(pilot)


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def run_async(test):
    """Run an ``async def`` test with ``asyncio.run`` (no pytest async plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def find_thread(forum, viewer, wanted, *, kinds: tuple[str, ...] = ()):
    """The first thread (a ``ThreadSummary``) on a first page that ``wanted`` accepts."""
    for area in forum.areas(viewer):
        for board in area.boards:
            if kinds and board.kind not in kinds:
                continue
            for thread in forum.board_threads(viewer, board.slug).items:
                if wanted(thread):
                    return thread
    raise LookupError("no such thread in the demo")
