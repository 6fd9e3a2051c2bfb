"""Typing an idea's subject in a real terminal: keystroke to painted echo, and suggestions.

    python benchmarks/idea_typing.py                  # the demo plus 20,000 ideas
    python benchmarks/idea_typing.py --ideas 2000

Runs ``python -m forum_tui --db FILE --as priya`` in a 100x32 pseudo-terminal, opens
Idea Submissions through the command palette, presses ``n`` and types a subject one key
every ``--gap`` seconds (0.35 s: longer than the form's 300 ms pause, so a suggestion
lookup runs in a worker between most keys). For each key it times the keystroke to the
first bytes painted back (the echo), and after the last key the time until the similar
ideas are painted. Beside it, in the same run and the same way, a bare Textual app with
one ``Input``. Prints medians and p95s in milliseconds; asserts nothing.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
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

from startup import ANSI, build_demo  # benchmarks/startup.py

SUBJECT = "playlist folders on mobile"
#: The idea form's pause after the last change before it looks for similar ideas.
DEBOUNCE = 0.3
BARE_APP = """
from textual.app import App
from textual.widgets import Input

class Bare(App):
    def compose(self):
        yield Input(placeholder="Subject")

Bare().run()
"""


class Terminal:
    """A process in a 100x32 pseudo-terminal, read as it paints."""

    def __init__(self, command: list[str]) -> None:
        self.main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="32")
        self.process = subprocess.Popen(
            command, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
        )
        os.close(child)
        self.seen = b""

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.main], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.main, 65536)
        except OSError:
            return b""
        self.seen += chunk
        return chunk

    def wait_for(self, marker: str, timeout: float = 30.0) -> float:
        start = time.perf_counter()
        self.seen = b""
        while time.perf_counter() - start < timeout:
            self.read(0.05)
            if marker.encode() in ANSI.sub(b"", self.seen):
                return time.perf_counter() - start
        raise RuntimeError(f"no {marker!r} within {timeout} s")

    def drain(self, quiet: float = 0.3, most: float = 3.0) -> None:
        """Read until ``quiet`` seconds pass with nothing painted (a blinking cursor
        paints every half second; stop after ``most`` seconds anyway)."""
        end = time.perf_counter() + most
        while self.read(quiet) and time.perf_counter() < end:
            pass

    def key(self, data: str) -> float:
        """Send ``data``; seconds until the first bytes come back."""
        self.seen = b""
        start = time.perf_counter()
        os.write(self.main, data.encode())
        while time.perf_counter() - start < 5:
            if self.read(0.5):
                return time.perf_counter() - start
        return float("nan")

    def close(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        os.close(self.main)


def type_subject(terminal: Terminal, gap: float, marker: bytes = b"") -> tuple[list, float]:
    """Type SUBJECT; returns the echo times (ms) and, when ``marker`` is given, the ms from
    the key whose pause started the lookup (the last one sent at least ``DEBOUNCE`` before)
    to ``marker`` first painted (nan if it never was)."""
    echoes, sent, painted = [], [], None
    for index, char in enumerate(SUBJECT):
        sent.append(time.perf_counter())
        echoes.append(terminal.key(char) * 1000)
        if painted is None and marker and marker in ANSI.sub(b"", terminal.seen):
            painted = time.perf_counter()
        pause = time.perf_counter() + (gap if index < len(SUBJECT) - 1 else 2.0)
        while time.perf_counter() < pause:  # read (and look) while waiting
            terminal.read(max(0.0, min(0.05, pause - time.perf_counter())))
            if painted is None and marker and marker in ANSI.sub(b"", terminal.seen):
                painted = time.perf_counter()
    if painted is None:
        return echoes, float("nan")
    before = [moment for moment in sent if moment <= painted - DEBOUNCE] or sent[:1]
    return echoes, (painted - before[-1]) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _stats(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f}  p95 {_p95(values):6.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--gap", type=float, default=0.35)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="forum-tui-typing-"))
    db = folder / "demo.db"
    build_demo(db)
    if args.ideas:
        from forum_tui.store.forum import open_forum
        from forum_tui.store.synth import generate

        forum = open_forum(f"sqlite:///{db}")
        generate(forum, members=200, threads=0, posts=args.ideas, ideas=args.ideas)
        forum.rebuild_search_index()
        forum.close()
    app = Terminal([sys.executable, "-m", "forum_tui", "--db", str(db), "--as", "priya"])
    try:
        app.wait_for("Ongoing Issues")
        app.drain()
        os.write(app.main, b"\x10")  # ctrl+p: the palette
        time.sleep(0.5)
        os.write(app.main, b"Idea Submissions")
        time.sleep(1.0)
        os.write(app.main, b"\r")
        app.wait_for("sorted by")
        app.drain()
        os.write(app.main, b"n")
        app.wait_for("New idea in")
        app.drain(0.5)
        app.seen = b""
        echoes, suggested = type_subject(app, args.gap, "▲".encode())
    finally:
        app.close()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(BARE_APP)
    bare = Terminal([sys.executable, script.name])
    try:
        bare.wait_for("Subject")
        bare.drain()
        bare_echoes, _ = type_subject(bare, args.gap)
    finally:
        bare.close()
        os.unlink(script.name)
    print(f"{len(SUBJECT)} keys, one every {args.gap:.2f} s; {args.ideas:,} extra ideas")
    print(f"idea form, key to echo painted (ms):  {_stats(echoes)}")
    print(f"bare Textual Input, same (ms):         {_stats(bare_echoes)}")
    ratio = _p95(echoes) / max(_p95(bare_echoes), 0.001)
    print(f"ratio of p95s: {ratio:.2f}  (the machine is shared)")
    print(
        f"key to the first similar ideas painted: {suggested:.0f} ms "
        "(300 ms of it is the form's pause after typing)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
