"""How private messages and conversations are drawn: rows for the inbox list, and one
message as a list option. Everything in them is member text (subjects, names, bodies),
so it goes through the safe-text path only (``widgets/safe.py``)."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from forum_tui.store.views import ConversationSummary, MemberBadge, MessageView
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.member import member_badge, member_name
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.when import ago

MARK = 2
WHEN = 11


def people(others: tuple[MemberBadge, ...], staff_mark: str, style: str = "") -> Content:
    """ "Oskar Lind, Priya S." (or "just you" when everyone else left)."""
    if not others:
        return label("just you", MUTED)
    return join(*(member_name(other, staff_mark, style) for other in others), separator=", ")


def conversation_row(row: ConversationSummary, now: datetime, staff_mark: str) -> Columns:
    """Who and when on top, the subject below; unread: a dot and bold."""
    unread = row.unread
    dot = label("●", "$accent") if unread else Content(" ")
    return Columns(
        [
            [
                Cell(dot, MARK),
                Cell(people(row.others, staff_mark, "bold" if unread else "")),
                Cell(label(ago(row.last_message_at, now), MUTED), WHEN, "right"),
            ],
            [
                Cell(Content(""), MARK),
                Cell(safe_line(row.subject, "" if unread else MUTED)),
                Cell(label(f"{row.message_count} ✉", MUTED), 5, "right"),
            ],
        ],
        gap=1,
    )


def message_prompt(message: MessageView, now: datetime, staff_mark: str) -> Content:
    """The author with rank and when on one line, then the body as typed (wrapped)."""
    when = label(f"  {ago(message.created_at, now)}", MUTED)
    new = label("  ● new", "bold $accent") if message.unread else Content("")
    head = join(member_badge(message.author, staff_mark), when, new)
    if message.removed_reason is not None:  # removed by a moderator: the reason only
        words = f"[removed by a moderator{': ' if message.removed_reason else ''}"
        notice = join(
            label(words, "dim italic"),
            safe_line(message.removed_reason, "dim italic"),
            label("]", "dim italic"),
        )
        return join(head, "\n", notice, "\n")
    return join(head, "\n", safe(message.body.strip()), "\n")
