"""``Q`` (moderators and staff): the report queue.

Left, the queue: one row per reported item (grouped), most reports first. Right, the
selected item in full with its reports (automatic ones in the rules' words), its context
and its author's record, so a moderator decides without opening anything. One key acts
(``d`` dismiss, ``x`` remove, ``e`` edit, and the keys of ``moderation_keys``); the queue
reloads and the cursor lands on the next item by itself, so a report costs one or two
keys. ``space`` marks items to act on several at once; ``c`` claims an item; ``/``
filters (kind, board, reason, age); ``o`` switches the sort; ``enter`` opens the thread.

Speed (``benchmarks/report_queue.py --pty``): the first page and the detail of the item
the cursor lands on are read by one worker started in ``compose``, and the screen holds
its first paint for both (``early_reads``): one paint, filled, instead of an empty
screen, the rows, then the detail, a whole-screen render each. Until the first page is
in, the keys count as allowed, so the footer does not rebuild itself when the rows
arrive; the status line is shown only when it has something to say (no layout change
otherwise). Rows are options of one list, never widgets.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.rules.wording import plural
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.early_reads import FIRST_READ_WAIT, EarlyReads
from forum_tui.screens.moderation_keys import (
    MODERATION_ACTIONS,
    MODERATION_BINDINGS,
    ModerationKeys,
    ModTarget,
    removal_reason,
)
from forum_tui.screens.queue_detail import item_detail, queue_row
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.safe import MUTED, label

PAGE = 50
NEAR_END = 5
#: Seconds between quiet refreshes while the queue is on screen (others work it too).
REFRESH_EVERY = 15.0
NOTHING = "The queue is empty: nothing is waiting for a moderator."
SORT_WORDS = {"reports": "most reports", "age": "oldest first"}


class QueueList(ForumList):
    """The queue's rows (options, not widgets)."""


class ReportQueueScreen(EarlyReads, ModerationKeys, ForumScreen):
    """The report queue: decide on the highlighted item with one key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "dismiss_item", "Dismiss"),
        *MODERATION_BINDINGS[:1],
        Binding("e", "edit_item", "Edit", show=False),
        *MODERATION_BINDINGS[1:],
        Binding("space", "mark", "Mark"),
        Binding("c", "claim", "Claim", show=False),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("o", "sort", "Sort", show=False),
        Binding("enter", "open_item", "Open", show=False),
        Binding("R", "refresh_queue", "Refresh", show=False),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[views.QueueItem] = []
        self.details: dict[str, views.QueueItemDetail] = {}
        self.marked: set[str] = set()
        self.flt = views.QueueFilter()
        self.next_cursor: str | None = None
        self.fetching = False
        self.now = datetime.min
        self.keep_index = 0
        self.keep_key: str | None = None
        self.first_page_in = False
        self.shown_before = False  # on screen once already (``on_screen_resume``)
        self.shown_key: str | None = None  # whose detail the pane shows
        self.coming_key: str | None = None  # whose detail the page's worker fetches

    def compose(self) -> ComposeResult:
        self.now = self.current_time()
        self.load_queue()  # read while the screen is built (``early_reads``)
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Horizontal(id="queue"):
            with Vertical(id="queue-left"):
                yield Label(label("Loading…", "bold"), id="queue-title", markup=False)
                yield QueueList(id="queue-list")
                status = Label(Content(""), id="queue-status", markup=False)
                status.display = False  # shown only to say something: no layout change
                yield status
            with VerticalScroll(id="queue-detail"):
                yield Static(Content(""), id="queue-item", markup=False)
        yield KeyFooter()

    @property
    def rows(self) -> QueueList:
        return self.query_one(QueueList)

    async def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Moderation › Report queue"))
        self.rows.focus()
        # The first page and its first item's detail join the first paint.
        await self.hold_for_early_reads(FIRST_READ_WAIT)
        self.set_interval(REFRESH_EVERY, self._quiet_refresh)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mod_undo":  # the last item handled may have emptied the queue
            return self.mod_allowed()
        if action in MODERATION_ACTIONS or action in ("dismiss_item", "edit_item", "claim"):
            # Allowed while the first page is on its way: the footer keeps its keys
            # (no rebuild when the rows come); with nothing current they do nothing.
            return self.mod_allowed() and (bool(self.items) or not self.first_page_in)
        return True

    # -- loading

    def load_queue(self, keep: int = 0, keep_key: str | None = None) -> None:
        """Fetch the first page again; the cursor goes back to ``keep_key`` if it is
        still there, else to row ``keep`` (the next item, after an action)."""
        self.keep_index = keep
        self.keep_key = keep_key
        self.next_cursor = None
        self.coming_key = None
        self._fetch(self.flt, None)

    @work(thread=True, exclusive=True, group="queue")
    def _fetch(self, flt: views.QueueFilter, cursor: str | None) -> None:
        """A page of the queue; with a first page, the detail of the item the cursor
        will land on, read before the page is shown so both come in one paint."""
        try:
            page = self.forum.report_queue(self.viewer, flt, cursor, PAGE)
        except Exception as error:
            self.app.call_from_thread(
                self.when_built, self._status, plain_error(error), "$text-error"
            )
            return
        fresh = cursor is None
        landing = self._landing(page.items) if fresh else None
        outcome = None
        if landing is not None:
            try:
                outcome = (self._detail_loaded, self.forum.report_item(self.viewer, landing))
            except Exception as error:
                outcome = (self._detail_failed, plain_error(error), landing)
        self.app.call_from_thread(self.when_built, self._show_page, page, fresh, landing, outcome)

    def _landing(self, items: tuple[views.QueueItem, ...] | list[views.QueueItem]) -> str | None:
        """The key of the item a fresh first page puts the cursor on: ``keep_key`` if it
        is still there, else row ``keep_index`` (the next item, after an action)."""
        keys = [item.key for item in items]
        if not keys:
            return None
        if self.keep_key in keys:
            return self.keep_key
        return keys[min(self.keep_index, len(keys) - 1)]

    def _show_page(
        self,
        page: views.Page[views.QueueItem],
        fresh: bool,
        landing: str | None,
        outcome: tuple | None,
    ) -> None:
        """Show a page. A ``fresh`` first page comes with ``landing``, the key of the
        item the cursor goes to (as the worker chose it; None for an empty queue), and
        ``outcome``, that item's detail or why not (``_detail_loaded`` or
        ``_detail_failed`` and its arguments), shown with it."""
        self.fetching = False
        self.first_page_in = True
        self.next_cursor = page.next_cursor
        rows = self.rows
        if fresh:
            self.items = []
            self.details.clear()
            self.shown_key = None  # a fresh load shows the landing item's detail afresh
            rows.clear_options()
            self.marked &= {item.key for item in page.items}
        known = {item.key for item in self.items}
        new = [item for item in page.items if item.key not in known]
        self.items.extend(new)
        rows.add_options(Option(self._row(item), id=item.key) for item in new)
        if fresh and landing is not None:
            self.coming_key = landing  # its detail is in ``outcome``
            rows.highlighted = [item.key for item in self.items].index(landing)
        self._title()
        self._status("" if self.items else NOTHING, MUTED)
        if not self.items:
            self.shown_key = None
            self.query_one("#queue-item", Static).update(Content(""))
        self.refresh_bindings()  # the footer rebuilds only if its keys change
        if outcome is not None:
            show, *arguments = outcome
            show(*arguments)

    def _row(self, item: views.QueueItem):
        return queue_row(item, self.now, marked=item.key in self.marked)

    def _title(self) -> None:
        count = len(self.items)
        more = "+" if self.next_cursor else ""
        parts = [
            f"{count}{more} {plural(count, 'item').split(' ', 1)[1]}",
            SORT_WORDS[self.flt.sort],
        ]
        for word in _filter_words(self.flt, self.community):
            parts.append(word)
        if self.marked:
            parts.append(f"{len(self.marked)} marked")
        self.query_one("#queue-title", Label).update(label(" · ".join(parts), "bold"))

    def _status(self, message: str, style: str = "") -> None:
        status = self.query_one("#queue-status", Label)
        if not message and not status.display:
            return  # hidden and staying so: no update, no layout pass
        status.update(label(message, style))
        status.display = bool(message)

    @on(OptionList.OptionHighlighted, "#queue-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_item(event.option.id or "")
        index = event.option_index
        if index >= len(self.items) - NEAR_END and self.next_cursor and not self.fetching:
            self.fetching = True
            self._fetch(self.flt, self.next_cursor)

    def _show_item(self, key: str) -> None:
        """The detail pane for ``key``: from what is known, else asked of the store
        (unless the page's worker is fetching it already)."""
        if key == self.shown_key or key == self.coming_key:
            return
        if key in self.details:
            self._show_detail(self.details[key])
        else:
            self._load_detail(key)

    @work(thread=True, exclusive=True, group="queue-detail")
    def _load_detail(self, key: str) -> None:
        try:
            detail = self.forum.report_item(self.viewer, key)
        except Exception as error:
            self.app.call_from_thread(self._detail_failed, plain_error(error), key)
        else:
            self.app.call_from_thread(self._detail_loaded, detail)

    def _detail_loaded(self, detail: views.QueueItemDetail) -> None:
        key = detail.item.key
        self.details[key] = detail
        if key == self.coming_key:
            self.coming_key = None
        current = self.current_item()
        if current is not None and current.key == key:
            self._show_detail(detail)

    def _detail_failed(self, message: str, key: str) -> None:
        if key == self.coming_key:
            self.coming_key = None
        current = self.current_item()
        if current is None or current.key == key:
            self.shown_key = None
            self.query_one("#queue-item", Static).update(label(message, "$text-error"))

    def _show_detail(self, detail: views.QueueItemDetail) -> None:
        self.shown_key = detail.item.key
        box = self.query_one("#queue-item", Static)
        box.update(item_detail(detail, self.now, self.staff_mark, self.viewer.id))
        self.query_one("#queue-detail", VerticalScroll).scroll_home(animate=False)

    def current_item(self) -> views.QueueItem | None:
        index = self.rows.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    # -- moderation_keys: what to act on, and after

    def mod_targets(self) -> list[ModTarget]:
        chosen = [item for item in self.items if item.key in self.marked]
        if not chosen:
            current = self.current_item()
            chosen = [current] if current is not None else []
        return [self._target(item) for item in chosen]

    def _target(self, item: views.QueueItem) -> ModTarget:
        detail = self.details.get(item.key)
        board_kind = detail.board_kind if detail is not None else _board_kind(self, item)
        if detail is not None and detail.board_kind == "ideas" and detail.idea_status == "closed":
            board_kind = "closed_ideas"
        return ModTarget(
            key=item.key,
            kind=item.kind,
            author_id=item.author.id,
            author_name=item.author.username,
            seen=item.report_ids,
            thread_id=item.thread_id,
            title=item.title,
            reason=item.reasons[0] if item.reasons else "",
            board_kind=board_kind,
            locked=detail.thread_locked if detail is not None else False,
        )

    def mod_finished(self, handled: list[str], stale: bool) -> None:
        self.marked -= set(handled)
        index = self.rows.highlighted or 0
        self.load_queue(keep=index)

    # -- the queue's own keys

    def action_dismiss_item(self) -> None:
        targets = self.mod_targets()
        if not targets:
            return
        self._mod_run(
            [
                (t.key, _bind(self.forum.dismiss_reports, self.viewer, t.key, seen=t.seen))
                for t in targets
            ]
        )

    def action_edit_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.kind != "post" or item.thread_id is None:
            self.notify("Messages can't be edited; remove it instead.", markup=False)
            return
        self._open_editor(item)

    @work(thread=True, exclusive=True, group="queue-edit")
    def _open_editor(self, item: views.QueueItem) -> None:
        try:
            thread = self.forum.thread(self.viewer, item.thread_id)
            position = item.position or 1
            posts = self.forum.thread_posts(self.viewer, item.thread_id, position - 1, 1).items
        except Exception as error:
            self.app.call_from_thread(self._mod_say, plain_error(error))
        else:
            if posts:
                self.app.call_from_thread(self._edit, item, thread, posts[0])

    def _edit(self, item: views.QueueItem, thread: views.ThreadView, post: views.PostView) -> None:
        from forum_tui.screens import compose

        def edited(result: views.PostResult | None) -> None:
            if result is not None:
                self._mod_run(
                    [
                        (
                            item.key,
                            _bind(
                                self.forum.resolve_after_edit,
                                self.viewer,
                                item.key,
                                seen=item.report_ids,
                            ),
                        )
                    ]
                )

        self.app.push_screen(compose.edit(thread, post), edited)

    def action_mark(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.key in self.marked:
            self.marked.discard(item.key)
        else:
            self.marked.add(item.key)
        self.rows.replace_option_prompt(item.key, self._row(item))
        self._title()
        self.rows.action_cursor_down()

    def action_claim(self) -> None:
        item = self.current_item()
        if item is not None:
            self._mod_run([("", _bind(self.forum.claim, self.viewer, item.key))])

    def action_sort(self) -> None:
        self.flt = replace(self.flt, sort="age" if self.flt.sort == "reports" else "reports")
        self.load_queue()

    def action_filter(self) -> None:
        from forum_tui.screens.queue_filter import choose_filter

        def chosen(flt: views.QueueFilter | None) -> None:
            if flt is not None:
                self.flt = flt
                self.marked.clear()
                self.load_queue()

        choose_filter(self.app, self.flt, chosen)

    def action_refresh_queue(self) -> None:
        current = self.current_item()
        self.load_queue(keep=self.rows.highlighted or 0, keep_key=current and current.key)

    def _quiet_refresh(self) -> None:
        """Other moderators work the queue too: refresh it now and then, keeping the
        cursor on the same item, unless items are marked or a page is on its way."""
        first_page = len(self.items) <= PAGE  # further pages are not fetched again
        if self.is_current and first_page and not self.marked and not self.fetching:
            self.action_refresh_queue()

    @on(OptionList.OptionSelected, "#queue-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_item()

    def action_open_item(self) -> None:
        item = self.current_item()
        if item is None or item.thread_id is None:
            return
        from forum_tui.screens.jump import open_thread

        open_thread(self.forum_app, item.thread_id, item.position)

    def action_back(self) -> None:
        self.dismiss()

    def on_screen_resume(self) -> None:
        # Back from a thread or the editor: the queue may have moved on. (The first
        # resume is the screen's opening, its first page just read.)
        if self.shown_before and self.items:
            self.action_refresh_queue()
        self.shown_before = True


def _bind(function, *args, **kwargs):
    return lambda: function(*args, **kwargs)


def _board_kind(screen: ReportQueueScreen, item: views.QueueItem) -> str | None:
    if item.board_slug is None:
        return None
    try:
        return screen.community.board(item.board_slug).kind
    except KeyError:
        return None


def _filter_words(flt: views.QueueFilter, community) -> list[str]:
    words = []
    if flt.kind:
        words.append({"post": "posts", "message": "messages", "automatic": "automatic"}[flt.kind])
    if flt.board_slug:
        try:
            words.append(community.board(flt.board_slug).name)
        except KeyError:
            words.append(flt.board_slug)
    if flt.reason:
        words.append(f"reason: {flt.reason}")
    if flt.age:
        words.append({"day": "under a day", "week": "under a week", "older": "older"}[flt.age])
    return words


__all__ = ["ReportQueueScreen", "removal_reason"]
