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
from textual.widgets import Input, TextArea

from forum_tui.rules.text import sanitize, sanitize_line

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
    """The title field: one line; pastes keep their first line, cleaned."""

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


# ---------------------------------------------------------------------- pastes holding ESC

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
#: How the safe-text path shows ESC (``rules.text``: the Unicode control picture).
ESC_SHOWN = sanitize("\x1b")


class PasteGuard:
    """Shows a raw ESC inside a bracketed paste as ``␛`` before Textual's parser sees it.

    Why: in Textual 8.2.8 (``textual/_xterm_parser.py``, ``XTermParser.parse``) an ESC
    inside a bracketed paste starts an escape-sequence search whose characters never
    reach the paste buffer (only the outer loop appends to it, line 219); the next ESC
    (the paste's closing ``ESC[201~``) ends the search and ``send_sequence`` reissues
    the characters after the stray ESC as key presses (line 251), *before* the
    ``Paste`` event, which holds only the text before the ESC (line 208). So "before
    ESC after" arrived as the keys "^after" and then the paste "before": scrambled, and
    pasted text could press keys (Enter, Tab). No upstream issue was found for it; the
    nearest are Textualize/textual#564 (bracketed paste) and #1661 (pasting on Windows).

    The guard sits in front of the parser (:func:`guard_pastes`): outside a paste it
    passes everything through untouched (a lone ESC key is never held back); inside one
    it holds back an ESC only until it knows whether ``ESC[201~`` follows, and turns
    any other ESC into ``␛``, the stand-in the safe-text path uses. Stateful across
    reads, since a paste may arrive in several."""

    def __init__(self) -> None:
        self.in_paste = False
        self.matched = 0  # how much of PASTE_START the last characters matched
        self.held = ""  # inside a paste: an ESC and what followed, maybe PASTE_END

    def filter(self, data: str) -> str:
        out: list[str] = []
        pending = list(data)
        pending.reverse()
        while pending:
            character = pending.pop()
            if not self.in_paste:
                out.append(character)
                self._watch_for_start(character)
            elif self.held or character == "\x1b":
                self.held += character
                if self.held == PASTE_END:
                    out.append(self.held)
                    self.held, self.in_paste = "", False
                elif not PASTE_END.startswith(self.held):
                    out.append(ESC_SHOWN)
                    pending.extend(reversed(self.held[1:]))  # look at them again
                    self.held = ""
            else:
                out.append(character)
        return "".join(out)

    def flush(self) -> str:
        """What is held back (at the end of input)."""
        held, self.held = self.held, ""
        return held

    def _watch_for_start(self, character: str) -> None:
        if character == PASTE_START[self.matched]:
            self.matched += 1
        else:
            self.matched = 1 if character == PASTE_START[0] else 0
        if self.matched == len(PASTE_START):
            self.in_paste, self.matched = True, 0


def guard_pastes() -> None:
    """Put a :class:`PasteGuard` in front of every Textual input parser (once; call it
    before the app runs, since the driver takes the parser's ``feed`` when it starts)."""
    from textual._xterm_parser import XTermParser

    if getattr(XTermParser.feed, "guards_pastes", False):
        return
    unguarded = XTermParser.feed

    def feed(parser, data: str):
        guard = parser.__dict__.setdefault("_paste_guard", PasteGuard())
        if not data:  # end of input
            rest = guard.flush()
            if rest:
                yield from unguarded(parser, rest)
            yield from unguarded(parser, data)
            return
        data = guard.filter(data)
        if data:  # everything may be held back: "" would mean end of input
            yield from unguarded(parser, data)

    feed.guards_pastes = True
    feed.unguarded = unguarded
    XTermParser.feed = feed


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
