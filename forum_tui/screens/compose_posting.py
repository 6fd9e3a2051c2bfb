"""Posting from a compose screen: ``ctrl+s``.

The draft is saved first, then the store is asked (:meth:`PostingCompose._call_store`:
a thread, a reply with its quote, or an edit sent unchanged when only the safe-text
cleaning differs); warnings open "Edit or Post anyway", a refusal is said under the
editor with the text kept. :class:`PostingCompose` is a part of ``screens/compose.py``'s
``ComposeScreen``, kept apart for size; the idea form overrides ``_call_store``,
``_refused`` and ``_posted``.
"""

from __future__ import annotations

from textual import work

from forum_tui.screens.base import UNEXPECTED, plain_error
from forum_tui.screens.composing import attribution
from forum_tui.screens.confirm_dialog import WarningsDialog
from forum_tui.screens.guideline_notices import offer_verification, posted_message  # --- 14
from forum_tui.store import views
from forum_tui.store.errors import ForumError, GuidelineRefused, NeedsConfirmation
from forum_tui.widgets.editor import editable, editable_line


class PostingCompose:
    """ctrl+s of :class:`~forum_tui.screens.compose.ComposeScreen`."""

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
            return attribution(quote) in body
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


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "!", "?")) else f"{message}."
