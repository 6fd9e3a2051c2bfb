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
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from forum_tui.rules.months import Month
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.fields_dialog import FieldsDialog
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line

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
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="stars-leaderboard", classes="main-pane"):
            yield Static(label("Loading…", MUTED), id="leaderboard-title", markup=False)
            yield Static(Content(""), id="leaderboard-rows", markup=False)
        yield KeyFooter()

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
        month = Month.parse(self.month) if self.month else Month.of(self.current_time()).previous()
        month = month.next() if step > 0 else month.previous()
        self.month = f"{month.year:04d}-{month.month:02d}"
        self.load()

    def action_back(self) -> None:
        self.dismiss()


def event_row(event: views.EventView, now: datetime) -> Content:
    when = "upcoming" if event.starts_at > now else "past"
    row = join(
        label("✓ " if event.attended else "  ", "bold $text-success"),
        label(f"{event.starts_at.day} {event.starts_at:%b %Y}  ", "bold"),
        safe_line(event.title, "bold"),
        label("  Star-only" if event.star_only else "", "$text-accent"),
        label(f"  · {when} · {event.attendees} attended", MUTED),
    )
    if event.description:
        row = join(row, label("\n    "), safe_line(event.description, MUTED))
    return row


def parse_event(values: tuple[str, ...]) -> tuple[str, datetime, bool] | str:
    """(title, starts at, Star-only) from the new-event form, or what is wrong with it."""
    title, day, star_only = (value.strip() for value in values)
    try:
        starts = datetime.fromisoformat(day)
    except ValueError:
        return "Date: write it as YYYY-MM-DD (or YYYY-MM-DD HH:MM), e.g. 2026-12-05."
    answer = star_only.casefold() or "yes"
    if answer not in ("yes", "no", "y", "n"):
        return "Star-only: answer yes or no."
    return title, starts, answer.startswith("y")


class EventsScreen(ForumScreen):
    """Community events; Star-only ones for Stars and staff. Attending counts toward rank.
    Staff add events (``n``) and record who attended the highlighted one (``a``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_event", "New event"),
        Binding("a", "attended", "Record attendance"),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.events: dict[str, views.EventView] = {}

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="stars-events", classes="main-pane"):
            yield Static(
                label("Events · attending counts toward your rank (✓ attended)", "bold"),
                id="events-title",
            )
            yield ForumList(id="events-rows")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Stars Program › Events"))
        self.query_one("#events-rows").focus()
        self.load()

    @work(thread=True, exclusive=True, group="events")
    def load(self) -> None:
        try:
            events = self.forum.events(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self._show, events)

    def _failed(self, message: str) -> None:
        self.query_one("#events-title", Static).update(label(message, "$text-error"))

    def _show(self, events: tuple[views.EventView, ...]) -> None:
        now = self.current_time()
        rows = self.query_one("#events-rows", ForumList)
        self.events = {str(event.id): event for event in events}
        if events:
            rows.set_options(Option(event_row(e, now), id=str(e.id)) for e in events)
            rows.highlighted = 0
        else:
            rows.set_options(
                [Option(label("No events yet. Staff announce them here.", MUTED), disabled=True)]
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_event":
            return self.viewer.role == "staff"
        if action == "attended":
            return self.viewer.role == "staff" and bool(self.events)
        return True

    def action_new_event(self) -> None:
        forum, viewer = self.forum, self.viewer

        def add(values: tuple[str, ...]) -> str | None:
            parsed = parse_event(values)
            if isinstance(parsed, str):
                return parsed
            title, starts, star_only = parsed
            forum.add_event(viewer, title, starts, star_only=star_only)
            return None

        dialog = FieldsDialog(
            "New event",
            [("Title", "e.g. Star Jam (virtual)"), ("Date", "YYYY-MM-DD"), ("Star-only?", "yes")],
            add,
        )
        self.app.push_screen(dialog, self._changed)

    def action_attended(self) -> None:
        option = self.query_one("#events-rows", ForumList).highlighted_option
        event = self.events.get(option.id or "") if option is not None else None
        if event is None:
            return
        forum, viewer = self.forum, self.viewer

        def attend(values: tuple[str, ...]) -> str | None:
            forum.record_attendance(viewer, event.id, values[0].strip().lstrip("@"))
            return None

        dialog = FieldsDialog(f"Who attended {event.title}?", [("Username", "e.g. leo")], attend)
        self.app.push_screen(dialog, self._changed)

    def _changed(self, done: bool | None) -> None:
        if done:
            self.load()

    def action_back(self) -> None:
        self.dismiss()
