"""Tab and shift+tab between a form's fields, safe for keys that arrive in a burst.

Why *priority* bindings: Textual hands each key to the widget focused when the app takes
the key from its queue, before that widget has handled the keys ahead of it. Keys that
arrive in one read (a fast typist, a password manager, ``tmux send-keys``) are all handed
out before the first is handled, so with an ordinary binding a Tab reaches the focused
field's bubbling too late: "noah", Tab, "demo" typed at once put "noahdemo" in the
username. A priority binding is checked by the app itself, in order, before the keys after
it are handed out, so focus moves exactly where the Tab was pressed.
"""

from __future__ import annotations

from textual.binding import Binding


def field_focus_bindings(next_name: str = "Next", previous_name: str = "Previous") -> list[Binding]:
    """The two bindings for a screen of fields (inputs and lists, no text areas that indent)."""
    return [
        Binding("tab", "app.focus_next", next_name, show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", previous_name, show=False, priority=True),
    ]
