"""``forum-tui generate``: how long a size takes, step by step, beside SQLite copying the
very same rows by itself.

1. ``generate`` makes the community in a new file (as ``forum-tui generate --size SIZE``
   does, in this process): wall and CPU seconds for each step, from its progress reports.
2. Baseline, same run: a new, migrated file gets the same rows copied by SQLite alone
   (``ATTACH`` the generated file, ``INSERT ... SELECT`` per table with its indexes set
   aside, the indexes made again, the search index filled from the same text and
   optimized), with the same bulk settings: the floor for writing those rows, no Python.
   The ratio is what planning the rows and drawing their text in Python adds.

    python benchmarks/generate.py [--size large] [--folder /tmp]

Goal (issue 7): the large size under 3 minutes on this 2-core machine. Asserts nothing;
the files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _harness import scratch_folder  # noqa: E402

from forum_tui.cli_admin import SIZES  # noqa: E402

GOAL_SECONDS = 180
#: Progress words -> the step they belong to (first match wins).
STEPS = (
    ("planned", "open, plan"),
    ("members", "members"),
    ("threads", "threads"),
    ("posts", "posts"),
    ("messages", "messages, reports"),
    ("reports", "messages, reports"),
    ("index ", "indexes"),
    ("search index", "search index"),
)
#: Tables the generator fills (the baseline copies these).
TABLES = (
    "member",
    "thread",
    "idea",
    "post",
    "vote",
    "conversation",
    "conversation_member",
    "message",
    "report",
)


def _step(words: str) -> str:
    return next((step for key, step in STEPS if key in words), words)


def run_generate(path: Path, counts: dict) -> tuple[float, dict[str, list[float]]]:
    """Wall seconds of the whole, and [wall, cpu] seconds per step."""
    from forum_tui.store.forum import open_forum
    from forum_tui.store.synth import generate

    steps: dict[str, list[float]] = {}
    started = time.perf_counter()
    mark = [started, time.process_time()]

    def progress(words: str, _done: float) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        entry = steps.setdefault(_step(words), [0.0, 0.0])
        entry[0] += now - mark[0]
        entry[1] += cpu - mark[1]
        mark[:] = [now, cpu]

    forum = open_forum(f"sqlite:///{path}")
    try:
        generate(forum, **counts, progress=progress)
    finally:
        forum.close()
    return time.perf_counter() - started, steps


def run_baseline(generated: Path, path: Path) -> float:
    """Seconds for SQLite alone to copy ``generated``'s rows into a new file."""
    from forum_tui.store.forum import open_forum

    open_forum(f"sqlite:///{path}").close()
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        started = time.perf_counter()
        for pragma in (
            "journal_mode = TRUNCATE",
            "synchronous = OFF",
            "foreign_keys = OFF",
            "cache_size = -262144",
        ):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("ATTACH DATABASE ? AS made", (str(generated),))
        connection.execute("BEGIN")
        indexes = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(TABLES))})",
            TABLES,
        ).fetchall()
        for name, _sql in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        connection.execute("DELETE FROM board")
        for table in ("board", *TABLES):
            columns = ", ".join(
                f'"{row[1]}"' for row in connection.execute(f"PRAGMA main.table_info({table})")
            )
            connection.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM made.{table}"
            )
        for _name, sql in indexes:
            connection.execute(sql)
        connection.execute(
            "INSERT INTO search_fts (rowid, title, body) SELECT rowid, title, body "
            "FROM made.search_fts ORDER BY rowid"
        )
        connection.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def report(size: str, total: float, steps: dict[str, list[float]], baseline: float) -> None:
    print(f"forum-tui generate --size {size}")
    print(f"  {'step':<22}{'wall s':>9}{'cpu s':>9}")
    for step, (wall, cpu) in steps.items():
        print(f"  {step:<22}{wall:>9.1f}{cpu:>9.1f}")
    print(f"  {'total':<22}{total:>9.1f}")
    print()
    print(
        f"{'figure':<34}{'value':>10}{'goal':>10}{'baseline (same rows, SQLite alone)':>38}"
        f"{'ratio':>8}"
    )
    print(
        f"{'generate ' + size:<34}{total:>9.1f}s{GOAL_SECONDS:>9}s{baseline:>37.1f}s"
        f"{total / baseline:>7.1f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--folder", type=Path, help="where the files go (default: temporary)")
    args = parser.parse_args(argv)
    with scratch_folder("forum-tui-generate-", under=args.folder) as folder:
        total, steps = run_generate(folder / "generated.db", SIZES[args.size])
        baseline = run_baseline(folder / "generated.db", folder / "copied.db")
        report(args.size, total, steps, baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
