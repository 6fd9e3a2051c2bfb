"""What the benchmarks share: a pseudo-terminal to watch a program in, clocks, scratch
communities and the columns of their tables.

Each benchmark used to carry its own copy of these (three pty watchers, five copies of
one timing loop, seven p95s in two conventions); a fix to one copy did not reach the
others, and figures from two scripts could not be trusted to mean the same. Every script
imports them from here, so one change reaches all. Nothing here asserts: the benchmarks
print figures beside same-run baselines (SPEC 7).

Scripts import it as ``from _harness import ...`` after putting ``benchmarks/`` on
``sys.path`` (they are run as files, not as a package).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import fcntl
import functools
import math
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
from collections.abc import Callable, Iterator
from pathlib import Path

# --- A program in a pseudo-terminal -----------------------------------------------------

#: Escape sequences (CSI, OSC, two-byte): stripped before looking for text on screen,
#: since a painted word is broken up by colour and cursor moves.
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")
#: The terminal every pty benchmark draws in, so their figures compare.
COLUMNS, ROWS = 100, 32
#: Seconds without output that end a repaint (``Terminal.wait_for``); not counted.
QUIET = 0.04


@functools.cache
def benchmark_cache() -> Path:
    """The user cache folder of the programs a benchmark starts, unless one is set: the
    forum's start snapshots (``store/start_snapshot.py``) of a benchmark's databases stay
    out of the user's own cache, and go when the benchmark ends."""
    folder = Path(tempfile.mkdtemp(prefix="forum-tui-bench-cache-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def forum_command(db: Path, *extra: str) -> list[str]:
    """The real app on ``db``, as a user starts it."""
    return [sys.executable, "-m", "forum_tui", "--db", str(db), *extra]


def bare_command(source: str, *extra: str) -> list[str]:
    """A bare Textual app given as source: the baseline started the same way."""
    return [sys.executable, "-c", source, *extra]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) the process has used so far; 0 off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Terminal:
    """A program in a 100x32 pseudo-terminal, watched as a person sees it: keys are
    written to it and its output is read until some text shows (escapes stripped).

    ``with Terminal(command) as term:`` starts it (``spawned``: the clock just before)
    and stops it (its whole process group) on leaving. ``step`` times one key to painted
    screen into ``times``."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.main = -1
        self.process: subprocess.Popen | None = None
        self.spawned = 0.0
        self.last_byte = 0.0
        self.seen = b""  # what has been drawn since the start or the last ``press``
        self.times: dict[str, list[float]] = {}
        #: Per step, ms to the first sight of its marker (``step``): the screen showing
        #: what was asked, before the output goes quiet.
        self.shown: dict[str, list[float]] = {}

    def __enter__(self) -> Terminal:
        self.main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
        env.setdefault("XDG_CACHE_HOME", str(benchmark_cache()))  # start snapshots
        self.spawned = time.perf_counter()
        self.process = subprocess.Popen(
            self.command,
            stdin=child,
            stdout=child,
            stderr=child,
            env=env,
            start_new_session=True,
        )
        os.close(child)
        return self

    def __exit__(self, *_exc) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):  # gone already (``quit``)
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        os.close(self.main)

    def quit(self, key: bytes = b"q", timeout: float = 15.0) -> None:
        """Press ``key`` and wait for the program to end by itself (as a person quits)."""
        assert self.process is not None
        os.write(self.main, key)
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            if select.select([self.main], [], [], 0.05)[0]:
                try:
                    os.read(self.main, 1 << 16)
                except OSError:
                    break
        self.process.wait(timeout=max(0.1, deadline - time.perf_counter()))

    def type(self, text: str) -> None:
        os.write(self.main, text.encode())

    def settle(self, quiet: float = 0.3) -> None:
        """Read (and drop) output until the program has drawn nothing for ``quiet`` s."""
        while select.select([self.main], [], [], quiet)[0]:
            os.read(self.main, 1 << 16)

    def wait_for(self, marker: str, timeout: float = 60.0) -> float:
        """Read until ``marker`` shows, then until the output pauses (``QUIET``): seconds
        from now to the last byte of that burst, that is to the repaint finished."""
        started = time.perf_counter()
        wanted = marker.encode()
        seen = b""
        found = not marker
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([self.main], [], [], QUIET)
            if not ready:
                if found and seen:
                    return self.last_byte - started
                continue
            chunk = os.read(self.main, 1 << 16)
            self.last_byte = time.perf_counter()
            seen += chunk
            if not found and wanted in ANSI.sub(b"", seen):
                found = True
                self.marker_seen = self.last_byte
        tail = ANSI.sub(b"", seen)[-600:].decode(errors="replace")
        raise RuntimeError(f"{marker!r} did not show within {timeout} s; last output:\n{tail}")

    def wait_for_each(
        self, markers: list[bytes], timeout: float = 30.0
    ) -> list[tuple[float, float]]:
        """Read until each marker has shown, in order, in what was drawn since the start
        or the last ``press``: for each, the clock (``perf_counter``) when it showed and
        the CPU seconds the program had used by then. No wait for the repaint to end:
        the first sight of the text is the figure."""
        started = time.perf_counter()
        shown: list[tuple[float, float]] = []
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([self.main], [], [], 0.01)
            if not ready:
                continue
            try:
                chunk = os.read(self.main, 1 << 16)
            except OSError:  # the program has ended
                break
            self.seen += chunk
            plain = ANSI.sub(b"", self.seen)
            while len(shown) < len(markers) and markers[len(shown)] in plain:
                assert self.process is not None
                shown.append((time.perf_counter(), cpu_seconds(self.process.pid)))
            if len(shown) == len(markers):
                return shown
        raise RuntimeError(
            f"no {markers[len(shown)].decode()!r} on screen within {timeout} s; last output:\n"
            + ANSI.sub(b"", self.seen)[-800:].decode(errors="replace")
        )

    def press(self, key: bytes, marker: bytes) -> float:
        """Milliseconds from writing ``key`` until ``marker`` is drawn after it."""
        self.seen = b""
        started = time.perf_counter()
        os.write(self.main, key)
        ((shown, _cpu),) = self.wait_for_each([marker])
        return (shown - started) * 1000

    def step(self, name: str, keys: str, marker: str = "") -> None:
        """Time ``keys`` to the last byte of the repaint showing ``marker`` (ms, into
        ``times[name]``), and to the marker's first sight (``shown[name]``); the output
        settles first, so only this key's work counts."""
        self.settle()
        started = time.perf_counter()
        os.write(self.main, keys.encode())
        self.marker_seen = started
        self.wait_for(marker)
        self.times.setdefault(name, []).append((self.last_byte - started) * 1000)
        self.shown.setdefault(name, []).append((self.marker_seen - started) * 1000)

    def keystroke(self, key: str, marker: bytes, window: float) -> tuple[float, float]:
        """Send ``key`` and read for ``window`` seconds: ms to the first bytes painted
        back, and ms to the output showing ``marker`` (nan when neither came). For keys
        typed at a person's pace, where waiting for quiet would wait past the next key."""
        seen, echo, marked = b"", math.nan, math.nan
        started = time.perf_counter()
        os.write(self.main, key.encode())
        while (left := started + window - time.perf_counter()) > 0:
            if not select.select([self.main], [], [], left)[0]:
                break
            seen += os.read(self.main, 1 << 16)
            now = (time.perf_counter() - started) * 1000
            if math.isnan(echo):
                echo = now
            if math.isnan(marked) and marker and marker in ANSI.sub(b"", seen):
                marked = now
        return echo, marked

    def sign_in(self, username: str, password: str, home: str = "Activity") -> None:
        """Sign in by typing on the sign-in screen, and wait for home (``home``) drawn."""
        self.wait_for("Sign in")
        self.settle()
        self.type(username + "\t")
        self.settle()
        self.type(password + "\r")
        self.wait_for(home)
        self.settle()

    def resident_mb(self) -> float:
        """The program's resident memory now (Linux /proc), in MB."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if "VmRSS" in line)
        return kilobytes / 1024


# --- Clocks -----------------------------------------------------------------------------


def ms_times(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of ``repeat`` calls of ``call``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def turn_about(
    call: Callable[[], object], other: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Milliseconds of ``call`` and of ``other``, one of each in turn, ``repeat`` times:
    on a shared machine the load changes within seconds, and timing all of one, then all
    of the other, let it skew the ratio either way."""
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        ours += ms_times(call, 1)
        theirs += ms_times(other, 1)
    return ours, theirs


def p95(values: list[float]) -> float:
    """The 95th percentile: the value at 95% of the way from the least to the most."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def nearest_rank(values: list[float], fraction: float) -> float:
    """The value at ``int(fraction * n)`` in order (the last at 1.0): the percentile
    ``ideas.py`` and ``writers.py`` have always printed. It is one place higher than
    ``p95`` for some counts; kept so their figures still compare with earlier runs."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ratio(ours: float, base: float) -> float:
    """``ours / base``, with ``base`` held off zero (a clock tick can read 0 ms)."""
    return ours / max(base, 0.001)


def figures_header(width: int = 7) -> str:
    """The titles of ``figures``' columns."""
    return f"{'med':>{width}} {'p95':>{width}} {'raw med':>8} {'raw p95':>8}"


def figures(
    ours: list[float],
    raw: list[float],
    width: int = 7,
    percentile: Callable[[list[float]], float] = p95,
) -> str:
    """Median and p95 of a call, then of its same-run raw baseline (ms): the columns
    every store benchmark prints beside its ratio."""
    return (
        f"{statistics.median(ours):{width}.2f} {percentile(ours):{width}.2f} "
        f"{statistics.median(raw):8.2f} {percentile(raw):8.2f}"
    )


def fraction(part: int, whole: int) -> float:
    """``part / whole``; 1.0 when ``whole`` is 0: a check that flags nothing has made no
    wrong call (precision), and one with nothing to find has missed nothing (recall)."""
    return part / whole if whole else 1.0


# --- Scratch communities ----------------------------------------------------------------


@contextlib.contextmanager
def scratch_folder(prefix: str, under: Path | None = None) -> Iterator[Path]:
    """A new temporary folder, removed with all in it on leaving (even on an error)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=under))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def database(given: str | None, name: str) -> tuple[str, str]:
    """(file or URL, URL) of the database to use: ``given`` (``--db``: a file or a
    URL), else ``name`` in a new temporary folder. That folder is left behind, as these
    scripts have always left it (a large community is slow to make: pass ``--db`` to
    choose where it goes and reuse it)."""
    db = given or str(Path(tempfile.mkdtemp()) / name)
    return db, db if "://" in db else f"sqlite:///{db}"


def like_large(posts: int, members: int, threads: int, ideas: int | None = None) -> dict[str, int]:
    """``generate`` counts for ``posts`` posts in the proportions of the large size
    (``forum-tui generate --size large``), with at least ``members``, ``threads`` and
    ``ideas`` (no ideas when None): a small run still has a community's shape."""
    from forum_tui.cli_admin import SIZES

    large = SIZES["large"]
    scale = posts / large["posts"]
    counts = {
        "members": max(members, int(large["members"] * scale)),
        "threads": max(threads, int(large["threads"] * scale)),
        "posts": posts,
    }
    if ideas is not None:
        counts["ideas"] = max(ideas, int(large["ideas"] * scale))
    return counts


def build_demo(db: Path) -> None:
    """The demo community in ``db``, and the forum's modules compiled to bytecode, as a
    user's second start finds them (``PYTHONDONTWRITEBYTECODE``, set on some machines,
    would otherwise make every timed start compile them again)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(__file__).parent.parent / "forum_tui")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [sys.executable, "-m", "forum_tui", "demo", "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def member_viewer(forum):
    """The first plain member, as the store's viewer: what a signed-in member sees."""
    from sqlmodel import Session, select

    from forum_tui.store.convert import _viewer
    from forum_tui.store.models import Member

    with Session(forum.engine) as session:
        member = session.exec(select(Member).where(Member.role == "member").limit(1)).first()
        return _viewer(member)


def relaxed_community():
    """The default community with the posting rate limits out of the way (benchmarks
    post far faster than any person may)."""
    from forum_tui.rules.community import load_community

    community = load_community(None)
    limits = dataclasses.replace(
        community.limits, posts_per_10_minutes=10**9, posts_per_10_minutes_new=10**9
    )
    return dataclasses.replace(community, limits=limits)


def note_shared_machine() -> None:
    """On stderr, under the table: what to read in it."""
    print("(a shared machine: compare the ratios, not the milliseconds)", file=sys.stderr)
