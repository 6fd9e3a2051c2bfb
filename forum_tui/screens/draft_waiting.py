"""The line under a thread's header that says a draft reply is waiting (``r`` resumes it).

The thread screen calls :func:`look_for_draft` when its header is shown and when it comes
back to the top of the stack (after the composer was left with the draft kept, or after
posting, which discards it). The look-up runs off the UI thread; the line appears, or
goes away, when it answers.
"""

from __future__ import annotations

from textual.widgets import Static

from forum_tui.store.views import DraftView, reply_draft_key
from forum_tui.widgets.safe import join, label
from forum_tui.widgets.when import full_date

LINE_ID = "draft-waiting"


def look_for_draft(screen) -> None:
    """Ask the store for the viewer's draft reply to ``screen``'s thread; show the answer."""
    forum, viewer, thread_id = screen.forum, screen.viewer, screen.thread_id
    if viewer is None:
        return

    def look() -> None:
        try:
            draft = forum.draft(viewer, reply_draft_key(thread_id))
        except Exception as error:  # only a hint: the composer finds the draft anyway
            screen.log.error(error)
            return
        screen.app.call_from_thread(show_draft_line, screen, draft)

    screen.run_worker(look, thread=True, exclusive=True, group=LINE_ID)


def draft_words(draft: DraftView):
    return join(
        label("✎ ", "$text-accent"),
        label("Your draft reply from "),
        label(full_date(draft.updated_at)),
        label(" is waiting: press "),
        label("r", "bold $text-accent"),
        label(" to go on with it."),
    )


def show_draft_line(screen, draft: DraftView | None) -> None:
    """Show (or update, or remove) the line under the thread's header."""
    existing = screen.query(f"#{LINE_ID}")
    if draft is None or not draft.body.strip():
        existing.remove()
        return
    if existing:
        existing.first(Static).update(draft_words(draft))
        return
    screen.query_one("#thread-stream").mount(
        Static(draft_words(draft), id=LINE_ID, markup=False), after="#thread-head"
    )
