"""One post in a thread: who wrote it and when, its marks, and its body (Markdown, safe)."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.selection import Selection
from textual.visual import Visual
from textual.widgets import Static

from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.markdown import Link, MarkdownBody, markdown_body, render_markdown
from forum_tui.widgets.member import avatar_label, member_name, member_rank
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
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
        avatar_label(post.author.avatar, post.author.custom_glyph),  # --- a Star's own
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
    """The body as one unwrapped Content (for excerpts such as the solution box)."""
    if post.removed:
        return removed_notice(post)
    return render_markdown(post.body)


def post_body_visual(post: views.PostView) -> Visual:
    """The body as the post shows it: Markdown laid out to the width (cached per body)."""
    if post.removed:
        return removed_notice(post)
    return markdown_body(post.body)


def removed_notice(post: views.PostView) -> Content:
    """--- moderation: "[removed by a moderator: reason]" for everyone; moderators and
    staff (who get the text from the store) read it below, dimmed."""
    notice = label(REMOVED, "dim italic")
    if post.removed_reason:
        notice = join(
            label("[removed by a moderator: ", "dim italic"),
            safe_line(post.removed_reason, "dim italic"),
            label("]", "dim italic"),
        )
    if post.body:
        notice = join(notice, "\n", safe(post.body, MUTED))
    return notice


class PostBody(Static):
    """A post's body: one widget, whatever the Markdown holds."""

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        visual = self.visual
        if isinstance(visual, MarkdownBody):
            return selection.extract(visual.lines(self.content_size.width).plain), "\n"
        return super().get_selection(selection)


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
        yield PostBody(post_body_visual(self.post), classes="post-body", markup=False)

    @property
    def position(self) -> int:
        return self.post.position

    @property
    def links(self) -> tuple[Link, ...]:
        """The links in the body, numbered as shown (none when the post was removed)."""
        if self.post.removed:
            return ()
        return markdown_body(self.post.body).links
