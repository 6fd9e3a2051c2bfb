"""The top of a thread: title, byline, idea or issue status, tags, and the solution."""

from __future__ import annotations

from textual.content import Content

from forum_tui.rules.wording import plural
from forum_tui.store import views
from forum_tui.widgets.member import member_name, member_rank
from forum_tui.widgets.post_view import post_body
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.when import full_date

#: Lines of the accepted solution shown above the posts.
SOLUTION_LINES = 6


def thread_head(thread: views.ThreadView, staff_mark: str) -> Content:
    lines: list[Content] = [safe_line(thread.title, "bold")]
    meta = _meta(thread, staff_mark)
    if meta:
        lines.append(meta)
    if thread.status_note:
        lines.append(join(label("Status update: ", "bold"), safe(thread.status_note)))
    return Content("\n").join(lines)


def _meta(thread: views.ThreadView, staff_mark: str) -> Content:
    parts: list[Content] = [
        join(
            label("by "),
            member_name(thread.author, staff_mark, ""),
            "  ",
            member_rank(thread.author),
        ),
        label(full_date(thread.created_at), MUTED),
        label(plural(thread.post_count, "post"), MUTED),
    ]
    if thread.status:
        parts.append(safe_line(thread.status, "bold $text-accent"))
    if thread.label:
        parts.append(join(label("["), safe_line(thread.label), label("]")))
    if thread.status or thread.label:
        parts.append(label(f"▲ {plural(thread.vote_count, 'vote')}", "$text-primary"))
    if thread.locked:
        parts.append(label("🔒 locked", "$text-warning"))
    if thread.tags:
        parts.append(
            join(*(safe_line(f"#{tag}", "$text-secondary") for tag in thread.tags), separator=" ")
        )
    return join(*parts, separator="  ·  ")


def solution_box(solution: views.PostView, staff_mark: str) -> Content:
    body = post_body(solution)
    lines = body.split("\n")
    excerpt = Content("\n").join(lines[:SOLUTION_LINES])
    if len(lines) > SOLUTION_LINES:
        excerpt = join(excerpt, label(" …", MUTED))
    title = join(
        label("✓ Solution", "bold $text-success"),
        label("  by ", MUTED),
        member_name(solution.author, staff_mark),
        "  ",
        member_rank(solution.author),
        label(f"  ·  post #{solution.position}  ·  a to jump to it", MUTED),
    )
    return join(title, "\n", excerpt)
