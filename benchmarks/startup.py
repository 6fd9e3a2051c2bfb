"""Start-up time, beside a bare Textual app started in the same run (medians of N runs).

Runs the real command (``python -m forum_tui --db FILE --as PERSONA``) in a pseudo-terminal
of 100x32 and watches what it draws. The clock starts just before the process is spawned;
it stops twice: at the **first frame** (the starting screen's "Opening…", drawn before the
store is imported) and at **home with data** (a board name from the sidebar's data, so
the database has been opened, migrated and read). The baseline is a bare Textual app
(one Label) started the same way, timed to its text. Prints each run, the medians and the
ratios with their goals (1.3x and 2x); asserts nothing.

On a shared machine the wall clock swings with the load (the bare app alone took 300 ms
and 800 ms in neighbouring runs), so each run's forum figures are also divided by the
bare app's run beside it, and the median of those paired ratios is printed too; so is
the CPU time each process had used when its marker appeared (``/proc``, 10 ms ticks):
the work done, which the load does not change much.

    python benchmarks/startup.py [--runs 7] [--as mia] [--marker "Ongoing Issues"]
"""

from __future__ import annotations

import argparse
import statistics
import sys
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
BARE_MARKER = b"Bare app ready"
FLOOR_MARKER = b"Floor app ready"


def time_and_cpu(
    command: list[str], markers: list[bytes], timeout: float = 30.0
) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) from spawning ``command`` in a 100x32 pty until each
    marker is on screen."""
    with Terminal(command) as term:
        shown = term.wait_for_each(markers, timeout)
        return [(when - term.spawned, cpu) for when, cpu in shown]


def measure(db: Path, persona: str, marker: str, runs: int) -> dict[str, float]:
    """Medians of the bare app, the forum's first frame and home with data: wall seconds
    ("bare", "first", "home"), the paired ratios to the bare run beside each
    ("first_ratio", "home_ratio") and CPU seconds ("bare_cpu", "first_cpu", "home_cpu")."""
    forum = forum_command(db, "--as", persona)
    figures: dict[str, list[float]] = {}
    for run in range(1, runs + 1):  # interleaved, so a busy moment hits both alike
        ((bare, bare_cpu),) = time_and_cpu(bare_command(BARE_APP), [BARE_MARKER])
        floor_app = bare_command(FLOOR_APP, str(db))
        ((floor, floor_cpu),) = time_and_cpu(floor_app, [FLOOR_MARKER])
        (first, first_cpu), (home, home_cpu) = time_and_cpu(forum, [FIRST_FRAME, marker.encode()])
        one = {
            "bare": bare,
            "first": first,
            "home": home,
            "first_ratio": first / bare,
            "home_ratio": home / bare,
            "floor": floor,
            "floor_ratio": floor / bare,
            "floor_cpu": floor_cpu,
            "bare_cpu": bare_cpu,
            "first_cpu": first_cpu,
            "home_cpu": home_cpu,
        }
        for key, value in one.items():
            figures.setdefault(key, []).append(value)
        print(
            f"run {run}: bare app {bare * 1000:.0f} ms (cpu {bare_cpu * 1000:.0f}); forum "
            f"first frame {first * 1000:.0f} ms (cpu {first_cpu * 1000:.0f}), home with "
            f"data {home * 1000:.0f} ms (cpu {home_cpu * 1000:.0f}); SQLModel floor "
            f"{floor * 1000:.0f} ms (cpu {floor_cpu * 1000:.0f})"
        )
    return {key: statistics.median(values) for key, values in figures.items()}


def report(figures: dict[str, float], runs: int) -> None:
    bare, bare_cpu = figures["bare"], figures["bare_cpu"]
    for name, key, goal in (("first frame", "first", 1.3), ("home with data", "home", 2.0)):
        value, cpu = figures[key], figures[f"{key}_cpu"]
        print(
            f"median of {runs}: {name} {value * 1000:.0f} ms, bare Textual app "
            f"{bare * 1000:.0f} ms: {value / bare:.2f}x (goal {goal}x); paired runs "
            f"{figures[f'{key}_ratio']:.2f}x; cpu {cpu * 1000:.0f} ms against "
            f"{bare_cpu * 1000:.0f} ms: {cpu / bare_cpu:.2f}x"
        )
    floor, floor_cpu = figures["floor"], figures["floor_cpu"]
    print(
        f"median of {runs}: SQLModel floor (a bare Textual app that reads one row through "
        f"SQLModel first) {floor * 1000:.0f} ms: {floor / bare:.2f}x the bare app; paired "
        f"runs {figures['floor_ratio']:.2f}x; cpu {floor_cpu * 1000:.0f} ms: "
        f"{floor_cpu / bare_cpu:.2f}x. No screen that reads through SQLModel shows data sooner."
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
