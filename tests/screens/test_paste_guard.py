"""A pasted raw ESC arrives whole and in order, shown as ``␛`` (widgets/editor.PasteGuard).

Textual 8.2.8's input parser turned the text after a stray ESC inside a bracketed paste
into key presses sent before the paste; the guard in front of the parser fixes that.
"""

from __future__ import annotations

import pytest
from textual._xterm_parser import XTermParser

from forum_tui.widgets.editor import PasteGuard, guard_pastes


def _tokens(*chunks: str) -> list[str]:
    guard_pastes()
    parser = XTermParser()
    found = []
    for chunk in chunks:
        for token in parser.feed(chunk):
            found.append(getattr(token, "text", None) or getattr(token, "key", None))
    return found


PASTED = "x\x1b[200~before\x1bafter\x1b\x1b[201~y"


@pytest.mark.parametrize("cut", range(1, len(PASTED)))
def test_a_paste_holding_esc_arrives_whole_in_order_however_it_is_read(cut):
    assert _tokens(PASTED[:cut], PASTED[cut:]) == ["x", "before␛after␛", "y"]


def test_an_esc_that_looks_like_the_end_of_the_paste_but_is_not():
    assert _tokens("\x1b[200~a\x1b[20x\x1b[201~") == ["a␛[20x"]


def test_keys_outside_a_paste_are_untouched():
    assert _tokens("a\x1b[A", "\x1b[200~p\x1b[201~", "\x1b[B") == ["a", "up", "p", "down"]


def test_a_lone_escape_key_is_not_held_back():
    assert PasteGuard().filter("\x1b") == "\x1b"


def test_the_app_installs_the_guard(make_forum_app, monkeypatch):
    unguarded = getattr(XTermParser.feed, "unguarded", XTermParser.feed)
    monkeypatch.setattr(XTermParser, "feed", unguarded)
    make_forum_app()
    assert getattr(XTermParser.feed, "guards_pastes", False)
