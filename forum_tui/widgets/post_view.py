"""One post in a thread: who wrote it and when, its marks, and its body (Markdown, safe)."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.selection import Selection
from textual.visual import Visual
from textual.widget import Widget

from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns, layout
from forum_tui.widgets.markdown import (
    LaidOutVisual,
    Link,
    MarkdownBody,
    markdown_body,
    render_markdown,
)
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


class PostVisual(LaidOutVisual):
    """A whole post as one Visual: the header line, then the body laid out to the width.

    One widget per post (not a container with a header and a body widget) keeps the
    thread screen's layout passes cheap; the laid-out lines are kept for the last two
    widths, and the body's own layout is cached per body text (``markdown_body``)."""

    def __init__(self, header: Columns, body: Visual) -> None:
        super().__init__()
        self.header = header
        self.body = body

    def lay_out(self, width: int) -> Content:
        head = layout(self.header.lines[0], width, self.header.gap)
        body = self.body
        if isinstance(body, MarkdownBody):
            body = body.lines(width)
        elif isinstance(body, Content):  # a notice (removed post): wrapped to fit
            body = Content("\n").join(body.wrap(width))
        return Content("\n").join([head, body])


class PostView(Widget):
    """A post; the current one (j/k) is marked with a bar on the left.

    ``show_new`` is off on a first visit: every post would be "new", which says nothing.
    A mounted PostView can be given another post (``show``): the thread screen reuses its
    widgets when it swaps a page (``G``, ``g``) instead of unmounting and mounting them.
    """

    _visual: PostVisual | None = None

    def __init__(
        self, post: views.PostView, now: datetime, staff_mark: str, *, show_new: bool = True
    ) -> None:
        super().__init__()
        self.staff_mark = staff_mark
        self.show(post, now, show_new=show_new)

    def show(self, post: views.PostView, now: datetime, *, show_new: bool = True) -> None:
        """Draw ``post`` here (its marks and body), in place of the one shown."""
        self.post = post
        self.now = now
        self.show_new = show_new
        self._body = post_body_visual(post)
        self._visual = None
        mounted = self.is_mounted
        self.set_class(post.removed, "-removed", update=mounted)
        self.set_class(post.unread and show_new, "-unread", update=mounted)
        if mounted:
            self.refresh(layout=True)

    def render(self) -> PostVisual:
        if self._visual is None:
            header = post_header(self.post, self.now, self.staff_mark, show_new=self.show_new)
            self._visual = PostVisual(header, self._body)
        return self._visual

    def refresh_header(self) -> None:
        """Draw the header again from ``self.post`` (likes, solution mark, ...)."""
        self._visual = None
        self.refresh()

    @property
    def body_visual(self) -> Visual:
        """The body as drawn (a ``MarkdownBody``, or a notice for a removed post)."""
        return self._body

    def set_body(self, body: Visual) -> None:
        """Draw the body as ``body`` (search marks the words it found)."""
        self._body = body
        self._visual = None
        self.refresh(layout=True)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.render().lines(self.content_size.width).plain), "\n"

    @property
    def position(self) -> int:
        return self.post.position

    @property
    def links(self) -> tuple[Link, ...]:
        """The links in the body, numbered as shown (none when the post was removed)."""
        if self.post.removed:
            return ()
        return markdown_body(self.post.body).links
