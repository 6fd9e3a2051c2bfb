"""The Stars' monthly leaderboard and the Star-only events.

The leaderboard opens at the last complete month (it is updated monthly; ``]`` shows
the month in progress) and draws each Star's points as a bar (block characters, so it reads without
colour); the top ten are marked ★ and in bold. ``[``/``]`` (or ``h``/``l``) step a
month back and forward.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from forum_tui.rules.months import Month
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.store import views
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line

BAR_WIDTH = 24
NAME_WIDTH = 22
EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(points: int, most: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of ``points`` out of ``most`` in ``width`` cells (eighths too)."""
    if most <= 0 or points <= 0:
        return ""
    eighths = max(1, round(points / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def leaderboard_lines(board: views.Leaderboard, staff_mark: str, viewer_id: int) -> Content:
    if not board.rows:
        return label("No points earned this month yet.", MUTED)
    most = board.rows[0].points
    lines = []
    for row in board.rows:
        top = row.top
        mine = row.member.id == viewer_id
        name = member_name(row.member, staff_mark, "bold" if top else "")
        lines.append(
            join(
                label("★ " if top else "  ", "$warning"),
                label(f"{row.place:>2}. ", "bold" if top else MUTED),
                _fit(name, NAME_WIDTH),
                label(f"{row.points:>6}  ", "bold" if top else ""),
                label(bar(row.points, most), "$accent" if top else MUTED),
                label("  ← you", "bold $accent") if mine else "",
            )
        )
    return Content("\n").join(lines)


def _fit(content: Content, width: int) -> Content:
    if content.cell_length > width - 1:
        content = join(content.truncate(width - 2), label("…"))
    return join(content, " " * max(0, width - content.cell_length))


class LeaderboardScreen(ForumScreen):
    """The monthly Star leaderboard, top ten highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket,h", "month(-1)", "Previous month", key_display="["),
        Binding("right_square_bracket,l", "month(1)", "Next month", key_display="]"),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, month: str | None = None) -> None:
        super().__init__()
        self.month = month

    def compose(self) -> ComposeResult:
        community = self.forum.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="stars-leaderboard", classes="main-pane"):
            yield Static(label("Loading…", MUTED), id="leaderboard-title", markup=False)
            yield Static(Content(""), id="leaderboard-rows", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Stars Program › Leaderboard"))
        self.query_one("#stars-leaderboard").focus()
        self.load()

    @work(thread=True, exclusive=True, group="leaderboard")
    def load(self) -> None:
        try:
            board = self.forum.star_leaderboard(self.viewer, self.month)
        except Exception as error:
            self.app.call_from_thread(
                self._put, "#leaderboard-title", label(plain_error(error), "$text-error")
            )
        else:
            self.app.call_from_thread(self._show, board)

    def _show(self, board: views.Leaderboard) -> None:
        self.month = board.month_key
        place = (
            label(f"   You are #{board.viewer_place}", "bold $accent")
            if board.viewer_place
            else label("")
        )
        self._put(
            "#leaderboard-title",
            join(
                label(f"Star leaderboard · {board.month}", "bold"),
                label("" if board.complete else " (so far)", MUTED),
                label(f"   ★ top {board.top_size}", "$warning"),
                place,
            ),
        )
        self._put("#leaderboard-rows", leaderboard_lines(board, self.staff_mark, self.viewer.id))

    def _put(self, selector: str, content: Content) -> None:
        self.query_one(selector, Static).update(content)

    def action_month(self, step: int) -> None:
        month = Month.parse(self.month) if self.month else Month.of(self.forum.now()).previous()
        month = month.next() if step > 0 else month.previous()
        self.month = f"{month.year:04d}-{month.month:02d}"
        self.load()

    def action_back(self) -> None:
        self.dismiss()


def event_lines(events: tuple[views.EventView, ...], now: datetime) -> Content:
    if not events:
        return label("No events yet. Staff announce them here.", MUTED)
    lines = []
    for event in events:
        when = "upcoming" if event.starts_at > now else "past"
        lines.append(
            join(
                label("✓ " if event.attended else "  ", "bold $text-success"),
                label(f"{event.starts_at.day} {event.starts_at:%b %Y}  ", "bold"),
                safe_line(event.title, "bold"),
                label("  Star-only" if event.star_only else "", "$text-accent"),
                label(f"  · {when} · {event.attendees} attended", MUTED),
            )
        )
        if event.description:
            lines.append(join(label("    "), safe(event.description, MUTED)))
    return Content("\n").join(lines)


class EventsScreen(ForumScreen):
    """Community events; Star-only ones for Stars and staff. Attending counts toward rank."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "back", "Back")]

    def compose(self) -> ComposeResult:
        community = self.forum.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="stars-events", classes="main-pane"):
            yield Static(
                label("Events · attending counts toward your rank (✓ attended)", "bold"),
                id="events-title",
            )
            yield Static(label("Loading…", MUTED), id="events-rows", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Stars Program › Events"))
        self.load()

    @work(thread=True, exclusive=True, group="events")
    def load(self) -> None:
        try:
            events = self.forum.events(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._put, label(plain_error(error), "$text-error"))
        else:
            self.app.call_from_thread(self._put, event_lines(events, self.forum.now()))

    def _put(self, content: Content) -> None:
        self.query_one("#events-rows", Static).update(content)

    def action_back(self) -> None:
        self.dismiss()
