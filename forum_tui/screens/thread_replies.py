"""--- composing (screens/compose.py) from a thread: ``r`` reply, ``R`` reply quoting the
current post, ``e`` edit it. After a post the thread reloads with the cursor on the new
or edited post, and the boards underneath show the new reply at once.

A mixin of ``ThreadScreen``, which provides the thread, the posts and ``show_post``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from forum_tui.store import views

if TYPE_CHECKING:
    from forum_tui.widgets.post_view import PostView


class ThreadReplies:
    """The thread screen's composing keys (a mixin: ``ThreadScreen`` provides the rest)."""

    # Provided by ThreadScreen / ForumScreen.
    app: Any
    viewer: views.Viewer
    thread: views.ThreadView | None
    current: int
    posts: list[PostView]
    notify: Any
    show_post: Any

    def _current_post(self) -> views.PostView | None:
        posts = self.posts
        return posts[min(self.current, len(posts) - 1)].post if posts else None

    def action_reply(self) -> None:
        self._compose_reply(quote=False)

    def action_reply_quoting(self) -> None:
        self._compose_reply(quote=True)

    def _compose_reply(self, *, quote: bool) -> None:
        from forum_tui.screens import compose

        if self.thread is None:
            return
        refusal = compose.reply_refusal(self.viewer, self.thread)
        quoted = self._current_post() if quote else None
        if not refusal and quote and (quoted is None or quoted.removed):
            refusal = "A removed post can't be quoted." if quoted else "There is no post to quote."
        if refusal:
            self.notify(refusal, severity="warning", markup=False)
            return
        self.app.push_screen(compose.reply(self.thread, quoted), self._composed)

    def action_edit_post(self) -> None:
        from forum_tui.screens import compose

        post = self._current_post()
        if self.thread is None or post is None:
            return
        refusal = compose.edit_refusal(self.viewer, self.thread, post)
        if refusal:
            self.notify(refusal, severity="warning", markup=False)
            return
        self.app.push_screen(compose.edit(self.thread, post), self._composed)

    def _composed(self, result: views.PostResult | None) -> None:
        from forum_tui.screens.live import lists_changed

        if result is not None:
            self.show_post(result.position)
            lists_changed(self.app)  # the boards underneath show the new reply at once
