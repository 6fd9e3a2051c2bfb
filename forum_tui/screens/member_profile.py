"""Any member's profile (``P`` on a post in a thread, or ``open_profile(app, username)``).

Name with pronouns, username, rank, avatar (a Star's own glyph where the terminal can
draw it), joined date, counts, then their recent posts and accepted solutions: ``enter``
opens one at the post; ``r`` shows their place on the rank ladder.

Moderators and staff also see a suspension running now, and ``B`` suspends the member
or lifts it (``moderation_keys``, as in the queue and the thread view; the store checks
it), ``u`` undoes their last action.
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

from forum_tui.rules import moderation as rules
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.moderation_keys import ModerationKeys, ModTarget
from forum_tui.screens.profile import membership
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import avatar_label, member_name, member_rank
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import short_date

FIELD = 9


def open_profile(app, username: str) -> None:
    """Show ``username``'s profile (one's own too: the same public view)."""
    app.push_screen(MemberProfileScreen(username))


def profile_card(profile: views.ProfileView, staff_mark: str, now: datetime) -> Content:
    member = profile.member
    avatar = avatar_label(member.avatar, profile.custom_glyph)
    joined = profile.joined_at
    lines = [
        join(
            member_name(member, staff_mark), label("  @", MUTED), safe_line(member.username, MUTED)
        ),
        join(label(f"{'Rank':<{FIELD}}", MUTED), member_rank(member, "bold $text-primary")),
        join(label(f"{'Avatar':<{FIELD}}", MUTED), avatar),
        join(
            label(f"{'Member':<{FIELD}}", MUTED),
            label(f"for {membership(joined, now)}, since {joined.day} {joined:%b %Y}"),
        ),
        join(
            label(f"{'Activity':<{FIELD}}", MUTED),
            label(
                f"{profile.threads} threads · {profile.replies} replies · "
                f"{profile.solutions} solutions · {profile.likes_received} likes received"
            ),
        ),
    ]
    if profile.pronouns:
        lines.insert(1, join(label(f"{'Pronouns':<{FIELD}}", MUTED), safe_line(profile.pronouns)))
    return Content("\n").join(lines)


def post_row(post: views.ProfilePost, now: datetime) -> Content:
    mark = label("✓ ", "bold $text-success") if post.is_solution else label("  ")
    likes = label(f"  ♥ {post.like_count}", MUTED) if post.like_count else label("")
    return join(
        mark,
        safe_line(post.thread_title, "bold"),
        label(f"  #{post.position}  {short_date(post.created_at, now)}", MUTED),
        likes,
        label("\n    "),
        safe_line(post.excerpt, MUTED),
    )


def suspension_line(until: datetime) -> Content:
    """For moderators: the suspension running now, and the key that lifts it."""
    words = f"{'Status':<{FIELD}}suspended until {rules.suspended_until_words(until)} (B lifts it)"
    return label(words, "bold $text-warning")


class MemberProfileScreen(ModerationKeys, ForumScreen):
    """A member's public profile, with their recent posts and solutions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "ranks", "Ranks"),
        Binding("plus", "award", "Award points", key_display="+"),  # staff, for a Star
        Binding("S", "spotify_star", "Make Spotify Star"),  # staff, for a Star
        Binding("B", "mod_suspend", "Suspend or lift"),  # moderators and staff
        Binding("u", "mod_undo", "Undo", show=False),  # moderators and staff
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, username: str) -> None:
        super().__init__()
        self.username = username
        self.posts: dict[str, views.ProfilePost] = {}
        self.now = datetime.min
        self.profile: views.ProfileView | None = None

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="member-profile", classes="main-pane"):
            yield Static(label("Loading…", MUTED), id="member-card", markup=False)
            yield Label(label("Recent posts and solutions", "bold"), id="member-posts-title")
            yield ForumList(id="member-posts")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.now = self.current_time()
        self.query_one(ForumHeader).set_place(join(label("Profile › "), safe_line(self.username)))
        self.query_one("#member-posts").focus()
        self.load()

    @work(thread=True, exclusive=True, group="member-profile")
    def load(self) -> None:
        try:
            profile = self.forum.member_profile(self.viewer, self.username)
        except Exception as error:
            self.app.call_from_thread(self._card, label(plain_error(error), "$text-error"))
            return
        until = None
        if self.mod_allowed():
            try:
                until = self.forum.member_suspension(self.viewer, profile.member.id)
            except Exception:  # a suspended moderator: the profile still shows
                until = None
        self.app.call_from_thread(self._show, profile, until)

    def _card(self, content: Content) -> None:
        self.query_one("#member-card", Static).update(content)

    def _show(self, profile: views.ProfileView, suspended_until: datetime | None = None) -> None:
        self.profile = profile
        self.refresh_bindings()
        card = profile_card(profile, self.staff_mark, self.now)
        if suspended_until is not None:
            card = Content("\n").join([card, suspension_line(suspended_until)])
        self._card(card)
        rows = self.query_one("#member-posts", ForumList)
        options: list[Option] = []
        self.posts = {}
        seen = set()
        for post in (*profile.recent_solutions, *profile.recent_posts):
            if post.post_id in seen:
                continue
            seen.add(post.post_id)
            key = str(post.post_id)
            self.posts[key] = post
            options.append(Option(post_row(post, self.now), id=key))
        if not options:
            options.append(Option(label("No posts yet.", MUTED), disabled=True))
        rows.set_options(options)
        if self.posts:
            rows.highlighted = 0

    @on(OptionList.OptionSelected, "#member-posts")
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        post = self.posts.get(event.option.id or "")
        if post is not None:
            from forum_tui.screens.jump import open_thread

            open_thread(self.forum_app, post.thread_id, post.position)

    def action_ranks(self) -> None:
        from forum_tui.screens.ranks import RankOverviewScreen

        self.app.push_screen(RankOverviewScreen(self.username))

    def action_back(self) -> None:
        self.dismiss()

    # -- moderation_keys: the member is the target (B suspends or lifts, u undoes)

    def mod_targets(self) -> list[ModTarget]:
        profile = self.profile
        if profile is None or profile.is_self:
            return []
        member = profile.member
        return [
            ModTarget(
                key=f"member:{member.id}",
                kind="member",
                author_id=member.id,
                author_name=member.username,
            )
        ]

    def mod_finished(self, handled: list[str], stale: bool) -> None:
        self.load()

    # -- staff: Star points and the top rank

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mod_suspend":
            profile = self.profile
            return self.mod_allowed() and profile is not None and not profile.is_self
        if action == "mod_undo":
            return self.mod_allowed()
        if action in ("award", "spotify_star"):
            profile = self.profile
            return (
                self.viewer.role == "staff"
                and profile is not None
                and profile.member.role == "star"
            )
        return True

    def action_award(self) -> None:
        from forum_tui.screens.fields_dialog import FieldsDialog

        username = self.username
        forum, viewer = self.forum, self.viewer

        def award(values: tuple[str, ...]) -> str | None:
            points, reason = values
            try:
                amount = int(points.strip())
            except ValueError:
                return "Points: a whole number, e.g. 25 (or -10 to correct)."
            forum.award_star_points(viewer, username, amount, reason)
            return None

        dialog = FieldsDialog(
            f"Star points for {username}",
            [("Points", "e.g. 25"), ("Reason (the Star sees it)", "e.g. A clear guide to Connect")],
            award,
        )
        self.app.push_screen(dialog, self._awarded)

    def _awarded(self, done: bool | None) -> None:
        if done:
            self.notify("Points added to the ledger.", markup=False)
            self.load()

    def action_spotify_star(self) -> None:
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        top = self.community.ranks.top_star
        question = ConfirmDialog(
            f"Make {self.username} a {top}?",
            [label(f"{top} is the top Stars rank; points alone never reach it.")],
            go=f"Make {top}",
            go_variant="primary",
        )
        self.app.push_screen(question, self._spotify_answer)

    def _spotify_answer(self, answer: bool | None) -> None:
        if answer:
            self.make_spotify_star()

    @work(thread=True, group="spotify-star")
    def make_spotify_star(self) -> None:
        try:
            badge = self.forum.make_spotify_star(self.viewer, self.username)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(
                self.notify, f"{badge.username} is now a {badge.rank}.", markup=False
            )
            self.app.call_from_thread(self.load)
