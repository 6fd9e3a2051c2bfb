"""The key footer every screen shows, rebuilt only when the keys it lists change.

Textual's ``Footer`` recomposes (a dozen widgets, restyled and laid out) every time the
screen's bindings are refreshed: on every focus change, every ``refresh_bindings`` call,
every screen push. Opening a board did that 50+ times for the same keys. ``KeyFooter``
computes what it would show (key, description, enabled, tooltip), compares it with what
it shows, and recomposes only when that differs, at most once per refresh.

Use it wherever a screen would yield ``Footer()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: What a footer shows: (key, description, enabled, tooltip) per binding, in order.
Shown = tuple[tuple[str, str, bool, str], ...]


class KeyFooter(Footer):
    """A ``Footer`` that recomposes only when the keys it lists change."""

    _shown: Shown | None = None
    _pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def _keys_shown(self) -> Shown:
        return tuple(
            (binding.key, binding.description, enabled, tooltip or "")
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )
