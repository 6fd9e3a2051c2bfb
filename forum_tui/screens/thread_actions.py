"""What a member does to a thread from the keyboard: like, accept a solution, follow,
report, read a post's history, float; and the FAQ's "Didn't help?" way out.

:class:`ThreadActions` is mixed into ``ThreadScreen`` (screens/thread.py), which lists
:data:`THREAD_ACTION_BINDINGS` among its keys and asks :meth:`ThreadActions.action_state`
from its ``check_action``. Every store call runs in a worker thread; results come back to
the UI thread, where only what changed is redrawn (one post's header, the solution box,
the rows of the boards underneath). Refusals are the store's own words, shown as notices.

Which keys the footer shows follows the rules module (``rules.permissions.can``), the same
function the store asks, so ``f`` appears only for moderators and ``A`` only for those who
may accept; the store still checks every write.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.widgets import Static

from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.screens.base import plain_error
from forum_tui.screens.draft_waiting import look_for_draft
from forum_tui.store import views
from forum_tui.widgets.header import refresh_badges
from forum_tui.widgets.post_view import PostView
from forum_tui.widgets.safe import join, label
from forum_tui.widgets.thread_head import solution_box, thread_head

if TYPE_CHECKING:
    from forum_tui.store.forum import Forum

#: The thread screen's action keys (``?`` lists them all; the footer the ones that apply).
THREAD_ACTION_BINDINGS = [
    Binding("l", "like", "Like"),
    Binding("A", "accept_solution", "Accept"),
    # Hidden twin: others who press A get the store's reason rather than silence.
    Binding("A", "accept_solution('anyone')", show=False),
    Binding("s", "subscribe_thread", "Subscribe"),
    Binding("S", "subscribe_post", "Subscribe to this post", show=False),
    Binding("exclamation_mark", "report", "Report", key_display="!"),
    Binding("h", "history", "Edit history", show=False),
    Binding("f", "float", "Float"),
    Binding("n", "new_help_thread", "Ask in Help"),
    Binding("P", "author_profile", "Author's profile", show=False),  # --- issue 13
]

FAQ_FOOTER = "Didn't help? Press n to start a thread in Help."
SOLUTION_BOARDS = frozenset({"help", "ongoing_issues"})


class ThreadActions:
    """The thread screen's action keys (a mixin: ``ThreadScreen`` provides the rest)."""

    # Provided by ThreadScreen / ForumScreen.
    app: Any
    forum: Forum
    viewer: views.Viewer
    thread: views.ThreadView | None
    thread_id: int
    current: int
    staff_mark: str
    posts: list[PostView]

    # -- which keys apply

    def action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``check_action`` for the action keys; None when the action is not one of them."""
        thread = self.thread
        if action == "accept_solution":
            if thread is None or thread.board.kind not in SOLUTION_BOARDS:
                return False
            return bool(parameters) or self._may(Action.ACCEPT_SOLUTION)
        if action == "float":
            return thread is not None and self._may(Action.FLOAT_THREAD)
        if action == "new_help_thread":
            return thread is not None and thread.board.kind == "faq"
        if action in ("like", "subscribe_thread", "subscribe_post", "report", "history"):
            return thread is not None
        if action in ("reply", "reply_quoting"):  # not offered where no reply is taken (FAQs)
            return thread is not None and self._board_takes_replies()
        return None

    def _may(self, action: Action) -> bool:
        """What the rules say for the viewer as the screen knows them (a hint only)."""
        assert self.thread is not None
        viewer = self.viewer
        actor = Actor(id=viewer.id, role=viewer.role, staff_title=viewer.staff_title)
        target = Target(
            board_kind=self.thread.board.kind,
            thread_owner_id=self.thread.author.id,
            locked=self.thread.locked,
            removed=self.thread.removed,
        )
        return bool(can(actor, action, target))

    def _board_takes_replies(self) -> bool:
        """Whether the thread's board takes replies from the viewer's role at all. A
        locked thread or an unverified email still offers ``r``, which then says why."""
        assert self.thread is not None
        actor = Actor(id=self.viewer.id, role=self.viewer.role)
        target = Target(board_kind=self.thread.board.kind, owner_id=self.thread.author.id)
        return bool(can(actor, Action.REPLY, target))

    def current_post(self) -> PostView | None:
        posts = self.posts
        if not posts:
            return None
        return posts[min(self.current, len(posts) - 1)]

    # --- issue 13: P opens the current post's author's profile

    def action_author_profile(self) -> None:
        from forum_tui.screens.member_profile import open_profile

        post = self.current_post()
        if post is not None:
            open_profile(self.app, post.post.author.username)

    # -- like

    def action_like(self) -> None:
        post = self.current_post()
        if post is not None:
            self._toggle_like(post.post.id)

    @work(thread=True, group="like")
    def _toggle_like(self, post_id: int) -> None:
        try:
            result = self.forum.toggle_like(self.viewer, post_id)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self._liked, result)

    def _liked(self, result: views.LikeResult) -> None:
        from forum_tui.screens.live import lists_changed

        self.update_post(result.post_id, like_count=result.like_count, liked_by_viewer=result.liked)
        self.reload_thread_head()
        self.notify("Liked." if result.liked else "Like taken back.", markup=False)
        lists_changed(self.app)  # --- live: the boards underneath show the new count

    # -- accepted solution

    def action_accept_solution(self, _anyone: str = "") -> None:
        post = self.current_post()
        if post is None:
            return
        if post.post.is_solution:
            self._set_solution(None)
        else:
            self._set_solution(post.post.id)

    @work(thread=True, exclusive=True, group="solution")
    def _set_solution(self, post_id: int | None) -> None:
        try:
            if post_id is None:
                self.forum.clear_solution(self.viewer, self.thread_id)
            else:
                self.forum.accept_solution(self.viewer, post_id)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            if post_id is None:
                message = "No longer marked as the solution."
            else:
                message = "Marked as the solution: it now shows at the top of the thread."
            self.app.call_from_thread(self._done, message, reload=True)

    # -- following

    def action_subscribe_thread(self) -> None:
        self._toggle_follow("thread", self.thread_id, "this thread")

    def action_subscribe_post(self) -> None:
        post = self.current_post()
        if post is not None:
            self._toggle_follow("post", post.post.id, f"post #{post.position}")

    @work(thread=True, group="follow")
    def _toggle_follow(self, kind: str, target_id: int, what: str) -> None:
        try:
            following = self.forum.toggle_subscription(self.viewer, kind, target_id)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
            return
        if following:
            message = f"Subscribed to {what}: you'll be notified of what happens there."
        else:
            message = f"Unsubscribed from {what}."
        self.app.call_from_thread(self._followed, kind, following, message)

    def _followed(self, kind: str, following: bool, message: str) -> None:
        if kind == "thread" and self.thread is not None:
            self.thread = replace(self.thread, subscribed=following)
        self.notify(message, markup=False)

    # -- report, history

    def action_report(self) -> None:
        from forum_tui.screens.report_dialog import ReportDialog

        post = self.current_post()
        if post is None:
            return

        def reported(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)

        self.app.push_screen(ReportDialog(post.post), reported)

    def action_history(self) -> None:
        from forum_tui.screens.history_dialog import HistoryDialog

        post = self.current_post()
        if post is not None:
            self.app.push_screen(HistoryDialog(post.post))

    # -- float

    def action_float(self) -> None:
        if self.thread is not None:
            self._set_floated(not self.thread.floated)

    @work(thread=True, exclusive=True, group="float")
    def _set_floated(self, floated: bool) -> None:
        try:
            self.forum.set_floated(self.viewer, self.thread_id, floated)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            if floated:
                message = "Floated: this thread now leads its board."
            else:
                message = "Unfloated: this thread takes its place by activity again."
            self.app.call_from_thread(self._done, message, reload=True)

    # -- FAQ: "Didn't help?"

    def show_thread_extras(self, thread: views.ThreadView) -> None:
        """After the thread's header is shown: the solution box hidden when there is no
        solution (any more), and the FAQ footer below the article."""
        self.query_one("#thread-solution").display = thread.solution is not None
        look_for_draft(self)  # --- a draft reply waiting (screens/draft_waiting.py)
        stream = self.query_one("#thread-stream")
        if thread.board.kind != "faq" or stream.query("#faq-footer"):
            return
        words = join(
            label("Didn't help? ", "bold"),
            label("Press "),
            label("n", "bold $text-accent"),
            label(" to start a thread in Help."),
            # --- search: "/" searches the whole community (screens/search.py)
            label(" Or press "),
            label("/", "bold $text-accent"),
            label(" to search the Community."),
            # --- end search
        )
        stream.mount(Static(words, id="faq-footer", markup=False))

    def on_screen_resume(self) -> None:
        if self.thread is not None:  # back from the composer: the draft kept or posted
            look_for_draft(self)

    def action_new_help_thread(self) -> None:
        from forum_tui.screens.board_chooser import choose_help_board

        choose_help_board(self.app)

    # -- keeping the screen in step

    def update_post(self, post_id: int, **changes: Any) -> None:
        """Redraw one mounted post's header with ``changes`` applied (nothing else moves)."""
        for view in self.posts:
            if view.post.id == post_id:
                view.post = replace(view.post, **changes)
                view.refresh_header()

    @work(thread=True, exclusive=True, group="thread-head")
    def reload_thread_head(self) -> None:
        """Fetch the thread's header again (solution, counts, floated) and show it."""
        try:
            thread = self.forum.thread(self.viewer, self.thread_id)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self._show_thread_head, thread)

    def _show_thread_head(self, thread: views.ThreadView) -> None:
        if self.thread is not None:  # "new since your last visit" stays as it was
            thread = replace(thread, last_read_position=self.thread.last_read_position)
        self.thread = thread
        self.query_one("#thread-head", Static).update(thread_head(thread, self.staff_mark))
        box = self.query_one("#thread-solution", Static)
        if thread.solution is not None:
            box.update(solution_box(thread.solution, self.staff_mark))
        box.display = thread.solution is not None
        solution_id = thread.solution.id if thread.solution is not None else None
        for view in self.posts:
            if view.post.is_solution != (view.post.id == solution_id):
                self.update_post(view.post.id, is_solution=view.post.id == solution_id)
        self.refresh_bindings()
        _update_board_rows(self.app, thread)

    def _done(self, message: str, *, reload: bool = False) -> None:
        self.notify(message, markup=False)
        if reload:
            self.reload_thread_head()
        refresh_badges(self.app)

    def _refused(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)


def _update_board_rows(app: Any, thread: views.ThreadView) -> None:
    """The boards under the thread screen show the thread's new counts and marks."""
    from forum_tui.screens.board import BoardPane

    for screen in app.screen_stack:
        for pane in screen.query(BoardPane):
            pane.thread_changed(thread)
