"""Start-up time: from process start to the first usable screen, median of N runs.

Runs the real command (``python -m forum_tui --db FILE --as PERSONA``) in a pseudo-terminal
of 100x32 and watches what it draws. The clock starts just before the process is spawned
and stops when the home screen shows a board from the sidebar's data (so the database
has been opened, migrated, and read). Prints each run and the median; asserts nothing.

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


def time_one_start(db: Path, persona: str, marker: bytes, timeout: float = 20.0) -> float:
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="32")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "forum_tui", "--db", str(db), "--as", persona],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([main], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            seen += chunk
            if marker in ANSI.sub(b"", seen):
                return time.perf_counter() - started
        raise RuntimeError(
            f"no {marker.decode()!r} on screen within {timeout} s; last output:\n"
            + ANSI.sub(b"", seen)[-800:].decode(errors="replace")
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        os.close(main)


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
        times = []
        for run in range(1, args.runs + 1):
            seconds = time_one_start(db, args.persona, args.marker.encode())
            times.append(seconds)
            print(f"run {run}: {seconds * 1000:.0f} ms to first usable screen")
        print(
            f"median of {args.runs}: {statistics.median(times) * 1000:.0f} ms (goal: under 1000 ms)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
