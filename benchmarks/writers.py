"""Many writers at once: N processes each making M mixed writes into one database.

    python benchmarks/writers.py                          # 8 x 500 into a temp SQLite file
    python benchmarks/writers.py --processes 8 --writes 500 --db postgresql+psycopg://...

Each process opens its own ``Forum`` (its own engine, as separate app processes do) and
makes its writes in a fixed mix: of every 20, 12 replies (to four shared threads, so
they fight over the same rows), 5 likes (every process likes the same posts, in the same
order) and 3 new threads. Then the database is checked against what was acknowledged:
posts, threads, likes and every counter (boards, threads, posts, members).

Printed: errors by kind, writes per second, the p50/p95/max latency of one write, and,
as the same-run baseline, the same number of bare ``INSERT``s of a post row, each in its
own ``BEGIN IMMEDIATE`` transaction from the same number of processes (SQLite; a plain
transaction on PostgreSQL), with the ratio of the p95s. The machine it runs on may be
shared: read the ratio, not the milliseconds. Asserts nothing; ``tests/store/
test_many_writers.py`` runs it small and asserts.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import nearest_rank, relaxed_community, scratch_folder

MIX = ["reply"] * 12 + ["like"] * 5 + ["thread"] * 3
HOT_THREADS = 4
BOARD = "android"


@dataclasses.dataclass
class Outcome:
    """What the writers did and what the database holds afterwards."""

    processes: int
    writes: int
    seconds: float
    latencies: list[float]
    errors: Counter
    done: Counter
    problems: list[str]
    baseline: list[float]
    baseline_seconds: float

    def p(self, fraction: float, values: list[float] | None = None) -> float:
        values = self.latencies if values is None else values
        return nearest_rank(values, fraction) if values else 0.0


def set_up(url: str, processes: int, writes: int) -> dict:
    """Members, the hot threads, and the posts every writer will like."""
    from forum_tui.store.forum import open_forum

    forum = open_forum(url, community=relaxed_community())
    try:
        host = forum.add_member("host", "correct horse")
        viewer = forum.sign_in("host", "correct horse")
        threads = [
            forum.post_thread(viewer, BOARD, f"Busy thread {n}", f"Reply here, {n}.").thread_id
            for n in range(HOT_THREADS)
        ]
        likes = writes * MIX.count("like") // len(MIX) + 1
        liked = [
            forum.reply(viewer, threads[n % HOT_THREADS], f"Like me, post {n}.").post_id
            for n in range(likes)
        ]
        writers = []
        for index in range(processes):
            forum.add_member(f"writer{index}", "correct horse")
            writers.append(forum.sign_in(f"writer{index}", "correct horse"))
        return {"host": host.id, "threads": threads, "liked": liked, "writers": writers}
    finally:
        forum.close()


def write(url: str, plan: dict, index: int, writes: int) -> tuple[list, Counter, Counter]:
    """One writer process: (latencies, errors by kind, acknowledged writes by kind)."""
    from forum_tui.store.forum import open_forum

    forum = open_forum(url, community=relaxed_community())
    viewer = plan["writers"][index]
    latencies: list[float] = []
    errors: Counter = Counter()
    done: Counter = Counter()
    liked = iter(plan["liked"])
    try:
        for number in range(writes):
            kind = MIX[number % len(MIX)]
            started = time.perf_counter()
            try:
                if kind == "reply":
                    thread_id = plan["threads"][number % HOT_THREADS]
                    forum.reply(viewer, thread_id, f"Writer {index} reply {number}.")
                elif kind == "like":
                    forum.toggle_like(viewer, next(liked))
                else:
                    forum.post_thread(
                        viewer, BOARD, f"Writer {index} thread {number}", f"Body {number}."
                    )
            except Exception as error:  # counted and printed, never hidden
                errors[f"{kind}: {type(error).__name__}: {str(error)[:80]}"] += 1
                continue
            latencies.append(time.perf_counter() - started)
            done[kind] += 1
    finally:
        forum.close()
    return latencies, errors, done


def bare_inserts(url: str, thread_id: int, author_id: int, count: int) -> list[float]:
    """The baseline: ``count`` bare post INSERTs, each its own write transaction."""
    from sqlalchemy import text

    from forum_tui.store.database import make_engine

    engine = make_engine(url)
    latencies = []
    try:
        for number in range(count):
            started = time.perf_counter()
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO baseline_post (thread_id, author_id, body) "
                        "VALUES (:thread, :author, :body)"
                    ),
                    {"thread": thread_id, "author": author_id, "body": f"Bare {number}."},
                )
            latencies.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return latencies


def check(url: str, plan: dict, done: Counter, processes: int) -> list[str]:
    """What is wrong in the database, given the acknowledged writes (empty: all right)."""
    from sqlalchemy import text

    from forum_tui.store.database import make_engine

    setup_posts = HOT_THREADS + len(plan["liked"])
    expected = {
        "thread": HOT_THREADS + done["thread"],
        "post": setup_posts + done["reply"] + done["thread"],
        "post_like": done["like"],
    }
    problems = []
    engine = make_engine(url)
    try:
        with engine.connect() as connection:

            def one(sql: str) -> int:
                return connection.execute(text(sql)).scalar_one()

            for table, count in expected.items():
                found = one(f"SELECT count(*) FROM {table}")
                if found != count:
                    problems.append(f"{table}: {found} rows, {count} acknowledged")
            for sql, what in COUNTER_CHECKS:
                wrong = one(sql)
                if wrong:
                    problems.append(f"{wrong} {what}")
    finally:
        engine.dispose()
    return problems


COUNTER_CHECKS = [
    (
        "SELECT count(*) FROM thread t WHERE t.post_count != "
        "(SELECT count(*) FROM post p WHERE p.thread_id = t.id) OR t.last_post_id != "
        "(SELECT max(p.id) FROM post p WHERE p.thread_id = t.id)",
        "threads with a wrong post count or last post",
    ),
    (
        "SELECT count(*) FROM thread t WHERE (SELECT count(DISTINCT p.position) FROM post p "
        "WHERE p.thread_id = t.id) != t.post_count OR (SELECT max(p.position) FROM post p "
        "WHERE p.thread_id = t.id) != t.post_count",
        "threads whose positions are not 1..N",
    ),
    (
        "SELECT count(*) FROM post p WHERE p.like_count != "
        "(SELECT count(*) FROM post_like l WHERE l.post_id = p.id)",
        "posts with a wrong like count",
    ),
    (
        "SELECT count(*) FROM thread t WHERE t.like_count != "
        "(SELECT coalesce(sum(p.like_count), 0) FROM post p WHERE p.thread_id = t.id)",
        "threads with a wrong like count",
    ),
    (
        "SELECT count(*) FROM board b WHERE b.thread_count != "
        "(SELECT count(*) FROM thread t WHERE t.board_id = b.id) OR b.post_count != "
        "(SELECT count(*) FROM post p JOIN thread t ON t.id = p.thread_id "
        "WHERE t.board_id = b.id)",
        "boards with a wrong thread or post count",
    ),
    (
        "SELECT count(*) FROM member m WHERE m.reply_count != (SELECT count(*) FROM post p "
        "WHERE p.author_id = m.id AND p.position > 1) OR m.thread_count != "
        "(SELECT count(*) FROM thread t WHERE t.author_id = m.id) OR m.likes_given != "
        "(SELECT count(*) FROM post_like l WHERE l.member_id = m.id) OR m.likes_received != "
        "(SELECT count(*) FROM post_like l JOIN post p ON p.id = l.post_id "
        "WHERE p.author_id = m.id)",
        "members with a wrong activity count",
    ),
]


def _in_processes(target, arguments: list[tuple]) -> list:
    context = multiprocessing.get_context("fork")
    with context.Pool(len(arguments)) as pool:
        return pool.starmap(target, arguments)


def run(url: str, *, processes: int = 8, writes: int = 500) -> Outcome:
    """Set up, write from ``processes`` processes at once, check; then the baseline."""
    plan = set_up(url, processes, writes)
    started = time.perf_counter()
    results = _in_processes(write, [(url, plan, index, writes) for index in range(processes)])
    seconds = time.perf_counter() - started
    latencies: list[float] = []
    errors: Counter = Counter()
    done: Counter = Counter()
    for their_latencies, their_errors, their_done in results:
        latencies += their_latencies
        errors += their_errors
        done += their_done
    problems = check(url, plan, done, processes)
    baseline, baseline_seconds = _baseline(url, plan, processes, writes)
    return Outcome(
        processes, writes, seconds, latencies, errors, done, problems, baseline, baseline_seconds
    )


def _baseline(url: str, plan: dict, processes: int, writes: int) -> tuple[list[float], float]:
    from sqlalchemy import text

    from forum_tui.store.database import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE baseline_post (thread_id INTEGER, author_id INTEGER, body TEXT)")
        )
    engine.dispose()
    thread_id = plan["threads"][0]
    started = time.perf_counter()
    results = _in_processes(
        bare_inserts, [(url, thread_id, plan["host"], writes) for _ in range(processes)]
    )
    seconds = time.perf_counter() - started
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE baseline_post"))
    engine.dispose()
    return [value for values in results for value in values], seconds


def report(outcome: Outcome) -> str:
    total = outcome.processes * outcome.writes
    ms = 1000.0
    lines = [
        f"{outcome.processes} processes x {outcome.writes} writes ({dict(outcome.done)})",
        f"  errors: {sum(outcome.errors.values())} of {total}",
    ]
    lines += [f"    {count} x {kind}" for kind, count in outcome.errors.most_common()]
    lines.append(
        "  database check: "
        + ("every row and counter as acknowledged" if not outcome.problems else "WRONG")
    )
    lines += [f"    {problem}" for problem in outcome.problems]
    rate = len(outcome.latencies) / outcome.seconds if outcome.seconds else 0.0
    base_rate = len(outcome.baseline) / outcome.baseline_seconds if outcome.baseline else 0.0
    p95, base_p95 = outcome.p(0.95), outcome.p(0.95, outcome.baseline)
    lines += [
        f"  forum writes: {rate:8.0f}/s  p50 {outcome.p(0.5) * ms:7.1f} ms  "
        f"p95 {p95 * ms:7.1f} ms  max {outcome.p(1.0) * ms:7.1f} ms",
        f"  bare INSERTs: {base_rate:8.0f}/s  p50 {outcome.p(0.5, outcome.baseline) * ms:7.1f} ms"
        f"  p95 {base_p95 * ms:7.1f} ms  max {outcome.p(1.0, outcome.baseline) * ms:7.1f} ms"
        "  (same run, same processes, baseline)",
        f"  p95 ratio forum/bare: {p95 / base_p95 if base_p95 else float('nan'):.1f}x",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--writes", type=int, default=500, help="writes per process")
    parser.add_argument("--db", help="database URL (default: a new temporary SQLite file)")
    args = parser.parse_args()
    with scratch_folder("forum-tui-writers-") as folder:
        url = args.db or f"sqlite:///{folder / 'writers.db'}"
        outcome = run(url, processes=args.processes, writes=args.writes)
        print(report(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
