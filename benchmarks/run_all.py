"""Every benchmark on one generated community, as ONE table: figure, goal, baseline, ratio.

    python benchmarks/run_all.py                        # large community, made once
    python benchmarks/run_all.py --db /work/bench/large.db
    python benchmarks/run_all.py --size small --db /tmp/small.db   # a quick look

The community is made as ``forum-tui generate --size SIZE`` makes it when the file does
not exist yet (timed: the table's first row), and reused after. Then: start-up (the demo
community, beside a bare Textual app), store reads (each call beside its own SQL replayed
raw), key to painted screen in a real pty (beside a bare Textual app doing the same kind
of step), search p95 and a reply.
Baselines are measured in the same run; on a shared machine compare ratios. Asserts
nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import generate as generate_bench  # noqa: E402
import search as search_bench  # noqa: E402
import startup  # noqa: E402
import store_reads  # noqa: E402
import ui_latency  # noqa: E402
from _harness import build_demo, member_viewer, ms_times, p95, scratch_folder  # noqa: E402

Row = tuple[str, str, str, str, str]  # figure, value, goal, baseline, ratio


def ensure_community(db: Path, size: str) -> list[Row]:
    """Make the community when ``db`` does not exist yet, timed (its row in the table),
    beside SQLite alone copying the very same rows into a new file (benchmarks/generate.py)."""
    if db.exists():
        return []
    from forum_tui.cli_admin import SIZES

    print(f"generating the {size} community in {db} (once) ...", flush=True)
    seconds, _steps = generate_bench.run_generate(db, SIZES[size])
    copy = db.with_name(f"{db.stem}-copied{db.suffix}")
    try:
        baseline = generate_bench.run_baseline(db, copy)
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)
    return [
        (
            f"generate {size}",
            f"{seconds:.1f} s",
            f"{generate_bench.GOAL_SECONDS} s",
            f"SQLite alone copying its rows {baseline:.1f} s",
            f"{seconds / baseline:.1f}x",
        )
    ]


def startup_rows(runs: int) -> list[Row]:
    with scratch_folder("forum-tui-run-all-") as folder:
        demo = folder / "demo.db"
        build_demo(demo)
        figures = startup.measure(demo, "mia", "Ongoing Issues", runs)
    bare = figures["bare"] * 1000
    return [
        _row("first frame", figures["first"] * 1000, "1.3x", "bare app", bare),
        _row("home with data, warm (snapshot)", figures["warm"] * 1000, "2x", "bare app", bare),
        _row("home with data, cold (no snapshot)", figures["cold"] * 1000, "2x", "bare app", bare),
        _row("SQLModel floor (bare app + 1 row)", figures["floor"] * 1000, "-", "bare app", bare),
    ]


def store_rows(db: Path, runs: int) -> list[Row]:
    return [
        _row(f"store: {name}", service, store_reads.goal_of(name), "same SQL raw", raw)
        for name, service, raw in store_reads.run(db, runs)
    ]


def ui_rows(db: Path, repeat: int) -> list[Row]:
    ui_latency.add_reader(db)
    bare = ui_latency.bare_times(repeat)
    forum = ui_latency.forum_times(db, repeat)
    rows: list[Row] = []
    memory = forum.pop("resident MB")[0]
    base_memory = bare.pop("resident MB")[0]
    rows.append(
        (
            "resident memory, every screen opened",
            f"{memory:.0f} MB",
            "200 MB",
            f"bare app {base_memory:.0f} MB",
            f"{memory / base_memory:.1f}x",
        )
    )
    for name, values in forum.items():
        kind = ui_latency.kind_of(name)
        goal = ui_latency.goal_of(name)
        rows.append(
            _row(
                f"key→screen p95: {name}",
                p95(values),
                f"{goal:.0f} ms",
                f"bare: {kind}",
                p95(bare[kind]),
            )
        )
    return rows


def search_rows(db: Path, repeat: int) -> list[Row]:
    """Search p95 over the 24 benchmark queries, beside the very SQL each one sends
    (captured, then replayed raw on the same connection: the same filters and order)."""
    from forum_tui.store.forum import open_forum

    forum = open_forum(f"sqlite:///{db}")
    try:
        viewer = member_viewer(forum)
        capture = store_reads.Capture(forum.engine, forum._reader)
        every, raw = [], []
        for _name, text in search_bench.QUERIES:
            forum.search(viewer, text)  # warm
            every += ms_times(lambda text=text: forum.search(viewer, text), repeat)
            raw += search_bench.replayed_times(forum, capture, viewer, text, repeat)
    finally:
        forum.close()
    return [_row("search p95 (24 queries)", p95(every), "50 ms", "same SQL raw", p95(raw))]


def _row(figure: str, value: float, goal: str, baseline: str, base: float) -> Row:
    return (figure, f"{value:.1f} ms", goal, f"{baseline} {base:.1f} ms", f"{value / base:.1f}x")


def table(rows: list[Row]) -> None:
    header = ("figure", "value", "goal", "baseline (same run)", "ratio")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(5)]
    print()
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/forum-tui-bench-large.db"))
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--runs", type=int, default=5, help="start-up runs")
    parser.add_argument("--repeat", type=int, default=20, help="repeats of other steps")
    parser.add_argument("--parts", default="startup,store,ui,search", help="which, in order")
    args = parser.parse_args()
    started = time.perf_counter()
    rows: list[Row] = ensure_community(args.db, args.size)
    parts = {
        "startup": lambda: startup_rows(args.runs),
        "store": lambda: store_rows(args.db, args.repeat),
        "ui": lambda: ui_rows(args.db, max(5, args.repeat // 2)),
        "search": lambda: search_rows(args.db, args.repeat),
    }
    for name in args.parts.split(","):
        rows += parts[name.strip()]()
        table(rows)  # so far, in case a later part fails
    print("\nAll figures:")
    table(rows)
    minutes = (time.perf_counter() - started) / 60
    print(f"\n({minutes:.1f} min; a shared machine: compare the ratios, not the milliseconds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
