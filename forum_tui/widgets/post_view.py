"""One post in a thread: who wrote it and when, its marks, and its body (plain, safe)."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.member import avatar_label, member_name, member_rank
from forum_tui.widgets.safe import MUTED, join, label, safe
from forum_tui.widgets.when import ago

REMOVED = "[removed by a moderator]"


def post_header(
    post: views.PostView, now: datetime, staff_mark: str, *, show_new: bool = True
) -> Columns:
    """Author, rank and avatar on the left; when, edited, likes and marks on the right."""
    who = join(
        member_name(post.author, staff_mark),
        "  ",
        member_rank(post.author),
        "  ",
        avatar_label(post.author.avatar),
    )
    marks = post_marks(post, now, show_new=show_new)
    return Columns([[Cell(who), Cell(marks, marks.cell_length, "right")]])


def post_marks(post: views.PostView, now: datetime, *, show_new: bool = True) -> Content:
    parts: list[Content] = []
    if post.unread and show_new:
        parts.append(label("new", "bold $accent"))
    if post.is_solution:
        parts.append(label("✓ Solution", "bold $text-success"))
    if post.like_count:
        parts.append(label(f"♥ {post.like_count}", "$text-error" if post.liked_by_viewer else ""))
    when = ago(post.created_at, now)
    if post.edited_at is not None:
        when += " · edited"
    parts.append(label(when, MUTED))
    parts.append(label(f"#{post.position}", MUTED))
    return join(*parts, separator="   ")


def post_body(post: views.PostView) -> Content:
    if post.removed:
        return label(REMOVED, "dim italic")
    return safe(post.body.rstrip())


class PostView(Vertical):
    """A post; the current one (j/k) is marked with a bar on the left.

    ``show_new`` is off on a first visit: every post would be "new", which says nothing.
    """

    def __init__(
        self, post: views.PostView, now: datetime, staff_mark: str, *, show_new: bool = True
    ) -> None:
        classes = "-removed" if post.removed else ""
        if post.unread and show_new:
            classes += " -unread"
        super().__init__(id=f"post-{post.position}", classes=classes.strip())
        self.post = post
        self.now = now
        self.staff_mark = staff_mark
        self.show_new = show_new

    def compose(self) -> ComposeResult:
        header = post_header(self.post, self.now, self.staff_mark, show_new=self.show_new)
        yield Static(header, classes="post-header")
        yield Static(post_body(self.post), classes="post-body", markup=False)

    @property
    def position(self) -> int:
        return self.post.position
