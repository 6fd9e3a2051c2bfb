"""Reads that start while a screen is being built, and land before its first paint.

A screen that starts its worker in ``on_mount`` paints twice: empty once its widgets are
composed and styled, then again, a layout pass later, when the rows arrive. Starting the
worker in ``compose`` lets the reads run while the widgets are built; what they bring
before the widgets are there waits for ``on_mount`` (``release_early_reads``), so the
first paint is the filled one. The inbox, the notifications, the thread and the report
queue use it.

A screen whose read usually takes about as long as building it (a thread: its head and
first page; the report queue: its first page and the first item in full) can hold its
first paint for the read: ``await hold_for_early_reads(seconds)`` in an async
``on_mount`` waits for the first read up to ``seconds`` (the screen below stays on the
terminal meanwhile), then releases. A read slower than that paints the
screen's "Loading…" first, as before.
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
    runs now, or when ``release_early_reads`` is called at the end of ``on_mount``."""

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

    def release_early_reads(self) -> None:
        for callback, arguments in self._take_early():
            callback(*arguments)

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
