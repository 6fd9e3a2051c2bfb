"""Search benchmark: a fixed set of queries over a large synthetic community.

    python benchmarks/search.py                       # 1,000,000 posts in a temp SQLite file
    python benchmarks/search.py --db /tmp/big.db      # reuse (or create) that database
    python benchmarks/search.py --posts 100000 --db postgresql+psycopg://...

Each query runs ``--repeat`` times through ``Forum.search`` (parse, permissions, filters,
ranking, result rows and snippets) and, as its baseline, the very SQL that call sends
(captured once, then replayed raw on the same connection through a bare cursor: the same
MATCH, the same filters and joins, the same order and limits, the same result rows); it
prints the median and p95 of each in milliseconds and the ratio of the p95s, then the
overall p95 of each, then ``similar_threads`` for a few titles. It prints figures and
asserts nothing (SPEC 7).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    database,
    figures,
    figures_header,
    like_large,
    member_viewer,
    ms_times,
    p95,
    ratio,
)
from store_reads import Capture, raw_replay

from forum_tui.store.forum import open_forum
from forum_tui.store.synth import generate, vocabulary

VOCABULARY = vocabulary()
COMMON, MID, RARE = VOCABULARY[0], VOCABULARY[60], VOCABULARY[3500]

QUERIES = [
    ("common word", f"{COMMON}"),
    ("common app word", "spotify"),
    ("mid word", f"{MID}"),
    ("rare word", f"{RARE}"),
    ("two words", "playlist offline"),
    ("two common words", f"{COMMON} {VOCABULARY[1]}"),
    ("phrase", '"playlist shuffle"'),
    ("common phrase", f'"{COMMON} {VOCABULARY[1]}"'),
    ("exclusion", "playlist -offline"),
    ("board:", "playlist board:android"),
    ("author:", "playlist author:synth77"),
    ("label:", "playlist label:Playlists"),
    ("status:", "shuffle status:implemented"),
    ("is:solved", "crash is:solved"),
    ("is:unsolved", "crash is:unsolved"),
    ("in:ideas", "queue in:ideas"),
    ("in:faqs", "premium in:faqs"),
    ("before:/after:", "download after:2023-01-01 before:2023-06-01"),
    ("sort:new common", f"{COMMON} sort:new"),
    ("sort:new", "lyrics sort:new"),
    ("no match", "zzqxnomatch"),
    ("filter only", "author:synth77 is:solved"),
    ("filter only board", "board:android"),
    ("filter only in:ideas", "in:ideas label:Lyrics"),
]
TITLES = [
    "Playlist shuffle not working on android",
    "How do I download podcasts for offline",
    "Premium family account payment problem",
    "Lyrics missing in car",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file or URL (reused when it has posts)")
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    _db, url = database(args.db, "bench.db")
    forum = open_forum(url)
    try:
        if forum.is_empty():
            started = time.perf_counter()
            generate(
                forum,
                **like_large(args.posts, members=10, threads=10, ideas=1),
                progress=lambda message, _done: print(
                    f"  {time.perf_counter() - started:6.1f} s  {message}", flush=True
                ),
            )
            print(f"generated {args.posts:,} posts in {time.perf_counter() - started:.1f} s")
        viewer = member_viewer(forum)
        print(f"\n{'query':<22} {'text':<44} {'hits':>4} {figures_header()} {'ratio':>6}")
        every, every_raw = [], []
        capture = Capture(forum.engine, forum._reader)
        for name, text in QUERIES:
            page = forum.search(viewer, text)
            times = ms_times(lambda text=text: forum.search(viewer, text), args.repeat)
            raw_times = replayed_times(forum, capture, viewer, text, args.repeat)
            every.extend(times)
            every_raw.extend(raw_times)
            print(
                f"{name:<22} {text[:44]:<44} {len(page.items):>4} "
                f"{figures(times, raw_times)} {ratio(p95(times), p95(raw_times)):6.1f}"
            )
        print(
            f"\noverall search p95: {p95(every):.2f} ms over {len(every)} runs"
            f" (goal 50 ms); the same SQL raw: {p95(every_raw):.2f} ms,"
            f" ratio {ratio(p95(every), p95(every_raw)):.1f}"
        )
        similar = []
        for title in TITLES:
            times = ms_times(lambda title=title: forum.similar_threads(viewer, title), args.repeat)
            similar.extend(times)
            print(
                f"similar_threads {title!r:<45} med {statistics.median(times):6.2f}"
                f" p95 {p95(times):6.2f} ms"
            )
        idea_title = "[Playlists] Shuffle by mood"
        ideas = ms_times(lambda: forum.similar_ideas(viewer, idea_title), args.repeat)
        print(
            f"similar_ideas   {idea_title:<47} med "
            f"{statistics.median(ideas):6.2f} p95 {p95(ideas):6.2f} ms"
        )
        print(f"overall similar_threads p95: {p95(similar):.2f} ms")
    finally:
        forum.close()
    return 0


def replayed_times(forum, capture: Capture, viewer, text: str, repeat: int) -> list[float]:
    """The SQL one search sends, captured, then replayed raw ``repeat`` times."""
    statements = capture.take(lambda: forum.search(viewer, text))
    replay = raw_replay(forum, statements)
    try:
        return ms_times(replay, repeat)
    finally:
        replay.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
