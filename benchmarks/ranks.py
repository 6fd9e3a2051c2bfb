"""Ranks, profiles and Stars benchmark: the store's reads beside the same SQL run raw.

    python benchmarks/ranks.py                        # 1,000,000 posts in a temp SQLite file
    python benchmarks/ranks.py --posts 100000         # smaller
    python benchmarks/ranks.py --db /tmp/big.db       # reuse (or create) that database

After generating a synthetic community (``store.synth``), a tenth of the members become
Stars with a year of points in the ledger. Then, each ``--repeat`` times, it times:

- ``rank_overview`` for the busiest member, beside the member row and the two
  month-by-month sums it runs (posts written, likes received) as raw SQL;
- ``member_profile`` beside the raw viewer and member rows and "recent posts" and
  "solutions" queries (same joins, filters, order);
- ``star_leaderboard`` for a month beside the viewer's row and the raw grouped sum;
- ``recompute_ranks(dry_run=True)`` over every member, beside a raw read of the member
  rows it needs.

It prints the median and p95 of each in milliseconds and the ratio of the p95s. It
asserts nothing (SPEC 7); on a shared machine, read the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import database, figures, figures_header, like_large, ms_times, p95, ratio
from sqlalchemy import text

from forum_tui.rules.months import Month, recent_months
from forum_tui.store.forum import open_forum
from forum_tui.store.synth import generate

STAR_SHARE = 10  # one member in ten is a Star
ENTRIES_PER_STAR = 24


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file or URL (reused when it has posts)")
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    _db, url = database(args.db, "bench.db")
    forum = open_forum(url)
    try:
        if forum.is_empty():
            _build(forum, args.posts)
        busiest, star = _people(forum)
        print(f"\n{'read':<28} {figures_header(width=8)} {'ratio':>6}")
        for name, store, raw in _cases(forum, busiest, star):
            times = ms_times(store, args.repeat)
            raw_times = ms_times(raw, args.repeat)
            print(
                f"{name:<28} {figures(times, raw_times, width=8)} "
                f"{ratio(p95(times), p95(raw_times)):6.1f}"
            )
    finally:
        forum.close()
    return 0


def _build(forum, posts: int) -> None:
    started = time.perf_counter()
    generate(
        forum,
        **like_large(posts, members=20, threads=10),
        progress=lambda words, done: print(
            f"  {time.perf_counter() - started:6.1f} s  {words} {done}", flush=True
        ),
    )
    now = forum.now()
    rng = random.Random(7)
    with forum.engine.begin() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM member ORDER BY id"))]
        stars = ids[::STAR_SHARE]
        connection.execute(
            text("UPDATE member SET role = 'star', star_level = 1 WHERE id = :id"),
            [{"id": member_id} for member_id in stars],
        )
        connection.execute(
            text(
                "INSERT INTO star_points (member_id, points, reason, created_at) "
                "VALUES (:member_id, :points, 'Monthly points', :created_at)"
            ),
            [
                {
                    "member_id": member_id,
                    "points": rng.randint(5, 250),
                    "created_at": now - timedelta(days=rng.randint(0, 365)),
                }
                for member_id in stars
                for _ in range(ENTRIES_PER_STAR)
            ],
        )
    print(f"generated {posts:,} posts and a Stars ledger in {time.perf_counter() - started:.1f} s")


def _people(forum):
    from sqlmodel import Session, select

    from forum_tui.store.convert import _viewer
    from forum_tui.store.models import Member

    with Session(forum.engine) as session:
        busiest = session.exec(select(Member).order_by(Member.reply_count.desc()).limit(1)).one()
        star = session.exec(select(Member).where(Member.role == "star").limit(1)).one()
        return _viewer(busiest), _viewer(star)


def _cases(forum, busiest, star):
    months = recent_months(forum.now(), 6)
    month = Month.of(forum.now()).previous()

    def month_sums(column: str) -> str:
        return ", ".join(
            f"COALESCE(SUM(CASE WHEN {column} >= :s{i} AND {column} < :e{i} THEN 1 ELSE 0 END), 0)"
            for i in range(len(months))
        )

    bounds = {f"s{i}": m.start for i, m in enumerate(months)} | {
        f"e{i}": m.end for i, m in enumerate(months)
    }
    posts_sql = text(
        f"SELECT {month_sums('post.created_at')} FROM post "
        "WHERE post.author_id = :member AND post.created_at >= :s0 AND post.removed = false"
    )
    likes_sql = text(
        f"SELECT {month_sums('post_like.created_at')} FROM post_like "
        "JOIN post ON post.id = post_like.post_id "
        "WHERE post.author_id = :member AND post_like.created_at >= :s0"
    )
    recent_sql = text(
        "SELECT post.*, thread.*, board.* FROM post JOIN thread ON thread.id = post.thread_id "
        "JOIN board ON board.id = thread.board_id WHERE post.author_id = :member "
        "AND post.removed = false AND thread.removed = false "
        "ORDER BY post.created_at DESC, post.id DESC LIMIT 50"
    )
    solutions_sql = text(
        "SELECT post.*, thread.*, board.* FROM post JOIN thread ON thread.id = post.thread_id "
        "JOIN board ON board.id = thread.board_id WHERE post.author_id = :member "
        "AND post.removed = false AND thread.removed = false "
        "AND thread.solution_post_id = post.id "
        "ORDER BY post.created_at DESC, post.id DESC LIMIT 50"
    )
    board_sql = text(
        "SELECT member.*, ranked.total FROM member JOIN (SELECT member_id, SUM(points) AS total "
        "FROM star_points WHERE points > 0 AND created_at >= :start AND created_at < :end "
        "GROUP BY member_id) AS ranked ON ranked.member_id = member.id "
        "WHERE member.role = 'star' ORDER BY ranked.total DESC, member.id LIMIT 25"
    )
    members_sql = text("SELECT * FROM member ORDER BY id")
    # The store reads the member first (by id, or by username key for a profile).
    member_by_id = text("SELECT * FROM member WHERE id = :member")
    member_by_key = text("SELECT * FROM member WHERE username_key = :key")

    def raw(*statements):
        def run():
            with forum._reader.connect() as connection:
                for statement, params in statements:
                    connection.execute(statement, params).all()

        return run

    who = {"member": busiest.id}
    yield (
        "rank_overview (busiest)",
        lambda: forum.rank_overview(busiest),
        raw((member_by_id, who), (posts_sql, who | bounds), (likes_sql, who | bounds)),
    )
    yield (
        "member_profile (busiest)",
        lambda: forum.member_profile(star, busiest.username),
        raw(
            (member_by_id, {"member": star.id}),
            (member_by_key, {"key": busiest.username.casefold()}),
            (recent_sql, who),
            (solutions_sql, who),
        ),
    )
    yield (
        "star_leaderboard (a month)",
        lambda: forum.star_leaderboard(star, f"{month.year:04d}-{month.month:02d}"),
        raw(
            (member_by_id, {"member": star.id}),
            (board_sql, {"start": month.start, "end": month.end}),
        ),
    )
    yield (
        "recompute_ranks dry run",
        lambda: forum.recompute_ranks(dry_run=True),
        raw((members_sql, {})),
    )


if __name__ == "__main__":
    raise SystemExit(main())
