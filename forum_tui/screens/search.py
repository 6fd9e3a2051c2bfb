"""``/``: search the whole community, with operators; results open at the matching post.

The query box sits on top (prefilled with the last query), a one-line reminder of the
operators below it, then the results: two lines each (kind, title, board, when; then the
snippet with the matched words highlighted, the author and the thread's marks). ``enter``
in the box searches (off the UI thread), then the results take the focus with the first
one highlighted (``enter`` opens it; the footer says so); ``tab`` or ``down`` moves into
the results,
``j``/``k``/``g``/``G`` move, ``enter`` opens the thread at the matching post (that post
is the current one, scrolled into view), ``esc`` there comes back here with the query and
the cursor kept. ``s`` switches between relevance and newest first (``sort:new``), ``/``
goes back to the query (offered only when not already there). A malformed query gets the
store's plain-words message under the box, in the error colour, and the query stays as typed.

Snippets are member text: each piece before, inside and after a match is sanitised on
its own (``widgets.safe``) and the pieces joined, so highlights land on the right words
even when sanitising changes lengths (a control byte shown as a visible stand-in).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.rules import search_query as sq
from forum_tui.rules.wording import plural
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.store import views
from forum_tui.store.errors import QueryError
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.markdown import MarkdownBody
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.when import ago

if TYPE_CHECKING:
    from forum_tui.screens.thread import ThreadScreen

PAGE = 20
#: Load the next page when the cursor is this close to the last result.
NEAR_END = 5
ICON = 2
BOARD = 18
WHEN = 12
WHO = BOARD + WHEN + 2
#: Characters of a snippet shown before its first match.
LEAD = 24
HIGHLIGHT = "bold $accent"
HINT = (
    '"a phrase"  -word  board:  author:  status:  is:solved  in:ideas  after:2026-01-31  sort:new'
)
NO_RESULTS_TIP = "Try fewer or other words, or drop an operator."

#: One glyph (one cell wide) per kind of hit.
KINDS = {"thread": "¶", "reply": "↩", "idea": "▲", "faq": "?", "blog": "✎"}

_WORD = re.compile(r"\w+")
_SORT_NEW = re.compile(r"(?i)(?<!\S)sort:(new|newest)(?!\S)")
_SORT_ANY = re.compile(r"(?i)(?<!\S)sort:\S*")


def toggle_sort(query: str) -> str:
    """``query`` sorted the other way: adds ``sort:new``, or takes it out again."""
    if _SORT_NEW.search(query):
        return " ".join(_SORT_ANY.sub(" ", query).split())
    return " ".join([*_SORT_ANY.sub(" ", query).split(), "sort:new"])


def sorted_newest(query: str) -> bool:
    return _SORT_NEW.search(query) is not None


def highlighted(text: str, ranges: tuple[tuple[int, int], ...], style: str = HIGHLIGHT) -> Content:
    """Plain member ``text`` made safe, with ``ranges`` (offsets into ``text``) styled.

    Each piece is sanitised separately, so a range keeps to its words whatever the
    sanitiser does to the lengths; overlapping or out-of-range offsets are clamped.
    Newlines and tabs become spaces first (same length: the offsets still hold).
    """
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    pieces: list[Content] = []
    at = 0
    for start, end in sorted(ranges):
        start, end = max(start, at), min(end, len(flat))
        if start >= end:
            continue
        pieces.append(safe(flat[at:start]))
        pieces.append(safe(flat[start:end], style))
        at = end
    pieces.append(safe(flat[at:]))
    return join(*pieces)


def lead_to_match(
    snippet: str, ranges: tuple[tuple[int, int], ...], lead: int = LEAD
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet cut so its first match is at most about ``lead`` characters in (a row
    shows only the start of the snippet), with the ranges shifted to match."""
    if not ranges:
        return snippet, ranges
    first = min(start for start, _end in ranges)
    if first <= lead:
        return snippet, ranges
    cut = first - lead
    space = snippet.find(" ", cut, first)
    cut = space + 1 if space >= 0 else cut
    shift = cut - 1  # the ellipsis takes one character
    moved = tuple((start - shift, end - shift) for start, end in ranges if start >= cut)
    return "…" + snippet[cut:], moved


def hit_marks(hit: views.SearchHit) -> list[Content]:
    marks: list[Content] = []
    if hit.removed:
        marks.append(label("removed", "$text-error"))
    if hit.solved:
        marks.append(label("✓ Solved", "$text-success"))
    if hit.status:
        marks.append(safe_line(hit.status, "$text-accent"))
    if hit.label and not hit.thread_title.lstrip().startswith(f"[{hit.label}]"):
        marks.append(join(label("["), safe_line(hit.label), label("]")))
    return marks


def hit_row(hit: views.SearchHit, now: datetime, staff_mark: str) -> Columns:
    """Kind, title, board and when; then the snippet, and who wrote it with the marks."""
    icon = label(KINDS.get(hit.kind, "•"), "$text-accent")
    title = safe_line(hit.thread_title, "bold")
    if hit.position > 1:
        title = join(title, label(f"  #{hit.position}", MUTED))
    who = join(*hit_marks(hit), member_name(hit.author, staff_mark, MUTED), separator=" · ")
    return Columns(
        [
            [
                Cell(icon, ICON),
                Cell(title),
                Cell(safe_line(hit.board_name, MUTED), BOARD, "right"),
                Cell(label(ago(hit.created_at, now), MUTED), WHEN, "right"),
            ],
            [
                Cell(Content(""), ICON),
                Cell(highlighted(*lead_to_match(hit.snippet, hit.match_ranges))),
                Cell(who, WHO, "right"),
            ],
        ]
    )


# -- the matched words in the opened thread


def mark_words(content: Content, terms: tuple[str, ...], style: str = HIGHLIGHT) -> Content:
    """``content`` with every word that starts with one of ``terms`` (folded) styled."""
    if not terms:
        return content
    plain = content.plain
    for match in _WORD.finditer(plain):
        word = sq.fold(match.group())
        if any(word.startswith(term) for term in terms):
            content = content.stylize(style, match.start(), match.end())
    return content


class HighlightedBody(MarkdownBody):
    """A post body (laid out as usual) with the search's words marked."""

    def __init__(self, body: MarkdownBody, terms: tuple[str, ...]) -> None:
        super().__init__(body.document)
        self.terms = terms
        self._marked: dict[int, Content] = {}

    def lines(self, width: int) -> Content:
        marked = self._marked.get(width)
        if marked is None:
            marked = mark_words(super().lines(width), self.terms)
            self._marked = {width: marked}
        return marked


def query_terms(query: str) -> tuple[str, ...]:
    """The folded words a query highlights ("" for none, or a malformed query)."""
    try:
        terms = sq.parse(query).highlight_terms()
    except sq.QueryError:
        return ()
    return tuple(sq.fold(term) for term in terms if term)


def highlight_posts(thread: ThreadScreen) -> None:
    """Mark the search's words in the thread's mounted posts (called by the thread
    screen after each load; posts already marked are left alone)."""
    terms = thread.highlight_terms
    if not terms:
        return
    for post in thread.posts:
        visual = post.body_visual
        if isinstance(visual, MarkdownBody) and not isinstance(visual, HighlightedBody):
            post.set_body(HighlightedBody(visual, terms))


class QueryInput(Input):
    """The search box (the footer says what enter does in it)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Search")]


class SearchResults(ForumList):
    """The hits (options, not widgets); asks for the next page near the end."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open at the post")]

    class NearEnd(Message):
        """The cursor is close to the last loaded result."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - NEAR_END:
            self.post_message(self.NearEnd())


class SearchScreen(ForumScreen):
    """Search box and results; see the module docstring for the keys."""

    AUTO_FOCUS = "#search-query"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_results", "Results", show=False),
        Binding("s", "toggle_sort", "Newest/relevance"),
        Binding("slash", "edit_query", "Edit search", key_display="/"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.query_text = ""
        self.hits: dict[str, views.SearchHit] = {}
        self.next_cursor: str | None = None
        self.loading_more = False
        self.generation = 0
        self.now = datetime.min

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="search", classes="main-pane"):
            yield QueryInput(
                self.initial_query,
                placeholder="Search the community (enter to search)",
                id="search-query",
            )
            yield Static(label(HINT, MUTED), id="search-hint", markup=False)
            yield Static(Content(""), id="search-message", markup=False)
            yield SearchResults(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Search"))
        self.now = self.current_time()
        field = self.query_input
        field.cursor_position = len(field.value)
        if not self.initial_query:
            self._say("Type what you are looking for and press enter.", MUTED)

    @property
    def query_input(self) -> QueryInput:
        return self.query_one("#search-query", QueryInput)

    @property
    def results(self) -> SearchResults:
        return self.query_one("#search-results", SearchResults)

    # -- searching

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search for ``query`` from the top (the results so far are dropped)."""
        query = query.strip()
        self.query_text = query
        self.forum_app.last_search = query
        self.generation += 1
        self.hits.clear()
        self.results.clear_options()
        self.next_cursor = None
        self.loading_more = True
        self.query_input.remove_class("-error")
        self._say("Searching…", MUTED)
        self._search(query, None, self.generation)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, cursor: str | None, generation: int) -> None:
        try:
            page = self.forum.search(self.viewer, query, cursor=cursor, limit=PAGE)
        except QueryError as error:
            self.app.call_from_thread(self._refused, generation, str(error) or plain_error(error))
        except Exception as error:
            self.log.error(error)
            self.app.call_from_thread(self._refused, generation, plain_error(error))
        else:
            self.app.call_from_thread(self._found, generation, page, cursor is None)

    def _found(self, generation: int, page: views.Page, first: bool) -> None:
        if generation != self.generation:
            return
        self.loading_more = False
        self.next_cursor = page.next_cursor
        results = self.results
        fresh = [hit for hit in page.items if str(hit.post_id) not in self.hits]
        for hit in fresh:
            self.hits[str(hit.post_id)] = hit
        staff_mark = self.staff_mark
        results.add_options(
            Option(hit_row(hit, self.now, staff_mark), id=str(hit.post_id)) for hit in fresh
        )
        if results.highlighted is None and results.option_count:
            results.highlighted = 0
        if first and results.option_count:
            results.focus()  # the first result is one key (enter) away; the footer says so
        if not self.hits:
            self._say_nothing_found()
            return
        count = len(self.hits)
        more = "+" if self.next_cursor else ""
        order = "newest first" if sorted_newest(self.query_text) else "best first"
        found = f"{count}+ results" if more else plural(count, "result")
        self._say(f"{found}, {order}.", MUTED)

    def _refused(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.loading_more = False
        self.query_input.add_class("-error")
        self._say(message, "$text-error")

    def _say_nothing_found(self) -> None:
        message = join(
            label("No results for "),
            label("“"),
            safe_line(self.query_text, "bold"),
            label("”. "),
            label(NO_RESULTS_TIP, MUTED),
        )
        self.query_one("#search-message", Static).update(message)

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#search-message", Static).update(label(message, style))

    @on(SearchResults.NearEnd)
    def _near_end(self, event: SearchResults.NearEnd) -> None:
        event.stop()
        if self.next_cursor is None or self.loading_more:
            return
        self.loading_more = True
        self._search(self.query_text, self.next_cursor, self.generation)

    # -- opening a result

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits.get(event.option.id or "")
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit: views.SearchHit) -> None:
        """Open the hit's thread with its post current and in view, and the words marked."""
        from forum_tui.screens.thread import ThreadScreen

        thread = ThreadScreen(hit.thread_id, position=hit.position)
        thread.highlight_terms = query_terms(self.query_text)
        self.app.push_screen(thread)

    @property
    def current_hit(self) -> views.SearchHit | None:
        results = self.results
        if results.highlighted is None:
            return None
        option = results.get_option_at_index(results.highlighted)
        return self.hits.get(option.id or "")

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_sort":
            return bool(self.query_input.value.strip())
        if action == "edit_query":  # not offered while already editing
            return not self.query_input.has_focus
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_to_results(self) -> None:
        if self.results.option_count:
            self.results.focus()

    def action_edit_query(self) -> None:
        self.query_input.focus()

    def action_toggle_sort(self) -> None:
        field = self.query_input
        field.value = toggle_sort(field.value)
        field.cursor_position = len(field.value)
        self.run_search(field.value)

    def action_back(self) -> None:
        self.dismiss()
