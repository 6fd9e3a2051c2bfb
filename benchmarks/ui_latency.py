"""Key press to painted screen, in a real pseudo-terminal, beside a bare Textual app.

Runs ``python -m forum_tui --db FILE`` in a 100x32 pty, signs in by typing (a member this
script adds once: ``forum-tui user add``), and times each step from writing the key to
the last byte of the repaint it causes (the expected text on screen, then no output for
``_harness.QUIET`` seconds; the quiet wait itself is not counted), and again to the
expected text's first sight ("<step>, on screen": what the reader asked for is there;
Textual lays out and paints a new screen again after its first layout, so the output
goes quiet later). Steps, each repeated:

- cursor move: the down and up arrows in turn in a board's thread list;
- open a board: ``enter`` on it in the sidebar (until its first thread's title shows);
- open a thread: ``enter`` on the longest thread (until its title shows);
- ``G`` on it: its last page (until ``#<last position>`` shows);
- back with ``q``: to the board (until the board's column titles show);
- back with ``esc``: the same, held by the escape delay (``ESCDELAY``: the forum waits
  30 ms with its own input loop, ``forum_tui/quick_escape.py``; a bare app waits
  Textual's 100 ms and then up to 100 ms more for its input thread to wake);
- a search result: ``enter`` on the first thread among a search's hits (results take the
  focus with the first hit highlighted; until its thread shows).

The baseline is a bare Textual app in the same pty set-up doing the same kind of step:
a cursor move in an ``OptionList``, pushing a screen of 40 labels, popping it (``q`` or
``esc``). Prints p50 and p95 for each, beside the bare step's, and the ratios; asserts
nothing.

    python benchmarks/ui_latency.py --db FILE [--repeat 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Terminal, bare_command, forum_command, note_shared_machine, p95

DOWN = "\x1b[B"  # the down arrow, as a terminal sends it
UP = "\x1b[A"
HOME = "\x1b[H"  # the home key
ESC = "\x1b"  # a lone escape: a key only once the escape delay has passed
READER, PASSWORD = "latency_reader", "latency reader password"
GOALS = {"cursor move": 30.0}  # ms; every other step: 100
#: Which bare-app step each forum step is compared with.
KINDS = {
    "cursor move": "cursor move",
    "open a board": "open",
    "open a thread": "open",
    "G: last page": "open",
    "open a search result": "open",
    "back with q": "back",
    "back with esc": "back with esc",
    "resident MB": "resident MB",
}

#: The same step timed to the first sight of its marker, before the output goes quiet
#: (Textual lays a new screen out again after its first layout and repaints it).
ON_SCREEN = ", on screen"


def kind_of(name: str) -> str:
    """The bare-app step a forum step (or its "on screen" figure) is compared with."""
    if name.endswith(ON_SCREEN):
        return KINDS[name.removesuffix(ON_SCREEN)] + ON_SCREEN
    return KINDS[name]


def goal_of(name: str) -> float:
    return GOALS.get(name.removesuffix(ON_SCREEN), 100.0)


def with_on_screen(term: Terminal) -> dict[str, list[float]]:
    """The steps' times to quiet, then to the first sight of their markers."""
    times = dict(term.times)
    times.update(
        (name + ON_SCREEN, shown) for name, shown in term.shown.items() if name != "cursor move"
    )
    return times


BARE_APP = """
from textual.app import App
from textual.screen import Screen
from textual.widgets import Label, OptionList

class Detail(Screen):
    BINDINGS = [("q,escape", "app.pop_screen", "Back")]
    def compose(self):
        yield Label("Detail screen")
        for n in range(40):
            yield Label(f"Line {n} of the detail")

class Bare(App):
    def compose(self):
        yield Label("List screen")
        yield OptionList(*[f"Row number {n}" for n in range(200)])
    def on_option_list_option_selected(self, event):
        self.push_screen(Detail())

Bare().run()
"""


def bare_times(repeat: int) -> dict[str, list[float]]:
    with Terminal(bare_command(BARE_APP)) as term:
        term.wait_for("Row number 5")
        for _ in range(repeat * 2):
            term.step("cursor move", DOWN)  # no text changes: the repaint burst alone
        term.type(HOME)  # back to the top: the marker row stays in sight at any --repeat
        term.settle()
        for _ in range(repeat):
            term.step("open", "\r", "Line 29 of the detail")
            term.step("back", "q", "Row number 5")
            term.step("open", "\r", "Line 29 of the detail")
            term.step("back with esc", ESC, "Row number 5")
        term.times["resident MB"] = [term.resident_mb()]
        return with_on_screen(term)


def add_reader(db: Path) -> None:
    command = [sys.executable, "-m", "forum_tui", "user", "add", READER, "--password-stdin"]
    subprocess.run(
        [*command, "--db", str(db)],
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
    )  # fails harmlessly when the member is there already


STATUS_BOARDS = ("ideas", "closed_ideas", "ongoing_issues")


def plan(db: Path) -> dict:
    """What the screens will show (asked of the store as the reader): markers and moves."""
    from forum_tui.store.forum import open_forum

    forum = open_forum(f"sqlite:///{db}")
    try:
        reader = forum.sign_in(READER, PASSWORD)
        menu = []  # the sidebar's rows, in order: areas and their boards
        for area in forum.areas(reader):
            menu.append(("area", area.slug, area.name))
            # Ideas and Ongoing Issues list by votes or status: open plain boards only.
            menu += [
                ("board" if board.kind not in STATUS_BOARDS else "status board", board.slug, "")
                for board in area.boards
            ]
        best = None
        for index, (kind, slug, _name) in enumerate(menu):
            if kind != "board":
                continue
            page = forum.board_threads(reader, slug, None, 40)
            for row, thread in enumerate(page.items):
                if best is None or thread.reply_count > best[3].reply_count:
                    best = (index, slug, row, thread, page.items[0])
        assert best is not None, "no threads to open"
        menu_index, slug, row, thread, first = best
        query = _word(thread.title)
        hits = forum.search(reader, query).items
        # The first hit in a thread (not an idea): its index is how far down to move.
        hit = next((i for i, h in enumerate(hits) if h.kind in ("thread", "reply")), None)
        return {
            "menu_index": menu_index,
            "board_first_title": first.title[:24],
            "row": row,
            "title": thread.title[:24],
            "last": f"#{thread.reply_count + 1}",
            "query": query,
            "search_row": hit or 0,
            "search_title": hits[hit].thread_title[:24] if hit is not None else "",
        }
    finally:
        forum.close()


def _word(title: str) -> str:
    return max(title.split(), key=len)


def forum_times(db: Path, repeat: int) -> dict[str, list[float]]:
    where = plan(db)
    with Terminal(forum_command(db)) as term:
        term.sign_in(READER, PASSWORD)  # home, with the first board's list
        for time_ in range(repeat):  # open the board from the sidebar, each time afresh
            if time_:
                term.type("q")  # from the board's list back to the sidebar
                term.settle()
            term.type("g" + "j" * where["menu_index"])
            term.step("open a board", "\r", where["board_first_title"])
        for time_ in range(repeat * 2):  # down and up: a board of two threads is enough
            term.step("cursor move", UP if time_ % 2 else DOWN)
        term.type("g" + "j" * where["row"])
        for _ in range(repeat):
            term.step("open a thread", "\r", where["title"])
            term.step("G: last page", "G", where["last"])
            term.step("back with q", "q", "Activity")
            term.step("open a thread", "\r", where["title"])
            term.step("back with esc", ESC, "Activity")
        if where["search_title"]:
            try:
                _search_steps(term, where, repeat)
            except RuntimeError as error:  # reported, and the other steps still count
                print(f"search step skipped: {str(error).splitlines()[0]}", file=sys.stderr)
        term.times["resident MB"] = [term.resident_mb()]  # after every screen above
        return with_on_screen(term)


def _search_steps(term: Terminal, where: dict, repeat: int) -> None:
    """One search, then its first hit opened (and left with ``q``) again and again."""
    term.type("/")
    term.wait_for("Search")
    term.settle()
    term.type(where["query"])
    term.settle()
    term.type("\r")
    term.wait_for(where["search_title"])
    term.settle()  # every page of hits in
    term.type(DOWN * where["search_row"])  # the results have the focus, on the first hit
    term.settle()
    for _ in range(repeat):
        term.step("open a search result", "\r", where["search_title"])
        term.type("q")
        term.settle()


def report(forum: dict[str, list[float]], bare: dict[str, list[float]]) -> None:
    forum, bare = dict(forum), dict(bare)
    memory, base_memory = forum.pop("resident MB")[0], bare.pop("resident MB")[0]
    print(
        f"resident memory after every screen: {memory:.0f} MB (goal under 200 MB); "
        f"bare app {base_memory:.0f} MB"
    )
    print(
        f"\n{'step':<32} {'p50':>7} {'p95':>7} {'goal':>6}   "
        f"{'bare step':<24} {'p50':>7} {'p95':>7} {'ratio p50':>9} {'p95':>6}"
    )
    for name, values in forum.items():
        base = bare[kind_of(name)]
        goal = goal_of(name)
        middle, base_middle = statistics.median(values), statistics.median(base)
        print(
            f"{name:<32} {middle:>5.0f}ms {p95(values):>5.0f}ms {goal:>4.0f}ms   "
            f"{kind_of(name):<24} {base_middle:>5.0f}ms {p95(base):>5.0f}ms "
            f"{middle / base_middle:>8.1f}x {p95(values) / p95(base):>5.1f}x"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    add_reader(args.db)
    bare = bare_times(args.repeat)
    forum = forum_times(args.db, args.repeat)
    report(forum, bare)
    note_shared_machine()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
