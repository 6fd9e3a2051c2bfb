"""Reads that start while a screen is being built, and land in its first paint.

A screen that starts its worker in ``on_mount`` paints twice: empty once its widgets are
composed and styled, then again, a layout pass later, when the rows arrive. Starting the
worker in ``compose`` lets the reads run while the widgets are built, and ``await
hold_for_early_reads(FIRST_READ_WAIT)`` in an async ``on_mount`` waits for the first
read up to that long (the screen below stays on the terminal meanwhile) and shows what
came before the screen's first paint. What the worker brings goes through
``when_built``, which keeps it until then. A read slower than the wait paints the
screen's "Loading…" first, as before.

Releasing without waiting was tried: the reads (a few ms) race the screen's build for
the GIL and often came in after it, so the screen painted "Loading…" and its rows a
frame later about half the time (the inbox's first open: 61-67 ms or 95-126 ms in the
pty). The thread, the inbox, the notifications and the report queue hold.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import Callable
from typing import Any

#: Seconds a new screen holds its first paint for its first read (the screen below stays
#: meanwhile): a quicker read paints the screen at once, filled, in one layout pass.
FIRST_READ_WAIT = 0.25


class EarlyReads:
    """Mixin: ``when_built(callback, *arguments)`` from a worker (via ``call_from_thread``)
    runs now, or once the widgets are built (``hold_for_early_reads``)."""

    _built = False
    _early: list[tuple[Callable[..., Any], tuple[Any, ...]]] | None = None
    _arrived: asyncio.Event | None = None

    def when_built(self, callback: Callable[..., Any], *arguments: Any) -> Any:
        """Run ``callback`` now (its result, awaited by ``call_from_thread`` if it is a
        coroutine) or once the widgets are built."""
        if self._built:
            return callback(*arguments)
        if self._early is None:
            self._early = []
        self._early.append((callback, arguments))
        if self._arrived is not None:
            self._arrived.set()
        return None

    async def hold_for_early_reads(self, seconds: float) -> None:
        """Wait up to ``seconds`` for the first early read, then release what came,
        awaiting callbacks that are coroutines (so their widgets join the first paint)."""
        if not self._early:
            self._arrived = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), seconds)
            self._arrived = None
        for callback, arguments in self._take_early():
            result = callback(*arguments)
            if inspect.isawaitable(result):
                await result

    def _take_early(self) -> list[tuple[Callable[..., Any], tuple[Any, ...]]]:
        """What came before the widgets were built; from now on callbacks run at once."""
        self._built = True
        early, self._early = self._early or [], None
        return early
