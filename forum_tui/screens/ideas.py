"""Boards whose threads have a status: Idea Submissions, Closed Ideas and Ongoing Issues.

:class:`StatusBoardPane` is the board pane (screens/board.py) with the list the Idea
Exchange and Ongoing Issues need: each row shows votes, status, label and the latest
status note; ``o`` sorts by votes, newest or recent activity; ``f`` filters by status and
``L`` by label (ideas); ``i`` shows what each status means (and, for ideas, the
requirements); ``v`` votes for the highlighted idea (or says "me too"); ``n`` in Idea
Submissions opens the idea form (screens/idea_form.py). The home screen shows this pane
for those boards (:func:`board_pane`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static

from forum_tui.rules.wording import plural
from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.screens.board import PAGE, BoardPane, FirstPage
from forum_tui.screens.choice_dialog import ChoiceDialog
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.member import member_badge
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.thread_list import ACTIVITY, ThreadList
from forum_tui.widgets.when import ago

STATUS_BOARDS = frozenset({"ideas", "closed_ideas", "ongoing_issues"})
IDEA_BOARDS = frozenset({"ideas", "closed_ideas"})
SORTS = (("votes", "most votes"), ("new", "newest"), ("active", "recently active"))
VOTES = 6
NOTE_WIDTH = 200

#: The "any" row of a filter (None means the dialog was left with esc).
ANY = object()


def board_pane(board: views.BoardView, first: FirstPage | None = None) -> BoardPane:
    """The pane that shows ``board``: this one for ideas and Ongoing Issues. ``first``
    (the board and its first page, read before) is for the plain pane alone."""
    if not is_plain(board):
        return StatusBoardPane(board.slug, board.kind)
    return BoardPane(board.slug, first)


def is_plain(board: views.BoardView) -> bool:
    """Whether ``board`` shows in the plain pane (threads by activity), not by status."""
    return board.kind not in STATUS_BOARDS


def status_row(thread: views.ThreadSummary, now: datetime, staff_mark: str) -> Columns:
    """Votes and title; status, author and replies; the latest status note (if any)."""
    voted = label(f"▲ {thread.vote_count}", "bold $text-primary")
    mark = label("● ", "$accent") if thread.unread else Content("  ")
    title = safe_line(thread.title, "bold" if thread.unread else "")
    lock = label("🔒 ") if thread.locked else Content("")
    top = [
        Cell(voted, VOTES, "right"),
        Cell(join(mark, lock, title)),
        Cell(label(ago(thread.last_activity_at, now), MUTED), ACTIVITY, "right"),
    ]
    byline: list[Content] = []
    if thread.status:
        byline.append(safe_line(thread.status, "bold $text-accent"))
    byline.append(member_badge(thread.author, staff_mark, name_style=MUTED))
    replies = thread.reply_count
    byline.append(label(f"{plural(replies, 'reply', 'replies')}", MUTED))
    lines = [top, [Cell(Content(""), VOTES), Cell(join(*byline, separator=" · "))]]
    if thread.status_note:
        note = " ".join(thread.status_note.split())[:NOTE_WIDTH]
        lines.append([Cell(Content(""), VOTES), Cell(join(label("↳ "), safe_line(note, MUTED)))])
    return Columns(lines)


def status_header(kind: str) -> Columns:
    what = "Idea" if kind in IDEA_BOARDS else "Issue"
    return Columns(
        [
            [
                Cell(label("Votes", MUTED), VOTES, "right"),
                Cell(label(f"  {what} · status · latest status note", MUTED)),
                Cell(label("Activity", MUTED), ACTIVITY, "right"),
            ]
        ]
    )


class StatusList(ThreadList):
    """Thread rows with votes, status and status note (three lines each)."""

    def _row(self, thread: views.ThreadSummary) -> Columns:
        return status_row(thread, self.now, self.staff_mark)

    def update_thread(self, thread_id: int, **changes) -> None:
        key = str(thread_id)
        thread = self.threads.get(key)
        if thread is not None:
            self.threads[key] = replace(thread, **changes)
            self.replace_option_prompt(key, self._row(self.threads[key]))


class StatusBoardPane(BoardPane):
    """A board of ideas or Ongoing Issues (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "cycle_sort", "Sort"),
        Binding("f", "filter_status", "Status filter"),
        Binding("L", "filter_label", "Label filter", show=False),
        Binding("i", "status_meanings", "Statuses"),
        Binding("n", "new_idea", "New idea"),
        Binding("v", "vote", "Vote"),
        Binding("v", "me_too", "Me too"),  # the same key on Ongoing Issues
    ]

    def __init__(self, slug: str, kind: str) -> None:
        super().__init__(slug)
        self.kind = kind
        self.sort = "votes" if kind in IDEA_BOARDS else "active"
        self.status_filter: views.StatusOption | None = None
        self.label_filter: str | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, ThreadList):
                yield StatusList(id="threads")
                yield Static(Content(""), id="status-meaning", markup=False)
            elif widget.id == "thread-columns":
                yield Static(status_header(self.kind), id="thread-columns")
            else:
                yield widget

    @property
    def status_kind(self) -> str:
        return "idea" if self.kind in IDEA_BOARDS else "issue"

    def threads_page(self, cursor: str | None, limit: int) -> views.Page[views.ThreadSummary]:
        """A page sorted and filtered as the reader asked (worker thread)."""
        return self.forum.status_threads(
            self.viewer,
            self.slug,
            sort=self.sort,
            status=self.status_filter.key if self.status_filter else None,
            label=self.label_filter,
            cursor=cursor,
            limit=limit,
        )

    def show_board_actions(self, board: views.BoardView, page: views.Page) -> None:
        super().show_board_actions(board, page)
        self._show_choices()
        if not page.items and (self.status_filter or self.label_filter):
            self._board_status("Nothing matches the filter. Press f or L to change it.")

    def _show_choices(self) -> None:
        """The board's name, then how the list is sorted and filtered."""
        if self.board is None:
            return
        name = safe_line(self.board.name, "bold")
        sort = dict(SORTS)[self.sort]
        parts = [name, label(f"sorted by {sort} (o)", MUTED)]
        if self.status_filter is not None:
            parts.append(join(label("status: ", MUTED), safe_line(self.status_filter.name)))
        if self.label_filter is not None:
            parts.append(join(label("label: ", MUTED), safe_line(f"[{self.label_filter}]")))
        self.query_one("#board-name", Label).update(join(*parts, separator="   "))

    def _reload(self) -> None:
        """A new sort or filter: the old rows stay until the first page in the new order
        replaces them, named in the same paint (the header never names an order the rows
        are not in; the board itself is not read again: only the page changes)."""
        if self.board is None:  # still opening: the first load picks up the choice
            self.load_board()
            return
        self._load_first_page(self._choices())

    def _choices(self) -> tuple:
        return (self.sort, self.status_filter, self.label_filter)

    @work(thread=True, exclusive=True, group="board")
    def _load_first_page(self, choices: tuple) -> None:
        try:
            page = self.threads_page(None, PAGE)
        except Exception as error:
            self.app.call_from_thread(self._board_status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._swap_first_page, page, choices)

    def _swap_first_page(self, page: views.Page[views.ThreadSummary], choices: tuple) -> None:
        if choices != self._choices():
            return  # chosen again meanwhile: that page is on its way
        threads = self.query_one(ThreadList)
        threads.clear_options()
        threads.threads.clear()
        self.next_cursor = None
        if self.board is not None:
            self._show_board(self.board, page)

    @on(OptionList.OptionHighlighted, "#threads")
    def _show_meaning(self, event: OptionList.OptionHighlighted) -> None:
        """Under the list: what the highlighted row's status means."""
        thread = self.query_one(StatusList).threads.get(event.option.id or "")
        meanings = {o.key: o for o in self.forum.statuses(self.status_kind)}
        status = meanings.get(thread.status_key or "") if thread is not None else None
        line = Content("")
        if status is not None:
            line = join(
                safe_line(status.name, "bold $text-accent"),
                label(": "),
                safe_line(status.description, MUTED),
                label("  (i: all statuses)", MUTED),
            )
        self.query_one("#status-meaning", Static).update(line)

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_label":
            return self.kind in IDEA_BOARDS
        if action in ("toggle_unsolved", "toggle_guidelines"):
            return False  # i shows the statuses here
        if action == "new_thread":
            return False  # n is "New idea" here
        if action == "new_idea":
            return self.kind == "ideas"
        if action == "vote":
            return self.kind in IDEA_BOARDS
        if action == "me_too":
            return self.kind == "ongoing_issues"
        return super().check_action(action, parameters)

    def action_cycle_sort(self) -> None:
        keys = [key for key, _name in SORTS]
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]
        self._reload()

    def action_filter_status(self) -> None:
        options = self.forum.statuses(self.status_kind)
        choices = [(label("Any status"), ANY), *((label(o.name), o) for o in options)]
        title = label("Show only ideas or issues with status", "bold")
        self.app.push_screen(ChoiceDialog(title, choices), self._status_chosen)

    def _status_chosen(self, choice: object) -> None:
        if choice is None:  # esc: the filter stays as it was
            return
        self.status_filter = None if choice is ANY else choice  # type: ignore[assignment]
        self._reload()

    def action_filter_label(self) -> None:
        labels = self.community.idea_labels
        choices = [(label("Any label"), ANY), *((label(f"[{name}]"), name) for name in labels)]
        title = label("Show only ideas labelled", "bold")
        self.app.push_screen(ChoiceDialog(title, choices), self._label_chosen)

    def _label_chosen(self, choice: object) -> None:
        if choice is None:  # esc: the filter stays as it was
            return
        self.label_filter = None if choice is ANY else choice  # type: ignore[assignment]
        self._reload()

    def action_status_meanings(self) -> None:
        community = self.community
        requirements = community.idea_requirements if self.status_kind == "idea" else ()
        self.app.push_screen(StatusMeanings(self.forum.statuses(self.status_kind), requirements))

    def action_vote(self) -> None:
        threads = self.query_one(ThreadList)
        if threads.highlighted is None:
            return
        option = threads.get_option_at_index(threads.highlighted)
        self._vote(int(option.id or 0))

    action_me_too = action_vote

    @work(thread=True, group="status-vote")
    def _vote(self, thread_id: int) -> None:
        try:
            result = self.forum.toggle_vote(self.viewer, thread_id)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self._voted, result)

    def _voted(self, result: views.VoteResult) -> None:
        self.query_one(StatusList).update_thread(result.thread_id, vote_count=result.vote_count)
        self.notify(vote_message(self.status_kind, result), markup=False)
        if self.status_kind == "issue" and result.voted and not result.subscribed:
            offer_to_follow(self.app, lambda: self._subscribe(result.thread_id))

    @work(thread=True, group="status-follow")
    def _subscribe(self, thread_id: int) -> None:
        try:
            self.forum.toggle_subscription(self.viewer, "thread", thread_id)
        except Exception as error:
            message = plain_error(error)
        else:
            message = "Subscribed: you'll be notified of every status update."
        self.app.call_from_thread(self.notify, message, markup=False)

    def action_new_idea(self) -> None:
        from forum_tui.screens.idea_form import open_idea_form

        if self.board is not None:
            open_idea_form(self.app, self.board, self._thread_posted)

    def thread_changed(self, thread: views.ThreadView) -> None:
        """Keep a row's votes and status in step with the thread screen."""
        super().thread_changed(thread)
        changes = {"vote_count": thread.vote_count}
        if thread.status is not None:
            changes["status"] = thread.status
        if thread.status_note is not None:
            changes["status_note"] = thread.status_note
        self.query_one(StatusList).update_thread(thread.id, **changes)


def offer_to_follow(app, follow) -> None:
    """After a "me too": ask whether to follow the issue; ``follow()`` subscribes."""
    from forum_tui.screens.confirm_dialog import ConfirmDialog

    dialog = ConfirmDialog(
        "Follow this issue?",
        [label("You'll be notified of every status update.")],
        go="Subscribe",
        back="Not now",
        go_variant="primary",
    )

    def answered(go: bool | None) -> None:
        if go:
            follow()

    app.push_screen(dialog, answered)


def vote_message(kind: str, result: views.VoteResult) -> str:
    """What a vote (or taking it back) says, with the new count."""
    count = f"{plural(result.vote_count, 'vote')}"
    if kind == "issue":
        if result.voted:
            return f"Counted: you're affected too ({count})."
        return f"Your “me too” is taken back ({count})."
    return f"Voted ({count})." if result.voted else f"Vote taken back ({count})."


# ---------------------------------------------------------------------- dialogs


class StatusMeanings(ForumModal):
    """What each status means (the community file's words), and the idea requirements."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,i", "leave", "Back")]

    def __init__(
        self, statuses: tuple[views.StatusOption, ...], requirements: tuple[str, ...] = ()
    ) -> None:
        super().__init__(classes="choice-dialog")
        self.statuses = statuses
        self.requirements = requirements

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-card"):
            yield Static(label("What the statuses mean", "bold"), classes="confirm-title")
            with VerticalScroll(classes="confirm-lines"):
                for status in self.statuses:
                    line = join(safe_line(status.name, "bold $text-accent"), label("  "))
                    yield Static(join(line, safe_line(status.description)), markup=False)
                if self.requirements:
                    yield Static(label("\nRequirements for ideas", "bold"), markup=False)
                    for number, text in enumerate(self.requirements, 1):
                        yield Static(label(f"{number}. {text}"), markup=False)
            yield Static(label("esc to go back", MUTED), classes="confirm-hint", markup=False)

    def action_leave(self) -> None:
        self.dismiss(None)
