"""Compose: a new thread, a reply (optionally quoting a post) or an edit of a post.

One screen for the three, built by :func:`new_thread`, :func:`reply` or :func:`edit`
(each returns a ``ComposeScreen`` the caller pushes with a callback). It dismisses with
the store's ``PostResult`` after a post, or ``None`` when the member leaves. Its parts:
``composing`` (what is written, and may they), ``draft_keeper`` (the draft in the
store), ``compose_posting`` (``ctrl+s``) and ``compose_leaving`` (``esc``, ``ctrl+d``,
``ctrl+e``); this module re-exports what callers use.

Never lose a word:

- The text is saved as a draft as the member types (``DRAFT_DELAY`` after the last
  change, off the UI thread) under the store's draft key (``thread:<board>``,
  ``reply:<thread id>``, ``edit:<post id>``). :class:`DraftKeeper` makes sure the newest
  text wins whatever order the saves finish in, and that no save lands after a post.
- Opening the screen again restores the draft; ``esc`` saves before leaving (and stays,
  with the reason, if that save fails); leaving the app any other way saves on unmount.
- Posting saves the draft first, then posts; the store discards the draft in the post's
  own transaction. A refusal (``GuidelineRefused``, ``NotAllowed``, anything) keeps the
  text in the editor and in the draft, and says why under the editor.
- Warnings (``NeedsConfirmation``: personal data) open :class:`WarningsDialog`: Edit (the
  default) returns to the text, Post anyway posts with ``accept_warnings=True``.

Text put into the editors takes the safe-text path (``widgets.editor.editable``). When an
edit comes back unchanged but for that cleaning, the original text is sent, so the store
sees "no change" rather than a new revision.

Keys: ``ctrl+s`` post, ``esc`` leave (draft kept), ``ctrl+e`` hand the body to
``$VISUAL``/``$EDITOR`` (``end`` still goes to the end of a line), ``ctrl+d`` discard
the draft after a confirmation (``delete`` still deletes forward), ``ctrl+g`` show or
hide the board's guidelines (Chat categories), ``tab`` between title and body.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static, TextArea

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.compose_leaving import LeavingCompose
from forum_tui.screens.compose_posting import PostingCompose
from forum_tui.screens.composing import (
    QUOTE_PREFIX,
    Composing,
    edit_refusal,
    new_thread_refusal,
    quote_block,
    quoted_post_id,
    reply_refusal,
)
from forum_tui.screens.confirm_dialog import notice_lines
from forum_tui.screens.draft_keeper import DraftKeeper, Snapshot
from forum_tui.screens.guideline_notices import (  # --- 14
    cited_guideline,
    open_guidelines,
)
from forum_tui.store import views
from forum_tui.widgets.editor import (
    BodyArea,
    TitleInput,
    editable,
    editable_line,
)
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.similar import SimilarThreads  # --- search
from forum_tui.widgets.when import full_date

__all__ = [
    "ComposeScreen",
    "Composing",
    "DraftKeeper",
    "edit",
    "edit_refusal",
    "new_thread",
    "new_thread_refusal",
    "quote_block",
    "reply",
    "reply_refusal",
]

#: Seconds after the last change before the draft is saved.
DRAFT_DELAY = 0.5


def new_thread(board: views.BoardView, title: str = "") -> ComposeScreen:
    """Start a thread in ``board`` (check :func:`new_thread_refusal` first), with
    ``title`` typed already (the Help Wizard's)."""
    return ComposeScreen(
        Composing(
            "thread",
            board,
            views.thread_draft_key(board.slug),
            has_title=True,
            title=editable_line(title),
        )
    )


def reply(thread: views.ThreadView, quote: views.PostView | None = None) -> ComposeScreen:
    """Reply to ``thread``, quoting ``quote`` when given."""
    body = quote_block(quote) if quote is not None else ""
    return ComposeScreen(
        Composing(
            "reply",
            thread.board,
            views.reply_draft_key(thread.id),
            thread=thread,
            quote=quote,
            body=body,
        )
    )


def edit(thread: views.ThreadView, post: views.PostView) -> ComposeScreen:
    """Edit ``post`` of ``thread`` (and the thread's title for the opening post)."""
    opening = post.position == 1
    return ComposeScreen(
        Composing(
            "edit",
            thread.board,
            views.edit_draft_key(post.id),
            thread=thread,
            post=post,
            has_title=opening,
            title=editable_line(thread.title) if opening else "",
            body=editable(post.body),
        )
    )


class ComposeScreen(PostingCompose, LeavingCompose, ForumScreen):
    """Write a thread, a reply or an edit; see the module docstring for the keys."""

    AUTO_FOCUS = ""  # the editor takes focus once the draft check is done
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "post", "Post", priority=True),
        Binding("escape", "leave", "Leave"),
        Binding("ctrl+e", "external_editor", "$EDITOR", priority=True),
        Binding("ctrl+d", "discard", "Discard", priority=True),
        Binding("ctrl+g", "toggle_guidelines", "Guidelines", priority=True),
        Binding("f1", "app.help", "Help", show=False),
        Binding("ctrl+o", "similar", "Similar threads", show=False),  # --- search
        Binding("f2", "community_guidelines", "Community guidelines", show=False),  # --- 14
    ]

    def __init__(self, composing: Composing) -> None:
        super().__init__()
        self.composing = composing
        self.keeper: DraftKeeper | None = None
        self.quote_post_id = composing.quote.id if composing.quote is not None else None
        self.ready = False
        self.posting = False
        self.leave_failed = False
        self.guidelines_open = composing.kind == "thread" and composing.board.kind == "chat"
        self._save_timer: Timer | None = None

    # -- layout

    def compose(self) -> ComposeResult:
        community = self.community
        composing = self.composing
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="compose"):
            yield Static(self._where(), id="compose-where", markup=False)
            yield Static(Content(""), id="compose-guidelines", markup=False)
            title = TitleInput(composing.title, placeholder="Title", id="compose-title")
            title.display = composing.has_title
            yield title
            if composing.kind == "thread":  # --- search: similar threads (widgets/similar.py)
                yield SimilarThreads("compose-title", composing.board.slug, id="compose-similar")
            yield BodyArea(
                composing.body,
                id="compose-body",
                read_only=True,  # until the draft check is done
                placeholder=_placeholder(composing),
            )
            with Horizontal(id="compose-status"):
                yield Static(Content(""), id="compose-message", markup=False)
                yield Static(Content(""), id="compose-counter", markup=False)
            yield Static(Content(""), id="compose-notices", markup=False)
        yield KeyFooter()

    def _where(self) -> Content:
        composing = self.composing
        board = safe_line(composing.board.name, "bold")
        if composing.kind == "thread":
            return join(label("New thread in "), board)
        thread = composing.thread
        assert thread is not None
        title = join(label("“"), safe_line(thread.title, "bold"), label("”"))
        if composing.kind == "reply":
            if composing.quote is not None:
                return join(
                    label("Reply to "),
                    title,
                    label(f", quoting post #{composing.quote.position}", MUTED),
                )
            return join(label("Reply to "), title)
        post = composing.post
        assert post is not None
        if post.author.id == self.viewer.id:
            whose = label(f"Edit your post #{post.position} in ")
        else:
            author = safe_line(post.author.display_name or post.author.username, "bold")
            whose = join(label("Edit "), author, label(f"’s post #{post.position} in "))
        return join(whose, title)

    @property
    def body_area(self) -> BodyArea:
        return self.query_one("#compose-body", BodyArea)

    @property
    def title_input(self) -> TitleInput:
        return self.query_one("#compose-title", TitleInput)

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the last screen's toasts would cover the status line
        board = self.composing.board
        place = join(safe_line(board.area_name), label(" › "), safe_line(board.name))
        self.query_one(ForumHeader).set_place(place)
        self.query_one("#compose-notices").display = False
        self.keeper = DraftKeeper(
            self.forum, self.viewer, self.composing.draft_key, self.composing.baseline
        )
        self._show_guidelines()
        self._update_counter()
        self.load_draft()

    # -- the draft

    @work(thread=True, exclusive=True, group="compose-draft-load")
    def load_draft(self) -> None:
        try:
            draft = self.forum.draft(self.viewer, self.composing.draft_key)
        except Exception as error:
            self.log.error(error)
            self.app.call_from_thread(self._draft_loaded, None, plain_error(error))
        else:
            self.app.call_from_thread(self._draft_loaded, draft, "")

    def _draft_loaded(self, draft: views.DraftView | None, problem: str) -> None:
        keeper = self.keeper
        assert keeper is not None
        if draft is not None:
            self._restore(draft)
        if problem:
            self._say(f"Couldn't look for a saved draft: {problem}", "error")
        area = self.body_area
        area.read_only = False
        self.ready = True
        if self.composing.has_title and not self.title_input.value.strip():
            self.title_input.focus()
        else:
            area.focus()
            area.move_cursor(area.document.end)
        self._changed()

    def _restore(self, draft: views.DraftView) -> None:
        keeper = self.keeper
        assert keeper is not None
        composing = self.composing
        title = editable_line(draft.title)
        body = editable(draft.body)
        if composing.kind == "reply" and composing.quote is None:
            self.quote_post_id = quoted_post_id(draft.extra)
        if composing.kind == "reply" and composing.quote is not None:
            # Quoting into an unfinished reply: the quote joins the end of the draft.
            block = quote_block(composing.quote)
            if block.strip() not in body:
                body = f"{body.rstrip()}\n\n{block}" if body.strip() else block
        if composing.has_title:
            self.title_input.value = title
        self.body_area.set_text(body)
        keeper.restored((draft.title, draft.body, draft.extra))
        self.notify(f"Restored your draft from {full_date(draft.updated_at)}.", markup=False)

    def _snapshot(self) -> Snapshot:
        title = self.title_input.value if self.composing.has_title else ""
        extra = f"{QUOTE_PREFIX}{self.quote_post_id}" if self.quote_post_id is not None else ""
        return (title, self.body_area.text, extra)

    @on(TextArea.Changed, "#compose-body")
    @on(Input.Changed, "#compose-title")
    def _edited(self, event: TextArea.Changed | Input.Changed) -> None:
        event.stop()
        if self.ready:
            self._changed()

    def _changed(self) -> None:
        self._update_counter()
        keeper = self.keeper
        if keeper is None or keeper.closed:
            return
        keeper.want(self._snapshot())
        if keeper.pending:
            if self._save_timer is not None:
                self._save_timer.stop()
            self._save_timer = self.set_timer(DRAFT_DELAY, self._autosave, name="draft")

    def _autosave(self) -> None:
        self._save_timer = None
        self.save_draft()

    @work(thread=True, group="compose-draft")
    def save_draft(self) -> None:
        keeper = self.keeper
        if keeper is None:
            return
        try:
            keeper.flush()
        except Exception as error:
            self.log.error(error)
            self.app.call_from_thread(
                self._say, f"Couldn't save your draft: {plain_error(error)}", "error"
            )

    def on_unmount(self) -> None:
        """Leaving without esc (the app quits): save what has not been saved yet."""
        if self._save_timer is not None:
            self._save_timer.stop()
        keeper = self.keeper
        if keeper is not None and keeper.pending:
            try:
                keeper.flush()
            except Exception as error:  # nothing left to show it on
                self.log.error(error)

    # -- counters, messages, guidelines

    def _update_counter(self) -> None:
        limits = self.community.limits
        parts: list[Content] = []
        if self.composing.has_title:
            parts.append(_count("Title", len(self.title_input.value.strip()), limits.title_max))
        parts.append(_count("Post", len(self.body_area.text.strip()), limits.post_max))
        counter = self.query_one("#compose-counter", Static)
        counts = join(*parts, separator="   ")
        # Laid out again only when its width changes: on every key it made the whole
        # screen's layout run again, the larger part of a keystroke's echo.
        counter.update(counts, layout=counts.cell_length != counter.content.cell_length)

    def _say(self, message: str, kind: str = "") -> None:
        """A line under the editor: plain words; ``kind`` "error" shows it as one."""
        style = "$text-error" if kind == "error" else MUTED
        box = self.query_one("#compose-message", Static)
        box.update(safe(message, style))  # store messages may quote what was typed
        box.set_class(kind == "error", "-error")

    shown_notices: tuple[views.GuidelineNotice, ...] = ()

    def _show_notices(self, notices: tuple[views.GuidelineNotice, ...]) -> None:
        box = self.query_one("#compose-notices", Static)
        self.shown_notices = notices
        lines = notice_lines(notices)
        if cited := cited_guideline(notices):  # --- 14
            lines.append(label(f"f2 to read guideline {cited} and the others", MUTED))
        box.update(join(*lines, separator="\n") if lines else Content(""))
        box.display = bool(lines)

    def _clear_messages(self) -> None:
        self._say("")
        self._show_notices(())

    def _show_guidelines(self) -> None:
        box = self.query_one("#compose-guidelines", Static)
        board = self.composing.board
        text = board.guidelines.strip()
        if not text:
            box.display = False
            return
        accent = "bold $text-accent"
        heading = join(label("Guidelines for ", accent), safe_line(board.name, accent))
        if self.guidelines_open:
            box.update(join(heading, label("  ctrl+g to hide", MUTED), "\n", safe(text)))
        else:
            box.update(join(heading, label("  ctrl+g to show", MUTED)))
        box.display = True

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_guidelines":
            return bool(self.composing.board.guidelines.strip())
        return True

    # --- search: ctrl+o moves into the similar threads under a new thread's title
    def action_similar(self) -> None:
        for similar in self.query(SimilarThreads):
            similar.choose()

    # --- end search

    def action_community_guidelines(self) -> None:  # --- 14: at the guideline cited
        open_guidelines(self.app, self.shown_notices)

    def action_toggle_guidelines(self) -> None:
        self.guidelines_open = not self.guidelines_open
        self._show_guidelines()


def _count(name: str, used: int, limit: int) -> Content:
    style = "bold $text-error" if limit and used > limit else MUTED
    return label(f"{name} {used:,}/{limit:,}" if limit else f"{name} {used:,}", style)


def _placeholder(composing: Composing) -> str:
    if composing.kind == "reply":
        return "Write your reply (Markdown). ctrl+s posts it."
    if composing.kind == "thread":
        return "What would you like to say? (Markdown) ctrl+s posts it."
    return "The post's text (Markdown)."
