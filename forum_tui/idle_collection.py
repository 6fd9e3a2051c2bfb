"""Full garbage collections when the reader pauses, not in the middle of a key press.

CPython's collector runs a *full* collection on its own whenever enough objects have
survived the young generations: it walks every tracked object the app holds (screens,
widgets, styles, cached rows) and, in this app, takes 50-190 ms each time. Driven from a
real terminal, such a collection landed inside a key press about once every four or five
steps (inbox, notifications and back, timed in a pseudo-terminal): the slowest steps were
those, not the app's own work.

While the app runs, :class:`IdleCollection` turns the automatic full collections off
(the young generations are still collected as usual: a few ms at most) and makes them
itself: once the reader has touched no key or mouse for ``IDLE_SECONDS`` after some
activity, or, when they never pause, at least every ``LONGEST_WITHOUT`` seconds so memory
stays bounded. On exit the collector's thresholds are put back as they were.
"""

from __future__ import annotations

import gc
import time

#: Seconds without input after which the full collection is made.
IDLE_SECONDS = 1.0
#: Seconds after which a full collection is made even if the reader never pauses.
LONGEST_WITHOUT = 30.0
#: How often (seconds) the app asks whether it is time (``tick``).
CHECK_EVERY = 0.5
#: The third threshold of ``gc.set_threshold`` that no session reaches: automatic full
#: collections happen after this many collections of the middle generation.
NEVER = 1 << 30


class IdleCollection:
    """Full collections at the reader's pauses (see the module docstring).

    ``start()`` when the app starts, ``input_seen()`` on every key or mouse event,
    ``tick()`` every ``CHECK_EVERY`` seconds, ``stop()`` when the app ends."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.saved: tuple[int, int, int] | None = None
        self.last_input = self.last_full = clock()
        self.active_since_full = False
        self.full_collections = 0

    def start(self) -> None:
        if self.saved is None:
            self.saved = gc.get_threshold()
            young, middle, _old = self.saved
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None

    def input_seen(self) -> None:
        self.last_input = self.clock()
        self.active_since_full = True

    def tick(self) -> bool:
        """Make the full collection if it is time; True when one was made."""
        now = self.clock()
        idle = now - self.last_input >= IDLE_SECONDS
        overdue = now - self.last_full >= LONGEST_WITHOUT
        # The app's own timers and workers age objects too, with no input: the middle
        # generation's collections since the last full one (``gc.get_count()[2]``) say so.
        aged = self.active_since_full or gc.get_count()[2] > 0
        if not ((idle and self.active_since_full) or (overdue and aged)):
            return False
        gc.collect()
        self.last_full = self.clock()
        self.active_since_full = False
        self.full_collections += 1
        return True
