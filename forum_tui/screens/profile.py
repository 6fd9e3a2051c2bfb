"""``p``: the signed-in member's profile, and everything they follow (``r`` their rank
overview, ``e`` settings, ``a`` the Stars Program; others' profiles: member_profile.py).

Display name, username, rank (or staff title), avatar and how long they have been a
member; then their subscriptions (boards, threads, posts, the Community Blog), newest
first. ``enter`` opens one (a board in the home screen, a thread at the post); ``d`` or
``delete`` stops following it, and the row goes at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.rules.wording import plural
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import avatar_label, member_name, member_rank
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import short_date

KIND = 8
FIELD = 9
SINCE = 12
NOTHING = "You don't follow anything yet. Press s on a board, a thread or the blog to follow it."

KIND_WORDS = {"board": "Board", "thread": "Thread", "post": "Post", "blog": "Blog"}


def membership(since: datetime, now: datetime) -> str:
    """How long someone has been a member, roughly: "4 years", "5 months", "12 days"."""
    days = max(0, (now - since).days)
    if days >= 365:
        amount, unit = days // 365, "year"
    elif days >= 60:
        amount, unit = days // 30, "month"
    else:
        amount, unit = days, "day"
    return plural(amount, unit)


def date(when: datetime) -> str:
    return f"{when.day} {when:%b %Y}"


def subscription_columns() -> Columns:
    """Titles above the subscription rows, aligned with them."""
    return Columns(
        [
            [
                Cell(label("Kind", MUTED), KIND),
                Cell(label("Title", MUTED)),
                Cell(label("Since", MUTED), SINCE, "right"),
            ]
        ]
    )


def subscription_key(subscription: views.SubscriptionView) -> str:
    return f"{subscription.kind}:{subscription.target_id}"


def subscription_row(subscription: views.SubscriptionView, now: datetime) -> Columns:
    kind = KIND_WORDS.get(subscription.kind, subscription.kind.capitalize())
    return Columns(
        [
            [
                Cell(label(kind, "$text-accent"), KIND),
                Cell(safe_line(subscription.title)),
                Cell(label(short_date(subscription.created_at, now), MUTED), SINCE, "right"),
            ]
        ]
    )


class ProfileScreen(ForumScreen):
    """Who you are here, and what you follow."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,delete", "unsubscribe", "Unsubscribe"),
        Binding("r", "ranks", "Ranks"),  # --- issue 13: ranks, settings, Stars
        Binding("e", "settings", "Settings"),
        Binding("a", "stars", "Stars Program", show=False),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.subscriptions: dict[str, views.SubscriptionView] = {}
        self.now = datetime.min

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="profile", classes="main-pane"):
            yield Static(self._card(), id="profile-card", markup=False)
            yield Label(label("Subscriptions", "bold"), id="profile-subscriptions-title")
            yield Static(
                label("enter opens  ·  d removes  ·  r ranks  ·  e settings  ·  esc back", MUTED),
                id="profile-subscriptions-hint",
            )
            yield Static(subscription_columns(), id="subscription-columns")
            yield ForumList(id="subscription-list")
            yield Label(label("Loading…", MUTED), id="profile-status", markup=False)
        yield KeyFooter()

    def _card(self) -> Content:
        viewer = self.viewer
        now = self.current_time()
        lines = [
            join(
                member_name(viewer, self.staff_mark),
                label("  @", MUTED),
                safe_line(viewer.username, MUTED),
            ),
            join(label(f"{'Rank':<{FIELD}}", MUTED), member_rank(viewer, "bold $text-primary")),
            join(label(f"{'Avatar':<{FIELD}}", MUTED), avatar_label(viewer.avatar)),
            join(
                label(f"{'Member':<{FIELD}}", MUTED),
                label(f"for {membership(viewer.created_at, now)}, since {date(viewer.created_at)}"),
            ),
        ]
        return Content("\n").join(lines)

    @property
    def rows(self) -> ForumList:
        return self.query_one("#subscription-list", ForumList)

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Your profile"))
        self.now = self.current_time()
        self.rows.focus()
        self.load_subscriptions()

    def on_screen_resume(self) -> None:
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="subscriptions")
    def load_subscriptions(self) -> None:
        try:
            subscriptions = self.forum.subscriptions(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._show, subscriptions)

    def _show(self, subscriptions: tuple[views.SubscriptionView, ...]) -> None:
        self.subscriptions = {subscription_key(s): s for s in subscriptions}
        self.rows.set_options(
            Option(subscription_row(s, self.now), id=subscription_key(s)) for s in subscriptions
        )
        if self.rows.option_count:
            self.rows.highlighted = 0
        self._status("" if subscriptions else NOTHING, MUTED)
        self.refresh_bindings()

    def _status(self, message: str, style: str = "") -> None:
        status = self.query_one("#profile-status", Label)
        status.update(label(message, style))
        status.display = bool(message)

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unsubscribe":
            return bool(self.subscriptions)
        return True

    def highlighted(self) -> views.SubscriptionView | None:
        option = self.rows.highlighted_option
        return self.subscriptions.get(option.id or "") if option is not None else None

    def action_unsubscribe(self) -> None:
        subscription = self.highlighted()
        if subscription is not None:
            self.unsubscribe(subscription)

    @work(thread=True, group="unsubscribe")
    def unsubscribe(self, subscription: views.SubscriptionView) -> None:
        try:
            self.forum.unsubscribe(self.viewer, subscription.kind, subscription.target_id)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self._unsubscribed, subscription)

    def _unsubscribed(self, subscription: views.SubscriptionView) -> None:
        key = subscription_key(subscription)
        if key in self.subscriptions:
            del self.subscriptions[key]
            self.rows.remove_option(key)
        if not self.subscriptions:
            self._status(NOTHING, MUTED)
        self.refresh_bindings()
        self.notify(
            join(label("Unsubscribed from "), safe_line(subscription.title), label(".")).plain,
            markup=False,
        )

    def _refused(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    @on(OptionList.OptionSelected, "#subscription-list")
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        subscription = self.subscriptions.get(event.option.id or "")
        if subscription is None:
            return
        if subscription.thread_id is not None:
            from forum_tui.screens.jump import open_thread

            open_thread(self.forum_app, subscription.thread_id, subscription.position)
        elif subscription.board_slug is not None:
            self.forum_app.open_place("board", subscription.board_slug)

    def action_back(self) -> None:
        self.dismiss()

    # --- issue 13: r ranks, e settings, a the Stars Program

    def action_ranks(self) -> None:
        from forum_tui.screens.ranks import RankOverviewScreen

        self.app.push_screen(RankOverviewScreen())

    def action_settings(self) -> None:
        from forum_tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(), lambda _: self._refresh_card())

    def action_stars(self) -> None:
        from forum_tui.screens.stars import open_stars

        open_stars(self.forum_app)

    def _refresh_card(self) -> None:
        self.query_one("#profile-card", Static).update(self._card())
