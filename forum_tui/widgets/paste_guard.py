"""A raw ESC inside a bracketed paste arrives whole and in order (see :class:`PasteGuard`).

Its own module, apart from the editors, because the app installs the guard before it
starts: importing it must not pull in ``TextArea`` ahead of the first frame.
"""

from __future__ import annotations

from forum_tui.rules.text import sanitize

__all__ = ["PasteGuard", "guard_pastes"]

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
