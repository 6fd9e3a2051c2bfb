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
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Terminal, bare_command, build_demo, forum_command, ratio, scratch_folder

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
    with Terminal(command) as terminal:
        terminal.wait_for_each([ready])
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--messages", type=int, default=50_000)
    args = parser.parse_args(argv)
    with scratch_folder("forum-tui-inbox-paint-") as folder:
        db = folder / "demo.db"
        build_demo(db)
        seed_messages(db, args.messages)
        forum = forum_command(db, "--as", "mia")
        bare_app = bare_command(BARE_APP)
        figures: dict[str, list[float]] = {}
        for run in range(1, args.runs + 1):
            ours = one_run(forum, b"Ongoing Issues")
            bare = one_run(bare_app, b"Ongoing Issues")
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
            print(
                f"  {name:<13} {ours:6.0f} ms   bare Textual {bare:5.0f} ms   "
                f"ratio {ratio(ours, bare):4.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
