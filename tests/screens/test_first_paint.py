"""Screens that hold their first paint for their first read (screens/early_reads.py):
their first layout and paint already has their rows, even when the read comes in after
the screen was built."""

from __future__ import annotations

import time

from screen_helpers import SIZE, persona_with, run_async, settle

from forum_tui.screens.early_reads import FIRST_READ_WAIT
from forum_tui.screens.inbox import InboxScreen
from forum_tui.screens.notifications import NotificationsPane, NotificationsScreen
from forum_tui.screens.report_queue import ReportQueueScreen

#: Slower than building the screen, well within ``FIRST_READ_WAIT``.
SLOW_READ = FIRST_READ_WAIT / 3


def slowed(monkeypatch, forum, name: str) -> None:
    """``forum.<name>`` takes ``SLOW_READ`` longer (it runs in the screen's worker)."""
    original = getattr(forum, name)

    def slow(*args, **kwargs):
        time.sleep(SLOW_READ)
        return original(*args, **kwargs)

    monkeypatch.setattr(forum, name, slow)


async def first_paint_on_key(monkeypatch, app, key: str, kind, shown):
    """Press ``key`` on home and return (what ``shown(screen)`` was at the ``kind``
    screen's first layout-and-paint, the screen). Textual's first paint of a screen is
    its first layout (``Screen._refresh_layout``)."""
    seen: list = []
    original = kind._refresh_layout

    def noted(screen, *args, **kwargs):
        seen.append(shown(screen))
        return original(screen, *args, **kwargs)

    monkeypatch.setattr(kind, "_refresh_layout", noted)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, kind)
        return seen[0], app.screen


@run_async
async def test_the_inbox_first_paints_with_its_conversations(
    make_forum_app, demo_forum, monkeypatch
):
    slowed(monkeypatch, demo_forum, "conversations")
    app = make_forum_app("mia")
    rows, _screen = await first_paint_on_key(
        monkeypatch, app, "I", InboxScreen, lambda screen: screen.rows.option_count
    )
    assert rows > 1  # the conversations and "Notifications"


@run_async
async def test_notifications_first_paint_with_their_rows(make_forum_app, demo_forum, monkeypatch):
    slowed(monkeypatch, demo_forum, "notifications")
    app = make_forum_app("priya")
    rows, _screen = await first_paint_on_key(
        monkeypatch,
        app,
        "N",
        NotificationsScreen,
        lambda screen: screen.query_one(NotificationsPane).rows.option_count,
    )
    assert rows == 4


@run_async
async def test_the_report_queue_first_paints_with_its_rows_and_first_item(
    make_forum_app, demo_forum, personas, monkeypatch
):
    slowed(monkeypatch, demo_forum, "report_queue")
    app = make_forum_app(persona_with(personas, role="moderator").username)
    painted, screen = await first_paint_on_key(
        monkeypatch, app, "Q", ReportQueueScreen, lambda s: (len(s.items), s.shown_key)
    )
    assert painted == (len(screen.items), screen.items[0].key)
