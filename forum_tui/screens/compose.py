"""Compose: a new thread, a reply (optionally quoting a post) or an edit of a post.

One screen for the three, built by :func:`new_thread`, :func:`reply` or :func:`edit`
(each returns a ``ComposeScreen`` the caller pushes with a callback). It dismisses with
the store's ``PostResult`` after a post, or ``None`` when the member leaves.

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

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static, TextArea

from forum_tui.rules.permissions import IDEAS_ARE_NOT_THREADS, Action, Actor, Target, can
from forum_tui.screens.base import UNEXPECTED, ForumScreen, plain_error
from forum_tui.screens.confirm_dialog import ConfirmDialog, WarningsDialog, notice_lines
from forum_tui.screens.guideline_notices import (  # --- 14
    cited_guideline,
    offer_verification,
    open_guidelines,
    posted_message,
)
from forum_tui.store import views
from forum_tui.store.errors import ForumError, GuidelineRefused, NeedsConfirmation
from forum_tui.widgets.editor import (
    BodyArea,
    EditorFailed,
    TitleInput,
    edit_externally,
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
QUOTE_PREFIX = "quote:"

T = TypeVar("T")
#: (title, body, extra): what a draft holds.
Snapshot = tuple[str, str, str]
EMPTY: Snapshot = ("", "", "")


# ---------------------------------------------------------------------- what is written


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


def quote_block(post: views.PostView) -> str:
    """``@author wrote:`` and the post as a Markdown block quote, then a blank line."""
    lines = editable(post.body).split("\n")
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    return f"{_attribution(post)}\n{quoted}\n\n"


def _attribution(post: views.PostView) -> str:
    return f"@{editable_line(post.author.username)} wrote:"


def _quote_extra(post: views.PostView | None) -> str:
    return f"{QUOTE_PREFIX}{post.id}" if post is not None else ""


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


# ---------------------------------------------------------------------- drafts


class DraftKeeper:
    """Keeps one draft in the store, from any thread; the newest text always wins.

    The UI thread records the text with :meth:`want`; :meth:`flush` (any thread) saves it
    unless it is already saved. Everything that writes holds one lock, so a slow save can
    never overwrite a newer one, and :meth:`post` (flush, post, close) makes sure no save
    lands after a successful post has discarded the draft.
    """

    def __init__(self, forum, viewer: views.Viewer, key: str, baseline: Snapshot) -> None:
        self.forum = forum
        self.viewer = viewer
        self.key = key
        self.baseline = baseline
        self.latest = baseline
        self.saved = baseline  # what the store holds, as far as we know
        self.closed = False
        self._lock = threading.Lock()

    @property
    def pending(self) -> bool:
        return not self.closed and self.latest != self.saved

    @property
    def holds_text(self) -> bool:
        """True when a draft with the member's own words is (or is about to be) kept."""
        return self.latest != self.baseline and _has_text(self.latest)

    def want(self, snapshot: Snapshot) -> None:
        self.latest = snapshot

    def restored(self, snapshot: Snapshot) -> None:
        """The store holds ``snapshot`` (a draft just loaded into the editor)."""
        with self._lock:
            self.saved = snapshot
            self.latest = snapshot

    def flush(self) -> None:
        """Save the newest text now (raises the store's errors)."""
        with self._lock:
            self._flush()

    def post(self, send: Callable[[], T]) -> T:
        """Save the draft, then ``send``; after a success nothing is saved again."""
        with self._lock:
            self._flush()
            result = send()
            self.closed = True
            return result

    def discard(self) -> None:
        with self._lock:
            self.closed = True
            self.forum.discard_draft(self.viewer, self.key)

    def _flush(self) -> None:
        if self.closed:
            return
        latest = self.latest
        if latest == self.saved:
            return
        if latest == self.baseline or not _has_text(latest):
            self.forum.discard_draft(self.viewer, self.key)
        else:
            title, body, extra = latest
            self.forum.save_draft(self.viewer, self.key, title=title, body=body, extra=extra)
        self.saved = latest


def _has_text(snapshot: Snapshot) -> bool:
    return bool(snapshot[0].strip() or snapshot[1].strip())


# ---------------------------------------------------------------------- the screen


class ComposeScreen(ForumScreen):
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
        community = self.forum.community
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
            self.quote_post_id = _quoted_id(draft.extra)
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
        limits = self.forum.community.limits
        parts: list[Content] = []
        if self.composing.has_title:
            parts.append(_count("Title", len(self.title_input.value.strip()), limits.title_max))
        parts.append(_count("Post", len(self.body_area.text.strip()), limits.post_max))
        self.query_one("#compose-counter", Static).update(join(*parts, separator="   "))

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

    def action_post(self) -> None:
        self._post(accept_warnings=False)

    def _post(self, *, accept_warnings: bool) -> None:
        if not self.ready or self.posting:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        keeper = self.keeper
        assert keeper is not None
        keeper.want(self._snapshot())
        self.posting = True
        self._show_notices(())
        self._say("Posting…" if self.composing.kind != "edit" else "Saving your edit…")
        title, body, _extra = self._snapshot()
        self.send(title, body, accept_warnings)

    @work(thread=True, exclusive=True, group="compose-post")
    def send(self, title: str, body: str, accept_warnings: bool) -> None:
        keeper = self.keeper
        assert keeper is not None
        try:
            result = keeper.post(lambda: self._call_store(title, body, accept_warnings))
        except NeedsConfirmation as warning:
            self.app.call_from_thread(self._confirm, warning.notices)
        except GuidelineRefused as refusal:
            self.app.call_from_thread(self._refused, str(refusal), refusal.notices)
        except ForumError as error:
            self.app.call_from_thread(self._refused, plain_error(error), ())
        except Exception as error:
            self.log.error(error)
            self.app.call_from_thread(self._refused, UNEXPECTED, ())
        else:
            self.app.call_from_thread(self._posted, result)

    def _call_store(self, title: str, body: str, accept_warnings: bool) -> views.PostResult:
        composing, forum, viewer = self.composing, self.forum, self.viewer
        if composing.kind == "thread":
            return forum.post_thread(
                viewer, composing.board.slug, title, body, accept_warnings=accept_warnings
            )
        thread = composing.thread
        assert thread is not None
        if composing.kind == "reply":
            quoted = self.quote_post_id
            if quoted is not None and not self._still_quotes(body):
                quoted = None
            return forum.reply(
                viewer, thread.id, body, quote_post_id=quoted, accept_warnings=accept_warnings
            )
        post = composing.post
        assert post is not None
        if body == editable(post.body):
            body = post.body  # unchanged but for the safe-text cleaning
        new_title: str | None = None
        if composing.has_title:
            new_title = thread.title if title == editable_line(thread.title) else title
        return forum.edit_post(
            viewer, post.id, body, title=new_title, accept_warnings=accept_warnings
        )

    def _still_quotes(self, body: str) -> bool:
        """The quote's ``@author wrote:`` line is still there (else it is no quote)."""
        quote = self.composing.quote
        if quote is not None and quote.id == self.quote_post_id:
            return _attribution(quote) in body
        return "wrote:" in body

    def _confirm(self, notices: tuple[views.GuidelineNotice, ...]) -> None:
        self.posting = False
        self._say("Check the warnings: edit your post, or post it anyway.")

        def answered(go: bool | None) -> None:
            if go:
                self._post(accept_warnings=True)
            else:
                self._say("Your text is as you left it.")
                self._show_notices(notices)
                self.body_area.focus()

        self.app.push_screen(WarningsDialog(notices), answered)

    def _refused(self, message: str, notices: tuple[views.GuidelineNotice, ...]) -> None:
        """Say why, in plain words, under the editor; the text and the draft stay."""
        self.posting = False
        self.app.clear_notifications()  # no toast may sit over the refusal line
        if notices:
            self._say("This can't be posted yet; your text is kept.", "error")
        else:
            self._say(f"{_sentence(message)} Your text is kept.", "error")
        self._show_notices(notices)
        offer_verification(self.app, notices)  # --- 14: unverified email: the code dialog

    def _posted(self, result: views.PostResult) -> None:
        self.posting = False
        done = "Your edit is saved." if self.composing.kind == "edit" else "Posted."
        self.notify(posted_message(result, done), markup=False)  # --- 14: says if reported
        self.dismiss(result)

    # -- leaving, discarding, the external editor

    def action_leave(self) -> None:
        if self.posting:
            self._say("Posting… one moment.")
            return
        keeper = self.keeper
        if keeper is None or not self.ready:
            self.dismiss(None)
            return
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        keeper.want(self._snapshot())
        if self.leave_failed:  # they were told the save failed; let them go
            self.dismiss(None)
            return
        self.leave()

    @work(thread=True, exclusive=True, group="compose-leave")
    def leave(self) -> None:
        keeper = self.keeper
        assert keeper is not None
        try:
            keeper.flush()
        except Exception as error:
            self.log.error(error)
            self.app.call_from_thread(self._leave_failed, plain_error(error))
        else:
            self.app.call_from_thread(self._left, keeper.holds_text)

    def _left(self, kept: bool) -> None:
        if kept:
            self.notify("Draft saved. Open it again to go on writing.", markup=False)
        self.dismiss(None)

    def _leave_failed(self, message: str) -> None:
        self.leave_failed = True
        self._say(
            f"Couldn't save your draft: {message} Your text is still here; "
            "copy it somewhere safe, or press esc again to leave without it.",
            "error",
        )

    def action_discard(self) -> None:
        if not self.ready or self.posting:
            return
        editing = self.composing.kind == "edit"
        dialog = ConfirmDialog(
            "Discard your changes?" if editing else "Discard this draft?",
            [
                label(
                    "The post stays as it was; your changes here are thrown away."
                    if editing
                    else "What you wrote here is thrown away. This can't be undone."
                )
            ],
            go="Discard",
            back="Keep writing",
            go_variant="error",
        )

        def answered(go: bool | None) -> None:
            if go:
                self.discard()
            else:
                self.body_area.focus()

        self.app.push_screen(dialog, answered)

    @work(thread=True, exclusive=True, group="compose-discard")
    def discard(self) -> None:
        keeper = self.keeper
        assert keeper is not None
        try:
            keeper.discard()
        except Exception as error:
            self.log.error(error)
            self.app.call_from_thread(
                self._say, f"Couldn't discard the draft: {plain_error(error)}", "error"
            )
        else:
            self.app.call_from_thread(self._discarded)

    def _discarded(self) -> None:
        self.notify("Draft discarded.", markup=False)
        self.dismiss(None)

    def action_external_editor(self) -> None:
        """Hand the body to ``$VISUAL``/``$EDITOR`` and take back what it saved."""
        if not self.ready or self.posting:
            return
        text = self.body_area.text
        outcome: str | Exception
        try:
            with self.app.suspend():
                # Nothing may escape this block: the app resumes only when it ends normally.
                try:
                    outcome = edit_externally(text)
                except Exception as error:
                    outcome = error
        except SuspendNotSupported:
            self._say("Can't hand the text to an editor here. Your text is unchanged.", "error")
            return
        if isinstance(outcome, EditorFailed):
            self._say(str(outcome), "error")
        elif isinstance(outcome, Exception):
            self.log.error(outcome)
            self._say(f"{UNEXPECTED} Your text is unchanged.", "error")
        elif outcome != text:
            self.body_area.set_text(outcome)
            self._say("Took back the text from your editor.")
        else:
            self._say("Your editor made no changes.")
        self.body_area.focus()


def _count(name: str, used: int, limit: int) -> Content:
    style = "bold $text-error" if limit and used > limit else MUTED
    return label(f"{name} {used:,}/{limit:,}" if limit else f"{name} {used:,}", style)


def _placeholder(composing: Composing) -> str:
    if composing.kind == "reply":
        return "Write your reply (Markdown). ctrl+s posts it."
    if composing.kind == "thread":
        return "What would you like to say? (Markdown) ctrl+s posts it."
    return "The post's text (Markdown)."


def _quoted_id(extra: str) -> int | None:
    if extra.startswith(QUOTE_PREFIX):
        value = extra.removeprefix(QUOTE_PREFIX)
        if value.isdigit():
            return int(value)
    return None


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "!", "?")) else f"{message}."
