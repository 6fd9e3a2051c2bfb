"""Snapshots of the inbox (look at the SVGs!): the list, a conversation, the disclaimer,
and the inbox while messages are off. Update with ``--snapshot-update -k inbox``."""

from __future__ import annotations

from screen_helpers import SIZE, SMALL, settle


def _no_blink(app) -> None:
    from textual.widgets import TextArea

    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def in_inbox(*keys: str):
    """``run_before``: open the inbox, then press each key, settling after each."""

    async def run_before(pilot):
        await settle(pilot)
        for key in ("I", *keys):
            await pilot.press(key)
            _no_blink(pilot.app)
            await settle(pilot)

    return run_before


def test_inbox_list(snap_compare, make_forum_app):
    app = make_forum_app("elena")  # staff: four conversations, one unread
    assert snap_compare(app, terminal_size=SIZE, run_before=in_inbox())


def test_inbox_conversation(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SIZE, run_before=in_inbox("enter"))


def test_inbox_conversation_at_80_columns(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SMALL, run_before=in_inbox("enter"))


def test_inbox_disclaimer(snap_compare, make_forum_app):
    app = make_forum_app("hugo")
    assert snap_compare(app, terminal_size=SIZE, run_before=in_inbox("e"))


def test_inbox_messages_off(snap_compare, make_forum_app):
    app = make_forum_app("hugo")
    assert snap_compare(app, terminal_size=SIZE, run_before=in_inbox())


def test_inbox_new_message(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SIZE, run_before=in_inbox("n", "o", "s"))


def test_inbox_new_message_at_80_columns(snap_compare, make_forum_app):
    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SMALL, run_before=in_inbox("n"))
