"""The Idea Exchange in a real terminal: typing a subject, and the list sorted by votes.

    python benchmarks/idea_typing.py                  # the demo plus 20,000 ideas
    python benchmarks/idea_typing.py --ideas 2000 --gap 0.5

Runs ``python -m forum_tui --db FILE --as priya`` in the benchmarks' 100x32
pseudo-terminal (``_harness.Terminal``, as ``benchmarks/ui_latency.py`` does), opens Idea
Submissions through the command palette and times two things a person feels:

- **the list sorted by votes**: ``o`` cycles the sort (votes -> newest -> active ->
  votes); each press is timed from the key to the last byte of the repaint that shows
  the new order's first idea (``Terminal.step``). The "by votes" presses are the goal
  (100 ms); the others are printed too.
- **typing subjects** (``n``, then each of :data:`SUBJECTS`, one key every ``--gap``
  seconds, 0.2 s by default: a steady typist; ``ctrl+u`` clears it): for each key, the
  time to the first bytes painted back (the echo) and, for each key that brings a
  suggestion not on screen before it, the time until that suggestion's title is painted
  (asked of the store beforehand: a repaint also redraws the rows already shown, so only
  a new title proves the new suggestions are on screen). A key whose suggestion is not
  painted before the next key is counted as missed. The goal is 50 ms, every key.

Beside them, in the same run and the same pty set-up, a bare Textual app doing the same
kind of step: an ``Input`` whose five-row ``OptionList`` is refilled on each change (its
echo and its "suggestions" land in one frame), and a 40-row ``OptionList`` re-sorted by
``o``. Prints medians and p95s in milliseconds and the ratio of the p95s; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Terminal, bare_command, build_demo, forum_command, p95, ratio

#: Subjects typed one after another (the subject cleared with ctrl+u between them).
#: The last word counts as a prefix from its third letter, so suggestions change within
#: words too; only keys bringing a title not on screen before are timed. The synthetic
#: subjects use ``store.synth``'s words, which its ideas are made of.
SUBJECTS = (
    "playlist folders on mobile",
    "sleep timer for podcasts",
    "offline lyrics on the lock screen",
    "a me workout kasenpa",
    "been mune fenri kaligar",
)
PERSONA = "priya"
#: Characters of a suggested title looked for on screen.
MARKER = 24
SORTS = ("votes", "new", "active")  # the order ``o`` cycles through, from votes
BARE_TYPING = """
from textual.app import App
from textual.widgets import Input, OptionList

class Bare(App):
    def compose(self):
        yield Input(placeholder="Subject")
        yield OptionList()
    def on_input_changed(self, event):
        rows = [f"▲ {n}  {event.value} idea {n}" for n in range(5)] if len(event.value) > 2 else []
        self.query_one(OptionList).set_options(rows)

Bare().run()
"""
BARE_SORTING = """
from textual.app import App
from textual.widgets import OptionList

class Bare(App):
    BINDINGS = [("o", "resort", "Sort")]
    ascending = True
    def compose(self):
        yield OptionList(*self.rows())
    def rows(self):
        order = range(40) if self.ascending else reversed(range(40))
        return [f"Idea number {n} with {n * 7} votes" for n in order]
    def action_resort(self):
        self.ascending = not self.ascending
        self.query_one(OptionList).set_options(self.rows())

Bare().run()
"""


def type_subjects(
    term: Terminal, gap: float, markers: list[list[bytes | None]]
) -> tuple[list, list]:
    """Type each of SUBJECTS a key every ``gap`` s: echo ms per key, and for each key
    with a marker, ms until it is painted (nan: not before the next key)."""
    echoes, suggested = [], []
    for subject, marks in zip(SUBJECTS, markers, strict=True):
        for char, marker in zip(subject, marks, strict=True):
            echo, marked = term.keystroke(char, marker or b"", gap)
            echoes.append(echo)
            if marker:
                suggested.append(marked)
        term.type("\x15")  # ctrl+u: the subject cleared
        term.settle()
    return echoes, suggested


def new_suggestions(forum, viewer, subject: str) -> list[bytes | None]:
    """For each key of ``subject``, the start of a suggested title that key brings which
    was not on screen before it (else None). Only such a title proves the suggestions
    for the new subject were painted: a repaint of the screen also redraws the rows
    already shown."""
    markers: list[bytes | None] = []
    before, shown = "", set()
    for end in range(1, len(subject) + 1):
        typed = subject[:end].strip()
        marker = None
        if typed != before:
            found = forum.idea_suggestions(viewer, typed) if len(typed) >= 3 else ()
            titles = [idea.title[:MARKER] for idea in found]
            fresh = [title for title in titles if title not in shown]
            marker = fresh[0].encode() if fresh else None
            shown = set(titles)
        markers.append(marker)
        before = typed
    return markers


def plan(db: Path) -> dict:
    """The first idea of each sort as the persona sees it (the step markers), and which
    keys of the subject bring suggestions."""
    from forum_tui.store.forum import open_forum

    forum = open_forum(f"sqlite:///{db}")
    try:
        viewer = forum.sign_in_as(PERSONA)
        firsts = {}
        for sort in SORTS:
            page = forum.status_threads(viewer, "idea-submissions", sort=sort, limit=1)
            firsts[sort] = page.items[0].title[:20]
        markers = [new_suggestions(forum, viewer, subject) for subject in SUBJECTS]
        return firsts | {"markers": markers}
    finally:
        forum.close()


def forum_times(db: Path, gap: float, repeat: int) -> dict[str, list[float]]:
    firsts = plan(db)
    with Terminal(forum_command(db, "--as", PERSONA)) as term:
        term.wait_for("Ongoing Issues")
        term.settle()
        term.type("\x10")  # ctrl+p: the palette
        term.settle()
        term.type("Idea Submissions")
        time.sleep(1.0)
        term.settle()
        term.step("open Idea Submissions", "\r", firsts["votes"])
        for _ in range(repeat):
            for sort in (*SORTS[1:], SORTS[0]):
                term.step(f"o: by {sort}", "o", firsts[sort])
        term.settle()
        term.type("n")
        term.wait_for("New idea in")
        term.settle()
        echoes, suggested = type_subjects(term, gap, firsts["markers"])
        return term.times | {"key to echo": echoes, "key to new suggestion": suggested}


def bare_times(gap: float, repeat: int) -> dict[str, list[float]]:
    # The bare app's rows name the subject: each key from the third brings new ones.
    markers = [
        [
            f"{subject[:end]} idea 0".encode() if end >= 3 else None
            for end in range(1, len(subject) + 1)
        ]
        for subject in SUBJECTS
    ]
    with Terminal(bare_command(BARE_SORTING)) as term:
        term.wait_for("Idea number 5 ")
        for step in range(repeat * 3):
            top = "Idea number 39 " if step % 2 == 0 else "Idea number 0 "
            term.step("o: re-sort", "o", top)
        times = dict(term.times)
    with Terminal(bare_command(BARE_TYPING)) as term:
        term.wait_for("Subject")
        term.settle()
        echoes, suggested = type_subjects(term, gap, markers)
    return times | {"key to echo": echoes, "key to new suggestion": suggested}


def _row(name: str, values: list[float], goal: str, base_name: str, base: list[float]) -> str:
    painted = [value for value in values if not math.isnan(value)]
    bare = [value for value in base if not math.isnan(value)]
    if not painted:
        return f"{name:<24} never painted before the next key ({len(values)} keys)"
    slower = ratio(p95(painted), p95(bare))
    missed = len(values) - len(painted)
    return (
        f"{name:<24} {statistics.median(painted):5.0f}ms {p95(painted):5.0f}ms {goal:>6}   "
        f"{base_name:<20} {p95(bare):5.0f}ms {slower:5.1f}x"
        + (f"   ({missed} of {len(values)} keys missed)" if missed else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between keys")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the three sorts")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="forum-tui-typing-"))
    db = folder / "demo.db"
    build_demo(db)
    if args.ideas:
        from forum_tui.store.forum import open_forum
        from forum_tui.store.synth import generate

        forum = open_forum(f"sqlite:///{db}")
        generate(forum, members=200, threads=0, posts=args.ideas, ideas=args.ideas)
        forum.rebuild_search_index()
        forum.close()
    bare = bare_times(args.gap, args.repeat)
    forum = forum_times(db, args.gap, args.repeat)
    print(
        f"{args.ideas:,} extra ideas; {len(SUBJECTS)} subjects, "
        f"{sum(map(len, SUBJECTS))} keys, one every {args.gap:.2f} s; "
        f"{args.repeat} rounds of the sorts (the machine is shared: compare the ratios)"
    )
    print(
        f"\n{'step':<24} {'p50':>7} {'p95':>7} {'goal':>6}   "
        f"{'bare step':<20} {'p95':>7} {'ratio':>6}"
    )
    resort = bare["o: re-sort"]
    print(_row("open Idea Submissions", forum["open Idea Submissions"], "", "re-sort", resort))
    for sort in SORTS:
        goal = "100ms" if sort == "votes" else ""
        print(_row(f"o: by {sort}", forum[f"o: by {sort}"], goal, "re-sort", resort))
    for name, goal in (("key to echo", ""), ("key to new suggestion", "50ms")):
        base = "Input + list refill"
        print(_row(name, forum[name], goal, base, bare[name]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
