"""Leaving a compose screen: ``esc`` (the draft kept), ``ctrl+d`` (discarded after a
confirmation) and ``ctrl+e`` (the body handed to ``$VISUAL``/``$EDITOR`` and taken back).

:class:`LeavingCompose` is a part of ``screens/compose.py``'s ``ComposeScreen``, kept
apart for size; it uses the screen's keeper, snapshot and message line.
"""

from __future__ import annotations

from textual import work
from textual.app import SuspendNotSupported

from forum_tui.screens.base import UNEXPECTED, plain_error
from forum_tui.screens.confirm_dialog import ConfirmDialog
from forum_tui.widgets.editor import EditorFailed, edit_externally
from forum_tui.widgets.safe import label


class LeavingCompose:
    """esc, ctrl+d and ctrl+e of :class:`~forum_tui.screens.compose.ComposeScreen`."""

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
