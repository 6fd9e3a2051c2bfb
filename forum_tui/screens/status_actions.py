"""Statuses and votes on the thread screen: ideas and Ongoing Issues alike.

:class:`StatusActions` is mixed into ``ThreadScreen`` (screens/thread.py), which lists
:data:`STATUS_ACTION_BINDINGS` among its keys, asks :meth:`StatusActions.status_action_state`
from its ``check_action`` and calls :meth:`StatusActions.show_status` once the thread is
shown. Under the thread's head a panel shows the status, what it means, the votes (and
whether the viewer's counts) and the status updates, newest first.

- ``v``: vote for the idea, or "me too" on an issue (again takes it back); after a "me
  too" the member is offered to subscribe.
- ``t``: set the status with a note (moderators and staff; Stars on ideas). A change
  racing another moderator's is refused by the store; the dialog opens again with the
  new state and the note kept.
- ``O``: move a Help thread to Ongoing Issues, or an issue back to its Help board.
- ``M``: merge this idea into another (moderators).

Opening a merged idea leads to the idea it went into (moderators stay, with a note); a
member opening a Fixed issue is offered to start a new Help thread instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from forum_tui.rules.wording import plural
from forum_tui.screens.base import plain_error
from forum_tui.store import views
from forum_tui.store.errors import InvalidInput, StatusChanged
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import ago

if TYPE_CHECKING:
    from forum_tui.store.forum import Forum

STATUS_ACTION_BINDINGS = [
    Binding("v", "vote", "Vote"),
    Binding("v", "me_too", "Me too"),  # the same key on Ongoing Issues
    Binding("t", "set_status", "Status"),
    Binding("O", "move_ongoing", "Ongoing Issues", show=False),  # ? lists it
    Binding("M", "merge_idea", "Merge", show=False),
]
#: Status updates shown in the panel (the rest are posts further down).
UPDATES_SHOWN = 4
NOTE_WIDTH = 160


def status_panel(detail: views.StatusDetail, now: datetime, staff_mark: str) -> Content:
    """Status and meaning; votes; a merge or a failed requirement; the updates."""
    lines: list[Content] = []
    if detail.merged_into_title is not None:
        lines.append(
            join(
                label("Merged into ", "bold $text-warning"),
                safe_line(f"“{detail.merged_into_title}”", "bold"),
                label(f"  (#{detail.merged_into_id})", MUTED),
            )
        )
    heading = join(
        label("Status: ", "bold"),
        safe_line(detail.status or "", "bold $text-accent"),
        label(" — ", MUTED),
        safe_line(detail.description, MUTED),
    )
    lines.append(heading)
    if detail.failed_requirement:
        lines.append(
            join(label("Failed requirement ", "bold"), safe_line(detail.failed_requirement))
        )
    lines.append(_votes_line(detail))
    if detail.updates:
        lines.append(label("Status updates, newest first:", "bold"))
        for update in detail.updates[:UPDATES_SHOWN]:
            note = " ".join(update.note.split())
            where = f"  post #{update.position}" if update.position else ""
            lines.append(
                join(
                    label("  "),
                    safe_line(update.status, "$text-accent"),
                    label(f" · {ago(update.created_at, now)} · ", MUTED),
                    member_name(update.actor, staff_mark, MUTED),
                    label(" — ", MUTED),
                    safe_line(note[:NOTE_WIDTH] + ("…" if len(note) > NOTE_WIDTH else "")),
                    label(where, MUTED),
                )
            )
    return Content("\n").join(lines)


def _votes_line(detail: views.StatusDetail) -> Content:
    count = detail.vote_count
    if detail.kind == "issue":
        words = f"▲ {count} affected"
        mine = "you said me too (v takes it back)" if detail.voted else "v: me too"
    else:
        words = f"▲ {plural(count, 'vote')}"
        mine = "you voted (v takes it back)" if detail.voted else "v: vote"
    if not detail.voted and detail.vote_refusal:
        mine = detail.vote_refusal
    return join(label(words, "bold $text-primary"), label(f"  ·  {mine}", MUTED))


class StatusActions:
    """The thread screen's status keys (a mixin: ``ThreadScreen`` provides the rest)."""

    app: Any
    forum: Forum
    viewer: views.Viewer
    thread: views.ThreadView | None
    thread_id: int
    staff_mark: str
    status: views.StatusDetail | None = None
    offered_fixed = False
    marked: int

    def status_action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``check_action`` for the status keys; None when not one of them."""
        detail = self.status
        if action == "vote":
            return detail is not None and detail.kind == "idea"
        if action == "me_too":
            return detail is not None and detail.kind == "issue"
        if action == "set_status":
            return detail is not None and bool(detail.options) and detail.merged_into_id is None
        if action == "move_ongoing":
            return detail is not None and detail.moves_to is not None
        if action == "merge_idea":
            return detail is not None and detail.may_merge and detail.merged_into_id is None
        return None

    # -- loading

    def show_status(self, thread: views.ThreadView) -> None:
        """After the thread's head is shown: fetch and show its status panel."""
        self._load_status()

    @work(thread=True, exclusive=True, group="status-detail")
    def _load_status(self) -> None:
        try:
            detail = self.forum.status_detail(self.viewer, self.thread_id)
        except Exception as error:
            self.log.error(error)
            return
        self.app.call_from_thread(self._status_loaded, detail)

    def _status_loaded(self, detail: views.StatusDetail) -> None:
        self.status = detail
        self.refresh_bindings()
        stream = self.query_one("#thread-stream")
        panels = stream.query("#thread-status-panel")
        if not detail.kind:
            for panel in panels:
                panel.display = False
            return
        content = status_panel(detail, self.current_time(), self.staff_mark)
        if panels:
            panels.first(Static).update(content)
            panels.first().display = True
        else:
            stream.mount(
                Static(content, id="thread-status-panel", markup=False), after="#thread-head"
            )
        self._lead_on(detail)

    def _lead_on(self, detail: views.StatusDetail) -> None:
        """A merged idea leads to where it went; a Fixed issue offers a new Help thread."""
        if detail.merged_into_id is not None and not self.viewer.is_moderator:
            # The same screen reads the survivor instead (back still goes to the list).
            self.notify("This idea was merged into another one; here it is.", markup=False)
            self.thread_id = detail.merged_into_id
            self.thread = None
            self.status = None
            self.marked = 0
            self.load_thread()  # type: ignore[attr-defined]
            return
        if detail.status_key == "fixed" and detail.kind == "issue" and not self.offered_fixed:
            self.offered_fixed = True
            if not self.viewer.is_moderator:
                self._offer_help_thread()

    def _offer_help_thread(self) -> None:
        from forum_tui.screens.board_chooser import choose_help_board
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        dialog = ConfirmDialog(
            "This issue is fixed",
            [
                label(
                    "If you see something like it now, start a new thread in Help with the "
                    "details and what you've tried: the Community can help you faster there."
                )
            ],
            go="Start a Help thread",
            back="Read this one",
            go_keys="y",
            go_variant="primary",
        )

        def answered(go: bool | None) -> None:
            if go:
                choose_help_board(self.app)

        self.app.push_screen(dialog, answered)

    def after_status_change(self, message: str, position: int | None = None) -> None:
        self.notify(message, markup=False)
        if position is not None:
            self.show_post(position)  # type: ignore[attr-defined]
        else:
            self.reload_thread_head()  # type: ignore[attr-defined]
        self._load_status()

    # -- v: vote, me too

    def action_vote(self) -> None:
        self._toggle_vote()

    def action_me_too(self) -> None:
        self._toggle_vote()

    @work(thread=True, group="status-vote")
    def _toggle_vote(self) -> None:
        try:
            result = self.forum.toggle_vote(self.viewer, self.thread_id)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self._voted, result)

    def _voted(self, result: views.VoteResult) -> None:
        from forum_tui.screens.ideas import offer_to_follow, vote_message

        kind = self.status.kind if self.status is not None else "idea"
        self.notify(vote_message(kind, result), markup=False)
        self._load_status()
        self.reload_thread_head()  # type: ignore[attr-defined]
        if kind == "issue" and result.voted and not result.subscribed:
            follow = self._toggle_follow  # type: ignore[attr-defined]
            offer_to_follow(self.app, lambda: follow("thread", self.thread_id, "this issue"))

    # -- t: set the status

    def action_set_status(self) -> None:
        if self.status is not None:
            self._ask_status(self.status)

    def _ask_status(self, detail: views.StatusDetail, note: str = "", warning: str = "") -> None:
        from forum_tui.screens.status_dialog import StatusDialog

        requirements = self.community.idea_requirements
        dialog = StatusDialog(detail, requirements, note=note, warning=warning)
        self.app.push_screen(dialog, self._status_chosen)

    def _status_chosen(self, choice) -> None:
        if choice is not None:
            self._set_status(choice)

    @work(thread=True, exclusive=True, group="status-set")
    def _set_status(self, choice) -> None:
        try:
            result = self.forum.set_status(
                self.viewer,
                self.thread_id,
                choice.status_key,
                choice.note,
                seen_status=choice.seen_status,
                failed_requirement=choice.failed_requirement,
            )
        except StatusChanged as race:
            self.app.call_from_thread(self._raced, choice, str(race))
        except InvalidInput as error:  # asked again, the note as it was typed
            self.app.call_from_thread(self._refused_status, choice, plain_error(error))
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            message = f"Status set: {result.status}. {_told(result.notified)}"
            self.app.call_from_thread(self.after_status_change, message, result.position)

    def _refused_status(self, choice, message: str) -> None:
        if self.status is not None:
            self._ask_status(self.status, choice.note, message)

    def _raced(self, choice, message: str) -> None:
        self.notify(message, severity="warning", markup=False)
        self._reask(choice.note, message)

    @work(thread=True, exclusive=True, group="status-detail")
    def _reask(self, note: str, message: str) -> None:
        try:
            detail = self.forum.status_detail(self.viewer, self.thread_id)
        except Exception as error:
            self.log.error(error)
            return
        self.app.call_from_thread(self._status_loaded, detail)
        self.app.call_from_thread(self._ask_status, detail, note, message)

    # -- O: to and from Ongoing Issues

    def action_move_ongoing(self) -> None:
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        detail = self.status
        if detail is None or detail.moves_to is None:
            return
        if detail.moves_to == "ongoing":
            title = "Move this thread to Ongoing Issues?"
            lines = [label("It gets the status New Issue Report; members can vote “me too”.")]
        else:
            title = "Move this issue back to its Help board?"
            lines = [label("Its status is cleared; the status history is kept.")]
        dialog = ConfirmDialog(title, lines, go="Move", back="Cancel", go_variant="primary")

        def answered(go: bool | None) -> None:
            if go:
                self._move(detail.moves_to)

        self.app.push_screen(dialog, answered)

    @work(thread=True, exclusive=True, group="status-move")
    def _move(self, to: str) -> None:
        try:
            if to == "ongoing":
                result = self.forum.move_to_ongoing(self.viewer, self.thread_id)
                message = f"Moved to Ongoing Issues as a {result.status}."
            else:
                result = self.forum.move_back_to_help(self.viewer, self.thread_id)
                message = "Moved back to its Help board; the status is cleared."
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self.after_status_change, message)

    # -- M: merge an idea

    def action_merge_idea(self) -> None:
        from forum_tui.screens.status_dialog import MergeDialog

        if self.thread is None:
            return

        def chosen(into: int | None) -> None:
            if into is not None:
                self._merge(into)

        self.app.push_screen(MergeDialog(self.thread_id, self.thread.title), chosen)

    @work(thread=True, exclusive=True, group="status-merge")
    def _merge(self, into: int) -> None:
        try:
            result = self.forum.merge_ideas(self.viewer, self.thread_id, into)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            moved = f"{plural(result.votes_moved, 'vote')}"
            message = f"Merged: {moved} moved across ({result.vote_count} in all)."
            self.app.call_from_thread(self.after_status_change, message)


def _told(count: int) -> str:
    if count == 0:
        return "Nobody else to notify."
    return f"{plural(count, 'member')} notified."
