"""The key footer every screen shows: its keys in the screen's first frame, rebuilt only
when the keys it lists change.

Textual's ``Footer`` composes nothing until the screen first publishes its bindings, then
recomposes (a dozen widgets, restyled and laid out) every time they are refreshed: on every
focus change, every ``refresh_bindings`` call, every screen push. So every screen painted
an empty footer, then laid itself out again for the keys; opening a board rebuilt the
footer 50+ times for the same keys. ``KeyFooter`` composes the keys the screen has when it
is mounted (a screen whose keys depend on what it reads mounts its footer once that is in,
as the thread does), and afterwards compares what it would show (key, description,
enabled, tooltip) with what it shows, recomposing only when that differs, at most once
per refresh; when only some keys' ``enabled`` changed, it dims or lights those keys in
place instead (no new widgets, no layout).

Use it wherever a screen would yield ``Footer()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

#: What a footer shows: (key, description, enabled, tooltip) per binding, in order.
Shown = tuple[tuple[str, str, bool, str], ...]


class KeyFooter(Footer):
    """A ``Footer`` that shows its keys at once and recomposes only when they change."""

    _shown: Shown | None = None
    _pending = False

    def compose(self) -> ComposeResult:
        if self._shown is None:  # the first compose: the keys the screen has now
            try:
                self._shown = self._keys_shown()
            except NoMatches:  # a screen asks its widgets, not all there yet: wait for them
                return
        self.set_reactive(Footer._bindings_ready, True)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A FooterKey starts compact, is restyled for it when mounted, then restyled
                # back when bound to the footer's ``compact``: two style passes per key on
                # every screen. Starting it as the footer is makes both a no-op. (The
                # palette's key is not bound to the footer: it stays compact.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

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
        if shown == self._shown:
            return
        before, self._shown = self._shown, shown
        if before is not None and _same_keys(before, shown):
            self._enable_in_place(shown)
        else:
            await self.recompose()

    def _enable_in_place(self, shown: Shown) -> None:
        """Dim or light the keys whose ``enabled`` changed, keeping the widgets: the same
        keys in the same places need no new widgets, styles or layout (a screen whose keys
        wait for its data shows them dimmed, then lights them here).

        ``FooterKey._disabled`` is what a click on the key checks (a bell instead of the
        key); Textual 8.2.8 sets it only in ``__init__``, so it is set here too."""
        enabled = {(key, description): on for key, description, on, _tooltip in shown}
        for footer_key in self.query(FooterKey):
            on = enabled.get((footer_key.key, footer_key.description))
            if on is not None and footer_key._disabled == on:
                footer_key._disabled = not on
                footer_key.set_class(not on, "-disabled")

    def refit(self) -> None:
        """Lay out again the keys whose width changed since they were laid out.

        The screen's breakpoint class (``-narrow``) arrives after the first layout and
        changes the keys' padding; Textual repaints them then, but does not lay them out
        again. Called once the screen has its size (``ForumScreen.on_resize``)."""
        for key in self.query(FooterKey):
            if key.get_content_width(self.size, self.screen.size) != key.content_size.width:
                key.refresh(layout=True)

    def _keys_shown(self) -> Shown:
        return tuple(
            (binding.key, binding.description, enabled, tooltip or "")
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )


def _same_keys(before: Shown, after: Shown) -> bool:
    """The same keys, descriptions and tooltips in the same order (``enabled`` aside)."""
    return [(k, d, t) for k, d, _on, t in before] == [(k, d, t) for k, d, _on, t in after]
