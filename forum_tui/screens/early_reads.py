"""Reads that start while a screen is being built, and land before its first paint.

A screen that starts its worker in ``on_mount`` paints twice: empty once its widgets are
composed and styled, then again, a layout pass later, when the rows arrive. Starting the
worker in ``compose`` lets the reads run while the widgets are built; what they bring
before the widgets are there waits for ``on_mount`` (``release_early_reads``), so the
first paint is the filled one. The inbox and the notifications use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class EarlyReads:
    """Mixin: ``when_built(callback, *arguments)`` from a worker (via ``call_from_thread``)
    runs now, or when ``release_early_reads`` is called at the end of ``on_mount``."""

    _built = False
    _early: list[tuple[Callable[..., Any], tuple[Any, ...]]] | None = None

    def when_built(self, callback: Callable[..., Any], *arguments: Any) -> None:
        if self._built:
            callback(*arguments)
            return
        if self._early is None:
            self._early = []
        self._early.append((callback, arguments))

    def release_early_reads(self) -> None:
        self._built = True
        early, self._early = self._early or [], None
        for callback, arguments in early:
            callback(*arguments)
