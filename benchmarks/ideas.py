"""Idea Exchange benchmark: similar-idea suggestions per keystroke and the idea list.

    python benchmarks/ideas.py                      # 20,000 ideas in a temp SQLite file
    python benchmarks/ideas.py --ideas 2000 --repeat 3
    python benchmarks/ideas.py --db postgresql+psycopg://...   # an empty database

A synthetic community (``store.synth``) with ``--ideas`` ideas is made, then:

- suggestions: a subject is "typed" a character at a time; from the third character on,
  each keystroke asks ``Forum.idea_suggestions`` (permissions, the title index, vote
  counts and the viewer's votes), beside the bare index lookup of the same match (the
  finished words and the last word as a prefix, titles only: ``similar_titles_raw``) in
  the same run. The idea form asks at every key (one lookup
  at a time), so this is the cost of each key; ``benchmarks/idea_typing.py`` times the
  same keys to painted suggestions in a terminal.
- the idea list: the first page of Idea Submissions sorted by votes, newest and recent
  activity (``Forum.status_threads``), beside the same statement run raw on the same
  connection (no sign-in check, no permission, no notes, no views).

It prints median and p95 milliseconds and the ratio of the p95s, and asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import figures, figures_header, member_viewer, ms_times, nearest_rank, ratio
from sqlalchemy import text

from forum_tui.store.forum import open_forum
from forum_tui.store.similar_titles import similar_titles_raw, typed_words
from forum_tui.store.status_lists import _build_statement
from forum_tui.store.synth import generate, vocabulary


def _p95(values: list[float]) -> float:
    """This script's p95 (``nearest_rank``), as it has always printed it."""
    return nearest_rank(values, 0.95)


def _row(name: str, ours: list[float], raw: list[float]) -> str:
    return f"{name:<34} {figures(ours, raw, percentile=_p95)} {ratio(_p95(ours), _p95(raw)):6.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", default=None, help="a database URL (default: a temp file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'ideas.db'}"
        forum = open_forum(url)
        try:
            return _run(forum, args)
        finally:
            forum.close()


def _run(forum, args) -> int:
    start = time.perf_counter()
    generate(forum, members=200, threads=200, posts=args.ideas + 400, ideas=args.ideas)
    forum.rebuild_search_index()
    if forum.engine.dialect.name == "postgresql":  # as autovacuum would, after a bulk load
        with forum.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    print(f"{args.ideas:,} ideas made in {time.perf_counter() - start:.1f} s (machine shared)")
    viewer = member_viewer(forum)
    words = vocabulary()
    subject = f"{words[3]} {words[40]} {words[200]} {words[900]}"
    print(f"{'':<34} {figures_header()} {'ratio':>6}  (ms)")
    ours, raw = [], []
    for end in range(3, len(subject) + 1):
        typed = subject[:end]
        ours += ms_times(lambda typed=typed: forum.idea_suggestions(viewer, typed), args.repeat)
        raw += ms_times(_raw_lookup(forum, typed), args.repeat)
    print(_row(f"suggestions, {len(subject) - 2} keystrokes", ours, raw))
    board = _board_id(forum, "idea-submissions")
    for sort in ("votes", "new", "active"):
        page = ms_times(
            lambda sort=sort: forum.status_threads(viewer, "idea-submissions", sort=sort),
            args.repeat,
        )
        bare = ms_times(_raw_list(forum, board, sort, viewer.id), args.repeat)
        print(_row(f"idea list, first page by {sort}", page, bare))
    return 0


def _raw_lookup(forum, typed: str):
    words, prefix = typed_words(typed)

    def run():
        if not words and not prefix:
            return
        with forum._reading() as session:
            similar_titles_raw(session, words, prefix, 5)

    return run


def _raw_list(forum, board_id: int, sort: str, member_id: int):
    """The list's own statement, run raw on a connection: no permissions, no views."""
    statement = _build_statement("idea", sort, False, False, False, False)
    params = {"board": board_id, "member": member_id, "limit": 41, "status": None, "label": None}

    def run():
        with forum._reading() as session:
            session.connection().execute(statement, params).all()

    return run


def _board_id(forum, slug: str) -> int:
    with forum._reading() as session:
        return (
            session.connection()
            .execute(text("SELECT id FROM board WHERE slug = :slug"), {"slug": slug})
            .scalar_one()
        )


if __name__ == "__main__":
    raise SystemExit(main())
