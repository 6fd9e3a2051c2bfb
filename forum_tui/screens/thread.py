"""A thread: its header, the accepted solution up top, then the posts, a page at a time.

Only a window of posts is ever mounted (at most ``MAX_MOUNTED``): pages load as the
reader nears either end, ``G`` on a 5,000-post thread loads just the last page, and posts
far from the cursor are unmounted again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.early_reads import FIRST_READ_WAIT, EarlyReads
from forum_tui.screens.link_dialog import offer_links
from forum_tui.screens.live import lists_changed
from forum_tui.screens.moderation_keys import MODERATION_BINDINGS  # --- moderation
from forum_tui.screens.status_actions import STATUS_ACTION_BINDINGS, StatusActions  # --- statuses
from forum_tui.screens.thread_actions import THREAD_ACTION_BINDINGS, ThreadActions  # --- actions
from forum_tui.screens.thread_moderation import ThreadModeration  # --- moderation
from forum_tui.screens.thread_replies import ThreadReplies  # --- composing
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.post_view import PostView
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.thread_head import solution_box, thread_head

PAGE = 16
MAX_MOUNTED = 80
#: Start loading the next page when the cursor is this close to an end of the window.
NEAR = 3
#: ... or when the last post in view is this close to the last one mounted (read ahead).
AHEAD = 8
#: Seconds a load of posts may take before the screen says "Loading posts…".
HINT_AFTER = 0.15


class PostStream(VerticalScroll, can_focus=False):
    """The scrolling column of the thread screen (keys are the screen's)."""


class ThreadScreen(
    StatusActions, ThreadModeration, ThreadActions, ThreadReplies, EarlyReads, ForumScreen
):
    """Read a thread: j/k from post to post, g/G to the ends, space to page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_post", "Next", show=False),
        Binding("k,up", "previous_post", "Prev", show=False),
        Binding("g,home", "first_post", "First", show=False),
        Binding("G,end", "last_post", "Last", show=False),
        Binding("space,pagedown", "page_down", "Page", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("a", "jump_to_solution", "Solution"),
        Binding("o", "open_link", "Open link", show=False),  # listed by ?; footer full at 80
        # --- composing (screens/compose.py)
        Binding("r", "reply", "Reply"),
        Binding("R", "reply_quoting", "Reply quoting", show=False),
        Binding("e", "edit_post", "Edit", show=False),
        *THREAD_ACTION_BINDINGS,  # --- thread actions (screens/thread_actions.py)
        *MODERATION_BINDINGS,  # --- moderation (screens/moderation_keys.py)
        *STATUS_ACTION_BINDINGS,  # --- statuses and votes (screens/status_actions.py)
        Binding("escape,q", "back", "Back"),
    ]

    #: --- search: words to mark in the posts (a result opened from screens/search.py)
    highlight_terms: tuple[str, ...] = ()

    def __init__(self, thread_id: int, position: int | None = None) -> None:
        super().__init__()
        self.thread_id = thread_id
        self.open_at = position  # --- thread actions: open at this post (J, notifications)
        self.thread: views.ThreadView | None = None
        self.current = 0
        self.more_after = False
        self.fetching = False  # a page of posts is on its way
        self.load_serial = 0  # which load's posts to show (later ones win)
        self.reshaping = False  # posts are being unmounted above the view
        self.held_keys: list[Callable[[], None]] = []  # keys pressed while reshaping
        self.marked = 0
        self.status_shown = ("Loading…", MUTED)  # what the line under the posts says

    def compose(self) -> ComposeResult:
        self.load_thread(self.open_at)  # read while the screen is built (``early_reads``)
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with PostStream(id="thread-stream"):
            yield Static(Content(""), id="thread-head", markup=False)
            yield Static(Content(""), id="thread-solution", markup=False)
            yield Label(label("Loading…", MUTED), id="thread-status", markup=False)
        # The footer is mounted once the first page is in (``on_mount``): its keys depend
        # on the thread, and a footer composed before would be composed again.

    @property
    def left(self) -> bool:
        """The reader left (the screen is closing): callbacks still due do nothing."""
        return not self.is_attached or self._pruning or self._closing

    @property
    def stream(self) -> PostStream:
        return self.query_one(PostStream)

    @property
    def posts(self) -> list[PostView]:
        return list(self.stream.query_children(PostView))

    async def on_mount(self) -> None:
        self.query_one("#thread-solution").display = False
        await self.hold_for_early_reads(FIRST_READ_WAIT)
        await self.mount(KeyFooter())

    # -- loading

    @work(thread=True, exclusive=True, group="thread")
    def load_thread(self, position: int | None = None) -> None:
        """Read the thread's head and the page at ``position`` (its first page if None)."""
        try:
            thread = self.forum.thread(self.viewer, self.thread_id)
            after = 0 if position is None else max(0, position - 1 - NEAR)
            page = self.forum.thread_posts(self.viewer, self.thread_id, after, PAGE)
        except Exception as error:
            self.app.call_from_thread(self.when_built, self._load_failed, plain_error(error))
        else:
            then = "first" if position is None else position
            self.app.call_from_thread(self.when_built, self._show_thread, thread, page, then)

    async def _show_thread(
        self, thread: views.ThreadView, page: views.Page, then: str | int
    ) -> None:
        """The header, the solution box and the posts, laid out in one pass (on opening,
        before the first paint)."""
        if self.left:
            return
        self.fetching = False
        self.thread = thread
        self.marked = max(self.marked, thread.last_read_position)  # read already: no write
        place = join(safe_line(thread.board.area_name), label(" › "), safe_line(thread.board.name))
        with self.app.batch_update():
            self.query_one(ForumHeader).set_place(place)
            self.query_one("#thread-head", Static).update(thread_head(thread, self.staff_mark))
            if thread.solution is not None:
                box = self.query_one("#thread-solution", Static)
                box.update(solution_box(thread.solution, self.staff_mark))
                box.display = True
            self.show_thread_extras(thread)  # --- thread actions: FAQ footer, solution box
            self.show_status(thread)  # --- statuses: the status panel (status_actions.py)
            self.refresh_bindings()
            await self._replace_posts(page, then)

    def _load_window(self, after: int, then: str | int) -> None:
        """Replace the mounted posts with the page after ``after``, then move the cursor.

        This wins over a read-ahead still on its way: that one's posts are dropped."""
        self._fetch(after, "replace", then)
        self._hint_loading()

    def _hint_loading(self) -> None:
        """Say "Loading posts…" if the load on its way takes longer than ``HINT_AFTER``
        (a quick one is not worth a frame of its own)."""
        serial = self.load_serial

        def hint() -> None:
            if self.fetching and serial == self.load_serial:
                self._status("Loading posts…", MUTED)

        self.set_timer(HINT_AFTER, hint)

    def _fetch(self, after: int, how: str, then: str | int, limit: int = PAGE) -> None:
        """Load posts after ``after`` and ``how`` ("replace", "append", "prepend") them."""
        self.load_serial += 1
        self.fetching = True
        self.load_posts(after, how, then, limit, self.load_serial)

    @work(thread=True, group="posts")  # not exclusive: later loads win by ``load_serial``
    def load_posts(self, after: int, how: str, then: str | int, limit: int, serial: int) -> None:
        try:
            page = self.forum.thread_posts(self.viewer, self.thread_id, after, limit)
        except Exception as error:
            self.app.call_from_thread(self._load_failed, plain_error(error))
        else:
            self.app.call_from_thread(self._posts_loaded, page, how, then, serial)

    async def _posts_loaded(self, page: views.Page, how: str, then: str | int, serial: int) -> None:
        if serial != self.load_serial or self.left:
            return  # a later load (G, g, a) replaced this one, or the reader left
        self.fetching = False
        if how == "replace":
            await self._replace_posts(page, then)
        elif how == "append":
            await self._append_posts(page, then)
        else:
            await self._prepend_posts(page, then)

    def _load_failed(self, message: str) -> None:
        self.fetching = False
        self._status(message, "$text-error")

    async def _replace_posts(self, page: views.Page, then: str | int) -> None:
        """Show ``page`` in place of the mounted posts (``G``, ``g``, a jump, a reload).

        The mounted widgets are given the new posts (``PostView.show``) rather than
        unmounted and mounted again: only the ones too many are removed, or the ones
        missing mounted. The cursor's bar moves with ``_move_to`` afterwards."""
        self.more_after = page.next_cursor is not None
        mounted, posts = self.posts, page.items
        now, show_new = self.current_time(), self._show_new
        for view, post in zip(mounted, posts, strict=False):
            view.show(post, now, show_new=show_new)
        if len(mounted) > len(posts):
            await self.stream.remove_children(mounted[len(posts) :])
        elif len(posts) > len(mounted):
            missing = [self._widget(post, now) for post in posts[len(mounted) :]]
            await self.stream.mount_all(missing, before="#thread-status")
        self._after_load(then)

    async def _append_posts(self, page: views.Page, then: str | int) -> None:
        self.more_after = page.next_cursor is not None
        await self.stream.mount_all(self._widgets(page), before="#thread-status")
        excess = len(self.posts) - MAX_MOUNTED
        if excess > 0:
            await self._unmount_above(excess)
        self._after_load(then)

    async def _unmount_above(self, count: int) -> None:
        """Unmount the ``count`` oldest posts without moving what the reader sees.

        The posts below shift up by the height of those removed, so the scroll offset
        moves up by the same amount in the same frame. Keys pressed meanwhile wait
        (``_when_steady``) and then act on the unchanged view: no post is ever skipped.
        """
        posts = self.posts
        gone, first_kept = posts[:count], posts[count]
        shift = first_kept.virtual_region.y - gone[0].virtual_region.y
        self.reshaping = True
        try:
            with self.app.batch_update():
                target = max(0, self.stream.scroll_y - shift)
                await self.stream.remove_children(gone)
                self.current = max(0, self.current - count)
                self.stream.scroll_to(y=target, animate=False, immediate=True, force=True)
        finally:
            self.reshaping = False
        self.call_after_refresh(self._release_keys)

    def _when_steady(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or once the posts being swapped are in place."""
        if self.reshaping or self.held_keys:
            self.held_keys.append(action)
        else:
            action()

    def _release_keys(self) -> None:
        if self.left:
            return
        held, self.held_keys = self.held_keys, []
        for action in held:
            action()

    async def _prepend_posts(self, page: views.Page, then: str | int) -> None:
        widgets = self._widgets(page)
        first = self.posts[0]
        await self.stream.mount_all(widgets, before=first)
        self.current += len(widgets)
        excess = len(self.posts) - MAX_MOUNTED
        if excess > 0:
            await self.stream.remove_children(self.posts[-excess:])
            self.more_after = True
        self._after_load(then)

    def _widgets(self, page: views.Page) -> list[PostView]:
        """Widgets for the posts of ``page`` not mounted already."""
        now = self.current_time()
        known = {post.position for post in self.posts}
        return [self._widget(post, now) for post in page.items if post.position not in known]

    def _widget(self, post: views.PostView, now: datetime) -> PostView:
        return PostView(post, now, self.staff_mark, show_new=self._show_new)

    @property
    def _show_new(self) -> bool:
        """Posts are marked "new" only for a reader coming back (on a first visit all are)."""
        return self.thread is not None and self.thread.last_read_position > 0

    def _after_load(self, then: str | int) -> None:
        """Show the cursor where ``then`` says: "first", "last", "keep" or a position."""
        posts = self.posts
        if not posts:
            self._status("No posts to show.", MUTED)
            return
        self._status("" if not self.more_after else "Loading more as you read…", MUTED)
        if then == "first":
            index = 0
        elif then == "last":
            index = len(posts) - 1
        elif then == "keep":
            index = min(self.current, len(posts) - 1)
        else:
            index = next((i for i, p in enumerate(posts) if p.position == then), 0)
        if self.highlight_terms:  # --- search: mark the words searched for
            from forum_tui.screens.search import highlight_posts

            highlight_posts(self)
        # The bar is drawn in the same frame as the posts; scrolling to it needs their
        # layout, so it waits for the refresh.
        index = self._mark_current(posts, index)
        self.call_after_refresh(self._move_to, index, then != "keep")

    def _status(self, message: str, style: str = "") -> None:
        """The line under the posts (unchanged text is not drawn again)."""
        if self.left or (message, style) == self.status_shown:
            return
        self.status_shown = (message, style)
        self.query_one("#thread-status", Label).update(label(message, style))

    def reload_in_place(self) -> None:
        """--- live (screens/live.py): posts others added show when the end is loaded."""
        posts = self.posts
        if self.thread is not None and posts and not self.more_after and not self.fetching:
            self._fetch(posts[-1].position, "append", "keep")

    # -- the cursor

    def _move_to(self, index: int, scroll: bool = True) -> None:
        if self.left:
            return
        posts = self.posts
        if not posts:
            return
        index = self._mark_current(posts, index)
        if scroll:
            if index == 0 and posts[0].position == 1:
                self.stream.scroll_home(animate=False, immediate=True)
            else:
                self.stream.scroll_to_widget(posts[index], animate=False, top=True, immediate=True)
        self.call_after_refresh(self._seen)

    def _mark_current(self, posts: list[PostView], index: int) -> int:
        """Make post ``index`` (kept in range) the current one, with the bar; its index."""
        index = max(0, min(index, len(posts) - 1))
        for post in posts:
            post.set_class(False, "-current")  # nothing is restyled where it was not set
        self.current = index
        posts[index].set_class(True, "-current")
        return index

    def _seen(self) -> None:
        """Mark the posts in view as read, and fetch more when the window's end shows."""
        if self.left:
            return
        visible = self._visible_positions()
        if visible and max(visible) > self.marked:
            self.marked = max(visible)
            self.mark_read(self.marked)
        posts = self.posts
        near_end = posts and (
            self.current >= len(posts) - NEAR
            or (visible and posts[-1].position - max(visible) <= AHEAD)
        )
        if near_end and not self.fetching and self.more_after:
            self._fetch(posts[-1].position, "append", "keep")

    def _visible_positions(self) -> list[int]:
        window = self.stream.region
        return [post.position for post in self.posts if post.region.overlaps(window)]

    @work(thread=True, exclusive=True, group="mark-read")
    def mark_read(self, position: int) -> None:
        try:
            self.forum.mark_read(self.viewer, self.thread_id, position)
        except Exception as error:
            self.log.error(error)
        else:
            self.app.call_from_thread(self._marked_read)

    def _marked_read(self) -> None:
        """The unread counts changed: the lists below read them again when shown (or now,
        if the reader went back before the mark was written)."""
        self.read_marks_moved()
        if self.left:
            lists_changed(self.app)

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.action_state(action, parameters)  # --- thread actions
        if state is None:
            state = self.moderation_state(action)  # --- moderation
        if state is None:
            state = self.status_action_state(action, parameters)  # --- statuses
        if state is not None:
            return state
        if action == "jump_to_solution":
            return self.thread is not None and self.thread.solution is not None
        return True

    def action_next_post(self) -> None:
        self._when_steady(self._next_post)

    def action_previous_post(self) -> None:
        self._when_steady(self._previous_post)

    def action_first_post(self) -> None:
        self._when_steady(self._first_post)

    def action_last_post(self) -> None:
        self._when_steady(self._last_post)

    def _next_post(self) -> None:
        if self.current < len(self.posts) - 1:
            self._move_to(self.current + 1)

    def _previous_post(self) -> None:
        posts = self.posts
        if self.current > 0:
            self._move_to(self.current - 1)
        elif posts and posts[0].position > 1 and not self.fetching:
            first = posts[0].position
            start = max(0, first - 1 - PAGE)
            self._fetch(start, "prepend", first - 1, first - 1 - start)

    def _first_post(self) -> None:
        posts = self.posts
        if posts and posts[0].position == 1:
            self._move_to(0)
        else:
            self._load_window(0, "first")

    def _last_post(self) -> None:
        posts = self.posts
        if self.thread is None or not posts:
            return
        if not self.more_after:
            self._move_to(len(posts) - 1)
        else:
            self._load_window(max(0, self.thread.post_count - PAGE), "last")

    def action_jump_to_solution(self) -> None:
        if self.thread is None or self.thread.solution is None:
            return
        position = self.thread.solution.position
        for index, post in enumerate(self.posts):
            if post.position == position:
                self._move_to(index)
                return
        self._load_window(max(0, position - 1 - NEAR), position)

    def action_page_down(self) -> None:
        self._when_steady(self._page_down)

    def action_page_up(self) -> None:
        self._when_steady(self._page_up)

    def _page_down(self) -> None:
        self._scroll_pages(1)

    def _page_up(self) -> None:
        self._scroll_pages(-1)

    def _scroll_pages(self, pages: int) -> None:
        """Scroll by a screenful now (not after a refresh, so quick presses add up)."""
        stream = self.stream
        height = stream.scrollable_content_region.height
        stream.scroll_to(y=stream.scroll_y + pages * height, animate=False, immediate=True)
        self.call_after_refresh(self._follow_scroll)

    def _follow_scroll(self) -> None:
        """After paging, the topmost post in view becomes the current one."""
        if self.left:
            return
        window = self.stream.region
        for index, post in enumerate(self.posts):
            if post.region.overlaps(window):
                self._move_to(index, scroll=False)
                return

    def action_open_link(self) -> None:
        """``o``: the current post's links, each opened only after a confirmation."""
        posts = self.posts
        if posts:
            offer_links(self.app, posts[min(self.current, len(posts) - 1)].links)

    def action_back(self) -> None:
        self.dismiss()

    def show_post(self, position: int) -> None:
        """Reload the thread (header and posts) with the cursor on post ``position``."""
        self.load_serial += 1  # posts still on their way are not shown
        self.fetching = True
        self._hint_loading()
        self.load_thread(position)
