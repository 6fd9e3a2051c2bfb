"""``h`` on a post: every version of it, newest first, each with who made it and when.

Bodies are rendered like posts (Markdown through the safe-text path); an opening post's
versions also show the thread title as it was. A post that was never edited says so.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from forum_tui.rules.wording import plural
from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store import views
from forum_tui.widgets.markdown import markdown_body
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import ago, full_date

#: Up to this many days ago, the time also says how long ago.
RELATIVE_DAYS = 60
NEVER_EDITED = "No earlier versions: this post has not been edited."


class HistoryScroll(VerticalScroll, can_focus=True):
    """The versions; j/k scroll a line, space/b a page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]


class HistoryDialog(ForumModal):
    """A post's edit history (``post_history``), newest version first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,h", "close", "Close")]

    def __init__(self, post: views.PostView) -> None:
        super().__init__()
        self.post = post

    def compose(self) -> ComposeResult:
        with Vertical(id="history-card"):
            yield Static(self._title(), id="history-title", markup=False)
            yield Static(label("Loading…", MUTED), id="history-summary", markup=False)
            yield HistoryScroll(id="history-versions")
            yield Static(label("j/k to scroll  ·  esc to close", MUTED), id="history-hint")

    def _title(self) -> Content:
        return join(
            label("Edit history", "bold"),
            label(f"  ·  post #{self.post.position} by ", MUTED),
            member_name(self.post.author, self.staff_mark, MUTED),
        )

    def on_mount(self) -> None:
        self.query_one(HistoryScroll).focus()
        self.load_history()

    @work(thread=True, exclusive=True, group="history")
    def load_history(self) -> None:
        try:
            versions = self.forum.post_history(self.viewer, self.post.id)
        except Exception as error:
            self.app.call_from_thread(self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self._show, versions)

    async def _show(self, versions: tuple[views.RevisionView, ...]) -> None:
        summary = self.query_one("#history-summary", Static)
        if len(versions) <= 1:
            summary.update(label(NEVER_EDITED))
            return
        summary.update(label(f"{plural(len(versions), 'version')}, newest first", MUTED))
        now = self.current_time()
        retitled = len({v.title for v in versions if v.title is not None}) > 1
        widgets: list[Widget] = []
        for version in versions:
            heading = self._heading(version, now)
            widgets.append(Static(heading, classes="history-heading", markup=False))
            if retitled and version.title is not None:
                title = join(label("Title: ", MUTED), safe_line(version.title, "bold"))
                widgets.append(Static(title, classes="history-thread-title", markup=False))
            widgets.append(
                Static(markdown_body(version.body), classes="history-body", markup=False)
            )
        await self.query_one(HistoryScroll).mount_all(widgets)

    def _heading(self, version: views.RevisionView, now: datetime) -> Content:
        if version.current:
            which = label(f"Version {version.number} · current", "bold $text-accent")
        elif version.number == 1:
            which = label("Version 1 · original", "bold")
        else:
            which = label(f"Version {version.number}", "bold")
        return join(
            which,
            label("   by ", MUTED),
            member_name(version.editor, self.staff_mark, ""),
            label(f"   {when(version.created_at, now)}", MUTED),
        )

    def _failed(self, message: str) -> None:
        self.query_one("#history-summary", Static).update(label(message, "$text-error"))

    def action_close(self) -> None:
        self.dismiss(None)


def when(then: datetime, now: datetime) -> str:
    """The exact time, and how long ago when that says more than the date ("2 days ago")."""
    relative = ago(then, now)
    if (now - then).days < RELATIVE_DAYS:
        return f"{full_date(then)} ({relative})"
    return full_date(then)
