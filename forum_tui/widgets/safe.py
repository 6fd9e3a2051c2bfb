"""The one path member text takes to the screen.

Every title, body, name, display name, guideline or status note that reaches a widget
goes through :func:`safe` (multi-line) or :func:`safe_line` (one line). Both sanitise the
string with ``forum_tui.rules.text`` (controls made visible, bidi neutralised, invisible
characters removed) and wrap the result in a Textual :class:`~textual.content.Content`.

``Content(...)`` never parses markup, so ``[bold]`` or ``[@click=app.quit]`` typed by a
member shows literally; styles given here are ours (they may use theme variables such as
``$foreground-muted``) and apply to the whole string. Widgets that take these objects must still
be created with ``markup=False`` where they offer it, so no raw string slips through.

Never build display text with f-strings around member text and hand the string to a
widget: join ``Content`` objects with :func:`join` or ``Content.assemble`` instead.
"""

from __future__ import annotations

from textual.content import Content, Span

from forum_tui.rules.text import sanitize, sanitize_line

__all__ = ["MUTED", "join", "label", "safe", "safe_line"]

#: Secondary text (ranks, dates, hints): the theme's muted foreground.
MUTED = "$foreground-muted"


def safe(text: str, style: str = "") -> Content:
    """Multi-line member text (a post body, guidelines), newlines kept, shown literally."""
    return _styled(sanitize(text), style)


def safe_line(text: str, style: str = "") -> Content:
    """One-line member text (a title, a name): newlines and tabs become spaces."""
    return _styled(sanitize_line(text), style)


def label(text: str, style: str = "") -> Content:
    """Our own fixed wording (never member text), as Content that is not parsed either."""
    return _styled(text, style)


def join(*parts: Content | str | tuple[str, str], separator: str = "") -> Content:
    """Join pieces into one Content; plain ``str`` parts are ours and taken literally."""
    pieces = [part for part in parts if part]
    if separator:
        spaced: list[Content | str | tuple[str, str]] = []
        for index, part in enumerate(pieces):
            if index:
                spaced.append(separator)
            spaced.append(part)
        pieces = spaced
    return Content.assemble(*pieces)


def _styled(text: str, style: str) -> Content:
    if not style or not text:
        return Content(text)
    return Content(text, [Span(0, len(text), style)])
