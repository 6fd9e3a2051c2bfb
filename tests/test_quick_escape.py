"""A lone esc acts after ESCDELAY, not 100 ms later (forum_tui/quick_escape.py)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux and macOS driver")

from textual import constants  # noqa: E402
from textual._xterm_parser import XTermParser  # noqa: E402
from textual.app import App  # noqa: E402
from textual.events import Key  # noqa: E402

from forum_tui.app import ForumApp  # noqa: E402
from forum_tui.quick_escape import IDLE_WAIT, QuickEscapeDriver, select_timeout  # noqa: E402


def test_with_nothing_pending_the_input_thread_sleeps_as_long_as_textuals():
    assert select_timeout(XTermParser(), time.monotonic()) == IDLE_WAIT


def test_after_a_lone_esc_it_wakes_when_the_escape_delay_runs_out(monkeypatch):
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.03)  # the forum's ESCDELAY (cli.py)
    parser = XTermParser()
    assert list(parser.feed("\x1b")) == []  # held: an arrow key may follow
    fed_at = time.monotonic()
    wait = select_timeout(parser, fed_at)
    assert 0 < wait <= constants.ESCAPE_DELAY < IDLE_WAIT
    assert select_timeout(parser, fed_at + constants.ESCAPE_DELAY) == 0.0


class RecordingDriver(QuickEscapeDriver):
    """The driver's input loop on a pipe, recording the keys it passes on."""

    def __init__(self, fileno: int) -> None:
        super().__init__(App())  # Textual's driver takes the running loop: see make_driver
        self.fileno = fileno
        self.keys: list[str] = []
        self.seen = threading.Event()

    def process_message(self, message) -> None:
        if isinstance(message, Key):
            self.keys.append(message.key)
            self.seen.set()


def make_driver(fileno: int) -> RecordingDriver:
    """A driver built as Textual builds it (in the event loop), with the process's
    signal handlers left as they were (Textual's driver sets its own for ctrl+z)."""

    async def build() -> RecordingDriver:
        return RecordingDriver(fileno)

    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        return asyncio.run(build())
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_the_input_loop_passes_on_a_lone_esc_and_whole_key_sequences():
    read_end, write_end = os.pipe()
    driver = make_driver(read_end)
    thread = threading.Thread(target=driver.run_input_thread)
    thread.start()
    try:
        for sent, key in [("\x1b", "escape"), ("\x1b[A", "up"), ("q", "q"), ("\x1b", "escape")]:
            driver.seen.clear()
            os.write(write_end, sent.encode())
            assert driver.seen.wait(5), f"{sent!r} never arrived"
            assert driver.keys[-1] == key
        assert driver.keys == ["escape", "up", "q", "escape"]
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(write_end)
        os.close(read_end)
    assert not thread.is_alive()


def test_the_forum_uses_it_unless_textual_driver_names_another(monkeypatch):
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert ForumApp(None).get_driver_class() is QuickEscapeDriver
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.linux_driver:LinuxDriver")
    assert ForumApp(None).get_driver_class() is not QuickEscapeDriver
