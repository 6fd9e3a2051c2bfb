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
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

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


def _ms(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file or URL (reused when it has posts)")
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    url = db if "://" in db else f"sqlite:///{db}"
    forum = open_forum(url)
    try:
        if forum.is_empty():
            scale = args.posts / 1_000_000
            started = time.perf_counter()
            generate(
                forum,
                members=max(10, int(50_000 * scale)),
                threads=max(10, int(100_000 * scale)),
                posts=args.posts,
                ideas=max(1, int(20_000 * scale)),
                progress=lambda message, _done: print(
                    f"  {time.perf_counter() - started:6.1f} s  {message}", flush=True
                ),
            )
            print(f"generated {args.posts:,} posts in {time.perf_counter() - started:.1f} s")
        viewer = _member_viewer(forum)
        print(
            f"\n{'query':<22} {'text':<44} {'hits':>4} {'med':>7} {'p95':>7}"
            f" {'raw med':>8} {'raw p95':>8} {'ratio':>6}"
        )
        every, every_raw = [], []
        capture = Capture(forum.engine, forum._reader)
        for name, text in QUERIES:
            page = forum.search(viewer, text)
            times = _ms(lambda text=text: forum.search(viewer, text), args.repeat)
            raw_times = _raw_times(forum, capture, viewer, text, args.repeat)
            every.extend(times)
            every_raw.extend(raw_times)
            print(
                f"{name:<22} {text[:44]:<44} {len(page.items):>4} "
                f"{statistics.median(times):7.2f} {_p95(times):7.2f}"
                f" {statistics.median(raw_times):8.2f} {_p95(raw_times):8.2f}"
                f" {_p95(times) / max(_p95(raw_times), 0.001):6.1f}"
            )
        print(
            f"\noverall search p95: {_p95(every):.2f} ms over {len(every)} runs"
            f" (goal 50 ms); the same SQL raw: {_p95(every_raw):.2f} ms,"
            f" ratio {_p95(every) / max(_p95(every_raw), 0.001):.1f}"
        )
        similar = []
        for title in TITLES:
            times = _ms(lambda title=title: forum.similar_threads(viewer, title), args.repeat)
            similar.extend(times)
            print(
                f"similar_threads {title!r:<45} med {statistics.median(times):6.2f}"
                f" p95 {_p95(times):6.2f} ms"
            )
        ideas = _ms(lambda: forum.similar_ideas(viewer, "[Playlists] Shuffle by mood"), args.repeat)
        print(
            f"similar_ideas   {'[Playlists] Shuffle by mood':<47} med "
            f"{statistics.median(ideas):6.2f} p95 {_p95(ideas):6.2f} ms"
        )
        print(f"overall similar_threads p95: {_p95(similar):.2f} ms")
    finally:
        forum.close()
    return 0


def _member_viewer(forum):
    from sqlmodel import Session, select

    from forum_tui.store.convert import _viewer
    from forum_tui.store.models import Member

    with Session(forum.engine) as session:
        member = session.exec(select(Member).where(Member.role == "member").limit(1)).first()
        return _viewer(member)


def _raw_times(forum, capture: Capture, viewer, text: str, repeat: int) -> list[float]:
    """The SQL one search sends, captured, then replayed raw ``repeat`` times."""
    statements = capture.take(lambda: forum.search(viewer, text))
    replay = raw_replay(forum, statements)
    try:
        return _ms(replay, repeat)
    finally:
        replay.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
