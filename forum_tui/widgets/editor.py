"""The editors a member writes in, and the hand-off to ``$VISUAL``/``$EDITOR``.

Text in an editor is shown as it is stored, so it takes the safe-text path on the way
in: :func:`editable` (``rules.text.sanitize``) runs on everything put into an editor
(a draft, the post being edited, a quoted post, a paste, what the external editor wrote)
and turns control bytes, escape sequences and bidi overrides into visible stand-ins,
exactly as readers would see them. Typing cannot produce them; pasting can, which is
why :class:`BodyArea` and :class:`TitleInput` clean pastes.

:func:`edit_externally` writes the text to a private temporary file, runs the member's
editor on it and reads the file back. It never raises on the editor's account: a missing
editor, a crash or a non-zero exit (vim's ``:cq``) comes back as :class:`EditorFailed`
with a plain message, and the caller keeps the text it had.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, TextArea

from forum_tui.rules.text import sanitize, sanitize_line
from forum_tui.widgets.paste_guard import PasteGuard, guard_pastes  # kept importable here

__all__ = [
    "BodyArea",
    "EditorFailed",
    "PasteGuard",
    "TitleInput",
    "edit_externally",
    "editable",
    "editable_line",
    "editor_command",
    "guard_pastes",
]

FALLBACK_EDITOR = "vi"


def editable(text: str) -> str:
    """Multi-line member text made safe to put into an editor (idempotent)."""
    return sanitize(text)


def editable_line(text: str) -> str:
    """One-line member text (a title) made safe to put into an input (idempotent)."""
    return sanitize_line(text)


class BodyArea(TextArea):
    """The body editor: a plain ``TextArea`` (soft-wrapped, tab moves focus) whose pastes
    are cleaned by :func:`editable` before they reach the document."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # the TextArea's own handler would insert the raw text
        event.stop()
        if self.read_only or not event.text:
            return
        result = self.replace(editable(event.text), *self.selection)
        self.move_cursor(result.end_location)
        self.focus()

    def set_text(self, text: str) -> None:
        """Replace the whole text (kept in the undo history), cursor at the end."""
        result = self.replace(editable(text), self.document.start, self.document.end)
        self.move_cursor(result.end_location)


class TitleInput(Input):
    """The title field: one line; pastes keep their first line, cleaned.

    Textual's ``Input`` sets its virtual size to the text's width on every key, and a
    virtual size change asks for a layout of the whole screen: the idea form laid out
    its subject row, suggestions, body and footer again for every letter typed. A
    one-line field of a fixed size needs none of that: only its own scrolling reads the
    virtual size (``max_scroll_x``, read when the cursor is scrolled into view), so here
    a change repaints the field alone."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if not event.text:
            return
        lines = event.text.splitlines()
        line = editable_line(lines[0] if lines else "")
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *selection)


# ---------------------------------------------------------------------- $EDITOR


class EditorFailed(Exception):
    """The external editor could not be used; the message says why in plain words."""


def editor_command(environ: dict[str, str] | None = None) -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi``, split like a shell would."""
    environ = os.environ if environ is None else environ
    raw = (environ.get("VISUAL") or "").strip() or (environ.get("EDITOR") or "").strip()
    try:
        command = shlex.split(raw) if raw else []
    except ValueError:
        command = []
    return command or [FALLBACK_EDITOR]


def edit_externally(text: str, *, suffix: str = ".md") -> str:
    """Let the member's editor change ``text``; return the new text.

    The file lives in a private temporary folder (mode 0700) and is removed afterwards.
    A final newline the editor added is dropped again when ``text`` had none. Raises
    :class:`EditorFailed` when the editor cannot start, fails, or the file is unreadable.
    """
    command = editor_command()
    name = Path(command[0]).name
    with tempfile.TemporaryDirectory(prefix="forum-tui-") as folder:
        path = Path(folder) / f"post{suffix}"
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise EditorFailed(
                f"Couldn't write a file for your editor: {_reason(error)}."
            ) from None
        try:
            finished = subprocess.run([*command, str(path)], check=False)
        except (OSError, ValueError) as error:
            raise EditorFailed(
                f"Couldn't start your editor ({name}): {_reason(error)}. "
                "Set $VISUAL or $EDITOR to one that works. Your text is unchanged."
            ) from None
        if finished.returncode != 0:
            raise EditorFailed(
                f"Your editor ({name}) stopped with an error (exit status "
                f"{finished.returncode}), so your text is unchanged."
            )
        try:
            edited = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise EditorFailed(
                f"Couldn't read back what your editor saved: {_reason(error)}. "
                "Your text is unchanged."
            ) from None
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]
    return edited


def _reason(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such program"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__
