"""Similar threads, listed under a new thread's title as it is typed.

:class:`SimilarThreads` watches the title ``Input`` it is given (by id, on the same
screen) and asks ``forum.similar_threads`` off the UI thread at each change, with no
pause: the store answers within a few milliseconds, and matches the last word as it is
being typed as a prefix, so the list follows the keys. The lookups run one at a time in
one long-lived thread (:class:`Lookups`); keys pressed while one runs are merged into
the newest subject, and an answer for a subject changed meanwhile is dropped, so a
fast typist never queues a lookup per key and never sees a stale list.

Up to five rows, as safe-text options (no widgets mounted), their prompts replaced in
place while their count stays the same (no layout, see ``SimilarThreads._fill``).
Hidden while there are none. The list is out of the ``tab`` order (title -> body stays
as it was): ``ctrl+o`` (the compose screen's binding, :meth:`SimilarThreads.choose`)
moves into it, ``j``/``k`` pick, ``enter`` or a click opens the thread over the composer
(``esc`` there comes back to the draft), ``esc`` or ``tab`` in the list goes back to the
title. The idea form's :class:`~forum_tui.screens.idea_form.SimilarIdeas` is this piece
with other rows (``row``) and a vote key.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable
from typing import ClassVar

from textual import log, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.visual import Visual
from textual.widgets import Input, OptionList, Static

from forum_tui.store import views
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.safe import MUTED, join, label, safe_line

LIMIT = 5


def similar_row(hit: views.SearchHit) -> Content:
    marks = [label("✓", "$text-success")] if hit.solved else []
    return join(
        safe_line(hit.thread_title),
        label("  "),
        safe_line(hit.board_name, MUTED),
        *[join(label("  "), mark) for mark in marks],
    )


class Lookups:
    """One long-lived thread that runs the newest lookup asked of it.

    ``ask`` never waits: the subject goes into a queue. The thread takes the newest
    subject queued (older ones are dropped: the typist has moved on), runs ``lookup`` on
    it and hands the answer to ``deliver``, then waits for the next. Started at the first
    ask, ended by ``stop``. A Textual worker per key cost 2-20 ms before the lookup even
    began (a task, an executor hand-off, three state messages through the UI thread);
    here the lookup starts as the key is handled."""

    def __init__(self, lookup: Callable[[str], tuple], deliver: Callable[[str, tuple], None]):
        self._lookup = lookup
        self._deliver = deliver
        self._asked: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def ask(self, subject: str) -> None:
        if self._thread is None:
            run = contextvars.copy_context().run  # the app's context: its log
            self._thread = threading.Thread(target=run, args=(self._run, self._asked))
            self._thread.daemon = True
            self._thread.start()
        self._asked.put(subject)

    def stop(self) -> None:
        """End the thread (after its running lookup); a later ``ask`` starts another."""
        if self._thread is not None:
            self._asked.put(None)
            self._thread, self._asked = None, queue.SimpleQueue()

    def _run(self, asked: queue.SimpleQueue) -> None:
        while (subject := _newest(asked)) is not None:
            try:
                found = self._lookup(subject)
            except Exception as error:  # a suggestion is never worth an error on screen
                log.error(f"similar lookup failed: {error!r}")
                found = ()
            try:
                self._deliver(subject, found)
            except Exception:  # the app has closed meanwhile
                return


def _newest(asked: queue.SimpleQueue) -> str | None:
    """The newest subject asked (waiting for one), or None once stopped."""
    subject = asked.get()
    while subject is not None and not asked.empty():
        subject = asked.get_nowait()
    return subject


class SimilarList(ForumList):
    """The suggestions: focusable only when asked to (``choose``), never by ``tab``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open thread"),
        Binding("escape,tab", "back_to_title", "Back to the title"),
    ]

    armed = False

    def allow_focus(self) -> bool:
        return self.armed or self.has_focus

    def on_blur(self) -> None:
        self.armed = False

    def action_back_to_title(self) -> None:
        self.armed = False
        owner = self.parent
        if isinstance(owner, SimilarThreads):
            self.screen.query_one(f"#{owner.title_id}", Input).focus()


class SimilarThreads(Vertical):
    """Threads like the title being typed (in ``board_slug``), for a new thread."""

    def __init__(self, title_id: str, board_slug: str | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_id = title_id
        self.board_slug = board_slug
        self.hits: dict[str, views.SearchHit] = {}
        self.asked = ""  # the subject the list is (or will be) for
        self.shown = ""  # the subject the list is for now
        self._lookups = Lookups(self._lookup, self._deliver)

    @property
    def pending(self) -> bool:
        """A subject has been asked for and its answer is not shown yet."""
        return self.asked != self.shown

    def compose(self) -> ComposeResult:
        yield Static(label("Similar threads (ctrl+o to pick one):", MUTED), id="similar-title")
        yield SimilarList(id="similar-list")

    def on_mount(self) -> None:
        title = self.screen.query_one(f"#{self.title_id}", Input)
        self.watch(title, "value", self._title_changed, init=False)

    def on_unmount(self) -> None:
        self._lookups.stop()

    def _title_changed(self, value: str) -> None:
        self.suggest(value)

    def suggest(self, title: str) -> None:
        """Look for threads like ``title`` (the answer shows when it comes, unless the
        subject has changed again by then)."""
        title = title.strip()
        if title == self.asked:
            return
        self.asked = title
        if len(title) < 3:
            self._show(title, ())
        else:
            self._lookups.ask(title)

    def _deliver(self, title: str, found: tuple) -> None:
        """An answer (lookup thread): to the UI thread."""
        self.app.call_from_thread(self._found, title, found)

    def _found(self, title: str, found: tuple) -> None:
        """An answer (UI thread): shown if the subject is still ``title``; else the
        newer subject's answer is on its way."""
        if title == self.asked and self.is_attached and self._show(title, found):
            self._paint_now()

    def _paint_now(self) -> None:
        """Paint the rows replaced in place now. Textual paints a widget's changes after
        its idle message, on the screen's next update tick (60 a second, on a fixed
        grid): an answer landing just after the echo's frame waited 8-30 ms (measured
        under load) for nothing. Here the list is marked dirty and the screen's own tick
        handler paints it (both private in the pinned textual 8.2.8); the list's own
        update, when it comes, repaints the same five lines."""
        screen = self.screen
        if screen.is_current:
            screen._dirty_widgets.add(self.query_one(SimilarList))
            screen._on_timer_update()

    def _lookup(self, title: str) -> tuple:
        """The similar threads (lookup thread)."""
        app = self.app
        return app.forum.similar_threads(  # type: ignore[attr-defined]
            app.viewer,  # type: ignore[attr-defined]
            title,
            board_slug=self.board_slug,
            limit=LIMIT,
        )

    def row(self, hit) -> Visual:
        """One suggestion's row."""
        return similar_row(hit)

    def _show(self, title: str, hits: tuple) -> bool:
        """Show ``hits``; True when their rows replaced as many in place."""
        self.shown = title
        self.hits = {str(hit.thread_id): hit for hit in hits}
        return self._fill([self.row(hit) for hit in hits])

    def _fill(self, rows: list[Visual]) -> bool:
        """Show ``rows``, the first highlighted; hidden when there are none. True when
        they replaced as many rows in place.

        As many rows as before (most keys): each row's prompt is replaced in place, so
        only the list repaints. ``set_options`` would also reset the lines, the scroll
        and the highlight, and lay the whole screen out again (the list's height is
        auto): 30-40 ms a key on the idea form. Another count of rows needs that layout
        anyway (the list grows or shrinks)."""
        listing = self.query_one(SimilarList)
        in_place = bool(rows) and self.has_class("-shown") and listing.option_count == len(rows)
        if in_place:
            for index, prompt in enumerate(rows):
                listing.replace_option_prompt_at_index(index, prompt)
        else:
            listing.set_options(rows)
        if rows:
            listing.highlighted = 0
        self.set_class(bool(rows), "-shown")
        return in_place

    def hit_at(self, index: int | None):
        """The suggestion shown on row ``index`` (None when there is none)."""
        if index is None or not 0 <= index < len(self.hits):
            return None
        return list(self.hits.values())[index]

    def choose(self) -> bool:
        """Move into the suggestions (False when there are none)."""
        listing = self.query_one(SimilarList)
        if not self.hits:
            return False
        listing.armed = True
        listing.focus()
        return True

    @on(OptionList.OptionSelected, "#similar-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from forum_tui.screens.jump import open_thread

        event.stop()
        hit = self.hit_at(event.option_index)
        if hit is not None:
            open_thread(self.app, hit.thread_id)  # type: ignore[arg-type]
