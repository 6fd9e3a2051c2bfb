"""Similar threads, listed under a new thread's title as it is typed.

:class:`SimilarThreads` watches the title ``Input`` it is given (by id, on the same
screen) and asks ``forum.similar_threads`` off the UI thread at each change, with no
pause: the store answers within a few milliseconds, so the list follows the keys. One
lookup runs at a time; a key pressed meanwhile is remembered, and when the running
lookup ends its answer is dropped (the subject changed) and the newest subject is asked
instead, so a fast typist never queues a lookup per key and never sees a stale list.
Up to five rows, as safe-text options, replaced in place (``set_options``: no widgets
mounted). Hidden while there are none. The list
is out of the ``tab`` order (title -> body stays as it was): ``ctrl+o`` (the compose
screen's binding, :meth:`SimilarThreads.choose`) moves into it, ``j``/``k`` pick,
``enter`` or a click opens the thread over the composer (``esc`` there comes back to the
draft), ``esc`` or ``tab`` in the list goes back to the title.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

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
        self._looking = False  # a lookup is running in a worker

    def compose(self) -> ComposeResult:
        yield Static(label("Similar threads (ctrl+o to pick one):", MUTED), id="similar-title")
        yield SimilarList(id="similar-list")

    def on_mount(self) -> None:
        title = self.screen.query_one(f"#{self.title_id}", Input)
        self.watch(title, "value", self._title_changed, init=False)

    def _title_changed(self, value: str) -> None:
        self.suggest(value)

    def suggest(self, title: str) -> None:
        """Look for threads like ``title`` now, or as soon as the running lookup ends."""
        title = title.strip()
        if title == self.asked:
            return
        self.asked = title
        if len(title) < 3:
            self._show(title, ())
        elif not self._looking:
            self._looking = True
            self._find(title)

    @work(thread=True, group="similar")
    def _find(self, title: str) -> None:
        try:
            found = self._lookup(title)
        except Exception as error:  # a suggestion is never worth an error on screen
            self.log.error(error)
            found = ()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, title, found)

    def _found(self, title: str, found: tuple) -> None:
        """A lookup ended (UI thread): show it if the subject is still ``title``, else
        ask for the subject typed meanwhile."""
        self._looking = False
        if title == self.asked:
            self._show(title, found)
        elif len(self.asked) >= 3:
            self._looking = True
            self._find(self.asked)

    def _lookup(self, title: str) -> tuple:
        """The similar threads (worker thread)."""
        app = self.app
        return app.forum.similar_threads(  # type: ignore[attr-defined]
            app.viewer,  # type: ignore[attr-defined]
            title,
            board_slug=self.board_slug,
            limit=LIMIT,
        )

    def _show(self, title: str, hits: tuple[views.SearchHit, ...]) -> None:
        self.hits = {str(hit.thread_id): hit for hit in hits}
        self._fill([Option(similar_row(hit), id=key) for key, hit in self.hits.items()])

    def _fill(self, options: list[Option]) -> None:
        """Replace the rows in place, the first highlighted; hidden when there are none."""
        listing = self.query_one(SimilarList)
        # As many rows as the last key brought: the list keeps its height, fixed for the
        # moment, so only the list repaints; "height: auto" would lay the whole screen
        # out again on every key. Another count of rows goes back to auto.
        height = listing.outer_size.height  # 0 until the list has been laid out
        same = height and self.has_class("-shown") and listing.option_count == len(options)
        listing.styles.height = height if same else None
        listing.set_options(options)
        if options:
            listing.highlighted = 0
        self.set_class(bool(options), "-shown")

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
        hit = self.hits.get(event.option.id or "")
        if hit is not None:
            open_thread(self.app, hit.thread_id)  # type: ignore[arg-type]
