"""The safe-text path and the small pieces the screens are built from."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from typing import ClassVar

import pytest
from textual.content import Content

from forum_tui.store.views import MemberBadge
from forum_tui.widgets.columns import Cell, layout
from forum_tui.widgets.member import avatar_glyph, member_badge
from forum_tui.widgets.safe import join, label, safe, safe_line
from forum_tui.widgets.when import ago

NOW = datetime(2026, 11, 20, 12, 0)

NASTY = [
    "[bold]loud[/bold]",
    "[@click=app.quit]quit[/]",
    "[link=https://evil.example]x[/link]",
    "[/]",
    "$accent and $primary",
    "\x1b[2J\x1b]52;c;SGVsbG8=\x07",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "abc\u202edcba",
    "zero\u200bwidth",
    "\x9b31m C1",
]


@pytest.mark.parametrize("text", NASTY)
def test_safe_text_is_literal_and_clean(text):
    for content in (safe(text), safe_line(text)):
        assert isinstance(content, Content)
        assert not content.spans  # nothing was interpreted as style
        assert "\x1b" not in content.plain and "\x07" not in content.plain
        assert "\u202e" not in content.plain and "\x9b" not in content.plain
        assert "\u200b" not in content.plain
    assert safe("[bold]x[/bold]").plain == "[bold]x[/bold]"


def test_safe_keeps_lines_and_safe_line_joins_them():
    assert safe("one\ntwo").plain == "one\ntwo"
    assert safe_line("one\ntwo").plain == "one two"


def test_styles_are_ours_and_whole():
    content = safe_line("[b]x", "bold")
    assert content.plain == "[b]x"
    assert [(span.start, span.end, span.style) for span in content.spans] == [(0, 4, "bold")]


def test_join_takes_plain_strings_literally():
    assert join(label("a"), "[b]", safe_line("c"), separator=" · ").plain == "a · [b] · c"


@pytest.mark.parametrize(
    "delta, words",
    [
        (timedelta(seconds=10), "just now"),
        (timedelta(minutes=5), "5 min ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=3), "3 hours ago"),
        (timedelta(days=1, hours=2), "yesterday"),
        (timedelta(days=3), "3 days ago"),
        (timedelta(days=20), "2 weeks ago"),
        (timedelta(days=100), "12 Aug"),
        (timedelta(days=400), "16 Oct 2025"),
    ],
)
def test_ago(delta, words):
    assert ago(NOW - delta, NOW) == words


@pytest.mark.parametrize("width", [20, 40, 80])
def test_columns_fill_the_width_exactly(width):
    cells = [
        Cell(safe_line("A title that is rather long for a narrow column")),
        Cell(label("12"), 5, "right"),
        Cell(label("3 days ago"), 11, "right"),
    ]
    line = layout(cells, width)
    assert line.cell_length == width
    if width >= 40:
        assert line.plain.endswith("3 days ago")
    assert ("…" in line.plain) is (width == 40)


def test_staff_get_the_mark_and_avatars_a_glyph():
    staff = MemberBadge(1, "jo", "[b]Jo", "Staff", "star-gold", "staff", True, "Community Manager")
    badge = member_badge(staff, "◆").plain
    assert badge.startswith("★ ◆ [b]Jo")
    assert "Community Manager" in badge
    assert avatar_glyph("no-such-avatar").plain == "•"


def test_header_badge_asked_again_while_on_its_way(make_forum_app, personas):
    """An ask for the unread count that comes while one is on its way is made after it
    (never by cancelling it): the tests' settle sees no cancelled worker, and the count
    shown is the later one."""
    from screen_helpers import run_async, settle

    from forum_tui.widgets.header import refresh_badges

    @run_async
    async def run():
        app = make_forum_app(personas[0].username)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            answers = iter([(0.3, 1), (0.0, 2)])

            def slow_count(viewer):
                delay, count = next(answers, (0.0, 2))
                time.sleep(delay)
                return count

            app.forum.unread_notification_count = slow_count
            refresh_badges(app)  # on its way for 0.3 s
            app.set_timer(0.05, lambda: refresh_badges(app))  # asked again meanwhile
            await settle(pilot)  # raised WorkerCancelled when the first was cancelled
            await asyncio.sleep(0.4)
            await settle(pilot)
            badge = app.screen.query_one("#header-badge")
            assert badge.display
            assert "2 new" in str(badge.render())

    run()


def test_key_footer_has_its_keys_in_the_first_frame_and_keeps_them():
    """The footer composes with the screen's keys (Textual's Footer composes nothing until
    the bindings are first published, then lays the screen out again for them), and a
    focus change that shows the same keys does not rebuild them."""
    from screen_helpers import run_async, settle
    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import Input
    from textual.widgets._footer import FooterKey

    from forum_tui.widgets.footer import KeyFooter

    class Keys(Screen):
        BINDINGS: ClassVar = [Binding("f2", "nothing", "Do X")]

        def compose(self):
            yield Input(id="first")
            yield Input(id="second")
            yield KeyFooter()

        def on_mount(self):
            self.keys_at_mount = list(self.query(FooterKey))

    @run_async
    async def run():
        app = App()
        async with app.run_test(size=(100, 32)) as pilot:
            screen = Keys()
            await app.push_screen(screen)
            assert "Do X" in [key.description for key in screen.keys_at_mount]
            await settle(pilot)
            screen.query_one("#second").focus()
            await settle(pilot)
            assert list(screen.query(FooterKey)) == screen.keys_at_mount  # not rebuilt

    run()


def test_key_footer_lights_a_key_in_place_when_only_its_enabled_state_changes():
    """A key shown dimmed while the screen waits for its data lights up on the same
    widget (no rebuild, no layout); a key that appears is still composed."""
    from screen_helpers import run_async, settle
    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets._footer import FooterKey

    from forum_tui.widgets.footer import KeyFooter

    class Waiting(Screen):
        BINDINGS: ClassVar = [
            Binding("f2", "reply", "Reply"),
            Binding("f3", "extra", "Extra"),
        ]
        ready = False
        extra = False

        def compose(self):
            yield KeyFooter()

        def check_action(self, action, parameters):
            if action == "reply":
                return True if self.ready else None  # None: shown, dimmed
            if action == "extra":
                return self.extra  # False: hidden
            return True

    def reply_key(screen) -> FooterKey:
        (key,) = [key for key in screen.query(FooterKey) if key.description == "Reply"]
        return key

    @run_async
    async def run():
        app = App()
        async with app.run_test(size=(100, 32)) as pilot:
            screen = Waiting()
            await app.push_screen(screen)
            await settle(pilot)
            dimmed = reply_key(screen)
            assert dimmed.has_class("-disabled")
            screen.ready = True
            screen.refresh_bindings()
            await settle(pilot)
            assert reply_key(screen) is dimmed  # the same widget, lit
            assert not dimmed.has_class("-disabled")
            assert not dimmed._disabled  # a click presses the key, no bell
            screen.extra = True
            screen.refresh_bindings()
            await settle(pilot)
            assert "Extra" in [key.description for key in screen.query(FooterKey)]

    run()


def test_title_input_types_without_laying_out_the_screen_and_still_scrolls_to_the_cursor():
    """Typing in a title field repaints the field alone (Textual's Input asks for a
    layout of the whole screen on every key), and a title longer than the field still
    scrolls so the cursor stays in sight, both ways."""
    from screen_helpers import run_async, settle
    from textual.app import App
    from textual.screen import Screen

    from forum_tui.widgets.editor import TitleInput

    layouts = []

    class Form(Screen):
        def compose(self):
            yield TitleInput(id="title")

        def _refresh_layout(self, *arguments, **keywords):
            layouts.append(1)
            return super()._refresh_layout(*arguments, **keywords)

    @run_async
    async def run():
        app = App()
        async with app.run_test(size=(40, 10)) as pilot:
            await app.push_screen(Form())
            await settle(pilot)
            title = app.screen.query_one(TitleInput)
            title.focus()
            await settle(pilot)
            layouts.clear()
            await pilot.press(*"short")
            await settle(pilot)
            assert title.value == "short"
            assert layouts == []  # no layout for typing
            await pilot.press(*("x" * 60))
            await settle(pilot)
            assert title.scroll_offset.x > 0  # scrolled to keep the cursor in sight
            cursor_x = title.cursor_screen_offset.x
            assert title.content_region.x <= cursor_x <= title.content_region.right
            await pilot.press("home")
            await settle(pilot)
            assert title.scroll_offset.x == 0

    run()
