"""Start-up time, beside a bare Textual app started in the same run (medians of N runs).

Runs the real command (``python -m forum_tui --db FILE --as PERSONA``) in a pseudo-terminal
of 100x32 and watches what it draws. The clock starts just before the process is spawned;
it stops twice: at the **first frame** (the starting screen's "Opening…", drawn before the
store is imported) and at **home with data** (a board name from the sidebar's data). The
baseline is a bare Textual app (one Label) started the same way, timed to its text.
Prints each run, the medians and the ratios with their goals (1.3x and 2x); asserts nothing.

Two kinds of forum start, each run quit with ``q`` as a person quits:

- **cold**: no start snapshot (``store/start_snapshot.py``): the first start on this
  database, or the first after anything home shows changed. Home waits for the store
  (SQLAlchemy, the models, the database opened and read).
- **warm**: the start after that one, nothing changed meanwhile: home paints from the
  snapshot the last start left, checked row by row on the driver, before the store is
  imported; the store opens behind it.

On a shared machine the wall clock swings with the load (the bare app alone took 300 ms
and 800 ms in neighbouring runs), so each run's forum figures are also divided by the
bare app's run beside it, and the median of those paired ratios is printed too; so is
the CPU time each process had used when its marker appeared (``/proc``, 10 ms ticks):
the work done, which the load does not change much.

    python benchmarks/startup.py [--runs 7] [--as mia] [--marker "Ongoing Issues"]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Terminal, bare_command, build_demo, forum_command, scratch_folder

BARE_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Label('Bare app ready')\n"
    "Bare().run()\n"
)

#: The floor for "home with data": a bare Textual app that first reads one row through
#: SQLModel (importing SQLAlchemy and SQLModel, nothing of the forum's), as any
#: SQLModel-backed screen must. Its ratio to the bare app is the least a SQLModel app
#: can show for data on its first screen.
FLOOR_APP = (
    "import sys\n"
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Floor(App):\n"
    "    def compose(self):\n"
    "        from sqlmodel import create_engine, text\n"
    "        with create_engine(f'sqlite:///{sys.argv[1]}').connect() as c:\n"
    "            c.execute(text('select 1')).scalar()\n"
    "        yield Label('Floor app ready')\n"
    "Floor().run()\n"
)

FIRST_FRAME = b"Opening"
#: The demo's first board's pinned thread: home's main pane has its threads (read through
#: the store in every start; printed beside the sidebar's figure, no goal of its own).
BOARD_FILLED = b"Read this before posting"
BARE_MARKER = b"Bare app ready"
FLOOR_MARKER = b"Floor app ready"


def time_and_cpu(
    command: list[str], markers: list[bytes], timeout: float = 30.0, *, quit_key: bytes = b""
) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) from spawning ``command`` in a 100x32 pty until each
    marker is on screen; then ``quit_key`` ends it as a person would (else it is stopped)."""
    with Terminal(command) as term:
        shown = term.wait_for_each(markers, timeout)
        if quit_key:
            term.quit(quit_key)
        return [(when - term.spawned, cpu) for when, cpu in shown]


def measure(db: Path, persona: str, marker: str, runs: int) -> dict[str, float]:
    """Medians of the bare app, the forum's first frame and home with data, cold and
    warm: wall seconds ("bare", "first", "cold", "warm", "floor"), the paired ratios to
    the bare run beside each ("..._ratio") and CPU seconds ("..._cpu"). The forum's
    start snapshots are kept in a scratch folder of their own."""
    with scratch_folder("forum-tui-snapshots-") as cache, _cache_folder(cache):
        return _measure(db, cache / "forum-tui" / "start", persona, marker, runs)


@contextlib.contextmanager
def _cache_folder(folder: Path) -> Iterator[None]:
    """The user cache folder of the programs started meanwhile (``XDG_CACHE_HOME``)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = before


def _measure(db: Path, snapshots: Path, persona: str, marker: str, runs: int) -> dict[str, float]:
    forum = forum_command(db, "--as", persona)
    markers = [FIRST_FRAME, marker.encode(), BOARD_FILLED]
    figures: dict[str, list[float]] = {}
    for run in range(1, runs + 1):  # interleaved, so a busy moment hits all alike
        ((bare, bare_cpu),) = time_and_cpu(bare_command(BARE_APP), [BARE_MARKER])
        floor_app = bare_command(FLOOR_APP, str(db))
        ((floor, floor_cpu),) = time_and_cpu(floor_app, [FLOOR_MARKER])
        shutil.rmtree(snapshots, ignore_errors=True)  # cold: no snapshot to paint from
        (first, first_cpu), (cold, cold_cpu), (cold_board, _) = time_and_cpu(
            forum, markers, quit_key=b"q"
        )
        _first, (warm, warm_cpu), (warm_board, _) = time_and_cpu(forum, markers, quit_key=b"q")
        one = {"bare": bare, "first": first, "cold": cold, "warm": warm, "floor": floor}
        one |= {"cold_board": cold_board, "warm_board": warm_board}
        for key in ("first", "cold", "warm", "floor"):
            one[f"{key}_ratio"] = one[key] / bare
        cpus = {"bare": bare_cpu, "first": first_cpu, "cold": cold_cpu, "warm": warm_cpu}
        one |= {f"{key}_cpu": value for key, value in cpus.items()} | {"floor_cpu": floor_cpu}
        for key, value in one.items():
            figures.setdefault(key, []).append(value)
        print(
            f"run {run}: bare app {bare * 1000:.0f} ms (cpu {bare_cpu * 1000:.0f}); forum "
            f"first frame {first * 1000:.0f} ms (cpu {first_cpu * 1000:.0f}), home with "
            f"data cold {cold * 1000:.0f} ms (cpu {cold_cpu * 1000:.0f}), warm "
            f"{warm * 1000:.0f} ms (cpu {warm_cpu * 1000:.0f}); first board's threads cold "
            f"{cold_board * 1000:.0f} ms, warm {warm_board * 1000:.0f} ms; SQLModel floor "
            f"{floor * 1000:.0f} ms (cpu {floor_cpu * 1000:.0f})"
        )
    return {key: statistics.median(values) for key, values in figures.items()}


def report(figures: dict[str, float], runs: int) -> None:
    bare, bare_cpu = figures["bare"], figures["bare_cpu"]
    for name, key, goal in (
        ("first frame", "first", 1.3),
        ("home with data, warm (painted from the last start's snapshot)", "warm", 2.0),
        ("home with data, cold (no snapshot: read through the store)", "cold", 2.0),
    ):
        value, cpu = figures[key], figures[f"{key}_cpu"]
        print(
            f"median of {runs}: {name} {value * 1000:.0f} ms, bare Textual app "
            f"{bare * 1000:.0f} ms: {value / bare:.2f}x (goal {goal}x); paired runs "
            f"{figures[f'{key}_ratio']:.2f}x; cpu {cpu * 1000:.0f} ms against "
            f"{bare_cpu * 1000:.0f} ms: {cpu / bare_cpu:.2f}x"
        )
    for kind in ("warm", "cold"):
        board = figures[f"{kind}_board"]
        print(
            f"median of {runs}: home's first board with its threads, {kind}: "
            f"{board * 1000:.0f} ms, {board / bare:.2f}x the bare app (no goal of its own)"
        )
    floor, floor_cpu = figures["floor"], figures["floor_cpu"]
    print(
        f"median of {runs}: SQLModel floor (a bare Textual app that reads one row through "
        f"SQLModel first) {floor * 1000:.0f} ms: {floor / bare:.2f}x the bare app; paired "
        f"runs {figures['floor_ratio']:.2f}x; cpu {floor_cpu * 1000:.0f} ms: "
        f"{floor_cpu / bare_cpu:.2f}x. No read through SQLModel shows data sooner (cold)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--as", dest="persona", default="mia")
    parser.add_argument("--marker", default="Ongoing Issues")
    args = parser.parse_args()
    with scratch_folder("forum-tui-startup-") as folder:
        db = folder / "demo.db"
        build_demo(db)
        report(measure(db, args.persona, args.marker, args.runs), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
