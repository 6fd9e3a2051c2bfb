"""A lone esc (back, close) acts after ``ESCDELAY``, not up to 100 ms later.

A terminal sends the esc key as the byte ESC, which is also how every arrow and function
key's sequence begins; so the input parser waits ``ESCDELAY`` milliseconds for more bytes
before it calls it the esc key. In Textual 8.2.8 that wait is only checked when the input
thread wakes up (``LinuxDriver.run_input_thread``), and with no more input it sleeps in
``select`` for 100 ms: a lone esc always took 100 ms or more, whatever ``ESCDELAY`` said
(measured in a pty: "back with esc" 155 ms at p50, in the forum and in a bare app alike,
against 48 ms for "back with q").

:class:`QuickEscapeDriver` runs the same input loop but sleeps only until the parser's
wait is over when one is pending, so ``ESCDELAY`` (the forum sets 30 ms, cli.py) is the
wait the reader feels. Everything else is Textual's own driver.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

__all__ = ["QuickEscapeDriver", "select_timeout"]

#: How long the input thread sleeps with nothing pending (Textual's own figure): how soon
#: it notices the app is exiting.
IDLE_WAIT = 0.1


def select_timeout(parser: XTermParser, now: float) -> float:
    """Seconds to wait for input: until the parser's pending wait (a lone ESC, or a key
    sequence cut short) runs out, and never longer than :data:`IDLE_WAIT`."""
    deadline = parser._timeout_time  # Textual 8.2.8: set by feed, cleared by tick
    if deadline is None:
        return IDLE_WAIT
    return min(IDLE_WAIT, max(0.0, deadline - now))


class QuickEscapeDriver(LinuxDriver):
    """Textual's driver for Linux and macOS terminals, with the input loop above."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        try:
            while not self.exit_event.is_set():
                ready = selector.select(select_timeout(parser, get_time()))
                self._dispatch_input(parser, decode, ready)
            selector.unregister(self.fileno)
            self._dispatch_input(parser, decode, selector.select(IDLE_WAIT), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def _dispatch_input(self, parser: XTermParser, decode, ready, final: bool = False) -> None:
        """Read what is ready, then pass on every event it and the clock complete."""
        for index, (_key, mask) in enumerate(ready):
            if mask & selectors.EVENT_READ:
                last = index == len(ready) - 1
                text = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                if not text:  # stdin is a pipe and has ended
                    break
                for event in parser.feed(text):
                    self.process_message(event)
        for event in parser.tick():
            self.process_message(event)
