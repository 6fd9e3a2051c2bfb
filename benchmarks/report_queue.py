"""Report queue benchmark: the queue's first page with 10,000 open reports.

    python benchmarks/report_queue.py                      # temp SQLite file, 10,000 reports
    python benchmarks/report_queue.py --db /tmp/q.db       # reuse (or create) that database
    python benchmarks/report_queue.py --db postgresql+psycopg://... --reports 10000

Builds a synthetic community (``store.synth.generate``), then bulk-inserts ``--reports``
open reports on random posts (several on some posts, a third automatic). Then, for a few
filters and sorts, times ``Forum.report_queue`` (permission, the grouped page query, the
page's items filled in: titles, excerpts, authors, boards, reasons, claims) beside the
same grouped SQL run raw (``moderation_queue.queue_statement``: same filters, order and
columns, compiled once), and ``report_item`` (one item in full) and ``open_report_count``.
Prints the median and p95 in milliseconds and the ratio of the p95s.

``--pty N`` times what a moderator feels: ``Q`` pressed in the real app
(``python -m forum_tui``) in a 100x32 pseudo-terminal, N times, until the queue's first
page is on screen (its title line's first sight: it is drawn with the rows and the first
item in full, in one paint) and until the output goes quiet (no output for
``_harness.QUIET``: Textual lays a new screen out and paints it again after its first
layout, the same rows), beside a bare Textual app pushing a screen in the same pty
harness (``ui_latency``'s, to quiet), as the ratio of the quiet p95s. ``--app N`` times
the same in a headless Pilot run instead (quicker, but not a terminal). Asserts
nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # _harness, ui_latency

from _harness import (
    Terminal,
    database,
    figures,
    figures_header,
    forum_command,
    ms_times,
    p95,
    ratio,
)
from sqlalchemy import func, insert, select

from forum_tui.store.errors import InvalidInput
from forum_tui.store.forum import open_forum
from forum_tui.store.models import Member, Post, Report
from forum_tui.store.moderation_queue import QUEUE_PAGE, queue_statement
from forum_tui.store.synth import generate
from forum_tui.store.views import QueueFilter

MODERATOR, PASSWORD = "bench_mod", "bench password"

REASONS = (
    "Spam or advertising",
    "Offensive or abusive",
    "Personal information",
    "Duplicate",
    "Please delete my post",
    "Off-topic or wrong board",
)
AUTOMATIC = (
    "Personal information (phone number)",
    "Commercial or transactional post (F4F)",
    "Idea without enough detail",
)
CASES = [
    ("most reports", QueueFilter()),
    ("oldest first", QueueFilter(sort="age")),
    ("automatic", QueueFilter(kind="automatic")),
    ("reason: spam", QueueFilter(reason="spam")),
    ("board: android", QueueFilter(board_slug="android")),
    ("under a week", QueueFilter(age="week")),
]


def seed_reports(forum, count: int, seed: int = 7) -> None:
    """``count`` open reports on random posts, in one bulk insert."""
    rng = random.Random(seed)
    now = forum.now()
    with forum.engine.begin() as connection:
        top = connection.execute(select(func.max(Post.id))).scalar_one()
        members = connection.execute(select(func.max(Member.id))).scalar_one()
        targets = [rng.randint(1, top) for _ in range(max(1, count * 2 // 3))]
        authors = dict(
            connection.execute(
                select(Post.id, Post.author_id).where(Post.id.in_(sorted(set(targets))))
            ).all()
        )
        rows = []
        for index in range(count):
            post_id = rng.choice(targets)
            automatic = index % 3 == 0
            rows.append(
                {
                    "reporter_id": None if automatic else rng.randint(1, members),
                    "post_id": post_id,
                    "message_id": None,
                    "author_id": authors.get(post_id, 1),
                    "reason": rng.choice(AUTOMATIC if automatic else REASONS),
                    "guideline_number": None,
                    "automatic": automatic,
                    "status": "open",
                    "outcome": None,
                    "created_at": now - timedelta(minutes=rng.randint(1, 60 * 24 * 30)),
                    "resolved_at": None,
                    "resolved_by_id": None,
                }
            )
        for start in range(0, len(rows), 2000):
            connection.execute(insert(Report.__table__), rows[start : start + 2000])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file or URL (reused when it has reports)")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--app", type=int, default=0, metavar="N", help="also time Q headless, N times"
    )
    parser.add_argument(
        "--pty", type=int, default=0, metavar="N", help="also time Q in a real pty, N times"
    )
    args = parser.parse_args(argv)
    db, url = database(args.db, "queue.db")
    forum = open_forum(url)
    try:
        if forum.is_empty():
            started = time.perf_counter()
            generate(
                forum,
                members=max(10, args.posts // 20),
                threads=max(10, args.posts // 10),
                posts=args.posts,
            )
            seed_reports(forum, args.reports)
            print(
                f"generated {args.posts:,} posts and {args.reports:,} open reports "
                f"in {time.perf_counter() - started:.1f} s"
            )
        with contextlib.suppress(InvalidInput):  # already there when the database is reused
            forum.add_member(MODERATOR, PASSWORD, role="moderator")
        moderator = forum.sign_in(MODERATOR, PASSWORD)
        print(f"\n{'case':<16} {'items':>5} {figures_header()} {'ratio':>6}")
        for name, flt in CASES:
            page = forum.report_queue(moderator, flt)
            times = ms_times(lambda flt=flt: forum.report_queue(moderator, flt), args.repeat)
            raw_times = ms_times(_raw(forum, flt), args.repeat)
            print(
                f"{name:<16} {len(page.items):>5} {figures(times, raw_times)} "
                f"{ratio(p95(times), p95(raw_times)):6.1f}"
            )
        first = forum.report_queue(moderator).items
        if first:
            key = first[0].key
            item = ms_times(lambda: forum.report_item(moderator, key), args.repeat)
            print(
                f"\nreport_item (one item in full): med {statistics.median(item):.2f} "
                f"p95 {p95(item):.2f} ms"
            )
        count = ms_times(lambda: forum.open_report_count(moderator), args.repeat)
        print(
            f"open_report_count (the header): med {statistics.median(count):.2f} "
            f"p95 {p95(count):.2f} ms"
        )
        if args.app:
            shown, layouts, full = asyncio.run(_press_q(forum, moderator, args.app))
            bare = asyncio.run(_bare_list(args.app))
            print(
                f"\nQ -> first page on screen, headless Pilot (not a real terminal): med "
                f"{statistics.median(shown):.1f} p95 {p95(shown):.1f} ms; a bare Textual "
                f"app pushing a 50-row list, same run: med {statistics.median(bare):.1f} "
                f"p95 {p95(bare):.1f} ms; ratio of medians "
                f"{ratio(statistics.median(shown), statistics.median(bare)):.1f}\n"
                f"per Q until settled: layout passes med {statistics.median(layouts):.0f} "
                f"max {max(layouts)}, full repaints med {statistics.median(full):.0f} "
                f"max {max(full)}"
            )
        title = _queue_title(forum.report_queue(moderator, QueueFilter(), None, QUEUE_PAGE))
    finally:
        forum.close()
    if args.pty and "://" not in db:
        _print_pty(Path(db), title, args.pty)
    return 0


def _queue_title(page) -> str:
    """The start of the queue's title line, as ``ReportQueueScreen`` draws it with the
    first page ("50+ items")."""
    count = len(page.items)
    return f"{count}{'+' if page.next_cursor else ''} item"


def _print_pty(db: Path, title: str, times: int) -> None:
    import ui_latency

    # bare_times moves its list's cursor 2x per repeat: past ~13 its marker row scrolls
    # out of sight, so it is asked for at most 10 (its own default).
    bare = ui_latency.bare_times(min(times, 10))["open"]
    on_screen, quiet = pty_times(db, title, times)
    base = p95(bare)
    print(
        f"\nQ -> first page on screen, real pty 100x32: p50 {statistics.median(on_screen):.0f} "
        f"p95 {p95(on_screen):.0f} ms (goal 100 ms); output quiet (Textual's repaints after "
        f"the first layout included): p50 {statistics.median(quiet):.0f} p95 {p95(quiet):.0f} "
        f"ms; a bare Textual app pushing a screen of 40 labels, same harness, same run, to "
        f"quiet: p50 {statistics.median(bare):.0f} p95 {base:.0f} ms; ratio of the quiet "
        f"p95s {ratio(p95(quiet), base):.1f}x"
    )


def pty_times(db: Path, title: str, times: int) -> tuple[list[float], list[float]]:
    """Milliseconds from ``Q`` (on home, signed in as the moderator) to the queue's first
    page on screen (its title line's first sight) and to the repaint's end (no output
    for ``QUIET``), in the shared pty harness; ``q`` goes back between runs."""
    with Terminal(forum_command(db)) as term:
        term.sign_in(MODERATOR, PASSWORD)
        for _ in range(times):
            term.step("Q", "Q", title)
            term.type("q")
            term.wait_for("Activity")
        return term.shown["Q"], term.times["Q"]


async def _press_q(forum, moderator, times: int) -> tuple[list[float], list[int], list[int]]:
    """Key press ``Q`` to the queue's first page put on screen (``_show_page``; the
    final paint not waited for), in the real app run headless; and, per press until the
    screen settles, the layout passes (``Compositor.reflow``) and full repaints, which a
    loaded machine does not blur."""
    from textual._compositor import Compositor

    from forum_tui.app import make_app
    from forum_tui.screens.report_queue import ReportQueueScreen

    added: list[float] = []
    counts = {"reflow": 0, "render_full_update": 0}
    show_page = ReportQueueScreen._show_page
    originals = {name: getattr(Compositor, name) for name in counts}

    def noted(screen, *args):
        show_page(screen, *args)
        added.append(time.perf_counter())

    def counted(name):
        def call(compositor, *args, **kwargs):
            counts[name] += 1
            return originals[name](compositor, *args, **kwargs)

        return call

    ReportQueueScreen._show_page = noted
    for name in counts:
        setattr(Compositor, name, counted(name))
    app = make_app(forum, viewer=moderator)
    app.animation_level = "none"
    shown, layouts, full = [], [], []
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            for _ in range(times):
                added.clear()
                counts.update(dict.fromkeys(counts, 0))
                began = time.perf_counter()
                await pilot.press("Q")
                while not added:
                    await asyncio.sleep(0.001)
                shown.append((added[0] - began) * 1000)
                for _ in range(2):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                layouts.append(counts["reflow"])
                full.append(counts["render_full_update"])
                await pilot.press("q")
                await pilot.pause()
                await app.workers.wait_for_complete()
    finally:
        ReportQueueScreen._show_page = show_page
        for name, original in originals.items():
            setattr(Compositor, name, original)
    return shown, layouts, full


async def _bare_list(times: int) -> list[float]:
    """A bare Textual app: a key pushes a screen with a 50-row OptionList."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import OptionList

    class ListScreen(Screen):
        BINDINGS: ClassVar = [("q", "app.pop_screen", "Back")]

        def compose(self):
            yield OptionList(*[f"row {n}" for n in range(50)])

    class Bare(App):
        BINDINGS: ClassVar = [("Q", "open", "Open")]

        def action_open(self) -> None:
            self.push_screen(ListScreen())

    shown = []
    async with Bare().run_test(size=(120, 36)) as pilot:
        for _ in range(times):
            began = time.perf_counter()
            await pilot.press("Q")
            while not pilot.app.screen.query(OptionList):
                await asyncio.sleep(0.001)
            shown.append((time.perf_counter() - began) * 1000)
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
    return shown


def _raw(forum, flt: QueueFilter):
    """The same grouped SQL, built once (SQLAlchemy caches its compiled form), run on a
    plain connection."""
    statement, params = queue_statement(flt, forum.now(), QUEUE_PAGE + 1, 0)

    def run():
        with forum.engine.connect() as connection:
            connection.execute(statement, params).all()

    return run


if __name__ == "__main__":
    raise SystemExit(main())
