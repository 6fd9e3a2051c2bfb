"""Triage benchmark: a moderator clears 100 mixed reports with the keyboard, via Pilot.

    python benchmarks/triage.py                  # 100 reported items in a temp SQLite file
    python benchmarks/triage.py --items 20

Builds a small synthetic community, files ``--items`` reported items of mixed kinds (spam
reported by two members, personal data found by the rules, duplicates, "Please delete my
post", automatic commercial posts, and reports that are only a difference of opinion),
then drives the real app headless (``App.run_test``) from the report queue: for each item
the moderator presses the key its top reason calls for (``x`` remove, ``d`` dismiss) and
waits until the queue has reloaded with the cursor on the next item. Every tenth item the
moderator first presses the wrong key and takes it back with ``u`` (undo is counted).

Prints keys per item and per report, seconds per item (key press to the next item shown)
and the whole run, beside a bare Textual app's key press to repaint in the same run.
Goal (issue 9): at most 2 keys and under 3 s per report. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import database
from sqlalchemy import insert, select

from forum_tui.store.forum import open_forum
from forum_tui.store.models import Post, Report
from forum_tui.store.synth import generate

#: (reason, automatic, reporters, the key a moderator presses)
KINDS = [
    ("Spam or advertising", False, 2, "x"),
    ("Personal information (phone number)", True, 0, "x"),
    ("Duplicate", False, 1, "x"),
    ("Please delete my post", False, 1, "x"),
    ("Commercial or transactional post (F4F)", True, 0, "x"),
    ("Offensive or abusive", False, 1, "d"),
]


def build(url: str, items: int) -> None:
    forum = open_forum(url)
    try:
        generate(forum, members=60, threads=max(40, items), posts=max(200, items * 3))
        forum.add_member("triage_mod", "bench password", role="moderator")
        now = forum.now()
        with forum.engine.begin() as connection:
            posts = connection.execute(
                select(Post.id, Post.author_id).order_by(Post.id).limit(items)
            ).all()
            rows = []
            for index, (post_id, author_id) in enumerate(posts):
                reason, automatic, reporters, _key = KINDS[index % len(KINDS)]
                for number in range(max(1, reporters)):
                    reporter = None
                    if not automatic:
                        reporter = author_id if reason.startswith("Please") else 2 + number
                        if reporter == author_id and not reason.startswith("Please"):
                            reporter += 10
                    rows.append(
                        {
                            "reporter_id": reporter,
                            "post_id": post_id,
                            "message_id": None,
                            "author_id": author_id,
                            "reason": reason,
                            "guideline_number": None,
                            "automatic": automatic,
                            "status": "open",
                            "outcome": None,
                            "created_at": now - timedelta(minutes=index + 1),
                            "resolved_at": None,
                            "resolved_by_id": None,
                        }
                    )
            connection.execute(insert(Report.__table__), rows)
    finally:
        forum.close()


async def _settle(pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _key_for(item) -> str:
    top = item.reasons[0].removeprefix("auto: ") if item.reasons else ""
    for reason, _automatic, _reporters, key in KINDS:
        if top.startswith(reason):
            return key
    return "d"


async def drive(url: str, items: int) -> dict:
    from forum_tui.app import make_app
    from forum_tui.screens.report_queue import ReportQueueScreen

    forum = open_forum(url)
    try:
        viewer = forum.sign_in("triage_mod", "bench password")
        app = make_app(forum, viewer=viewer)
        app.animation_level = "none"
        keys = reports = handled = 0
        per_item: list[float] = []
        async with app.run_test(size=(100, 32)) as pilot:
            await _settle(pilot)
            await pilot.press("Q")
            await _settle(pilot)
            keys += 1
            screen = app.screen
            assert isinstance(screen, ReportQueueScreen)
            started = time.perf_counter()
            while screen.items and handled < items:
                item = screen.current_item()
                if item is None:
                    break
                began = time.perf_counter()
                key = _key_for(item)
                if handled % 10 == 9:  # a slip, taken back
                    await pilot.press("d" if key == "x" else "x")
                    await _settle(pilot)
                    await pilot.press("u")
                    await _settle(pilot)
                    keys += 2
                    back = [i for i, it in enumerate(screen.items) if it.key == item.key]
                    if not back:
                        print(f"  after undo {item.key} was not back in the queue")
                        continue
                    screen.rows.highlighted = back[0]
                    await _settle(pilot)
                await pilot.press(key)
                await _settle(pilot)
                keys += 1
                reports += item.report_count
                handled += 1
                per_item.append(time.perf_counter() - began)
            total = time.perf_counter() - started
        return {
            "items": handled,
            "reports": reports,
            "keys": keys,
            "per_item": per_item,
            "total": total,
            "left": forum.open_report_count(viewer),
        }
    finally:
        forum.close()


async def bare_repaint(presses: int) -> list[float]:
    """A bare Textual app: a key press that changes a label, until it is painted."""
    from textual.app import App
    from textual.widgets import Label

    class Bare(App):
        def compose(self):
            yield Label("0", id="n")

        def on_key(self) -> None:
            label = self.query_one("#n", Label)
            label.update(str(int(str(label.render())) + 1))

    times = []
    async with Bare().run_test(size=(100, 32)) as pilot:
        for _ in range(presses):
            began = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            times.append(time.perf_counter() - began)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100)
    args = parser.parse_args(argv)
    _db, url = database(None, "triage.db")
    build(url, args.items)
    result = asyncio.run(drive(url, args.items))
    bare = asyncio.run(bare_repaint(30))
    per_item = result["per_item"] or [0.0]
    items, reports, keys = result["items"], max(result["reports"], 1), result["keys"]
    print(f"items handled           {items} ({result['reports']} reports), {result['left']} left")
    print(f"keys pressed            {keys} (Q once, slips and undos included)")
    print(f"keys per item           {keys / max(items, 1):.2f}")
    print(f"keys per report         {keys / reports:.2f}")
    print(
        f"seconds per item        med {statistics.median(per_item):.3f}  "
        f"max {max(per_item):.3f}  (key press to the next item shown)"
    )
    print(f"seconds per report      {result['total'] / reports:.3f}")
    print(f"whole run               {result['total']:.1f} s")
    print(f"bare Textual key->paint med {statistics.median(bare) * 1000:.1f} ms (same run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
