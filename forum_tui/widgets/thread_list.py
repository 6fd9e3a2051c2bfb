"""A board's threads, a page at a time: two aligned lines per thread.

Rows are options of an ``OptionList`` (no widget per row), so a page of 40 is appended
cheaply; the owner loads the next page when :class:`ThreadList.NearEnd` arrives.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from forum_tui.store.views import ThreadSummary
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.member import member_badge
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import ago

REPLIES = 7
ACTIVITY = 12
#: Load the next page when the cursor is this close to the last row.
NEAR_END = 5


def column_header() -> Columns:
    """The titles above the thread list, aligned with its rows."""
    return Columns(
        [
            [
                Cell(label("  Topic", MUTED)),
                Cell(label("Replies", MUTED), REPLIES, "right"),
                Cell(label("Activity", MUTED), ACTIVITY, "right"),
            ]
        ]
    )


def thread_row(thread: ThreadSummary, now: datetime, staff_mark: str) -> Columns:
    """Title, replies and last activity; then the byline, likes (or votes) and last poster."""
    last = thread.last_poster or thread.author
    top = [
        Cell(join(_mark(thread), _title(thread))),
        Cell(label(str(thread.reply_count)), REPLIES, "right"),
        Cell(label(ago(thread.last_activity_at, now)), ACTIVITY, "right"),
    ]
    bottom = [
        Cell(join("  ", _byline(thread, staff_mark))),
        Cell(_score(thread), REPLIES, "right"),
        Cell(safe_line(last.display_name or last.username, MUTED), ACTIVITY, "right"),
    ]
    return Columns([top, bottom])


def _score(thread: ThreadSummary) -> Content:
    """Votes for ideas and issues, likes elsewhere."""
    if thread.status is not None:
        return label(f"▲ {thread.vote_count}", "$text-primary")
    if thread.like_count:
        return label(f"♥ {thread.like_count}", MUTED)
    return Content("")


def _mark(thread: ThreadSummary) -> Content:
    return label("● ", "$accent") if thread.unread else Content("  ")


def _title(thread: ThreadSummary) -> Content:
    title = safe_line(thread.title, "bold" if thread.unread else "")
    parts: list[Content | str] = []
    if thread.floated:
        parts += [label("📌"), " "]
    if thread.locked:
        parts += [label("🔒"), " "]
    parts.append(title)
    return join(*parts)


def _byline(thread: ThreadSummary, staff_mark: str) -> Content:
    """Status (ideas, issues) first, then the author, then marks."""
    parts: list[Content] = []
    if thread.status:
        parts.append(safe_line(thread.status, "$text-accent"))
    if thread.label and not thread.title.lstrip().startswith(f"[{thread.label}]"):
        parts.append(join(label("["), safe_line(thread.label), label("]")))
    parts.append(member_badge(thread.author, staff_mark, name_style=MUTED))
    if thread.solved:
        parts.append(label("✓ Solved", "$text-success"))
    return join(*parts, separator=" · ")


class ThreadList(ForumList):
    """The thread rows of one board; ``enter`` opens the highlighted thread."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open thread")]

    class NearEnd(Message):
        """The cursor is close to the last loaded row: time for the next page.

        ``to_end`` is set when the reader asked for the very last thread (``G``).
        """

        def __init__(self, to_end: bool = False) -> None:
            super().__init__()
            self.to_end = to_end

    class Opened(Message):
        """A thread was chosen."""

        def __init__(self, thread: ThreadSummary) -> None:
            super().__init__()
            self.thread = thread

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.threads: dict[str, ThreadSummary] = {}
        self.now = datetime.min
        self.staff_mark = ""
        self._to_end = False

    def add_threads(self, threads: tuple[ThreadSummary, ...]) -> None:
        """Append a page of threads (skipping any already shown)."""
        fresh = [thread for thread in threads if str(thread.id) not in self.threads]
        for thread in fresh:
            self.threads[str(thread.id)] = thread
        self.add_options(self._option(thread) for thread in fresh)
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def replace_threads(self, threads: tuple[ThreadSummary, ...]) -> None:
        """Show fresh rows in place of the loaded ones (a reload): the cursor stays on the
        thread it was on and the list does not scroll."""
        highlighted = self.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        old_index, scroll_y = self.highlighted or 0, self.scroll_y
        fresh = {str(thread.id): thread for thread in threads}
        self.threads = fresh
        self._to_end = True  # no "near the end" while rows are swapped
        try:
            self.set_options(self._option(thread) for thread in fresh.values())
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
            if self.option_count:
                index = self.get_option_index(keep) if keep in fresh else old_index
                self.highlighted = min(index, self.option_count - 1)
        finally:
            self._to_end = False

    def mark_read(self, thread_id: int) -> None:
        """Show a thread as read (after it was opened)."""
        key = str(thread_id)
        thread = self.threads.get(key)
        if thread is None or not thread.unread:
            return
        self.threads[key] = replace(thread, unread=False)
        self.replace_option_prompt(key, self._row(self.threads[key]))

    def _option(self, thread: ThreadSummary) -> Option:
        return Option(self._row(thread), id=str(thread.id))

    def _row(self, thread: ThreadSummary) -> Columns:
        return thread_row(thread, self.now, self.staff_mark)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        near = highlighted is not None and highlighted >= self.option_count - NEAR_END
        if near and not self._to_end:
            self.post_message(self.NearEnd())

    def action_last(self) -> None:
        """G: to the last row, and ask for the rest of the board."""
        self._to_end = True
        try:
            super().action_last()
        finally:
            self._to_end = False
        self.post_message(self.NearEnd(to_end=True))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        thread = self.threads.get(event.option.id or "")
        if thread is not None:
            self.post_message(self.Opened(thread))
