"""Inbox paint time: key press to painted screen, in a real pseudo-terminal.

    python benchmarks/inbox_paint.py [--runs 5] [--messages 50000]

Builds the demo community, adds ``--messages`` private messages for the persona ``mia``
(300 conversations; her newest is 500 messages long: see ``benchmarks/inbox.py``), then
runs ``python -m forum_tui --as mia`` in a 100x32 pseudo-terminal and times, per run:

- ``I`` until the inbox shows its rows (the "Notifications" row comes with the data);
- ``enter`` on the newest conversation until its head shows "500 messages";
- ``q`` back home, then ``N`` until the notifications screen shows its list: an existing
  screen of the same kind, for comparison.

Beside it, in the same run, a bare Textual app in the same terminal does the same kind of
step (a key pushes a screen with a 40-row list, enter shows a 50-row list): the baseline.
Prints each figure and the medians; asserts nothing (SPEC 7: the goal is 100 ms).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import ANSI, build_demo

#: What is timed: I (the inbox), enter (the 500-message conversation), and for
#: comparison N (the existing notifications screen, after q back home).
STEPS = ("inbox", "conversation", "notifications")

BARE_APP = """
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList, Static

class Conversation(Screen):
    BINDINGS = [("escape", "app.pop_screen", "Back")]
    def compose(self):
        yield Static("Head of the conversation: 500 messages")
        yield OptionList(*[f"Message {n}: words words words" for n in range(50)])

class Inbox(Screen):
    BINDINGS = [("escape", "app.pop_screen", "Back")]
    def compose(self):
        yield Static("Notifications")
        yield OptionList(*[f"Conversation {n}" for n in range(40)], id="rows")
    def on_option_list_option_selected(self):
        self.app.push_screen(Conversation())

class Notes(Screen):
    def compose(self):
        yield Static("2 unread  ·  enter opens")
        yield OptionList(*[f"Notification {n}" for n in range(40)])

class Bare(App):
    BINDINGS = [("I", "inbox", "Inbox"), ("N", "notes", "Notifications"), ("q", "home", "Home")]
    def compose(self):
        yield Static("Ongoing Issues")
    def action_inbox(self):
        self.push_screen(Inbox())
    def action_notes(self):
        self.push_screen(Notes())
    def action_home(self):
        while len(self.screen_stack) > 1:
            self.pop_screen()

Bare().run()
"""


class Terminal:
    """A program in a 100x32 pseudo-terminal, and what it has drawn so far."""

    def __init__(self, command: list[str]) -> None:
        self.main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="32")
        self.process = subprocess.Popen(
            command, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
        )
        os.close(child)
        self.seen = b""

    def wait_for(self, marker: bytes, timeout: float = 30.0) -> None:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([self.main], [], [], 0.01)
            if ready:
                self.seen += os.read(self.main, 65536)
                if marker in ANSI.sub(b"", self.seen):
                    return
        tail = ANSI.sub(b"", self.seen)[-600:].decode(errors="replace")
        raise RuntimeError(f"no {marker.decode()!r} within {timeout} s; last output:\n{tail}")

    def press(self, key: bytes, marker: bytes) -> float:
        """Milliseconds from writing ``key`` until ``marker`` is drawn."""
        self.seen = b""
        started = time.perf_counter()
        os.write(self.main, key)
        self.wait_for(marker)
        return (time.perf_counter() - started) * 1000

    def settle(self, quiet: float = 0.3) -> None:
        """Read until the program has drawn nothing for ``quiet`` seconds."""
        while True:
            ready, _, _ = select.select([self.main], [], [], quiet)
            if not ready:
                return
            self.seen += os.read(self.main, 65536)

    def close(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        os.close(self.main)


def seed_messages(db: Path, messages: int) -> None:
    from inbox import seed

    from forum_tui.store.forum import open_forum

    forum = open_forum(f"sqlite:///{db}")
    try:
        mia = forum.sign_in_as("mia")
        seed(forum, messages, 300, 500, random.Random(10), reader_id=mia.id)
    finally:
        forum.close()


def one_run(command: list[str], ready: bytes) -> tuple[float, float, float]:
    """(inbox ms, conversation ms, notifications ms) for one start of ``command``."""
    terminal = Terminal(command)
    try:
        terminal.wait_for(ready)
        terminal.settle()
        inbox = terminal.press(b"I", b"Notifications")
        terminal.settle()
        conversation = terminal.press(b"\r", b"500 messages")
        terminal.settle()
        terminal.press(b"q", b"Ongoing Issues")
        terminal.settle()
        notifications = terminal.press(b"N", b"enter opens")
        terminal.settle()
        return inbox, conversation, notifications
    finally:
        terminal.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--messages", type=int, default=50_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="forum-tui-inbox-paint-"))
    try:
        db = folder / "demo.db"
        build_demo(db)
        seed_messages(db, args.messages)
        forum_command = [sys.executable, "-m", "forum_tui", "--db", str(db), "--as", "mia"]
        bare_command = [sys.executable, "-c", BARE_APP]
        figures: dict[str, list[float]] = {}
        for run in range(1, args.runs + 1):
            ours = one_run(forum_command, b"Ongoing Issues")
            bare = one_run(bare_command, b"Ongoing Issues")
            for index, name in enumerate(STEPS):
                figures.setdefault(name, []).append(ours[index])
                figures.setdefault(f"bare {name}", []).append(bare[index])
            print(
                f"run {run}: "
                + "   ".join(
                    f"{name} {ours[index]:4.0f} ms (bare {bare[index]:3.0f})"
                    for index, name in enumerate(STEPS)
                )
            )
        print("medians (goal: 100 ms):")
        for name in STEPS:
            ours = statistics.median(figures[name])
            bare = statistics.median(figures[f"bare {name}"])
            ratio = ours / max(bare, 0.001)
            print(f"  {name:<13} {ours:6.0f} ms   bare Textual {bare:5.0f} ms   ratio {ratio:4.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
