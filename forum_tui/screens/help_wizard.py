"""The Help Wizard: find an answer first, then ask on the right Help board.

The reference community's first page. Three steps on one screen:

1. What is the problem about? The Help boards (platforms and topics), ``j``/``k``.
2. A few words about it, in the title field (``tab`` to go there): this becomes the new
   thread's title.
3. The matching FAQ articles and solved threads (``Forum.help_matches``), updated as the
   topic changes and the title is typed; ``enter`` on one opens it.

Only then ``ctrl+n`` starts a thread on the chosen board with the title typed so far
(the compose screen, as ``n`` on a board). Reachable from home (``w``) and the palette
("Help Wizard").
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.field_keys import field_focus_bindings
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line

HELP_KIND = "help"
TYPING_PAUSE = 0.3  # seconds after the last keystroke before matches are looked up


class TopicList(ForumList):
    """Step 1: the Help boards."""


class MatchList(ForumList):
    """Step 3: FAQ articles, then solved threads (headings are disabled rows)."""


class HelpWizardScreen(ForumScreen):
    """See the module docstring."""

    CSS_PATH = "joining.tcss"
    AUTO_FOCUS = "#wizard-topics"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "start_thread", "Start a thread", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
        *field_focus_bindings("Next step", "Previous step"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.boards: dict[str, views.BoardView] = {}
        self.board: views.BoardView | None = None
        self.shown_for: tuple[str, str] | None = None
        self._typing: Timer | None = None

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Horizontal(id="wizard"):
            with Vertical(id="wizard-left"):
                yield Static(_step(1, "What is it about?"), classes="wizard-step", markup=False)
                yield TopicList(id="wizard-topics")
            with Vertical(id="wizard-right"):
                yield Static(
                    _step(2, "Describe it in a few words"), classes="wizard-step", markup=False
                )
                yield Input(
                    placeholder="e.g. Downloads disappear after a restart",
                    id="wizard-title",
                    max_length=community.limits.title_max or 200,
                    compact=True,
                )
                yield Static(_step(3, "Read these first"), classes="wizard-step", markup=False)
                yield MatchList(id="wizard-matches")
                yield Static("", id="wizard-hint", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Help Wizard"))
        self.load_boards()

    # -- step 1

    @work(thread=True, exclusive=True, group="wizard-boards")
    def load_boards(self) -> None:
        try:
            areas = self.forum.areas(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._hint, plain_error(error), True)
            return
        boards = [board for area in areas for board in area.boards if board.kind == HELP_KIND]
        self.app.call_from_thread(self._show_boards, boards)

    def _show_boards(self, boards: list[views.BoardView]) -> None:
        self.boards = {board.slug: board for board in boards}
        topics = self.query_one(TopicList)
        topics.set_options(
            Option(
                join(safe_line(board.name, "bold"), "\n", safe_line(board.description, MUTED)),
                id=board.slug,
            )
            for board in boards
        )
        if boards:
            topics.highlighted = 0

    @on(TopicList.OptionHighlighted, "#wizard-topics")
    def _topic_highlighted(self, event: TopicList.OptionHighlighted) -> None:
        self.board = self.boards.get(event.option.id or "")
        self._look_up_soon(0)

    @on(TopicList.OptionSelected, "#wizard-topics")
    def _topic_chosen(self) -> None:
        self.query_one("#wizard-title", Input).focus()

    # -- step 2

    @on(Input.Changed, "#wizard-title")
    def _title_changed(self) -> None:
        self._look_up_soon(TYPING_PAUSE)

    @on(Input.Submitted, "#wizard-title")
    def _title_done(self) -> None:
        self.query_one(MatchList).focus()

    @property
    def title_typed(self) -> str:
        return self.query_one("#wizard-title", Input).value.strip()

    # -- step 3

    def _look_up_soon(self, delay: float) -> None:
        if self._typing is not None:
            self._typing.stop()
        if delay <= 0:
            self._look_up()
        else:
            self._typing = self.set_timer(delay, self._look_up)

    def _look_up(self) -> None:
        if self.board is not None:
            self.look_up(self.board.slug, self.title_typed)

    @work(thread=True, exclusive=True, group="wizard-matches")
    def look_up(self, slug: str, title: str) -> None:
        try:
            matches = self.forum.help_matches(self.viewer, slug, title)
        except Exception as error:
            self.app.call_from_thread(self._hint, plain_error(error), True)
        else:
            self.app.call_from_thread(self._show_matches, slug, title, matches)

    def _show_matches(self, slug: str, title: str, matches: views.HelpMatches) -> None:
        if self.board is None or (slug, title) != (self.board.slug, self.title_typed):
            return  # the member moved on; a newer look-up is coming
        self.shown_for = (slug, title)
        rows: list[Option] = [Option(label("FAQ articles", "bold $text-accent"), disabled=True)]
        rows += [_hit_row(hit, "faq") for hit in matches.faqs] or [_none("No FAQ matches.")]
        rows.append(Option(label("Solved threads", "bold $text-accent"), disabled=True))
        rows += [_hit_row(hit, "solved") for hit in matches.solved] or [
            _none("No solved threads match yet.")
        ]
        found = self.query_one(MatchList)
        found.set_options(rows)
        lead = "Didn't help? ctrl+n starts a thread in "
        where = safe_line(self.board.name).plain
        hint = safe_line(f"{lead}{where} with your title.", MUTED)
        hint = hint.stylize("bold", 13, 19).stylize("bold", len(lead), len(lead) + len(where))
        self._hint(hint)

    @on(MatchList.OptionSelected, "#wizard-matches")
    def _match_chosen(self, event: MatchList.OptionSelected) -> None:
        from forum_tui.screens.jump import open_thread

        option_id = event.option.id or ""
        if option_id.startswith("thread-"):
            open_thread(self.forum_app, int(option_id.split("-")[1]))

    # -- then, and only then, a new thread

    def action_start_thread(self) -> None:
        from forum_tui.screens import compose

        board = self.board
        if board is None:
            self._hint("Pick what your problem is about first.", True)
            return
        title = self.title_typed
        if not title:
            self._hint("Describe your problem in a few words first: it becomes the title.", True)
            self.query_one("#wizard-title", Input).focus()
            return
        if self.shown_for != (board.slug, title):
            self._hint("Have a look at the matches first (they are on their way).", True)
            return
        refusal = compose.new_thread_refusal(board)
        if refusal:
            self._hint(refusal, True)
            return
        self.app.push_screen(compose.new_thread(board, title), self._posted)

    def _posted(self, result: views.PostResult | None) -> None:
        if result is not None:
            from forum_tui.screens.jump import open_thread

            self.app.pop_screen()
            open_thread(self.forum_app, result.thread_id)

    def _hint(self, message: str | Content, error: bool = False) -> None:
        """The line under the matches: our words (an error in the error colour), or
        ready-made content."""
        if isinstance(message, str):
            message = safe(message, "$text-error" if error else MUTED)  # may be the store's
        self.query_one("#wizard-hint", Static).update(message)


def _step(number: int, text: str):
    return join(label(f"{number} ", "bold reverse $text-accent"), " ", label(text, "bold"))


def _hit_row(hit: views.SearchHit, kind: str) -> Option:
    mark = label("✓ ", "$text-success") if kind == "solved" else label("? ", "$text-accent")
    title = safe_line(hit.thread_title)
    row = safe_line(f"{title.plain} · {hit.board_name}").stylize(MUTED, len(title.plain) + 1)
    return Option(join(mark, row), id=f"thread-{hit.thread_id}")


def _none(text: str) -> Option:
    return Option(join("  ", label(text, MUTED)), disabled=True)
