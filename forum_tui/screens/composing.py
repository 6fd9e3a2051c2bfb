"""What a compose screen writes and whether the viewer may: :class:`Composing`.

- :class:`Composing`: a thread, reply or edit, where it goes, the text it opens with;
  a reply's quote (:func:`quote_block`) and the draft's note of it (``quote:<post id>``).
- :func:`new_thread_refusal`, :func:`reply_refusal`, :func:`edit_refusal`: why the
  viewer can't (``""`` when they can), for hiding doors; the store decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from forum_tui.rules.permissions import IDEAS_ARE_NOT_THREADS, Action, Actor, Target, can
from forum_tui.screens.draft_keeper import Snapshot
from forum_tui.store import views
from forum_tui.widgets.editor import editable, editable_line

QUOTE_PREFIX = "quote:"


@dataclass(frozen=True)
class Composing:
    """What is being written, and where it goes. ``kind``: thread, reply or edit."""

    kind: str
    board: views.BoardView
    draft_key: str
    thread: views.ThreadView | None = None
    post: views.PostView | None = None  # the post being edited
    quote: views.PostView | None = None  # the post quoted into a reply
    has_title: bool = False
    title: str = ""  # the initial text (already made editable)
    body: str = ""

    @property
    def baseline(self) -> Snapshot:
        """The text the screen opens with; a draft equal to it is no draft at all."""
        return (self.title, self.body, _quote_extra(self.quote))


def quote_block(post: views.PostView) -> str:
    """``@author wrote:`` and the post as a Markdown block quote, then a blank line."""
    lines = editable(post.body).split("\n")
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    return f"{attribution(post)}\n{quoted}\n\n"


def attribution(post: views.PostView) -> str:
    return f"@{editable_line(post.author.username)} wrote:"


def _quote_extra(post: views.PostView | None) -> str:
    return f"{QUOTE_PREFIX}{post.id}" if post is not None else ""


def quoted_post_id(extra: str) -> int | None:
    if extra.startswith(QUOTE_PREFIX):
        value = extra.removeprefix(QUOTE_PREFIX)
        if value.isdigit():
            return int(value)
    return None


# ---------------------------------------------------------------------- may they?


def _actor(viewer: views.Viewer) -> Actor:
    """The viewer as the rules see them: a hint for hiding doors (the store decides)."""
    return Actor(
        id=viewer.id,
        role=viewer.role,
        staff_title=viewer.staff_title,
        email_verified=viewer.email_verified,
    )


def new_thread_refusal(board: views.BoardView) -> str:
    """Why the viewer can't start a thread in ``board`` ("" when they can)."""
    if not board.can_post:
        return board.post_refusal or "You can't start a thread here."
    if board.kind == "ideas":
        return IDEAS_ARE_NOT_THREADS
    return ""


def reply_refusal(viewer: views.Viewer, thread: views.ThreadView) -> str:
    """Why the viewer can't reply to ``thread`` ("" when they can)."""
    decision = can(
        _actor(viewer),
        Action.REPLY,
        Target(
            board_kind=thread.board.kind,
            owner_id=thread.author.id,
            locked=thread.locked,
            removed=thread.removed,
        ),
    )
    return "" if decision else decision.reason


def edit_refusal(viewer: views.Viewer, thread: views.ThreadView, post: views.PostView) -> str:
    """Why the viewer can't edit ``post`` ("" when they can): own posts, or moderators."""
    decision = can(
        _actor(viewer),
        Action.EDIT_POST,
        Target(
            board_kind=thread.board.kind,
            owner_id=post.author.id,
            locked=thread.locked,
            removed=post.removed or thread.removed,
        ),
    )
    return "" if decision else decision.reason
