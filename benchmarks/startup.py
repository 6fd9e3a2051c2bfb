"""Start-up time, beside a bare Textual app started in the same run (medians of N runs).

Runs the real command (``python -m forum_tui --db FILE --as PERSONA``) in a pseudo-terminal
of 100x32 and watches what it draws. The clock starts just before the process is spawned;
it stops twice: at the **first frame** (the starting screen's "Opening…", drawn before the
store is imported) and at **home with data** (a board name from the sidebar's data, so
the database has been opened, migrated and read). The baseline is a bare Textual app
(one Label) started the same way, timed to its text. Prints each run, the medians and the
ratios with their goals (1.3x and 2x); asserts nothing.

    python benchmarks/startup.py [--runs 5] [--as mia] [--marker "Ongoing Issues"]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
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

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")


def build_demo(db: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "forum_tui", "demo", "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


BARE_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Label('Bare app ready')\n"
    "Bare().run()\n"
)

FIRST_FRAME = b"Opening"
BARE_MARKER = b"Bare app ready"


def time_one_start(command: list[str], markers: list[bytes], timeout: float = 30.0) -> list[float]:
    """Seconds from spawning ``command`` in a 100x32 pty until each marker is on screen."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="32")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
    )
    os.close(child)
    seen = b""
    times: list[float] = []
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([main], [], [], 0.01)
            if not ready:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            seen += chunk
            plain = ANSI.sub(b"", seen)
            while len(times) < len(markers) and markers[len(times)] in plain:
                times.append(time.perf_counter() - started)
            if len(times) == len(markers):
                return times
        raise RuntimeError(
            f"no {markers[len(times)].decode()!r} on screen within {timeout} s; last output:\n"
            + ANSI.sub(b"", seen)[-800:].decode(errors="replace")
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        os.close(main)


def measure(db: Path, persona: str, marker: str, runs: int) -> dict[str, float]:
    """Median seconds: the bare app, the forum's first frame, the forum's home with data."""
    forum = [sys.executable, "-m", "forum_tui", "--db", str(db), "--as", persona]
    bare, first, home = [], [], []
    for run in range(1, runs + 1):  # interleaved, so a busy moment hits both alike
        (bare_s,) = time_one_start([sys.executable, "-c", BARE_APP], [BARE_MARKER])
        first_s, home_s = time_one_start(forum, [FIRST_FRAME, marker.encode()])
        bare.append(bare_s)
        first.append(first_s)
        home.append(home_s)
        print(
            f"run {run}: bare app {bare_s * 1000:.0f} ms; forum first frame "
            f"{first_s * 1000:.0f} ms, home with data {home_s * 1000:.0f} ms"
        )
    return {
        "bare": statistics.median(bare),
        "first": statistics.median(first),
        "home": statistics.median(home),
    }


def report(figures: dict[str, float], runs: int) -> None:
    bare = figures["bare"]
    for name, key, goal in (("first frame", "first", 1.3), ("home with data", "home", 2.0)):
        value = figures[key]
        print(
            f"median of {runs}: {name} {value * 1000:.0f} ms, bare Textual app "
            f"{bare * 1000:.0f} ms: {value / bare:.2f}x (goal {goal}x)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as", dest="persona", default="mia")
    parser.add_argument("--marker", default="Ongoing Issues")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="forum-tui-startup-"))
    try:
        db = folder / "demo.db"
        build_demo(db)
        report(measure(db, args.persona, args.marker, args.runs), args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
