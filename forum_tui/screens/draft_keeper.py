"""A compose screen's draft, kept in the store: :class:`DraftKeeper` (screens/compose.py).

What a draft holds is a :data:`Snapshot`: (title, body, extra), where ``extra`` is a
screen's own (a reply's quoted post, an idea's label and tags).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from forum_tui.store import views

T = TypeVar("T")
#: (title, body, extra): what a draft holds.
Snapshot = tuple[str, str, str]


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
